"""Resumable uploads of asset files: the tus 1.0.0 protocol (core + creation + expiration +
checksum + termination) over the blob storage (headers and errors: ``tus_protocol.py``).

How bytes are kept (no tus server library fits a content-addressed store shared by nodes):

- Every PATCH writes what it receives as **part objects** (:mod:`prm_api.storage.partial`) of
  at most :data:`SEGMENT_BYTES`, or whatever arrived within :data:`FLUSH_INTERVAL_S`, and
  commits each part in its own short transaction: the upload row's ``offset`` moves on only
  ``WHERE offset = <the part's start>`` (row lock), so of two requests racing from the same
  offset (a client retrying while its first connection still runs, on another process) the
  second learns it lost at its first commit (409) and removes its part. No database
  connection is held while bytes stream.
- A connection cut at any byte: the bytes already received are written and committed before
  the request ends, so ``HEAD`` answers the offset the client must resume from. A process
  that dies loses at most its uncommitted segment; the offset never counts bytes not stored.
- With ``Upload-Checksum`` the parts of the request are written but committed together only
  once the digest of the whole body matched (460 otherwise, nothing appended); a cut request
  with a checksum cannot be verified and keeps nothing.
- The commit that reaches ``Upload-Length`` assembles the file in the same transaction (the
  upload row stays locked, so nothing else can append or terminate meanwhile): the parts are
  streamed into :meth:`Storage.put_stream` (sha256 while streaming, content type sniffed,
  the type policy applied), the blob becomes the asset's new version
  (:func:`~prm_api.assets.versions.add_version`, which records ``asset.version_added``),
  and the parts are removed. A refused type (422) removes the upload and its parts. A process
  dying during assembly rolls the last commit back: the client resends the last chunk.
- An unfinished upload expires :attr:`Settings.tus_expiry_s` after its last committed part
  (``Upload-Expires``; then 410); the ``purge-uploads`` job deletes expired rows and their
  parts. A finished upload's row stays until then, so asking about it (HEAD) says it is done.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import anyio
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.assets.service import get_visible_asset
from prm_api.assets.tus_protocol import (
    CHECKSUMS,
    FLUSH_INTERVAL_S,
    SEGMENT_BYTES,
    BodyInterrupted,
    Checksum,
    ChecksumMismatch,
    OffsetMismatch,
    UploadExpired,
    UploadTooLarge,
    expiry,
)
from prm_api.assets.versions import add_version, refuse_link
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.config import Settings
from prm_api.errors import AppError, NotFound
from prm_api.kit.time import utcnow
from prm_api.models import AssetUpload
from prm_api.storage import Storage, asset_type_policy, get_storage, sanitize_filename
from prm_api.storage.partial import delete_part, delete_parts, iter_parts, new_part_key, put_part

log = logging.getLogger("prm_api.assets.tus")


# -- creation, state, termination ------------------------------------------------------------


async def create_upload(
    session: AsyncSession,
    principal: Principal,
    asset_id: uuid.UUID,
    *,
    length: int,
    metadata: dict[str, str | None],
    settings: Settings,
) -> AssetUpload:
    """A new, empty upload of a file of ``length`` bytes for the asset (vendor staff)."""
    require_vendor(principal, "upload asset files")
    asset = await get_visible_asset(session, principal, asset_id)
    refuse_link(asset)
    if length > settings.asset_max_bytes:
        raise UploadTooLarge(
            f"Upload-Length exceeds the maximum of {settings.asset_max_bytes} bytes.",
            max_bytes=settings.asset_max_bytes,
        )
    upload = AssetUpload(
        asset_id=asset.id,
        length=length,
        offset=0,
        upload_metadata=metadata,
        filename=sanitize_filename(metadata.get("filename") or metadata.get("name")),
        parts=[],
        created_by=principal.subject_id,
        expires_at=expiry(settings),
    )
    session.add(upload)
    await session.flush()
    return upload


def _live(upload: AssetUpload | None, asset_id: uuid.UUID, upload_id: uuid.UUID) -> AssetUpload:
    """The upload if it is the asset's and not expired: another asset's upload id is a 404."""
    if upload is None or upload.asset_id != asset_id:
        raise NotFound(f"No upload {upload_id} for asset {asset_id}.")
    if upload.expires_at <= utcnow():
        raise UploadExpired(f"Upload {upload_id} expired at {upload.expires_at.isoformat()}.")
    return upload


async def get_upload(
    session: AsyncSession, principal: Principal, asset_id: uuid.UUID, upload_id: uuid.UUID
) -> AssetUpload:
    require_vendor(principal, "upload asset files")
    await get_visible_asset(session, principal, asset_id)
    return _live(await session.get(AssetUpload, upload_id), asset_id, upload_id)


async def terminate_upload(
    session: AsyncSession,
    storage: Storage,
    principal: Principal,
    asset_id: uuid.UUID,
    upload_id: uuid.UUID,
) -> None:
    """Delete the upload and the bytes received (a finished upload's version stays). Waits
    for a running assembly (the row lock)."""
    require_vendor(principal, "upload asset files")
    await get_visible_asset(session, principal, asset_id)
    upload = await session.scalar(
        select(AssetUpload).where(AssetUpload.id == upload_id).with_for_update()
    )
    _live(upload, asset_id, upload_id)
    await session.execute(delete(AssetUpload).where(AssetUpload.id == upload_id))
    await session.flush()
    await delete_parts(storage, upload_id)


# -- receiving bytes (PATCH) -----------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """The upload after a PATCH: what the response headers say."""

    offset: int
    expires_at: datetime
    version_id: uuid.UUID | None


class _Receiver:
    """One PATCH: streams the body into parts and commits them (see the module docstring)."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        storage: Storage,
        settings: Settings,
        principal: Principal,
        upload: AssetUpload,
        checksum: Checksum | None,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.storage = storage
        self.settings = settings
        self.principal = principal
        self.upload_id = upload.id
        self.length = upload.length
        self.filename = upload.filename
        self.position = upload.offset  # end of what this request stored so far
        self.committed = upload.offset
        self.checksum = checksum
        self.hasher = CHECKSUMS[checksum.algorithm]() if checksum else None
        self.pending: list[list[Any]] = []  # stored, not yet committed (checksum requests)
        self.progress = Progress(upload.offset, upload.expires_at, upload.version_id)

    async def run(self, body: AsyncIterator[bytes], max_bytes: int) -> Progress:
        buffer = bytearray()
        received = 0
        flushed_at = time.monotonic()
        try:
            try:
                async for chunk in body:
                    received += len(chunk)
                    if received > max_bytes:
                        raise UploadTooLarge(
                            f"One PATCH carries at most {max_bytes} bytes: send smaller chunks.",
                            max_bytes=max_bytes,
                        )
                    if self.position + len(buffer) + len(chunk) > self.length:
                        raise UploadTooLarge(
                            f"The body goes past Upload-Length ({self.length} bytes).",
                            max_bytes=self.length,
                        )
                    if self.hasher is not None:
                        self.hasher.update(chunk)
                    buffer += chunk
                    if len(buffer) >= SEGMENT_BYTES or (
                        time.monotonic() - flushed_at >= FLUSH_INTERVAL_S
                    ):
                        await self._store(buffer)
                        buffer = bytearray()
                        flushed_at = time.monotonic()
            except BodyInterrupted:
                if self.checksum is None:
                    # Keep what arrived: the client resumes from here.
                    with anyio.CancelScope(shield=True):
                        await self._store(buffer)
                raise
            if self.checksum is not None:
                assert self.hasher is not None
                if self.hasher.digest() != self.checksum.digest:
                    raise ChecksumMismatch(
                        f"The body's {self.checksum.algorithm} digest does not match "
                        "Upload-Checksum; nothing was appended."
                    )
                await self._store(buffer)
                if self.pending:
                    await self._commit(self.pending)
                    self.pending = []
            else:
                await self._store(buffer)
        finally:
            if self.pending:
                with anyio.CancelScope(shield=True):
                    for _start, _length, key in self.pending:
                        await delete_part(self.storage, key)
        return self.progress

    async def _store(self, data: bytearray) -> None:
        """Write ``data`` as a part; commit it unless the request has a checksum."""
        if not data:
            return
        key = new_part_key(self.upload_id, self.position)
        await put_part(self.storage, key, data)
        part = [self.position, len(data), key]
        self.position += len(data)
        if self.checksum is not None:
            self.pending.append(part)
            return
        try:
            await self._commit([part])
        except BaseException:
            with anyio.CancelScope(shield=True):
                await delete_part(self.storage, key)
            raise

    async def _commit(self, parts: list[list[Any]]) -> None:
        start = parts[0][0]
        added = sum(p[1] for p in parts)
        done = completing = False
        try:
            async with self.sessionmaker() as session, session.begin():
                upload = await session.scalar(
                    select(AssetUpload).where(AssetUpload.id == self.upload_id).with_for_update()
                )
                if upload is None:
                    raise NotFound(f"Upload {self.upload_id} was terminated.")
                if upload.offset != start or upload.version_id is not None:
                    raise OffsetMismatch(
                        f"Another request moved the upload to offset {upload.offset}: "
                        "ask for it (HEAD) and resume from there.",
                        offset=upload.offset,
                    )
                upload.parts = [*upload.parts, *parts]
                upload.offset = start + added
                upload.expires_at = expiry(self.settings)
                if upload.offset == upload.length:
                    completing = True
                    await self._complete(session, upload)
                    done = True
                await session.flush()
                self.progress = Progress(upload.offset, upload.expires_at, upload.version_id)
        except AppError:
            if completing:
                # The file was refused (its type, or the asset became a link or went away):
                # the upload cannot succeed, keep nothing.
                with anyio.CancelScope(shield=True):
                    await self._discard_upload()
            raise
        self.committed = start + added
        if done:
            with anyio.CancelScope(shield=True):
                await delete_parts(self.storage, self.upload_id)

    async def _complete(self, session: AsyncSession, upload: AssetUpload) -> None:
        """All bytes are here: the blob, then the version (the upload row locked)."""
        settings = self.settings
        blob = await self.storage.put_stream(
            iter_parts(self.storage, upload.parts),
            max_bytes=settings.asset_max_bytes,
            filename=upload.filename,
            policy=asset_type_policy(settings),
        )
        try:
            _asset, version = await add_version(
                session,
                self.principal.actor,
                upload.asset_id,
                sha256=blob.sha256,
                size_bytes=blob.size,
                content_type=blob.content_type,
                filename=upload.filename,
            )
        except BaseException:
            if blob.created:
                # No version refers to the bytes this upload stored.
                with anyio.CancelScope(shield=True):
                    await self.storage.delete(blob.sha256)
            raise
        upload.version_id = version.id
        upload.completed_at = utcnow()
        upload.parts = []

    async def _discard_upload(self) -> None:
        async with self.sessionmaker() as session, session.begin():
            await session.execute(delete(AssetUpload).where(AssetUpload.id == self.upload_id))
        await delete_parts(self.storage, self.upload_id)


async def receive_chunk(
    sessionmaker: async_sessionmaker[AsyncSession],
    storage: Storage,
    settings: Settings,
    principal: Principal,
    asset_id: uuid.UUID,
    upload_id: uuid.UUID,
    *,
    offset: int,
    checksum: Checksum | None,
    content_length: int | None,
    body: AsyncIterator[bytes],
) -> Progress:
    """Append a PATCH body at ``offset`` (see the module docstring). Raises
    :class:`BodyInterrupted` after keeping what arrived when the client went away."""
    require_vendor(principal, "upload asset files")
    async with sessionmaker() as session:
        await get_visible_asset(session, principal, asset_id)
        upload = _live(await session.get(AssetUpload, upload_id), asset_id, upload_id)
    if offset != upload.offset:
        raise OffsetMismatch(
            f"Upload-Offset {offset} does not match the upload's offset {upload.offset}.",
            offset=upload.offset,
        )
    max_bytes = settings.tus_max_chunk_bytes
    if content_length is not None and content_length > max_bytes:
        raise UploadTooLarge(
            f"One PATCH carries at most {max_bytes} bytes: send smaller chunks.",
            max_bytes=max_bytes,
        )
    if content_length is not None and offset + content_length > upload.length:
        raise UploadTooLarge(
            f"The body goes past Upload-Length ({upload.length} bytes).", max_bytes=upload.length
        )
    receiver = _Receiver(sessionmaker, storage, settings, principal, upload, checksum)
    return await receiver.run(body, max_bytes)


async def purge_uploads_job(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    """The ``purge-uploads`` job: :func:`purge_expired` on the configured storage."""
    return await purge_expired(sessionmaker, get_storage())


async def purge_expired(
    sessionmaker: async_sessionmaker[AsyncSession], storage: Storage, *, batch: int = 100
) -> int:
    """Delete expired uploads (finished or not) and their stored parts; returns how many.

    Idempotent and safe with several workers: each batch claims its rows with ``FOR UPDATE
    SKIP LOCKED`` (an upload being assembled holds its lock and is skipped), removes their
    parts, then the rows, in one transaction; parts removed for a transaction that then
    failed belong to an expired upload anyway.
    """
    total = 0
    while True:
        async with sessionmaker() as session, session.begin():
            ids = list(
                (
                    await session.scalars(
                        select(AssetUpload.id)
                        .where(AssetUpload.expires_at <= utcnow())
                        .order_by(AssetUpload.expires_at)
                        .limit(batch)
                        .with_for_update(skip_locked=True)
                    )
                ).all()
            )
            if not ids:
                return total
            for upload_id in ids:
                await delete_parts(storage, upload_id)
            await session.execute(delete(AssetUpload).where(AssetUpload.id.in_(ids)))
        total += len(ids)
        if len(ids) < batch:
            return total
