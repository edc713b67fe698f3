"""Queries on health snapshots."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.models import Partner, PartnerHealthSnapshot

#: Rows per upsert statement (7 parameters a row, under PostgreSQL's 32,767 per statement).
UPSERT_BATCH = 2000

_HISTORY = (
    select(
        PartnerHealthSnapshot.day,
        PartnerHealthSnapshot.score,
        PartnerHealthSnapshot.band,
        PartnerHealthSnapshot.formula_version,
        PartnerHealthSnapshot.computed_at,
        PartnerHealthSnapshot.components,
    )
    .where(
        PartnerHealthSnapshot.partner_id == bindparam("partner_id"),
        PartnerHealthSnapshot.day.between(bindparam("start"), bindparam("end")),
    )
    .order_by(PartnerHealthSnapshot.day)
)


async def history(
    session: AsyncSession, partner_id: uuid.UUID, start: date, end: date
) -> Sequence[Any]:
    """The partner's snapshots from ``start`` to ``end`` (both included), oldest first."""
    result = await session.execute(_HISTORY, {"partner_id": partner_id, "start": start, "end": end})
    return result.all()


async def active_partners_to_snapshot(
    session: AsyncSession, day: date, *, again: bool = False
) -> list[uuid.UUID]:
    """Active partners without a snapshot for ``day`` (with ``again``: every active partner)."""
    stmt = select(Partner.id).where(Partner.status == "active")
    if not again:
        taken = select(PartnerHealthSnapshot.partner_id).where(
            PartnerHealthSnapshot.partner_id == Partner.id, PartnerHealthSnapshot.day == day
        )
        stmt = stmt.where(~taken.exists())
    return list((await session.scalars(stmt)).all())


# One index probe per partner on the primary key (partner_id, day) rather than DISTINCT ON
# over every snapshot ever taken (a year of 10,000 partners is 3.65 million rows).
_LATEST_BANDS = text(
    """SELECT p.id AS partner_id, s.band
  FROM unnest(CAST(:ids AS uuid[])) AS p(id)
  CROSS JOIN LATERAL (
    SELECT band FROM partner_health_snapshots
     WHERE partner_id = p.id AND day <= :day
     ORDER BY day DESC LIMIT 1) s"""
)


async def latest_bands(
    session: AsyncSession, partner_ids: Sequence[uuid.UUID], day: date
) -> dict[uuid.UUID, str]:
    """Each partner's band in its newest snapshot up to ``day`` (partners without one are
    left out)."""
    if not partner_ids:
        return {}
    rows = await session.execute(_LATEST_BANDS, {"ids": list(partner_ids), "day": day})
    return {row.partner_id: row.band for row in rows}


async def upsert(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Write the snapshots, replacing any of the same partner and day."""
    for i in range(0, len(rows), UPSERT_BATCH):
        stmt = insert(PartnerHealthSnapshot).values(rows[i : i + UPSERT_BATCH])
        stmt = stmt.on_conflict_do_update(
            index_elements=[PartnerHealthSnapshot.partner_id, PartnerHealthSnapshot.day],
            set_={
                name: stmt.excluded[name]
                for name in ("score", "band", "components", "formula_version", "computed_at")
            },
        )
        await session.execute(stmt)
