"""Queries on health snapshots."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.models import Partner, PartnerHealthSnapshot

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


# One statement whatever the number of rows: each column travels as one array (seven
# parameters), where a multi-row VALUES would take seven per row and build a statement of
# that size in Python first.
_UPSERT = text(
    """INSERT INTO partner_health_snapshots AS s
       (partner_id, day, score, band, components, formula_version, computed_at)
SELECT r.partner_id, :day, r.score, r.band, r.components::jsonb, :formula_version, :computed_at
  FROM unnest(CAST(:partner_ids AS uuid[]), CAST(:scores AS integer[]), CAST(:bands AS text[]),
              CAST(:components AS text[])) AS r(partner_id, score, band, components)
ON CONFLICT (partner_id, day) DO UPDATE SET
  score = EXCLUDED.score, band = EXCLUDED.band, components = EXCLUDED.components,
  formula_version = EXCLUDED.formula_version, computed_at = EXCLUDED.computed_at"""
)


@dataclass(frozen=True)
class SnapshotRow:
    partner_id: uuid.UUID
    score: int
    band: str
    #: ``explain[]`` as JSON text.
    components: str


async def upsert(
    session: AsyncSession,
    day: date,
    formula_version: str,
    computed_at: datetime,
    rows: Sequence[SnapshotRow],
) -> None:
    """Write the day's snapshots, replacing any of the same partner and day."""
    if not rows:
        return
    await session.execute(
        _UPSERT,
        {
            "day": day,
            "formula_version": formula_version,
            "computed_at": computed_at,
            "partner_ids": [r.partner_id for r in rows],
            "scores": [r.score for r in rows],
            "bands": [r.band for r in rows],
            "components": [r.components for r in rows],
        },
    )
