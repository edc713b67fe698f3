"""Download statistics: an asset's (``/v1/assets/{id}/stats``) and a partner's engagement
(``/v1/partners/{id}/engagement``), over ``asset_downloads`` (one row per completed download)
in a ``[from, to)`` window (``to`` not after ``from``: an empty window, all zeros), grouped
in SQL (days and months in UTC)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Date, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.assets import service
from prm_api.assets.file_schemas import AssetStats, PartnerEngagement
from prm_api.assets.repository import partner_visible
from prm_api.auth.policy import ensure_visible
from prm_api.auth.principal import Principal
from prm_api.errors import NotFound
from prm_api.kit.filters import in_window
from prm_api.models import Asset, AssetDownload, Partner


def _utc(column: Any) -> Any:
    return func.timezone("UTC", column)


async def _rows(session: AsyncSession, stmt: Any) -> list[Any]:
    return list((await session.execute(stmt)).all())


async def asset_stats(
    session: AsyncSession,
    principal: Principal,
    asset_id: uuid.UUID,
    start: datetime | None,
    end: datetime | None,
) -> AssetStats:
    """Vendor staff: every download of the asset. A partner: its own downloads only (its
    users' and its share links'), of an asset it sees."""
    await service.get_visible_asset_row(session, principal, asset_id)
    d = AssetDownload
    conditions = [d.asset_id == asset_id]
    if principal.is_partner:
        conditions.append(d.partner_id == principal.partner_id)

    def grouped(*columns: Any) -> Any:
        stmt = select(*columns, func.count().label("downloads")).where(*conditions)
        return in_window(stmt, d.at, start, end).group_by(*columns)

    day = cast(_utc(d.at), Date).label("day")
    by_partner = await _rows(
        session, grouped(d.partner_id).order_by(func.count().desc(), d.partner_id)
    )
    by_day = await _rows(session, grouped(day).order_by(day))
    by_version = await _rows(session, grouped(d.version_number).order_by(d.version_number.desc()))
    return AssetStats.model_validate(
        {
            "asset_id": asset_id,
            "from": start,
            "to": end,
            "total": sum(r.downloads for r in by_partner),
            "by_partner": [r._asdict() for r in by_partner],
            "by_day": [r._asdict() for r in by_day],
            "by_version": [r._asdict() for r in by_version],
        }
    )


async def partner_engagement(
    session: AsyncSession,
    principal: Principal,
    partner_id: uuid.UUID,
    start: datetime | None,
    end: datetime | None,
) -> PartnerEngagement:
    """A partner's downloads by asset and by month. A partner token: its own partner only
    (another's is a 404, as a partner that does not exist), and only downloads of assets it
    sees now (:func:`~prm_api.assets.repository.partner_visible`: published, live, admitted
    by the audience): an asset whose audience no longer includes the partner, or that was
    archived, does not exist for it here either (its stats are a 404), so neither its title
    nor its downloads are counted. Vendor staff see every download."""
    ensure_visible(principal, partner_id, f"No partner {partner_id}.")
    if await session.get(Partner, partner_id) is None:
        raise NotFound(f"No partner {partner_id}.")
    d = AssetDownload

    def grouped(*columns: Any) -> Any:
        stmt = (
            select(*columns, func.count().label("downloads"))
            .join(Asset, Asset.id == d.asset_id)
            .where(d.partner_id == partner_id, partner_visible(principal))
        )
        return in_window(stmt, d.at, start, end).group_by(*columns)

    by_asset = await _rows(
        session, grouped(d.asset_id, Asset.title).order_by(func.count().desc(), d.asset_id)
    )
    month = func.to_char(_utc(d.at), "YYYY-MM").label("month")
    by_month = await _rows(session, grouped(month).order_by(month))
    return PartnerEngagement.model_validate(
        {
            "partner_id": partner_id,
            "from": start,
            "to": end,
            "total": sum(r.downloads for r in by_asset),
            "by_asset": [r._asdict() for r in by_asset],
            "by_month": [r._asdict() for r in by_month],
        }
    )
