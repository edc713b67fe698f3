"""The asset's current version and its search document: what the uploads code plugs into.

The upload endpoints create an :class:`~prm_api.models.AssetVersion` (numbered with
:func:`next_version_number`) and call :func:`set_current_version`, which copies the version's
fields onto the asset (lists and gets render them from the asset's row, and its filename is
searched), then record ``asset.version_added`` themselves.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

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
    asset.search_source = search_source(asset)
