"""Small objects derived from a stored blob (thumbnails now; previews or text extracts later),
kept beside the blobs under a key made from the *source* blob's hash.

A blob is immutable, so whatever is derived from it is too: the derived key names the source
hash (``thumbnails/ab/cd/<source sha256>.png``), and a derived object is written once and then
only read. Nothing in the database points at it — the source's hash is the pointer — so
adding a kind of derived object needs no migration, and identical uploads share it.

These objects are small (a thumbnail is tens of KiB) and read or written whole, in one
request; big files go through :meth:`~prm_api.storage.base.Storage.put_stream` instead.
Works on either kind of storage (obstore's ``put``/``get``/``head``).
"""

from __future__ import annotations

import re

import obstore

from prm_api.storage.base import Storage

#: Kinds of derived objects; each is a top-level key prefix beside ``sha256/`` and ``staging/``.
_KIND = re.compile(r"[a-z][a-z0-9-]{0,30}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")


def derived_key(kind: str, source_sha256: str, suffix: str) -> str:
    """``<kind>/ab/cd/<source sha256><suffix>``: the same fan-out as the blobs."""
    if not _KIND.fullmatch(kind):
        raise ValueError(f"not a derived-object kind: {kind!r}")
    if not _SHA256.fullmatch(source_sha256):
        raise ValueError(f"not a lower-case hex sha256: {source_sha256!r}")
    if not _SUFFIX.fullmatch(suffix):
        raise ValueError(f"not a suffix: {suffix!r}")
    sha = source_sha256
    return f"{kind}/{sha[:2]}/{sha[2:4]}/{sha}{suffix}"


async def put_derived(storage: Storage, key: str, data: bytes, content_type: str) -> None:
    """Store ``data`` at ``key`` in one request. Writing the same key again replaces it with
    what must be the same bytes (derived deterministically from an immutable source); a local
    write lands by rename, so a reader never sees half an object."""
    await obstore.put_async(storage.store, key, data, attributes=storage._attributes(content_type))


async def get_derived(storage: Storage, key: str) -> bytes | None:
    """The whole object, or None when there is none."""
    try:
        result = await obstore.get_async(storage.store, key)
        return bytes(await result.bytes_async())
    except FileNotFoundError:
        return None


async def derived_exists(storage: Storage, key: str) -> bool:
    try:
        await obstore.head_async(storage.store, key)
    except FileNotFoundError:
        return False
    return True


async def delete_derived(storage: Storage, key: str) -> None:
    try:
        await obstore.delete_async(storage.store, key)
    except FileNotFoundError:
        pass
