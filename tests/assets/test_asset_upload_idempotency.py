"""``Idempotency-Key`` on the streamed upload of a version (``POST /v1/assets/{id}/versions``):
the body is never buffered, yet a retry of the same upload is answered from the stored
response, a different upload under the same key is the 422, and one still running the 409."""

from __future__ import annotations

import asyncio

import pytest
from factories import assert_problem, settings_overridden
from files_support import PDF, PNG, upload
from sqlalchemy import func, select

from prm_api.models import AssetVersion, IdempotencyRecord

LIMIT = 64 * 1024


@pytest.fixture
def blobs(app, tmp_path):
    with settings_overridden(app, data_dir=tmp_path, storage_url=None, asset_max_bytes=LIMIT):
        yield tmp_path / "blobs"


@pytest.fixture
async def asset(store):
    return await store.asset("draft", with_version=False)


async def versions(db, asset_id) -> int:
    return await db.scalar(
        select(func.count()).select_from(AssetVersion).where(AssetVersion.asset_id == asset_id)
    )


async def test_a_retried_upload_is_replayed_not_made_twice(client, admin_headers, asset, blobs, db):
    headers = {**admin_headers, "Idempotency-Key": "upload-1"}
    first = await upload(client, asset.id, headers, PDF, "deck.pdf", note="v1")
    assert first.status_code == 201, first.text
    # httpx draws a new multipart boundary for every request: the same upload, other bytes
    # on the wire, is the same request.
    again = await upload(client, asset.id, headers, PDF, "deck.pdf", note="v1")
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert await versions(db, asset.id) == 1

    # The same key with another file, another name or another note: the kit's 422.
    for other in (
        dict(content=PNG, filename="deck.pdf", note="v1"),
        dict(content=PDF, filename="other.pdf", note="v1"),
        dict(content=PDF, filename="deck.pdf", note="v2"),
        dict(content=PDF, filename="deck.pdf", note=None),
    ):
        r = await upload(
            client, asset.id, headers, other["content"], other["filename"], note=other["note"]
        )
        assert_problem(r, 422, "idempotency_key_reused")
    # ... and to another asset.
    r = await upload(client, (await asset_of(client, admin_headers)), headers, PDF, note="v1")
    assert_problem(r, 422, "idempotency_key_reused")
    assert await versions(db, asset.id) == 1

    # Another key runs for real.
    r = await upload(client, asset.id, {**admin_headers, "Idempotency-Key": "upload-2"}, PDF)
    assert r.status_code == 201
    assert r.json()["number"] == 2
    assert "idempotent-replayed" not in r.headers


async def asset_of(client, headers) -> str:
    body = {"title": "Other", "kind": "document"}
    r = await client.post("/v1/assets", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()["id"]


async def test_a_retry_while_the_first_upload_streams_is_409(
    client, admin_headers, asset, blobs, db
):
    headers = {
        **admin_headers,
        "Idempotency-Key": "slow",
        "Content-Type": "multipart/form-data; boundary=xyz",
    }
    head = b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
    release = asyncio.Event()

    async def slow_body():
        yield head + PDF[:100]
        await release.wait()
        yield PDF[100:] + b"\r\n--xyz--\r\n"

    first = asyncio.create_task(
        client.post(f"/v1/assets/{asset.id}/versions", headers=headers, content=slow_body())
    )
    for _ in range(100):
        if await db.scalar(select(func.count()).select_from(IdempotencyRecord)):
            break
        await asyncio.sleep(0.02)
    r = await client.post(
        f"/v1/assets/{asset.id}/versions",
        headers=headers,
        content=head + PDF + b"\r\n--xyz--\r\n",
    )
    assert_problem(r, 409, "idempotency_in_flight")
    release.set()
    done = await first
    assert done.status_code == 201, done.text
    replayed = await client.post(
        f"/v1/assets/{asset.id}/versions",
        headers=headers,
        content=head + PDF + b"\r\n--xyz--\r\n",
    )
    assert replayed.status_code == 201
    assert replayed.headers["idempotent-replayed"] == "true"
    assert await versions(db, asset.id) == 1


async def test_a_refused_upload_frees_its_key(client, admin_headers, asset, blobs, db):
    """An upload that ended before its body was read whole (413 while streaming) stored no
    response: its key is free, and the retry with a file that fits runs."""
    headers = {**admin_headers, "Idempotency-Key": "big"}
    r = await upload(client, asset.id, headers, PDF + b"\0" * LIMIT)
    assert_problem(r, 413, "payload_too_large")
    r = await upload(client, asset.id, headers, PDF)
    assert r.status_code == 201, r.text
    assert "idempotent-replayed" not in r.headers
    # A retry of a different, oversized body under a used key is not read past the limit.
    r = await upload(client, asset.id, headers, PDF + b"\0" * (4 * LIMIT))
    assert_problem(r, 422, "idempotency_key_reused")
    assert await versions(db, asset.id) == 1
