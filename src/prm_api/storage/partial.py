"""Blobs built from parts: the storage side of resumable uploads (tus, :mod:`prm_api.assets.tus`).

An upload arrives over many requests, possibly through several API processes sharing the
database and the bucket, and any request may be cut at any byte. So the bytes received are
written as **part objects** under ``uploads/<upload id>/``, one per stretch of bytes a request
commits (at most a few MiB each, see the caller), and the upload's database row lists the
committed parts. This works the same on a local filesystem and on S3 (no local file shared
between processes, no S3 multipart upload with its 5 MiB minimum part and its in-flight state
to track), and the parts are immutable: each has its own random key, so a late write by a
request that lost a race can never overwrite a part another request committed.

When the last byte arrives, :func:`iter_parts` streams the parts in order into
:meth:`~prm_api.storage.base.Storage.put_stream`, which hashes, sniffs and stores the
content-addressed blob as for any upload; then :func:`delete_parts` removes the parts.
Assembling reads the bytes once more and writes them once more (on S3: a download and an
upload inside the storage's network, at its throughput); the blob's key is its sha256, which
can only be known from all the bytes.

The ``uploads/`` prefix is not ``staging/``: :meth:`Storage.purge_staging` removes staged
objects after an hour, but a paused tus upload may resume a day later. Its parts are removed
with the upload (completion, termination, or the ``purge-uploads`` job once it expired).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator, Iterable, Sequence

import obstore

from prm_api.storage.base import Storage

UPLOAD_PREFIX = "uploads/"
_PART_KEY = re.compile(r"uploads/[0-9a-f]{32}/[0-9]{16}-[0-9a-f]{12}")


def upload_prefix(upload_id: uuid.UUID) -> str:
    return f"{UPLOAD_PREFIX}{upload_id.hex}/"


def new_part_key(upload_id: uuid.UUID, start: int) -> str:
    """A fresh key for the part starting at byte ``start`` (sorted by offset in a listing;
    the random tail makes every write its own object)."""
    return f"{upload_prefix(upload_id)}{start:016d}-{uuid.uuid4().hex[:12]}"


def _checked(key: str) -> str:
    if not _PART_KEY.fullmatch(key):
        raise ValueError(f"not an upload part key: {key!r}")
    return key


async def put_part(storage: Storage, key: str, data: bytes | bytearray | memoryview) -> None:
    """Store one part (a single request: parts are small)."""
    await obstore.put_async(storage.store, _checked(key), data)


async def iter_parts(storage: Storage, parts: Iterable[Sequence[object]]) -> AsyncIterator[bytes]:
    """The bytes of ``parts`` (``[start, length, key]`` in order), as one stream of chunks of
    about a MiB. Raises FileNotFoundError when a part is missing or short."""
    for _start, length, key in parts:
        if not isinstance(length, int) or not isinstance(key, str):
            raise ValueError(f"malformed part: {key!r}")
        async for chunk in storage._read(_checked(key), 0, length):
            yield chunk


async def delete_part(storage: Storage, key: str) -> None:
    await storage._discard(_checked(key))


async def delete_parts(storage: Storage, upload_id: uuid.UUID) -> int:
    """Remove every object of the upload, listed or not (a part whose commit never happened
    included); returns how many. Idempotent."""
    keys: list[str] = []
    async for batch in obstore.list(storage.store, upload_prefix(upload_id)):
        keys += [meta["path"] for meta in batch]
    for key in keys:
        await storage._discard(key)
    return len(keys)
