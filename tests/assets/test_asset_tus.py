"""Resumable uploads (tus 1.0.0) with the real ``tuspy`` client against the app served by
uvicorn on a localhost port, on local storage and on moto's S3 server: uploads that become
versions, a PATCH cut at an arbitrary byte and resumed, checksums, offsets, termination,
expiry and the purge job, refused types, size limits, scopes and another asset's upload."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import os
import re
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import anyio
import httpx
import obstore
import pytest
import uvicorn
from factories import assert_problem
from pydantic import SecretStr
from sqlalchemy import update
from tusclient import client as tus_client

from prm_api.app import create_app
from prm_api.assets import tus, tus_protocol
from prm_api.models import AssetUpload, AssetVersion
from prm_api.storage import Storage, blob_key, get_storage, upload_file

MAX_CHUNK = 16 * 1024 * 1024
TUS = {"Tus-Resumable": "1.0.0"}
PATCH_TYPE = {"Content-Type": "application/offset+octet-stream"}


def pdf_bytes(size: int, seed: int = 1) -> bytes:
    """A PDF-looking file of ``size`` bytes (sniffed as application/pdf)."""
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    body = hashlib.shake_256(str(seed).encode()).digest(size - len(head) - 6)
    return head + body + b"%%EOF\n"


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    ).create_bucket(Bucket="prm-tus")
    try:
        yield endpoint
    finally:
        server.stop()


@pytest.fixture(scope="module", params=["local", "s3"])
def live(request: pytest.FixtureRequest, database_url: str, tmp_path_factory) -> Iterator[Any]:
    """The app on 127.0.0.1:<free port> (uvicorn in a thread, its own loop and engine)."""
    overrides: dict[str, Any] = {"tus_max_chunk_bytes": MAX_CHUNK, "log_level": "WARNING"}
    if request.param == "local":
        root = tmp_path_factory.mktemp("tus-blobs")
        overrides["storage_url"] = f"file://{root}"
    else:
        endpoint = request.getfixturevalue("moto_endpoint")
        overrides |= {
            "storage_url": f"s3://prm-tus/t-{uuid.uuid4().hex}",
            "storage_s3_endpoint": endpoint,
            "storage_s3_access_key_id": "testing",
            # model_copy does not validate: the secret goes in as the type it is held as.
            "storage_s3_secret_access_key": SecretStr("testing"),
        }
    # The session's test settings with these changes (not conftest's make_settings by import:
    # with tests/contract/conftest.py loaded first, `conftest` names that module).
    settings = request.getfixturevalue("settings").model_copy(update=overrides)
    app = create_app(settings, database_url=database_url)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    app.state.base_url = f"http://127.0.0.1:{port}"
    app.state.storage = get_storage(settings)
    try:
        yield app
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture
async def http(live) -> Any:
    async with httpx.AsyncClient(base_url=live.state.base_url, timeout=60) as c:
        yield c


@pytest.fixture
def storage(live) -> Storage:
    return live.state.storage


async def parts_of(storage: Storage, url: str) -> list[str]:
    """The objects stored for the upload at ``url`` (its parts)."""
    return await storage.list_keys(f"uploads/{uuid.UUID(url.rsplit('/', 1)[1]).hex}/")


async def stored_bytes(storage: Storage, url: str) -> int:
    """How many bytes are stored for the upload at ``url`` (its parts or its staging file)."""
    keys = await parts_of(storage, url)
    return sum([(await obstore.head_async(storage.store, key))["size"] for key in keys])


async def file_asset(store) -> uuid.UUID:
    return (await store.asset("draft", with_version=False, kind="document")).id


async def create(http, asset_id, headers, length: int, metadata: str | None = None) -> str:
    extra = {"Upload-Metadata": metadata} if metadata else {}
    r = await http.post(
        f"/v1/assets/{asset_id}/uploads",
        headers={**headers, **TUS, "Upload-Length": str(length), **extra},
    )
    assert r.status_code == 201, r.text
    assert r.headers["Tus-Resumable"] == "1.0.0"
    assert r.headers["Location"].startswith(f"/v1/assets/{asset_id}/uploads/")
    return r.headers["Location"]


async def offset_of(http, url: str, headers) -> int:
    r = await http.head(url, headers={**headers, **TUS})
    assert r.status_code == 200, r.status_code
    assert r.headers["Cache-Control"] == "no-store"
    return int(r.headers["Upload-Offset"])


def tuspy_upload(
    live, headers, asset_id, data: bytes, *, chunk_size: int, url: str | None = None, **kw: Any
) -> str:
    """Upload with tuspy (sync, requests): a new upload, or resume ``url`` from its offset."""
    client = tus_client.TusClient(f"{live.state.base_url}/v1/assets/{asset_id}/uploads", headers)
    uploader = client.uploader(
        file_stream=io.BytesIO(data),
        chunk_size=chunk_size,
        url=f"{live.state.base_url}{url}" if url else None,
        **kw,
    )
    uploader.upload()
    return str(uploader.url)


async def test_tuspy_upload_becomes_the_current_version(live, http, store, auth, storage):
    headers = await auth.headers("admin")
    asset_id = await file_asset(store)
    data = pdf_bytes(5 * 1024 * 1024 + 12345)
    mark = await store.mark()
    # Chunks above the global 1 MiB body limit, with sha1 checksums (tus checksum extension).
    url = await anyio.to_thread.run_sync(
        lambda: tuspy_upload(
            live,
            headers,
            asset_id,
            data,
            chunk_size=2 * 1024 * 1024 + 7,
            metadata={"filename": "../../etc/Deck\x07 Q3.pdf", "filetype": "text/plain"},
            upload_checksum=True,
        )
    )
    r = await http.get(f"/v1/assets/{asset_id}", headers=headers)
    current = r.json()["current_version"]
    assert current["number"] == 1
    assert current["sha256"] == hashlib.sha256(data).hexdigest()
    assert current["size_bytes"] == len(data)
    assert current["content_type"] == "application/pdf"  # from the bytes, not filetype
    assert current["filename"] == "Deck Q3.pdf"
    assert await storage.read(current["sha256"]) == data
    event = await store.one_since(mark, "asset.version_added")
    assert event.data["object"]["sha256"] == current["sha256"]
    # The parts are gone; the finished upload still answers HEAD (offset = length).
    path = url.removeprefix(live.state.base_url)
    assert await parts_of(storage, path) == []
    r = await http.head(path, headers={**headers, **TUS})
    assert r.headers["Upload-Offset"] == r.headers["Upload-Length"] == str(len(data))
    assert "Upload-Expires" not in r.headers

    # A second upload of the same bytes: version 2, one blob.
    await anyio.to_thread.run_sync(
        lambda: tuspy_upload(live, headers, asset_id, data, chunk_size=len(data))
    )
    versions = await store.count(AssetVersion, AssetVersion.asset_id == asset_id)
    assert versions == 2
    assert await storage.list_keys(f"sha256/{current['sha256'][:2]}/{current['sha256'][2:4]}/") == [
        f"sha256/{current['sha256'][:2]}/{current['sha256'][2:4]}/{current['sha256']}"
    ]


async def _cut_patch(live, path: str, headers, data: bytes, offset: int, sent: int) -> None:
    """A PATCH announcing all of ``data[offset:]`` whose connection drops after ``sent`` bytes."""
    host, port = live.state.base_url.removeprefix("http://").split(":")
    _reader, writer = await asyncio.open_connection(host, int(port))
    lines = [
        f"PATCH {path} HTTP/1.1",
        f"Host: {host}:{port}",
        "Tus-Resumable: 1.0.0",
        "Content-Type: application/offset+octet-stream",
        f"Upload-Offset: {offset}",
        f"Content-Length: {len(data) - offset}",
        f"Authorization: {headers['Authorization']}",
    ]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    view = memoryview(data)[offset : offset + sent]
    for start in range(0, len(view), 256 * 1024):
        writer.write(view[start : start + 256 * 1024])
        await writer.drain()
    # The client goes away mid-body (FIN: every byte sent arrives first, so the offset to
    # expect is exact; a reset may lose bytes in flight, which the client then resends).
    writer.close()
    await writer.wait_closed()


async def _settled_offset(http, path, headers, expected: int) -> int:
    """The offset once the cut request has finished: ``expected`` as soon as it is reached
    (then checked to stay there), else whatever it settled at after 30 s. Not "the same answer
    three times running": on a loaded machine the server may not have written the first
    segment to the object store yet, and an offset of 0 would look settled."""
    seen: list[int] = []
    for _ in range(300):
        seen.append(await offset_of(http, path, headers))
        if seen[-1] == expected:
            await asyncio.sleep(0.3)
            return await offset_of(http, path, headers)
        await asyncio.sleep(0.1)
    return seen[-1]


async def test_interrupted_patch_keeps_the_bytes_and_tuspy_resumes(live, http, store, auth):
    headers = await auth.headers("admin")
    asset_id = await file_asset(store)
    data = pdf_bytes(14 * 1024 * 1024 + 4321, seed=2)
    path = await create(http, asset_id, headers, len(data), "filename ZGVjay5wZGY=")
    # Cut past the first segment (a part committed mid-stream) at an odd byte: every byte
    # received is kept (the tail is written when the connection drops).
    cut = tus_protocol.SEGMENT_BYTES + 1_234_567
    await _cut_patch(live, path, headers, data, 0, cut)
    first = await _settled_offset(http, path, headers, cut)
    assert first == cut
    assert first % tus_protocol.SEGMENT_BYTES != 0
    # Cut again, from there: less than a segment, all of it a tail.
    await _cut_patch(live, path, headers, data, first, 3_000_001)
    second = await _settled_offset(http, path, headers, first + 3_000_001)
    assert second == first + 3_000_001
    assert await store.count(AssetVersion, AssetVersion.asset_id == asset_id) == 0

    # tuspy resumes from HEAD's offset (chunks above the 1 MiB global limit).
    await anyio.to_thread.run_sync(
        lambda: tuspy_upload(live, headers, asset_id, data, chunk_size=3 * 1024 * 1024, url=path)
    )
    r = await http.get(f"/v1/assets/{asset_id}", headers=headers)
    current = r.json()["current_version"]
    assert current["sha256"] == hashlib.sha256(data).hexdigest()
    assert current["filename"] == "deck.pdf"
    assert await live.state.storage.read(current["sha256"]) == data


async def test_checksum_mismatch_is_460_and_appends_nothing(live, http, store, auth, storage):
    headers = await auth.headers("admin")
    asset_id = await file_asset(store)
    data = pdf_bytes(3000)
    path = await create(http, asset_id, headers, len(data))
    wrong = base64.b64encode(hashlib.sha1(b"other").digest()).decode()
    r = await http.patch(
        path,
        content=data[:1000],
        headers={
            **headers,
            **TUS,
            **PATCH_TYPE,
            "Upload-Offset": "0",
            "Upload-Checksum": f"sha1 {wrong}",
        },
    )
    assert_problem(r, 460, "checksum_mismatch")
    assert r.headers["Tus-Resumable"] == "1.0.0"
    assert await offset_of(http, path, headers) == 0
    assert await stored_bytes(storage, path) == 0
    r = await http.patch(
        path,
        content=data[:1000],
        headers={
            **headers,
            **TUS,
            **PATCH_TYPE,
            "Upload-Offset": "0",
            "Upload-Checksum": "crc32 AAAA",
        },
    )
    assert_problem(r, 400, "checksum_algorithm_unsupported")
    # An empty digest (`sha1 ` arrives as `sha1`: the trailing space is stripped) is refused;
    # the document's pattern refuses it too, so no client is told it is valid.
    r = await http.patch(
        path,
        content=data[:1000],
        headers={**headers, **TUS, **PATCH_TYPE, "Upload-Offset": "0", "Upload-Checksum": "sha1"},
    )
    assert_problem(r, 400, "bad_request")
    assert not re.match(tus_protocol.CHECKSUM_HEADER, "sha1 ")
    assert not re.match(tus_protocol.CHECKSUM_HEADER, "sha1")
    assert re.match(tus_protocol.CHECKSUM_HEADER, f"sha1 {wrong}")
    right = base64.b64encode(hashlib.sha256(data[:1000]).digest()).decode()
    r = await http.patch(
        path,
        content=data[:1000],
        headers={
            **headers,
            **TUS,
            **PATCH_TYPE,
            "Upload-Offset": "0",
            "Upload-Checksum": f"sha256 {right}",
        },
    )
    assert r.status_code == 204, r.text
    assert r.headers["Upload-Offset"] == "1000"
    assert "Upload-Expires" in r.headers


async def test_wrong_offset_is_409_and_past_length_is_413(live, http, store, auth):
    headers = await auth.headers("admin")
    asset_id = await file_asset(store)
    data = pdf_bytes(3000)
    path = await create(http, asset_id, headers, len(data))
    patch = {**headers, **TUS, **PATCH_TYPE}
    r = await http.patch(path, content=data[:10], headers={**patch, "Upload-Offset": "5"})
    assert_problem(r, 409, "offset_mismatch")
    r = await http.patch(path, content=data[:100], headers={**patch, "Upload-Offset": "0"})
    assert r.status_code == 204
    r = await http.patch(path, content=data[:100], headers={**patch, "Upload-Offset": "0"})
    assert_problem(r, 409, "offset_mismatch")
    r = await http.patch(path, content=data[100:] + b"x", headers={**patch, "Upload-Offset": "100"})
    assert_problem(r, 413, "payload_too_large")

    # Streamed without Content-Length (chunked), too long all the same.
    async def chunks():
        yield data[100:]
        yield b"xx"

    r = await http.patch(path, content=chunks(), headers={**patch, "Upload-Offset": "100"})
    assert_problem(r, 413, "payload_too_large")
    assert await offset_of(http, path, headers) == 100
    # One PATCH above PRM_TUS_MAX_CHUNK_BYTES (declared) is refused before reading.
    big = await create(http, asset_id, headers, MAX_CHUNK + 10)
    r = await http.patch(
        big, content=b"\0" * (MAX_CHUNK + 1), headers={**patch, "Upload-Offset": "0"}
    )
    assert_problem(r, 413, "payload_too_large")
    # Other routes keep the global 1 MiB limit.
    r = await http.post(
        "/v1/assets", content=b"{" + b" " * (1024 * 1024 + 10) + b"}",
        headers={**headers, "Content-Type": "application/json"},
    )  # fmt: skip
    assert_problem(r, 413, "payload_too_large")
    # The wrong media type.
    r = await http.patch(
        path, content=b"x", headers={**headers, **TUS, "Upload-Offset": "100",
                                       "Content-Type": "application/octet-stream"},
    )  # fmt: skip
    assert r.status_code == 415


async def test_termination_deletes_upload_and_bytes(live, http, store, auth, storage):
    headers = await auth.headers("admin")
    asset_id = await file_asset(store)
    data = pdf_bytes(5000)
    path = await create(http, asset_id, headers, len(data))
    r = await http.patch(
        path, content=data[:2000], headers={**headers, **TUS, **PATCH_TYPE, "Upload-Offset": "0"}
    )
    assert r.status_code == 204
    assert len(await parts_of(storage, path)) == 1
    r = await http.delete(path, headers={**headers, **TUS})
    assert r.status_code == 204
    assert r.headers["Tus-Resumable"] == "1.0.0"
    r = await http.head(path, headers={**headers, **TUS})
    assert r.status_code == 404
    assert await parts_of(storage, path) == []
    assert await store.count(AssetUpload) == 0


async def test_expired_upload_is_410_and_purged(live, http, store, auth, storage, sessionmaker):
    headers = await auth.headers("admin")
    asset_id = await file_asset(store)
    data = pdf_bytes(5000)
    path = await create(http, asset_id, headers, len(data))
    r = await http.head(path, headers={**headers, **TUS})
    assert "GMT" in r.headers["Upload-Expires"]
    r = await http.patch(
        path, content=data[:2000], headers={**headers, **TUS, **PATCH_TYPE, "Upload-Offset": "0"}
    )
    assert r.status_code == 204
    other = await create(http, asset_id, headers, len(data))  # not expired: survives
    upload_id = uuid.UUID(path.rsplit("/", 1)[1])
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(AssetUpload)
            .where(AssetUpload.id == upload_id)
            .values(expires_at=AssetUpload.expires_at - timedelta(days=2))
        )
    r = await http.head(path, headers={**headers, **TUS})
    assert r.status_code == 410
    r = await http.patch(
        path, content=data[2000:], headers={**headers, **TUS, **PATCH_TYPE, "Upload-Offset": "2000"}
    )
    assert_problem(r, 410, "upload_expired")
    # Two purges at once (two workers): each upload is removed once, the rest stays.
    counts = await asyncio.gather(
        tus.purge_expired(sessionmaker, storage), tus.purge_expired(sessionmaker, storage)
    )
    assert sorted(counts) == [0, 1]
    assert await tus.purge_expired(sessionmaker, storage) == 0
    assert await parts_of(storage, path) == []
    r = await http.head(path, headers={**headers, **TUS})
    assert r.status_code == 404
    assert await offset_of(http, other, headers) == 0


async def test_refused_type_is_422_and_keeps_nothing(live, http, store, auth, storage):
    headers = await auth.headers("admin")
    asset_id = await file_asset(store)
    elf = b"\x7fELF\x02\x01\x01" + b"\0" * 9 + os.urandom(4000)
    path = await create(http, asset_id, headers, len(elf), "filename cmVwb3J0LnBkZg==")
    patch = {**headers, **TUS, **PATCH_TYPE}
    r = await http.patch(path, content=elf[:1000], headers={**patch, "Upload-Offset": "0"})
    assert r.status_code == 204
    r = await http.patch(path, content=elf[1000:], headers={**patch, "Upload-Offset": "1000"})
    assert_problem(r, 422, "content_type_refused")
    assert r.headers["Tus-Resumable"] == "1.0.0"
    assert (await http.head(path, headers={**headers, **TUS})).status_code == 404
    assert await parts_of(storage, path) == []
    assert not await storage.exists(hashlib.sha256(elf).hexdigest())
    assert await store.count(AssetVersion, AssetVersion.asset_id == asset_id) == 0


async def test_protocol_headers_and_creation_rules(live, http, store, auth):
    headers = await auth.headers("admin")
    asset_id = await file_asset(store)
    base = f"/v1/assets/{asset_id}/uploads"
    r = await http.options(base)
    assert r.status_code == 204
    assert r.headers["Tus-Version"] == "1.0.0"
    assert set(r.headers["Tus-Extension"].split(",")) == {
        "creation", "expiration", "checksum", "termination"
    }  # fmt: skip
    assert "sha1" in r.headers["Tus-Checksum-Algorithm"].split(",")
    assert int(r.headers["Tus-Max-Size"]) == live.state.settings.asset_max_bytes
    # Without or with another Tus-Resumable: 412 with Tus-Version (after the token's check).
    for extra in ({}, {"Tus-Resumable": "0.2.2"}):
        r = await http.post(base, headers={**headers, **extra, "Upload-Length": "10"})
        assert_problem(r, 412, "tus_version_unsupported")
        assert r.headers["Tus-Version"] == "1.0.0"
        assert r.headers["Tus-Resumable"] == "1.0.0"
    r = await http.post(base, headers={**headers, **TUS})
    assert r.status_code == 422  # Upload-Length is required
    assert r.headers["Tus-Resumable"] == "1.0.0"
    r = await http.post(
        base,
        headers={**headers, **TUS, "Upload-Length": str(live.state.settings.asset_max_bytes + 1)},
    )
    assert_problem(r, 413, "payload_too_large")
    r = await http.post(
        base, headers={**headers, **TUS, "Upload-Length": "10", "Upload-Metadata": "filename !!!"}
    )
    assert_problem(r, 422, "validation_error")  # the documented pattern refuses it
    # What the pattern admits is taken: a key twice keeps its last value, a value that is not
    # UTF-8 is read with replacement characters (tus_protocol.parse_metadata).
    assert tus_protocol.parse_metadata("a ZGVj,a eA==,k /w==") == {"a": "x", "k": "\ufffd"}
    link = (await store.asset("draft", kind="link")).id
    r = await http.post(
        f"/v1/assets/{link}/uploads", headers={**headers, **TUS, "Upload-Length": "10"}
    )
    assert_problem(r, 409, "asset_is_link")
    r = await http.post(
        f"/v1/assets/{uuid.uuid4()}/uploads", headers={**headers, **TUS, "Upload-Length": "10"}
    )
    assert_problem(r, 404, "not_found")
    r = await http.post(base, headers={**TUS, "Upload-Length": "10"})
    assert r.status_code == 401
    assert r.headers["Tus-Resumable"] == "1.0.0"
    r = await http.post(base, headers={"Upload-Length": "10"})
    assert r.status_code == 401  # the token is checked before the protocol version
    # A zero-byte upload is finished by one empty PATCH.
    path = await create(http, asset_id, headers, 0)
    r = await http.patch(
        path, content=b"", headers={**headers, **TUS, **PATCH_TYPE, "Upload-Offset": "0"}
    )
    assert r.status_code == 204, r.text
    assert r.headers["Upload-Offset"] == "0"
    # ... and becomes a version like any other.
    r = await http.get(f"/v1/assets/{asset_id}", headers=headers)
    assert r.json()["current_version"]["size_bytes"] == 0
    assert r.json()["current_version"]["sha256"] == hashlib.sha256(b"").hexdigest()


async def test_partner_tokens_and_other_assets(live, http, store, auth, new_partner):
    admin = await auth.headers("admin")
    asset_id = await file_asset(store)
    other_asset = await file_asset(store)
    path = await create(http, asset_id, admin, 100)
    upload_id = path.rsplit("/", 1)[1]
    partner = await auth.headers("partner_admin", partner_id=await new_partner())
    r = await http.post(
        f"/v1/assets/{asset_id}/uploads", headers={**partner, **TUS, "Upload-Length": "10"}
    )
    assert_problem(r, 403, "insufficient_scope")
    r = await http.head(path, headers={**partner, **TUS})
    assert r.status_code == 403
    r = await http.patch(
        path, content=b"x", headers={**partner, **TUS, **PATCH_TYPE, "Upload-Offset": "0"}
    )
    assert_problem(r, 403, "insufficient_scope")
    r = await http.delete(path, headers={**partner, **TUS})
    assert_problem(r, 403, "insufficient_scope")
    # A vendor token without assets:write.
    reader = await auth.headers("channel_manager", scopes=["assets:read"])
    r = await http.patch(
        path, content=b"x", headers={**reader, **TUS, **PATCH_TYPE, "Upload-Offset": "0"}
    )
    assert_problem(r, 403, "insufficient_scope")
    # The upload through another asset's URL does not exist.
    wrong = f"/v1/assets/{other_asset}/uploads/{upload_id}"
    assert (await http.head(wrong, headers={**admin, **TUS})).status_code == 404
    r = await http.patch(
        wrong, content=b"x", headers={**admin, **TUS, **PATCH_TYPE, "Upload-Offset": "0"}
    )
    assert_problem(r, 404, "not_found")
    assert_problem(await http.delete(wrong, headers={**admin, **TUS}), 404, "not_found")
    assert await offset_of(http, path, admin) == 0


async def test_two_requests_racing_from_one_offset(live, http, store, auth, storage):
    """Two PATCHes from the same offset (a retry while the first still runs): one wins, the
    other is a 409 whose bytes are not kept."""
    headers = await auth.headers("admin")
    asset_id = await file_asset(store)
    data = pdf_bytes(2 * tus_protocol.SEGMENT_BYTES + 100, seed=3)
    path = await create(http, asset_id, headers, len(data))
    patch = {**headers, **TUS, **PATCH_TYPE, "Upload-Offset": "0"}

    async def slow(delay: float):
        await asyncio.sleep(delay)
        for start in range(0, tus_protocol.SEGMENT_BYTES + 50, 1024 * 1024):
            yield data[start : min(start + 1024 * 1024, tus_protocol.SEGMENT_BYTES + 50)]
            await asyncio.sleep(0.01)

    first, second = await asyncio.gather(
        http.patch(path, content=slow(0), headers=patch),
        http.patch(path, content=slow(0.05), headers=patch),
    )
    statuses = sorted([first.status_code, second.status_code])
    assert statuses == [204, 409], (first.text, second.text)
    assert await offset_of(http, path, headers) == tus_protocol.SEGMENT_BYTES + 50
    r = await http.patch(
        path,
        content=data[tus_protocol.SEGMENT_BYTES + 50 :],
        headers={**patch, "Upload-Offset": str(tus_protocol.SEGMENT_BYTES + 50)},
    )
    assert r.status_code == 204, r.text
    r = await http.get(f"/v1/assets/{asset_id}", headers=headers)
    assert r.json()["current_version"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert await parts_of(storage, path) == []


async def test_cors_exposes_the_tus_headers(database_url, settings):
    cors = settings.model_copy(update={"cors_origins": ["https://console.example"]})
    app = create_app(cors, database_url=database_url)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        r = await c.options(
            f"/v1/assets/{uuid.uuid4()}/uploads/{uuid.uuid4()}",
            headers={
                "Origin": "https://console.example",
                "Access-Control-Request-Method": "PATCH",
                "Access-Control-Request-Headers": "tus-resumable,upload-offset,upload-checksum,"
                "content-type,authorization",
            },
        )
        assert r.status_code == 200, r.text
        r = await c.options(
            f"/v1/assets/{uuid.uuid4()}/uploads", headers={"Origin": "https://console.example"}
        )
        assert r.status_code == 204
        exposed = {h.strip().lower() for h in r.headers["Access-Control-Expose-Headers"].split(",")}
        assert {
            "location",
            "upload-offset",
            "upload-length",
            "tus-resumable",
            "upload-expires",
        } <= exposed


async def test_local_upload_is_one_file_written_in_place_then_linked(
    live, http, store, auth, storage
):
    """Local storage: every PATCH writes into the upload's one staging file at its offset
    (hashed as it is written), and the finished file becomes the blob by a hard link: no
    parts, no second copy. Without this process's running hash (the PATCHes reached another
    process) the file is hashed once at completion, to the same sha256."""
    if storage.kind != "local":
        pytest.skip("object storage keeps part objects")
    headers = await auth.headers("admin")
    patch = {**headers, **TUS, **PATCH_TYPE}
    for forget_hash in (False, True):
        asset_id = await file_asset(store)
        data = pdf_bytes(3 * 1024 * 1024 + 4321, seed=7 + forget_hash)
        path = await create(http, asset_id, headers, len(data))
        upload_id = uuid.UUID(path.rsplit("/", 1)[1])
        staging = storage.root / upload_file.upload_file_key(upload_id)
        first = 1024 * 1024 + 17
        r = await http.patch(path, content=data[:first], headers={**patch, "Upload-Offset": "0"})
        assert r.status_code == 204, r.text
        assert await parts_of(storage, path) == [upload_file.upload_file_key(upload_id)]
        assert staging.read_bytes() == data[:first]
        inode = staging.stat().st_ino
        if forget_hash:
            upload_file._RUNNING.pop(upload_id)
        else:
            assert upload_file._RUNNING[upload_id][0] == first
        # Another request holding the upload's file: this one waits, then a 409.
        async with upload_file.UploadFile(storage, upload_id):
            r = await http.patch(
                path, content=data[first:], headers={**patch, "Upload-Offset": str(first)}
            )
        assert_problem(r, 409, "offset_mismatch")
        assert staging.read_bytes() == data[:first]
        r = await http.patch(
            path, content=data[first:], headers={**patch, "Upload-Offset": str(first)}
        )
        assert r.status_code == 204, r.text
        current = (await http.get(f"/v1/assets/{asset_id}", headers=headers)).json()
        sha256 = current["current_version"]["sha256"]
        assert sha256 == hashlib.sha256(data).hexdigest()
        blob = storage.root / blob_key(sha256)
        assert blob.read_bytes() == data
        assert blob.stat().st_ino == inode  # linked, not copied
        assert not staging.exists()
        assert upload_id not in upload_file._RUNNING
