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


async def cube_contents(sessionmaker: Any) -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
    """The program cube as {table: {key: values}}, after folding the pending changes into it
    (then there are none left)."""
    async with sessionmaker() as session, session.begin():
        await cube.fold(session)
    out: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]] = {}
    async with sessionmaker() as session:
        pending = (await session.execute(text("SELECT count(*) FROM metric_cube_deltas"))).scalar()
        assert pending == 0
        for table, keys in CUBE_KEYS.items():
            rows = (await session.execute(text(f"SELECT * FROM {table}"))).mappings().all()
            out[table] = {
                tuple(row[k] for k in keys): tuple(v for k, v in row.items() if k not in keys)
                for row in rows
            }
    return out
