"""Helpers the metrics tests share."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from prm_api.metrics import cube
from prm_api.metrics.rebuild import ROLLUP_TABLES, SPAN_TABLES

KEYS = {
    "deal_daily_rollups": ("partner_id", "day", "currency"),
    "deal_approval_hours": ("partner_id", "day", "hours"),
    "engagement_daily_rollups": ("partner_id", "day"),
    "partner_deal_activity": ("partner_id",),
    "user_activity_spans": ("user_id", "partner_id"),
}


async def rollup_contents(sessionmaker: Any) -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
    """Every rollup and activity span table as {key: values}. Rows of zeros (and empty spans)
    included: the triggers remove a row a change leaves empty, as a rebuild never writes one."""
    out: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]] = {}
    async with sessionmaker() as session:
        for table in (*ROLLUP_TABLES, *SPAN_TABLES):
            rows = (await session.execute(text(f"SELECT * FROM {table}"))).mappings().all()
            keyed = {}
            for row in rows:
                key = tuple(row[k] for k in KEYS[table])
                values = tuple(v for k, v in row.items() if k not in KEYS[table])
                keyed[key] = values
            out[table] = keyed
    return out


CUBE_KEYS = {
    "metric_cube_days": ("day", "currency", "tier_id", "partner_type", "country"),
    "metric_cube_months": ("month", "currency", "rate_day", "tier_id", "partner_type", "country"),
}


MISPLACED = f"""
SELECT p.id FROM partners p LEFT JOIN metric_cube_placements pl ON pl.partner_id = p.id
 WHERE (EXISTS (SELECT 1 FROM deal_daily_rollups r WHERE r.partner_id = p.id)
        OR EXISTS (SELECT 1 FROM engagement_daily_rollups r WHERE r.partner_id = p.id))
   AND (pl.partner_id IS NULL
        OR (pl.tier_id, pl.partner_type, pl.country) IS DISTINCT FROM
           (coalesce(p.tier_id, {cube.NO_TIER}), p.type, coalesce(p.country, '')))"""


async def cube_contents(sessionmaker: Any) -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
    """The program cube as {table: {key: values}}, after folding the pending changes into it
    (then there are none left)."""
    async with sessionmaker() as session, session.begin():
        await cube.fold(session)
    out: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]] = {}
    async with sessionmaker() as session:
        pending = (await session.execute(text("SELECT count(*) FROM metric_cube_deltas"))).scalar()
        assert pending == 0
        # Every partner with history has it placed under its group of now.
        misplaced = await session.execute(text(MISPLACED))
        assert misplaced.all() == []
        for table, keys in CUBE_KEYS.items():
            rows = (await session.execute(text(f"SELECT * FROM {table}"))).mappings().all()
            out[table] = {
                tuple(row[k] for k in keys): tuple(v for k, v in row.items() if k not in keys)
                for row in rows
            }
    return out
