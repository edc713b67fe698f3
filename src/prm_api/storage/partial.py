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

That is the path for object storage. On a local filesystem the second write and read are
avoidable: :mod:`prm_api.storage.upload_file` writes every PATCH into one file at its offset and
links it into place. :func:`upload_writer` picks the way for a storage; both have the shape of
:class:`UploadWriter`.

The ``uploads/`` prefix is not ``staging/``: :meth:`Storage.purge_staging` removes staged
objects after an hour, but a paused tus upload may resume a day later. Its parts are removed
with the upload (completion, termination, or the ``purge-uploads`` job once it expired).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any, Protocol

import anyio
import obstore

from prm_api.storage.backends import LocalStorage
from prm_api.storage.base import Storage, StoredBlob
from prm_api.storage.sniff import TypePolicy
from prm_api.storage.upload_file import UploadFile

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


# -- the two ways, behind one shape ----------------------------------------------------------


class UploadWriter(Protocol):
    """How one request stores the bytes of a resumable upload (used with ``async with``).

    :meth:`write` stores bytes at a position and returns the part to record in the upload's
    row (None when nothing needs recording); :meth:`discard` undoes the writes past the
    committed offset (their commit did not happen); :meth:`finish` turns the complete upload
    into its content-addressed blob."""

    #: The size of the writes the caller should make (None: one write per committed stretch).
    write_bytes: int | None

    async def __aenter__(self) -> UploadWriter: ...
    async def __aexit__(self, *exc: object) -> None: ...
    def resume_hash(self, offset: int) -> None: ...
    def keep_hash(self, committed: int) -> None: ...
    async def write(self, position: int, data: bytearray) -> list[Any] | None: ...
    async def discard(self, committed: int, parts: Sequence[list[Any]]) -> None: ...
    async def finish(
        self,
        length: int,
        parts: Sequence[Sequence[object]],
        *,
        max_bytes: int,
        filename: str | None,
        policy: TypePolicy | None,
    ) -> StoredBlob: ...


class PartWriter:
    """Part objects (any storage; the one way on S3), see the module docstring."""

    write_bytes: int | None = None

    def __init__(self, storage: Storage, upload_id: uuid.UUID) -> None:
        self.storage = storage
        self.upload_id = upload_id

    async def __aenter__(self) -> PartWriter:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    def resume_hash(self, offset: int) -> None:
        """Parts are hashed when they are assembled."""

    def keep_hash(self, committed: int) -> None:
        """Parts are hashed when they are assembled."""

    async def write(self, position: int, data: bytearray) -> list[Any] | None:
        key = new_part_key(self.upload_id, position)
        try:
            await put_part(self.storage, key, data)
        except BaseException:
            with anyio.CancelScope(shield=True):
                await delete_part(self.storage, key)
            raise
        return [position, len(data), key]

    async def discard(self, committed: int, parts: Sequence[list[Any]]) -> None:
        for _start, _length, key in parts:
            await delete_part(self.storage, key)

    async def finish(
        self,
        length: int,
        parts: Sequence[Sequence[object]],
        *,
        max_bytes: int,
        filename: str | None,
        policy: TypePolicy | None,
    ) -> StoredBlob:
        # The parts streamed into put_stream: sha256 while streaming, type sniffed and checked.
        return await self.storage.put_stream(
            iter_parts(self.storage, parts), max_bytes=max_bytes, filename=filename, policy=policy
        )


def upload_writer(storage: Storage, upload_id: uuid.UUID) -> UploadWriter:
    """The writer for an upload to ``storage``: one file written in place on local storage,
    part objects elsewhere."""
    if isinstance(storage, LocalStorage):
        return UploadFile(storage, upload_id)
    return PartWriter(storage, upload_id)
