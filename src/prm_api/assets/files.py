"""An asset's files: the streamed upload that makes a version, the versions, what a download
serves, and the record of a completed download.

Uploads stream from the request to storage (``kit.multipart.StreamedForm`` →
``Storage.put_stream``): the size limit and the type policy are enforced while the bytes
arrive, and nothing is stored when either refuses. The asset row is locked only after the
bytes are stored, to number the version (``versions.add_version``).

A download counts once it has completed: a whole-file response, or a range that ends at the
file's last byte (a client fetching in chunks counts once, for its last chunk). It is recorded
by :func:`record_download` in a transaction of its own after the body was sent: a failure
there is logged and never breaks the download it counts.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.assets import service
from prm_api.assets.events import ASSET_DOWNLOADED
from prm_api.assets.schemas import AssetDownload as AssetDownloadOut
from prm_api.assets.versions import add_version, refuse_link
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Actor, Principal
from prm_api.config import Settings
from prm_api.errors import NotFound, ValidationFailed, field_error
from prm_api.events.outbox import emit
from prm_api.kit.multipart import StreamedForm
from prm_api.kit.pagination import PageParams, PageResult, SortKeys, paginate
from prm_api.kit.time import utcnow
from prm_api.models import Asset, AssetDownload, AssetVersion
from prm_api.reads import fetch_row
from prm_api.storage import Storage, asset_type_policy, sanitize_filename

log = logging.getLogger("prm_api.assets.files")

#: Room for the multipart framing and the text fields beside the file.
FORM_OVERHEAD_BYTES = 1024 * 1024

VERSION_SORTS = SortKeys({"number": AssetVersion.number}, "-number", AssetVersion.id)
_VERSION_COLUMNS = select(*AssetVersion.__table__.columns)
_VERSION_BY_NUMBER = _VERSION_COLUMNS.where(
    AssetVersion.asset_id == bindparam("asset_id"), AssetVersion.number == bindparam("number")
)


# --- uploads ---------------------------------------------------------------------------------


async def check_upload(session: AsyncSession, principal: Principal, asset_id: uuid.UUID) -> None:
    """Before a byte is read: vendor staff only (403), the asset exists (404) and takes files
    (409 for a link)."""
    require_vendor(principal, "upload asset files")
    refuse_link(await service.get_visible_asset_row(session, principal, asset_id))


async def upload_version(
    session: AsyncSession,
    principal: Principal,
    asset_id: uuid.UUID,
    form: StreamedForm,
    *,
    storage: Storage,
    settings: Settings,
    note_field: str = "note",
) -> AssetVersion:
    """Stream the form's file to storage and make it the asset's new current version.

    Content type from the bytes (a refused type: 422), filename sanitized, an empty file
    refused (422 ``empty_file``); identical bytes are stored once.
    """
    await check_upload(session, principal, asset_id)
    # That check ran in the request's transaction; end it, so that no database connection
    # is held (idle in transaction) while the file streams in, for minutes maybe.
    await session.rollback()
    await form.start()
    filename = sanitize_filename(form.filename)

    async def chunks() -> Any:
        async for chunk in form.file_chunks():
            yield chunk
        if form.file_bytes == 0:
            # Raised before put_stream writes anything (it reads the first part first).
            raise ValidationFailed(
                "The file is empty.",
                errors=[field_error("file", "empty_file", "The file is empty.", "form")],
            )

    blob = await storage.put_stream(
        chunks(),
        max_bytes=settings.asset_max_bytes,
        filename=filename,
        policy=asset_type_policy(settings),
    )
    try:
        _, version = await add_version(
            session,
            principal.actor,
            asset_id,
            sha256=blob.sha256,
            size_bytes=blob.size,
            content_type=blob.content_type,
            filename=filename,
            note=form.fields.get(note_field) or None,
        )
    except BaseException:
        if blob.created:
            await _discard_unreferenced(session, storage, blob.sha256)
        raise
    return version


async def _discard_unreferenced(session: AsyncSession, storage: Storage, sha256: str) -> None:
    """Remove a blob this upload created when no version refers to it (the version could not
    be made: the asset became a link or was deleted meanwhile)."""
    try:
        await session.rollback()
        used = await session.scalar(
            select(AssetVersion.id).where(AssetVersion.sha256 == sha256).limit(1)
        )
        if used is None:
            await storage.delete(sha256)
    except Exception:  # the original error is what the client must see
        log.exception("could not remove the unused blob %s", sha256)


# --- versions --------------------------------------------------------------------------------


async def list_versions(
    session: AsyncSession, principal: Principal, asset_id: uuid.UUID, page: PageParams
) -> PageResult[Any]:
    """Vendor staff: every version, newest first. A partner: the current one only."""
    asset = await service.get_visible_asset_row(session, principal, asset_id)
    stmt = _VERSION_COLUMNS.where(AssetVersion.asset_id == asset.id)
    if principal.is_partner:
        stmt = stmt.where(AssetVersion.number == asset.current_version_number)
    return await paginate(session, stmt, VERSION_SORTS, None, page)


async def get_version(
    session: AsyncSession, principal: Principal, asset_id: uuid.UUID, number: int
) -> Any:
    """One version (a row); partners only the current one (404 for the others)."""
    asset = await service.get_visible_asset_row(session, principal, asset_id)
    if principal.is_partner and number != asset.current_version_number:
        raise NotFound(f"No version {number} of asset {asset_id}.")
    row = await fetch_row(session, _VERSION_BY_NUMBER, {"asset_id": asset.id, "number": number})
    if row is None:
        raise NotFound(f"No version {number} of asset {asset_id}.")
    return row


# --- downloads -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    """A file about to be served, and whom its download counts for."""

    asset_id: uuid.UUID
    version_number: int
    sha256: str
    size: int
    content_type: str
    filename: str
    partner_id: uuid.UUID | None
    actor: Actor
    share_link_id: uuid.UUID | None = None

    @property
    def etag(self) -> str:
        return f'"{self.sha256}"'


def current_download(
    asset: Any, partner_id: uuid.UUID | None, actor: Actor, share_link_id: uuid.UUID | None = None
) -> Download:
    """The asset's current file (from the asset's row); 404 when it has none."""
    if asset.current_version_number is None or asset.current_sha256 is None:
        raise NotFound(f"Asset {asset.id} has no file.")
    return Download(
        asset.id,
        asset.current_version_number,
        asset.current_sha256,
        asset.current_size_bytes,
        asset.current_content_type,
        asset.current_filename,
        partner_id,
        actor,
        share_link_id,
    )


async def resolve_download(
    session: AsyncSession, principal: Principal, asset_id: uuid.UUID, number: int | None = None
) -> Download:
    """What ``/content`` (``number`` None: the current version) or ``/versions/{n}/content``
    serves to the principal: partners only the current version of an asset they see."""
    asset = await service.get_visible_asset_row(session, principal, asset_id)
    if number is None or number == asset.current_version_number:
        return current_download(asset, principal.partner_id, principal.actor)
    version = await get_version(session, principal, asset_id, number)
    return Download(
        asset.id,
        version.number,
        version.sha256,
        version.size_bytes,
        version.content_type,
        version.filename,
        principal.partner_id,
        principal.actor,
    )


def _actor_type(download: Download) -> str:
    if download.share_link_id is not None:
        return "share_link"
    return download.actor.type


async def record_download(
    sessionmaker: async_sessionmaker[AsyncSession], download: Download
) -> AssetDownload | None:
    """Count a completed download: an ``asset_downloads`` row, the asset's ``download_count``
    and the ``asset.downloaded`` event, in one transaction of their own (the request's
    session is a read's, and the body has been sent). Never raises: a download that reached
    the client is not undone by a failure to count it; the failure is logged."""
    try:
        async with sessionmaker() as session, session.begin():
            row = AssetDownload(
                asset_id=download.asset_id,
                version_number=download.version_number,
                partner_id=download.partner_id,
                actor_type=_actor_type(download),
                actor_id=download.actor.id,
                share_link_id=download.share_link_id,
                at=utcnow(),
            )
            session.add(row)
            await session.flush()
            # A plain UPDATE: the count is not an edit of the asset, so its row version (its
            # ETag, which an editor's If-Match holds) does not move with every download.
            await session.execute(
                update(Asset)
                .where(Asset.id == download.asset_id)
                .values(download_count=Asset.download_count + 1)
                .execution_options(synchronize_session=False)
            )
            emit(
                session,
                download.actor,
                ASSET_DOWNLOADED,
                AssetDownloadOut.model_validate(row, from_attributes=True),
                resource_id=download.asset_id,
            )
            if download.share_link_id is None and download.partner_id is not None:
                # A partner user's download completes the course modules showing this asset
                # in their active enrollments, in this same transaction (imported here: the
                # trainings package builds on assets, not the other way round).
                from prm_api.trainings.progress import asset_opened

                await asset_opened(session, download.actor, download.asset_id)
        return row
    except Exception:
        log.exception("could not record a download of asset %s", download.asset_id)
        return None


def new_form(
    content_type: str | None, stream: Any, settings: Settings, note_chars: int
) -> StreamedForm:
    """The upload's form reader: ``file`` streamed, ``note`` collected, the body capped at
    the file's limit plus the framing."""
    return StreamedForm(
        content_type,
        stream,
        file_field="file",
        text_fields={"note": note_chars},
        max_body=settings.asset_max_bytes + FORM_OVERHEAD_BYTES,
    )
