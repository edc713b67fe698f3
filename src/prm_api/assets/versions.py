"""The asset's current version and its search document: what the uploads code plugs into.

The upload endpoints create an :class:`~prm_api.models.AssetVersion` (numbered with
:func:`next_version_number`) and call :func:`set_current_version`, which copies the version's
fields onto the asset (lists and gets render them from the asset's row, and its filename is
searched), then record ``asset.version_added`` themselves — or call :func:`add_version`, which
does all of it, the same way for every kind of upload (multipart, tus).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.assets.events import ASSET_VERSION_ADDED
from prm_api.assets.schemas import AssetVersion as AssetVersionOut
from prm_api.audit import service as audit
from prm_api.auth.principal import Actor
from prm_api.errors import Conflict, NotFound
from prm_api.events.recording import record_change
from prm_api.kit.time import utcnow
from prm_api.models import Asset, AssetVersion


def search_source(asset: Any) -> str:
    """The text ``q`` searches: title, description, tags and the current file's name (the
    database derives the accent-free text and its words from it)."""
    parts = [asset.title, asset.description or "", " ".join(asset.tags or [])]
    if asset.current_filename:
        parts.append(asset.current_filename)
    return "\n".join(part for part in parts if part)


async def next_version_number(session: AsyncSession, asset_id: uuid.UUID) -> int:
    """1 + the highest version number of the asset (call with the asset locked for update:
    two uploads finishing together then take 2 and 3, not 2 twice)."""
    highest = await session.scalar(
        select(func.max(AssetVersion.number)).where(AssetVersion.asset_id == asset_id)
    )
    return int(highest or 0) + 1


def set_current_version(asset: Asset, version: AssetVersion) -> None:
    """Make ``version`` (already flushed) the asset's current one. The asset's row version
    moves on flush, so its ETag changes with the representation."""
    asset.current_version_id = version.id
    asset.current_version_number = version.number
    asset.current_filename = version.filename
    asset.current_content_type = version.content_type
    asset.current_size_bytes = version.size_bytes
    asset.current_sha256 = version.sha256
    asset.current_uploaded_at = version.uploaded_at
    # The thumbnail belongs to the previous bytes: the make-thumbnails job gives the new
    # version its own (assets/thumbnails.py).
    asset.has_thumbnail = False
    asset.search_source = search_source(asset)


def version_out(version: AssetVersion) -> AssetVersionOut:
    return AssetVersionOut.model_validate(version, from_attributes=True)


def refuse_link(asset: Any) -> None:
    """409 ``asset_is_link``: a link asset points at a URL and has no files."""
    if asset.kind == "link":
        raise Conflict(
            "A link asset has no files: change its kind before uploading.", code="asset_is_link"
        )


async def add_version(
    session: AsyncSession,
    actor: Actor,
    asset_id: uuid.UUID,
    *,
    sha256: str,
    size_bytes: int,
    content_type: str,
    filename: str,
    note: str | None = None,
) -> tuple[Asset, AssetVersion]:
    """Make an already stored blob the asset's new current version and record
    ``asset.version_added``.

    The asset is locked here, after the bytes were stored (an upload can take minutes; the
    row is held only for the numbering), and checked again: it may have become a link or been
    deleted meanwhile. The caller checked the principal's right to upload before streaming.
    """
    asset = await session.scalar(
        select(Asset)
        .where(Asset.id == asset_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if asset is None:
        raise NotFound(f"No asset {asset_id}.")
    refuse_link(asset)
    before = {"current_version_number": asset.current_version_number}
    version = AssetVersion(
        asset_id=asset.id,
        number=await next_version_number(session, asset.id),
        filename=filename,
        content_type=content_type,
        size_bytes=size_bytes,
        sha256=sha256,
        uploaded_by=actor.id,
        uploaded_at=utcnow(),
        note=note,
    )
    session.add(version)
    await session.flush()
    set_current_version(asset, version)
    await session.flush()
    await record_change(
        session,
        actor,
        ASSET_VERSION_ADDED,
        version_out(version),
        resource_id=asset.id,
        changes=audit.diff(
            before,
            {
                "current_version_number": version.number,
                "sha256": sha256,
                "size_bytes": size_bytes,
                "content_type": content_type,
            },
        ),
    )
    return asset, version
