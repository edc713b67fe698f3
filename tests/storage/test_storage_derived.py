"""Derived objects (storage/derived.py) and thumbnails rendered from either kind of storage:
on S3 the source is streamed to a temporary file, locally it is read in place."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from prm_api.assets.thumbnails import ensure_thumbnail, thumbnail_key
from prm_api.storage.derived import (
    delete_derived,
    derived_exists,
    derived_key,
    get_derived,
    put_derived,
)


async def _put(storage, data: bytes):
    async def chunks():
        yield data

    return await storage.put_stream(chunks(), max_bytes=10**8, filename="x")


async def test_derived_objects_round_trip(storage):
    key = derived_key("thumbnails", "ab" * 32, ".png")
    assert key == f"thumbnails/ab/ab/{'ab' * 32}.png"
    assert await get_derived(storage, key) is None
    assert not await derived_exists(storage, key)
    await put_derived(storage, key, b"\x89PNG tiny", "image/png")
    assert await derived_exists(storage, key)
    assert await get_derived(storage, key) == b"\x89PNG tiny"
    await delete_derived(storage, key)
    await delete_derived(storage, key)  # gone already: fine
    assert await get_derived(storage, key) is None


@pytest.mark.parametrize(
    ("kind", "sha", "suffix"),
    [("../x", "ab" * 32, ".png"), ("thumbnails", "AB" * 32, ".png"), ("t", "ab" * 32, "/x")],
)
def test_derived_keys_refuse_anything_but_a_kind_a_hash_and_a_suffix(kind, sha, suffix):
    with pytest.raises(ValueError):
        derived_key(kind, sha, suffix)


async def test_a_thumbnail_is_rendered_from_either_storage(storage, leftovers):
    out = io.BytesIO()
    Image.new("RGB", (800, 800), "teal").save(out, format="PDF")
    blob = await _put(storage, out.getvalue())
    assert blob.content_type == "application/pdf"
    assert await ensure_thumbnail(storage, blob.sha256, blob.content_type) is True
    png = await get_derived(storage, thumbnail_key(blob.sha256))
    assert png is not None and Image.open(io.BytesIO(png)).size == (400, 400)
    assert sorted(leftovers()) == sorted([blob.key, thumbnail_key(blob.sha256)])
