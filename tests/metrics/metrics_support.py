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
    "user_activity_bounds": ("user_id", "partner_id"),
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
    "metric_program_days": ("day", "currency"),
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
        out["partner_won_months"] = await _won_months(session)
        for table, keys in CUBE_KEYS.items():
            rows = (await session.execute(text(f"SELECT * FROM {table}"))).mappings().all()
            out[table] = {
                tuple(row[k] for k in keys): tuple(v for k, v in row.items() if k not in keys)
                for row in rows
            }
    return out


async def _won_months(session: Any) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Each partner's won months as {(partner, month): (won_base,)} for the months with an
    amount, after checking the invariants readers rely on: each partner has every month from
    its first through the last of its rows and ``dense_through``, each running total is the
    sum of the months up to it, and the amounts are in the program's base currency."""
    state = (await session.execute(text("SELECT * FROM partner_won_state"))).one()
    base = (
        await session.execute(text("SELECT base_currency FROM program_settings WHERE id = 1"))
    ).scalar()
    assert state.base_currency == (base or "USD")
    rows = (
        await session.execute(text("SELECT * FROM partner_won_months ORDER BY partner_id, month"))
    ).all()
    out: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    by_partner: dict[Any, list[Any]] = {}
    for row in rows:
        by_partner.setdefault(row.partner_id, []).append(row)
    for partner, months in by_partner.items():
        total = 0
        for previous, row in zip([None, *months], months, strict=False):
            if previous is not None:
                assert row.month == _next_month(previous.month), (partner, row.month)
            total += row.won_base
            assert row.running == total, (partner, row.month)
            if row.won_base:
                out[(partner, row.month)] = (row.won_base,)
        assert months[-1].month >= state.dense_through, partner
    return out


def _next_month(day: Any) -> Any:
    return day.replace(year=day.year + day.month // 12, month=day.month % 12 + 1)
