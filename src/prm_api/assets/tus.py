"""Resumable uploads of asset files: the tus 1.0.0 protocol (core + creation + expiration +
checksum + termination) over the blob storage (headers and errors: ``tus_protocol.py``).

How bytes are kept (no tus server library fits a content-addressed store shared by nodes;
receiving a PATCH is :mod:`.tus_receive`):

- **Local storage**: every PATCH writes straight into one staging file per upload at its
  offset, under an exclusive lock held for the request, and the sha256 is updated as the
  bytes are written (:mod:`prm_api.storage.upload_file`); the finished file becomes its
  content-addressed blob by a hard link. Each byte is written once: a 1 GiB upload in
  5 MiB PATCHes (``bench/asset_tus.py``) went from 46 MB/s (parts, then assembly) to ~215.
- **Object storage**: every PATCH writes what it receives as **part objects**
  (:mod:`prm_api.storage.partial`) of at most ``SEGMENT_BYTES`` (8 MiB), and the commit that
  completes the upload streams them into :meth:`Storage.put_stream` (sha256 while streaming)
  and removes them.
- Either way the bytes are committed in short transactions, at least every ``SEGMENT_BYTES``
  or ``FLUSH_INTERVAL_S`` (:mod:`.tus_protocol`): the upload row's ``offset`` moves on only
  ``WHERE offset = <where the request's bytes start>`` (row lock), so of two requests racing
  from the same offset (a client retrying while its first connection still runs) the second
  learns it lost (409) and keeps nothing. No database connection is held while bytes stream.
- A connection cut at any byte: the bytes already received are written and committed before
  the request ends, so ``HEAD`` answers the offset the client must resume from. A process
  that dies loses at most its uncommitted segment; the offset never counts bytes not stored.
- With ``Upload-Checksum`` the bytes of the request are committed only once the digest of the
  whole body matched (460 otherwise, nothing appended); a cut request with a checksum cannot
  be verified and keeps nothing.
- The commit that reaches ``Upload-Length`` completes the upload in the same transaction (the
  upload row stays locked, so nothing else can append or terminate meanwhile): the blob is
  stored (content type sniffed, the type policy applied), it becomes the asset's new version
  (:func:`~prm_api.assets.versions.add_version`, which records ``asset.version_added``), and
  the upload's bytes are removed. A refused type (422) removes the upload and its bytes. A
  process dying during completion rolls the last commit back: the client resends the last
  chunk. A zero-byte upload is completed by its one, empty, PATCH.
- An unfinished upload expires :attr:`Settings.tus_expiry_s` after its last commit
  (``Upload-Expires``; then 410); the ``purge-uploads`` job deletes expired rows and their
  bytes. A finished upload's row stays until then, so asking about it (HEAD) says it is done.
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.assets.service import get_visible_asset
from prm_api.assets.tus_protocol import (
    UploadExpired,
    UploadTooLarge,
    expiry,
)
from prm_api.assets.versions import refuse_link
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.config import Settings
from prm_api.errors import NotFound
from prm_api.kit.time import utcnow
from prm_api.models import AssetUpload
from prm_api.storage import Storage, get_storage, sanitize_filename
from prm_api.storage.partial import delete_parts

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


def live_upload(
    upload: AssetUpload | None, asset_id: uuid.UUID, upload_id: uuid.UUID
) -> AssetUpload:
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
    return live_upload(await session.get(AssetUpload, upload_id), asset_id, upload_id)


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
    live_upload(upload, asset_id, upload_id)
    await session.execute(delete(AssetUpload).where(AssetUpload.id == upload_id))
    await session.flush()
    await delete_parts(storage, upload_id)


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
