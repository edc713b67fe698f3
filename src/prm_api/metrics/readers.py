"""One SQL reader per metric family of deals and engagement: each returns its figures by
(period start, dimension values), read from the rollups (program-wide: the cube's tables) with
the partner dimensions joined from ``partners``/``tiers`` as they are now. Who was active, the
partners' own facts and certifications are ``activity``'s.

The SQL is assembled from fixed fragments only; every value travels as a bound parameter.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.metrics import approvals, cube
from prm_api.metrics.periods import SQL_TRUNC, Interval, Period
from prm_api.metrics.rates import DAILY_RATES_CTE, flow_sums, rate_of

#: SQL of each dimension's value (partners ``p``, tiers ``t``, the rollup row ``r``).
DIMENSION_SQL = {
    "partner": "p.id::text",
    "tier": "t.key",
    "partner_type": "p.type",
    "country": "p.country",
    "currency": "r.currency",
}

#: SQL of each filter's column, compared with ``= ANY(:f_<name>)``.
FILTER_SQL = {
    "partner_id": "p.id",
    "tier": "t.key",
    "partner_type": "p.type",
    "country": "p.country",
    "currency": "r.currency",
    # Not a query filter: the leaderboard ranks active partners (a join, not a list of ids).
    "status": "p.status",
}

Key = tuple[date, tuple[str | None, ...]]  # (period start, dimension values)


@dataclass
class Scope:
    """What one run of the readers covers: the range, its periods, the dimensions and the
    filters (the caller's partner already forced into ``partner_id`` for partner tokens)."""

    period: Period
    interval: Interval | None
    dimensions: tuple[str, ...]
    filters: dict[str, list[Any]]
    base_currency: str
    period_ends: list[date] = field(default_factory=list)
    #: Program-wide reads from the cube (``metrics.cube``); off: from the per-partner rollups
    #: (the tests compare the two).
    use_cube: bool = True

    def params(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.period.start,
            "end": self.period.end,
            "base": self.base_currency,
            "rates_from": self.period.start,
            "rates_to": self.period.end,
        }
        for name, values in self.filters.items():
            out[f"f_{name}"] = [str(v) for v in values] if name != "partner_id" else values
        return out

    def bucket_params(self) -> dict[str, Any]:
        """The parameters with each period's first and last day (``_BUCKETS``)."""
        starts = [start_of(self, i) for i in range(len(self.period_ends))]
        return {**self.params(), "bucket_starts": starts, "bucket_ends": self.period_ends}

    def bucket(self, day_sql: str) -> str:
        if self.interval is None:
            return "CAST(:start AS date)"
        unit = SQL_TRUNC[self.interval]
        return f"greatest(date_trunc('{unit}', {day_sql})::date, CAST(:start AS date))"

    def dims(self, *, rollup: bool = True, columns: dict[str, str] = DIMENSION_SQL) -> str:
        parts = [columns[d] for d in self.dimensions if rollup or d != "currency"]
        return "".join(f", {part} AS d{i}" for i, part in enumerate(parts))

    def group(self, leading: int) -> str:
        return ", ".join(str(i + 1) for i in range(leading + len(self.dimensions)))

    def where(self, *, rollup: bool = True, columns: dict[str, str] = FILTER_SQL) -> str:
        return "".join(
            f" AND {columns[name]} = ANY(:f_{name})"
            for name in self.filters
            if rollup or name != "currency"
        )

    def key(self, row: Any, bucket: date) -> Key:
        return bucket, tuple(row[f"d{i}"] for i in range(len(self.dimensions)))


PARTNER_JOIN = " JOIN partners p ON p.id = r.partner_id LEFT JOIN tiers t ON t.id = p.tier_id"
RATE = rate_of("r")


@dataclass
class DealFlow:
    """Deal facts of one period and dimension values, across currencies unless ``currency``
    is a dimension."""

    won: int = 0
    won_converted: int = 0
    lost: int = 0
    registered: int = 0
    approved: int = 0
    rejected: int = 0
    conflicted: int = 0
    won_base: Decimal = Decimal(0)
    won_unconverted: dict[str, Decimal] = field(default_factory=dict)


#: Up to this many partners in scope, a deal-flow read looks up the rate of each rollup row
#: that has wins, instead of building every day's rate of the range (``DAILY_RATES_CTE``: 365
#: days × currencies of lookups, ~0.9 ms, run by six reads of one scorecard). Program-wide
#: reads keep the day table: there the rows are many and the days few.
ROW_RATES_UP_TO_PARTNERS = 20

#: The rate of rollup row ``r`` by the same-month rule, looked up for that row alone. A row
#: without wins gets 1: every figure that depends on the rate multiplies or counts its wins
#: (a row with no win has no won amount: the rollups equal their rebuild, row for row).
_ROW_RATE_JOIN = """
  LEFT JOIN LATERAL (
    SELECT CASE WHEN r.currency = :base OR r.won = 0 THEN 1 ELSE
           (SELECT e.rate FROM exchange_rates e
             WHERE e.currency = r.currency
               AND e.rate_date <= r.day
               AND e.rate_date >= date_trunc('month', r.day)::date
             ORDER BY e.rate_date DESC LIMIT 1) END AS rate
  ) dr ON true"""
_DAY_RATE_JOIN = "\n  LEFT JOIN daily_rates dr ON dr.currency = r.currency AND dr.day = r.day"


def rates_by_row(scope: Scope) -> bool:
    """Whether :func:`deal_flows` looks rates up row by row for ``scope`` (few partners)."""
    partners = scope.filters.get("partner_id")
    return partners is not None and len(partners) <= ROW_RATES_UP_TO_PARTNERS


async def deal_flows(session: AsyncSession, scope: Scope) -> dict[Key, DealFlow]:
    if cube.covers(scope):
        sql, params = cube.flows_sql(scope), cube.params(scope)
    else:
        sql, params = _rollup_flows_sql(scope), scope.params()
    out: dict[Key, DealFlow] = defaultdict(DealFlow)
    for row in (await session.execute(text(sql), params)).mappings():
        flow = out[scope.key(row, row["bucket"])]
        flow.won += row["won"]
        flow.won_converted += row["won_conv"]
        flow.lost += row["lost"]
        flow.registered += row["registered"]
        flow.approved += row["approved"]
        flow.rejected += row["rejected"]
        flow.conflicted += row["conflicted"]
        flow.won_base += row["won_base"] or 0
        if row["won_unconverted"]:
            unconverted = flow.won_unconverted
            unconverted[row["cur"]] = unconverted.get(row["cur"], 0) + row["won_unconverted"]
    return out


def _rollup_flows_sql(scope: Scope) -> str:
    by_row = rates_by_row(scope)
    with_rates = "" if by_row else f"WITH {DAILY_RATES_CTE}\n"
    rate_join = _ROW_RATE_JOIN if by_row else _DAY_RATE_JOIN
    return f"""{with_rates}SELECT {scope.bucket("r.day")} AS bucket{scope.dims()},
       {flow_sums("r", RATE)}
  FROM deal_daily_rollups r{PARTNER_JOIN}{rate_join}
 WHERE r.day BETWEEN :start AND :end{scope.where()}
 GROUP BY {scope.group(1)}, r.currency"""


@dataclass
class Level:
    """A level at a period's end: a count and, for money, its base-currency value."""

    count: int = 0
    amount_base: Decimal = Decimal(0)
    unconverted: dict[str, Decimal] = field(default_factory=dict)


async def pipeline(session: AsyncSession, scope: Scope) -> dict[Key, Level]:
    """Open approved deals at each period's end: the running sum of the daily deltas (what
    came before the range included), converted at the rate of the period's last day."""
    if cube.covers(scope):
        sql, params = cube.pipeline_sql(scope), cube.params(scope)
    else:
        sql, params = _rollup_pipeline_sql(scope), scope.params()
    moves: dict[tuple[tuple[str | None, ...], str], dict[date | None, tuple[int, Decimal]]]
    moves = defaultdict(dict)
    for row in (await session.execute(text(sql), params)).mappings():
        dims = scope.key(row, row["bucket"])[1]
        moves[(dims, row["cur"])][row["bucket"]] = (row["deals"], row["amount"])
    rates = await rates_on(session, scope.period_ends, scope.base_currency)
    out: dict[Key, Level] = defaultdict(Level)
    for (dims, currency), by_bucket in moves.items():
        deals, amount = by_bucket.get(None, (0, Decimal(0)))
        for index, end in enumerate(scope.period_ends):
            start = start_of(scope, index)
            step = by_bucket.get(start, (0, Decimal(0)))
            deals, amount = deals + step[0], amount + step[1]
            if not deals and not amount:
                continue
            level = out[(start, dims)]
            level.count += deals
            rate = Decimal(1) if currency == scope.base_currency else rates.get((currency, end))
            if rate is None:
                level.unconverted[currency] = level.unconverted.get(currency, 0) + amount
            else:
                level.amount_base += amount * rate
    return out


def _rollup_pipeline_sql(scope: Scope) -> str:
    return f"""SELECT CASE WHEN r.day < :start THEN NULL ELSE {scope.bucket("r.day")} END
         AS bucket{scope.dims()}, r.currency AS cur,
       sum(r.pipeline_delta) AS deals, sum(r.pipeline_amount_delta) AS amount
  FROM deal_daily_rollups r{PARTNER_JOIN}
 WHERE r.day <= :end{scope.where()}
 GROUP BY {scope.group(1)}, r.currency"""


def start_of(scope: Scope, index: int) -> date:
    return scope.period.start if index == 0 else scope.period_ends[index - 1] + _ONE_DAY


async def rates_on(
    session: AsyncSession, days: list[date], base_currency: str
) -> dict[tuple[str, date], Decimal]:
    """``{(currency, day): rate}`` by the same-month rule, for each day given."""
    if not days:
        return {}
    sql = f"""WITH {DAILY_RATES_CTE}
SELECT currency, day, rate FROM daily_rates WHERE day = ANY(:days) AND rate IS NOT NULL"""
    rows = await session.execute(
        text(sql), {"days": days, "rates_from": min(days), "rates_to": max(days)}
    )
    return {(row.currency, row.day): row.rate for row in rows}


async def approval_hours(session: AsyncSession, scope: Scope) -> dict[Key, list[tuple[int, int]]]:
    """``(hours, deals)`` pairs per period: the distribution the median is read from (for the
    whole program, from its histogram: ``approvals``)."""
    params = scope.params()
    if approvals.covers(scope):
        sql, params = approvals.histogram_sql(scope), cube.params(scope)
    else:
        sql = f"""SELECT {scope.bucket("r.day")} AS bucket{scope.dims(rollup=False)},
       r.hours AS hours, sum(r.deals) AS deals
  FROM deal_approval_hours r{PARTNER_JOIN}
 WHERE r.day BETWEEN :start AND :end{scope.where(rollup=False)}
 GROUP BY {scope.group(1)}, r.hours"""
    out: dict[Key, list[tuple[int, int]]] = defaultdict(list)
    for row in (await session.execute(text(sql), params)).mappings():
        if row["deals"]:
            out[scope.key(row, row["bucket"])].append((row["hours"], row["deals"]))
    return out


async def engagement(session: AsyncSession, scope: Scope) -> dict[Key, tuple[int, int, int]]:
    """``(downloads, completions, sign-ins)`` per period."""
    if cube.covers(scope):
        sql, params = cube.engagement_sql(scope), cube.params(scope)
    else:
        sql, params = _rollup_engagement_sql(scope), scope.params()
    rows = (await session.execute(text(sql), params)).mappings()
    return {
        scope.key(row, row["bucket"]): (row["downloads"], row["completions"], row["sign_ins"])
        for row in rows
    }


def _rollup_engagement_sql(scope: Scope) -> str:
    return f"""SELECT {scope.bucket("r.day")} AS bucket{scope.dims(rollup=False)},
       sum(r.downloads) AS downloads, sum(r.completions) AS completions,
       sum(r.sign_ins) AS sign_ins
  FROM engagement_daily_rollups r{PARTNER_JOIN}
 WHERE r.day BETWEEN :start AND :end{scope.where(rollup=False)}
 GROUP BY {scope.group(1)}"""


_ONE_DAY = date(2000, 1, 2) - date(2000, 1, 1)
