"""The storage contract, the same tests on the local filesystem and on a real S3 API (moto).

No mocks: every assertion about "nothing stored" lists the directory or the bucket (with its
incomplete multipart uploads).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import httpx
import obstore
import pytest

from prm_api.storage import (
    BlobNotFound,
    BlobTooLarge,
    ContentTypeRefused,
    Storage,
    TypePolicy,
)
from prm_api.storage import backends as storage_backends
from prm_api.storage import base as storage_base

PART = storage_base.PART_BYTES
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
POLICY = TypePolicy(denied=("application/x-msdownload",))


async def chunks(data: bytes, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    for i in range(0, len(data), size):
        yield data[i : i + size]


async def broken(data: bytes, fail_after: int) -> AsyncIterator[bytes]:
    """A body that stops with an error part-way (a client that disconnects)."""
    async for chunk in chunks(data):
        if fail_after <= 0:
            raise ConnectionResetError("client went away")
        fail_after -= len(chunk)
        yield chunk


async def test_round_trip(storage: Storage, leftovers: Callable[[], list[str]]) -> None:
    data = PDF + os.urandom(300_000)
    blob = await storage.put_stream(chunks(data), max_bytes=10**6, filename="deck.pdf")
    assert blob.sha256 == hashlib.sha256(data).hexdigest()
    assert blob.size == len(data)
    assert blob.content_type == "application/pdf"
    assert blob.head == data[: len(blob.head)] and len(blob.head) > 0
    assert blob.key == f"sha256/{blob.sha256[:2]}/{blob.sha256[2:4]}/{blob.sha256}"
    assert blob.created
    assert await storage.read(blob.sha256) == data
    info = await storage.open(blob.sha256)
    assert (info.key, info.size) == (blob.key, len(data))
    assert info.last_modified is not None
    assert await storage.open(blob.key) == info  # by key as well as by hash
    assert await storage.exists(blob.sha256)
    assert leftovers() == [blob.key]  # no staging object left


async def test_multipart_round_trip(storage: Storage, leftovers: Callable[[], list[str]]) -> None:
    """Larger than a part: written as a multipart upload, read back in several windows."""
    data = os.urandom(2 * PART + 12_345)
    blob = await storage.put_stream(chunks(data, 1 << 20), max_bytes=len(data))
    assert blob.sha256 == hashlib.sha256(data).hexdigest()
    assert blob.size == len(data)
    assert await storage.read(blob.sha256) == data
    assert leftovers() == [blob.key]


async def test_identical_content_is_stored_once(
    storage: Storage, leftovers: Callable[[], list[str]]
) -> None:
    data = b"price list 2026\n" * 1000
    first = await storage.put_stream(chunks(data), max_bytes=10**6)
    again = await storage.put_stream(chunks(data, 333), max_bytes=10**6, filename="other.txt")
    assert first.created and not again.created
    assert again.sha256 == first.sha256 and again.key == first.key
    assert leftovers() == [first.key]


async def test_concurrent_identical_uploads_leave_one_blob(
    storage: Storage, leftovers: Callable[[], list[str]]
) -> None:
    data = os.urandom(PART + 1000)
    results = await asyncio.gather(
        *(storage.put_stream(chunks(data, 1 << 20), max_bytes=len(data)) for _ in range(3))
    )
    assert {r.sha256 for r in results} == {hashlib.sha256(data).hexdigest()}
    assert leftovers() == [results[0].key]
    assert await storage.read(results[0].sha256) == data


@pytest.mark.parametrize("size", [1000, PART + 1000], ids=["single-request", "multipart"])
async def test_exactly_at_the_limit_is_stored(
    storage: Storage, leftovers: Callable[[], list[str]], size: int
) -> None:
    data = os.urandom(size)
    blob = await storage.put_stream(chunks(data, 100_000), max_bytes=size)
    assert blob.size == size
    assert leftovers() == [blob.key]


@pytest.mark.parametrize("size", [1000, PART + 1000, 3 * PART], ids=["small", "multipart", "big"])
async def test_one_byte_over_the_limit_stores_nothing(
    storage: Storage, leftovers: Callable[[], list[str]], size: int
) -> None:
    data = os.urandom(size + 1)
    with pytest.raises(BlobTooLarge) as caught:
        await storage.put_stream(chunks(data, 100_000), max_bytes=size)
    assert caught.value.status == 413 and caught.value.max_bytes == size
    assert leftovers() == []


async def test_a_broken_stream_stores_nothing(
    storage: Storage, leftovers: Callable[[], list[str]]
) -> None:
    data = os.urandom(3 * PART)
    with pytest.raises(ConnectionResetError):
        await storage.put_stream(broken(data, fail_after=2 * PART), max_bytes=len(data))
    assert leftovers() == []


async def test_a_cancelled_upload_stores_nothing(
    storage: Storage, leftovers: Callable[[], list[str]]
) -> None:
    """The request's task is cancelled mid-upload (client gone, server stopping): the
    multipart upload is aborted, not left hidden in the bucket."""
    arrived = asyncio.Event()

    async def stalls() -> AsyncIterator[bytes]:
        for _ in range(2 * PART // (1 << 20)):
            yield os.urandom(1 << 20)
        arrived.set()
        await asyncio.sleep(3600)
        yield b""

    task = asyncio.create_task(storage.put_stream(stalls(), max_bytes=10 * PART))
    await asyncio.wait_for(arrived.wait(), 30)
    await asyncio.sleep(0.2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert leftovers() == []


async def test_zero_bytes(storage: Storage, leftovers: Callable[[], list[str]]) -> None:
    blob = await storage.put_stream(chunks(b""), max_bytes=10)
    assert blob.size == 0
    assert blob.sha256 == hashlib.sha256(b"").hexdigest()
    assert (await storage.open(blob.sha256)).size == 0
    assert await storage.read(blob.sha256) == b""
    assert [c async for c in storage.iter_range(blob.sha256, 0, 0)] == []
    assert leftovers() == [blob.key]


async def test_zero_bytes_with_a_zero_limit(storage: Storage) -> None:
    assert (await storage.put_stream(chunks(b""), max_bytes=0)).size == 0
    with pytest.raises(BlobTooLarge):
        await storage.put_stream(chunks(b"x"), max_bytes=0)


async def test_ranges(storage: Storage) -> None:
    data = bytes(range(256)) * 40
    blob = await storage.put_stream(chunks(data), max_bytes=10**6)

    async def get(start: int, end: int | None = None) -> bytes:
        return b"".join([c async for c in storage.iter_range(blob.sha256, start, end)])

    n = len(data)
    assert await get(0, 1) == data[:1]  # first byte (Range: bytes=0-0)
    assert await get(n - 1, n) == data[-1:]  # last byte (bytes=-1)
    assert await get(1000, 2001) == data[1000:2001]  # middle (bytes=1000-2000)
    assert await get(0, n) == data  # whole
    assert await get(0) == data  # to the end
    assert await get(n - 10) == data[-10:]
    assert await get(5, 5) == b""


async def test_long_ranges_are_read_in_windows(
    storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    # S3 reads a window per request, the local files a ranged read per chunk.
    monkeypatch.setattr(storage_base, "READ_WINDOW_BYTES", 1000)
    monkeypatch.setattr(storage_backends, "READ_CHUNK_BYTES", 1000)
    data = os.urandom(5500)
    blob = await storage.put_stream(chunks(data), max_bytes=10**6)
    got = [c async for c in storage.iter_range(blob.sha256, 10, 5490)]
    assert b"".join(got) == data[10:5490]
    assert len(got) >= 6


async def test_missing_blob(storage: Storage) -> None:
    missing = hashlib.sha256(b"never stored").hexdigest()
    assert not await storage.exists(missing)
    with pytest.raises(BlobNotFound):
        await storage.open(missing)
    with pytest.raises(BlobNotFound):
        await storage.read(missing)
    with pytest.raises(BlobNotFound):
        async for _ in storage.iter_range(missing, 0, 10):
            pass


async def test_refs_must_be_hashes_or_blob_keys(storage: Storage) -> None:
    for bad in ["../etc/passwd", "ABC", "sha256/../../x", "other/key", "a" * 63]:
        with pytest.raises(ValueError):
            await storage.open(bad)


async def test_delete(storage: Storage, leftovers: Callable[[], list[str]]) -> None:
    blob = await storage.put_stream(chunks(b"to be removed"), max_bytes=100)
    await storage.delete(blob.sha256)
    assert not await storage.exists(blob.sha256)
    await storage.delete(blob.sha256)  # deleting twice is fine
    assert [k for k in leftovers() if k.startswith("sha256/")] == []


async def test_a_refused_type_stores_nothing(
    storage: Storage, leftovers: Callable[[], list[str]]
) -> None:
    with pytest.raises(ContentTypeRefused) as caught:
        await storage.put_stream(
            chunks(EXE), max_bytes=10**6, filename="invoice.pdf", policy=POLICY
        )
    assert caught.value.status == 422
    assert caught.value.content_type == "application/x-msdownload"
    assert leftovers() == []


async def test_a_refused_type_in_a_large_file_stores_nothing(
    storage: Storage, leftovers: Callable[[], list[str]]
) -> None:
    """Refused on its first bytes, before any of the rest is read or written."""
    pulled = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal pulled
        yield EXE
        for _ in range(4 * PART // (1 << 20)):
            pulled += 1
            yield bytes(1 << 20)

    with pytest.raises(ContentTypeRefused):
        await storage.put_stream(body(), max_bytes=10 * PART, policy=POLICY)
    assert pulled <= PART // (1 << 20)
    assert leftovers() == []


async def test_sniffed_type_ignores_the_name(storage: Storage) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)
    blob = await storage.put_stream(chunks(png), max_bytes=1000, filename="report.pdf")
    assert blob.content_type == "image/png"


async def test_purge_staging(storage: Storage, leftovers: Callable[[], list[str]]) -> None:
    kept = await storage.put_stream(chunks(b"kept"), max_bytes=100)
    await obstore.put_async(storage.store, "staging/left-by-a-crash", b"partial")
    assert await storage.purge_staging(older_than=timedelta(hours=1)) == 0
    assert await storage.purge_staging(older_than=timedelta(0)) == 1
    assert leftovers() == [kept.key]


async def test_presigned_url(storage: Storage) -> None:
    data = PDF + b"x" * 5000
    blob = await storage.put_stream(chunks(data), max_bytes=10**6, filename="a.pdf")
    url = await storage.presigned_get_url(
        blob.sha256, expires_in=timedelta(minutes=5), filename="a.pdf"
    )
    if storage.kind == "local":
        assert url is None  # the API streams local files itself
        return
    assert url is not None and "X-Amz-Signature=" in url
    async with httpx.AsyncClient() as client:
        response = await client.get(url)
    assert response.status_code == 200
    assert response.content == data
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment")
