"""Receiving the bytes of a tus upload (PATCH): the rules of :mod:`.tus` for one request.

The bytes go through an :class:`~prm_api.storage.partial.UploadWriter`: on local storage one
staging file written in place at each offset and hashed as it is written, under a lock held
for the request (:mod:`prm_api.storage.upload_file`); on object storage part objects
(:mod:`prm_api.storage.partial`). Either way the upload row's ``offset`` moves on in short
transactions, ``WHERE offset = <where this request's bytes start>`` (row lock), and no
database connection is held while bytes stream.
"""

from __future__ import annotations

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
from prm_api.assets.tus import live_upload
from prm_api.assets.tus_protocol import (
    CHECKSUMS,
    FLUSH_INTERVAL_S,
    SEGMENT_BYTES,
    BodyInterrupted,
    Checksum,
    ChecksumMismatch,
    OffsetMismatch,
    UploadTooLarge,
    expiry,
)
from prm_api.assets.versions import add_version
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.config import Settings
from prm_api.errors import AppError, NotFound
from prm_api.kit.time import utcnow
from prm_api.models import AssetUpload
from prm_api.storage import Storage, StoredBlob, asset_type_policy
from prm_api.storage.partial import UploadWriter, delete_parts, upload_writer
from prm_api.storage.upload_file import UploadBusy


@dataclass(frozen=True)
class Progress:
    """The upload after a PATCH: what the response headers say."""

    offset: int
    expires_at: datetime
    version_id: uuid.UUID | None


class _Receiver:
    """One PATCH: streams the body through the writer and commits (see :mod:`.tus`)."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        storage: Storage,
        settings: Settings,
        principal: Principal,
        upload: AssetUpload,
        checksum: Checksum | None,
        writer: UploadWriter,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.storage = storage
        self.settings = settings
        self.principal = principal
        self.writer = writer
        self.upload_id = upload.id
        self.length = upload.length
        self.position = upload.offset  # end of what this request wrote so far
        self.committed = upload.offset
        self.checksum = checksum
        self.hasher = CHECKSUMS[checksum.algorithm]() if checksum else None
        self.pending: list[list[Any]] = []  # parts written, not yet committed
        self.blob: StoredBlob | None = None  # what completing the upload stored
        self.progress = Progress(upload.offset, upload.expires_at, upload.version_id)

    async def run(self, body: AsyncIterator[bytes], max_bytes: int) -> Progress:
        write_bytes = self.writer.write_bytes or SEGMENT_BYTES
        buffer = bytearray()
        received = 0
        committed_at = time.monotonic()
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
                    due = time.monotonic() - committed_at >= FLUSH_INTERVAL_S
                    if len(buffer) >= write_bytes or due:
                        await self._write(buffer)
                        buffer = bytearray()
                        # A checksum request commits only once its whole body is verified.
                        if self.checksum is None and (
                            due or self.position - self.committed >= SEGMENT_BYTES
                        ):
                            await self._commit()
                            committed_at = time.monotonic()
            except BodyInterrupted:
                if self.checksum is None:
                    # Keep what arrived: the client resumes from here.
                    with anyio.CancelScope(shield=True):
                        await self._write(buffer)
                        await self._commit()
                raise
            if self.checksum is not None:
                assert self.hasher is not None
                if self.hasher.digest() != self.checksum.digest:
                    raise ChecksumMismatch(
                        f"The body's {self.checksum.algorithm} digest does not match "
                        "Upload-Checksum; nothing was appended."
                    )
            await self._write(buffer)
            await self._commit()
        finally:
            if self.position > self.committed:
                with anyio.CancelScope(shield=True):
                    await self.writer.discard(self.committed, self.pending)
                self.pending = []
            self.writer.keep_hash(self.committed)
        return self.progress

    async def _write(self, data: bytearray) -> None:
        if not data:
            return
        part = await self.writer.write(self.position, data)
        if part is not None:
            self.pending.append(part)
        self.position += len(data)

    async def _commit(self) -> None:
        """Commit what was written since the last commit; the commit reaching the length
        completes the upload (a zero-byte upload: its one, empty, PATCH)."""
        start, added = self.committed, self.position - self.committed
        if added == 0 and not (start == self.length and self.progress.version_id is None):
            return
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
                if self.pending:
                    upload.parts = [*upload.parts, *self.pending]
                upload.offset = start + added
                upload.expires_at = expiry(self.settings)
                if upload.offset == upload.length:
                    completing = True
                    await self._complete(session, upload)
                    done = True
                await session.flush()
                self.progress = Progress(upload.offset, upload.expires_at, upload.version_id)
        except BaseException as exc:
            with anyio.CancelScope(shield=True):
                if self.blob is not None and self.blob.created:
                    # No committed version refers to the bytes this upload stored (and on
                    # local storage the blob shares the staging file a retry would write to).
                    await self.storage.delete(self.blob.sha256)
                if completing and isinstance(exc, AppError):
                    # The file was refused (its type, or the asset became a link or went
                    # away): the upload cannot succeed, keep nothing.
                    await self._discard_upload()
            raise
        self.pending = []
        self.committed = start + added
        if done:
            with anyio.CancelScope(shield=True):
                await delete_parts(self.storage, self.upload_id)

    async def _complete(self, session: AsyncSession, upload: AssetUpload) -> None:
        """All bytes are here: the blob, then the version (the upload row locked)."""
        settings = self.settings
        self.blob = blob = await self.writer.finish(
            upload.length,
            upload.parts,
            max_bytes=settings.asset_max_bytes,
            filename=upload.filename,
            policy=asset_type_policy(settings),
        )
        _asset, version = await add_version(
            session,
            self.principal.actor,
            upload.asset_id,
            sha256=blob.sha256,
            size_bytes=blob.size,
            content_type=blob.content_type,
            filename=upload.filename,
        )
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
    """Append a PATCH body at ``offset`` (see :mod:`.tus`). Raises :class:`BodyInterrupted`
    after keeping what arrived when the client went away."""
    require_vendor(principal, "upload asset files")
    async with sessionmaker() as session:
        await get_visible_asset(session, principal, asset_id)
        upload = live_upload(await session.get(AssetUpload, upload_id), asset_id, upload_id)
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
    writer = upload_writer(storage, upload_id)
    try:
        await writer.__aenter__()
    except UploadBusy as exc:
        raise OffsetMismatch(
            "Another request is appending to this upload: ask for its offset (HEAD) once it "
            "is done and resume from there.",
            offset=upload.offset,
        ) from exc
    try:
        # The offset as it is now that this request holds the upload's file (local storage:
        # the request that held it before may have moved it on, or ended the upload).
        async with sessionmaker() as session:
            found = await session.get(AssetUpload, upload_id)
        if found is None:
            await delete_parts(storage, upload_id)  # a file this request may just have created
        upload = live_upload(found, asset_id, upload_id)
        if offset != upload.offset:
            raise OffsetMismatch(
                f"Another request moved the upload to offset {upload.offset}: "
                "ask for it (HEAD) and resume from there.",
                offset=upload.offset,
            )
        writer.resume_hash(upload.offset)
        receiver = _Receiver(sessionmaker, storage, settings, principal, upload, checksum, writer)
        return await receiver.run(body, max_bytes)
    finally:
        with anyio.CancelScope(shield=True):
            await writer.__aexit__(None, None, None)
