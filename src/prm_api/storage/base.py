"""The storage contract and everything that does not depend on where the bytes live.

Files are **content-addressed**: a blob's name is the sha256 of its bytes
(``sha256/ab/cd/abcd…``), computed while the upload streams through. So identical uploads are
stored once, a stored blob is never rewritten (its name would no longer match), and a
version's ETag is simply its hash.

An upload is written under a staging key first (its hash is not known until its last byte)
and moved to its hash key once complete; a failure anywhere, including the size limit, removes
what was staged, so a refused or broken upload leaves nothing behind.

Both kinds of storage go through ``obstore`` (one Rust object-store client: local files and any
S3-compatible service alike); :mod:`prm_api.storage.backends` holds the two subclasses.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from abc import ABC, abstractmethod
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import anyio
import obstore

from prm_api.storage.errors import BlobNotFound, BlobTooLarge
from prm_api.storage.sniff import SNIFF_BYTES, TypePolicy, sniff_content_type

if TYPE_CHECKING:
    from obstore import Attributes
    from obstore.store import ObjectStore

#: Uploads up to this size are sent in one request; larger ones as a multipart upload in parts
#: of this size (S3's minimum part is 5 MiB). Also the most one upload holds in memory before
#: it starts writing, and the window the content type is sniffed in.
PART_BYTES = 8 * 1024 * 1024
#: Parts of one upload in flight at once (S3; a local disk gains nothing from more than 2):
#: memory per upload is about PART_BYTES × (this + 2).
PART_CONCURRENCY = 4
#: Writes to the store are gathered into buffers of about this size.
WRITE_BYTES = 1024 * 1024
#: Size of the chunks :meth:`Storage.iter_range` yields.
READ_CHUNK_BYTES = 1024 * 1024
#: A long range is fetched as several requests of at most this many bytes, so that a slow
#: client (the response is read only as fast as it downloads) cannot outlast the object
#: store's request timeout.
READ_WINDOW_BYTES = 64 * 1024 * 1024

STAGING_PREFIX = "staging/"
BLOB_PREFIX = "sha256/"
_SHA256 = re.compile(r"[0-9a-f]{64}")


def blob_key(sha256: str) -> str:
    """The key a blob with that hash is stored under: ``sha256/ab/cd/<hash>`` (two fan-out
    levels keep directories small on a filesystem and spread S3 key prefixes)."""
    if not _SHA256.fullmatch(sha256):
        raise ValueError(f"not a lower-case hex sha256: {sha256!r}")
    return f"{BLOB_PREFIX}{sha256[:2]}/{sha256[2:4]}/{sha256}"


def _key(ref: str) -> str:
    """A hash or an already-formed key (``sha256/…`` or ``staging/…``) as a key."""
    if _SHA256.fullmatch(ref):
        return blob_key(ref)
    if ref.startswith((BLOB_PREFIX, STAGING_PREFIX)) and ".." not in ref.split("/"):
        return ref
    raise ValueError(f"not a blob hash or key: {ref!r}")


@dataclass(frozen=True, slots=True)
class StoredBlob:
    """What :meth:`Storage.put_stream` stored (or found already stored)."""

    sha256: str
    size: int
    #: Sniffed from the bytes (:func:`~prm_api.storage.sniff.sniff_content_type`).
    content_type: str
    #: The first bytes (at most SNIFF_BYTES): for further checks or a thumbnailer's guess.
    head: bytes
    key: str
    #: False when identical bytes were already stored (the upload was a duplicate).
    created: bool


@dataclass(frozen=True, slots=True)
class BlobInfo:
    """A stored object's metadata (:meth:`Storage.open`)."""

    key: str
    size: int
    #: The object store's own ETag (an MD5 or a multipart digest on S3); the API's ETag is
    #: the sha256, which the key already names.
    etag: str | None
    last_modified: datetime


class Storage(ABC):
    """Content-addressed blob storage. Get one with
    :func:`prm_api.storage.backends.storage_from_settings` / ``get_storage()``."""

    #: "local" or "s3": for logs, ``/readyz`` and tests.
    kind: str
    part_concurrency: int = PART_CONCURRENCY

    def __init__(self, store: ObjectStore) -> None:
        self.store = store

    # -- writing ---------------------------------------------------------------------------

    async def put_stream(
        self,
        chunks: AsyncIterable[bytes],
        *,
        max_bytes: int,
        filename: str | None = None,
        policy: TypePolicy | None = None,
    ) -> StoredBlob:
        """Store a stream of bytes under its sha256 and describe it.

        ``max_bytes`` is enforced while streaming (:class:`BlobTooLarge`, a 413); ``policy``
        refuses a sniffed type (:class:`ContentTypeRefused`, a 422) before anything is written.
        ``filename`` only helps the sniffer tell text types apart (CSV, scripts). In every
        failure, the caller's exceptions from ``chunks`` included, nothing is left stored.
        Memory: about PART_BYTES × (part_concurrency + 2) at most, whatever the size.
        """
        source = aiter(chunks)
        hasher = hashlib.sha256()
        size = 0
        first = bytearray()
        exhausted = False
        # Read the first part before writing anything: it is what the type is sniffed from,
        # and a file that fits in it is written with one plain request.
        while len(first) < PART_BYTES:
            try:
                chunk = await anext(source)
            except StopAsyncIteration:
                exhausted = True
                break
            size += len(chunk)
            if size > max_bytes:
                raise BlobTooLarge(max_bytes)
            first += chunk
        hasher.update(first)
        head = bytes(first[:SNIFF_BYTES])
        content_type = sniff_content_type(head, filename)
        if policy is not None:
            policy.check(content_type)

        async def rest() -> AsyncIterator[bytearray]:
            # A request body arrives in chunks of tens of KiB. Hashing and writing each one
            # costs a trip into obstore's runtime and a GIL hand-over per chunk (measured: the
            # upload ran at a tenth of the disk's speed); buffers of about WRITE_BYTES do not.
            nonlocal size
            pending = bytearray()
            async for chunk in source:
                size += len(chunk)
                if size > max_bytes:
                    raise BlobTooLarge(max_bytes)
                pending += chunk
                if len(pending) >= WRITE_BYTES:
                    hasher.update(pending)
                    yield pending
                    pending = bytearray()
            if pending:
                hasher.update(pending)
                yield pending

        staging = f"{STAGING_PREFIX}{uuid.uuid4().hex}"
        try:
            await self._write(staging, first, None if exhausted else rest(), content_type)
        except BaseException:
            # The writer aborted its multipart upload; a failure after the last byte (a
            # cancelled request) may still have left the staged object: remove it. Shielded,
            # so that a cancelled request cleans up too.
            with anyio.CancelScope(shield=True):
                await self._discard(staging)
            raise
        sha256 = hasher.hexdigest()
        key = blob_key(sha256)
        with anyio.CancelScope(shield=True):
            try:
                created = await self._promote(staging, key)
            except BaseException:
                await self._discard(staging)
                raise
        return StoredBlob(sha256, size, content_type, head, key, created)

    def _attributes(self, content_type: str) -> Attributes | None:
        """Object attributes stored with a blob (S3: what a presigned download answers)."""
        return None

    async def _write(
        self, key: str, first: bytearray, rest: AsyncIterator[bytearray] | None, content_type: str
    ) -> None:
        """Write ``first`` then ``rest`` at ``key``. obstore's writer buffers PART_BYTES and
        sends one request for a small file, a multipart upload (part_concurrency parts in
        flight) for a large one. The chunks are pulled here, in the caller's task, so that an
        exception or a cancellation reaches the writer, which then aborts the multipart
        upload (dropping a writer, or an obstore ``put`` whose task is cancelled, would leave
        an incomplete upload behind in the bucket)."""
        writer = obstore.open_writer_async(
            self.store,
            key,
            attributes=self._attributes(content_type),
            buffer_size=PART_BYTES,
            max_concurrency=self.part_concurrency,
        )
        try:
            await writer.write(first)
            if rest is not None:
                async for chunk in rest:
                    await writer.write(chunk)
        except BaseException as exc:
            # Leaving the writer's context with an exception aborts its multipart upload.
            with anyio.CancelScope(shield=True):
                await writer.__aexit__(type(exc), exc, exc.__traceback__)
            raise
        with anyio.CancelScope(shield=True):
            # Completing is quick (one request) and, cancelled half-way, could leave a
            # finished object nobody promotes or removes: let it finish.
            await writer.close()

    @abstractmethod
    async def _promote(self, staging: str, key: str) -> bool:
        """Move a complete staged upload to its hash key unless that key exists; remove the
        staged object either way. True when the blob is new."""

    async def _discard(self, key: str) -> None:
        try:
            await obstore.delete_async(self.store, key)
        except FileNotFoundError:
            pass

    # -- reading ---------------------------------------------------------------------------

    async def open(self, ref: str) -> BlobInfo:
        """Size, store ETag and modification time of a blob (by hash) or key.
        Raises :class:`BlobNotFound`."""
        key = _key(ref)
        try:
            meta = await obstore.head_async(self.store, key)
        except FileNotFoundError as exc:
            raise BlobNotFound(ref) from exc
        return BlobInfo(key, meta["size"], meta["e_tag"], meta["last_modified"])

    async def exists(self, ref: str) -> bool:
        try:
            await self.open(ref)
        except BlobNotFound:
            return False
        return True

    async def iter_range(
        self, ref: str, start: int = 0, end: int | None = None
    ) -> AsyncIterator[bytes]:
        """The bytes ``[start, end)`` of a blob (``end`` exclusive, None = to the end), as
        chunks of about READ_CHUNK_BYTES. For an HTTP ``Range: bytes=a-b`` pass
        ``start=a, end=b + 1``; check the range against :meth:`open`'s size first (this does
        not clamp). Raises :class:`BlobNotFound` before the first chunk."""
        key = _key(ref)
        if end is None:
            end = (await self.open(ref)).size
        try:
            async for chunk in self._read(key, start, end):
                yield chunk
        except FileNotFoundError as exc:
            raise BlobNotFound(ref) from exc

    async def _read(self, key: str, start: int, end: int) -> AsyncIterator[bytes]:
        """``[start, end)`` of ``key``: one streamed GET per READ_WINDOW_BYTES."""
        position = start
        while position < end:
            window_end = min(end, position + READ_WINDOW_BYTES)
            result = await obstore.get_async(
                self.store, key, options={"range": (position, window_end)}
            )
            async for chunk in result.stream(min_chunk_size=READ_CHUNK_BYTES):
                position += len(chunk)
                yield bytes(chunk)
            if position < window_end:
                raise FileNotFoundError(f"{key} ended at byte {position} of {end}")

    async def read(self, ref: str) -> bytes:
        """A whole blob in memory: only for small ones (thumbnails, tests)."""
        return b"".join([chunk async for chunk in self.iter_range(ref)])

    async def presigned_get_url(
        self,
        ref: str,
        *,
        expires_in: timedelta,
        filename: str | None = None,
        content_type: str | None = None,
    ) -> str | None:
        """A URL that downloads the blob without credentials for ``expires_in``, or None when
        this kind of storage cannot sign (local files: the API streams them itself)."""
        return None

    # -- removing --------------------------------------------------------------------------

    async def delete(self, ref: str) -> None:
        """Remove a blob. Content addressing makes a blob shared by every version with the
        same bytes: delete only once no row refers to the hash any more."""
        await self._discard(_key(ref))

    async def purge_staging(self, older_than: timedelta = timedelta(hours=1)) -> int:
        """Delete staged uploads older than ``older_than`` (left by a process killed between
        writing and promoting); returns how many. Safe to run while uploads are in flight as
        long as ``older_than`` exceeds the longest upload."""
        cutoff = datetime.now(UTC) - older_than
        stale: list[str] = []
        async for batch in obstore.list(self.store, STAGING_PREFIX):
            stale += [meta["path"] for meta in batch if meta["last_modified"] < cutoff]
        for key in stale:
            await self._discard(key)
        return len(stale)

    async def list_keys(self, prefix: str = "") -> list[str]:
        """Every key under ``prefix`` (tests and maintenance; not for request paths)."""
        keys: list[str] = []
        async for batch in obstore.list(self.store, prefix or None):
            keys += [meta["path"] for meta in batch]
        return sorted(keys)
