"""Program-wide reads from the metric cube (migration 0019): the deal and engagement figures
summed by partner group (tier, partner type, country), by day and by month.

A read that names no partner — the program overview, a query split by tier or country — takes
the whole months of its range from the month cube, the days at its edges from the day cube,
and adds the changes not folded yet; it never touches the per-partner rows. A read with no
split but currency (the summary's KPIs and trend) reads the program's days instead
(``metric_program_days``, migration 0022: one row per day and currency). A read that names a
partner (a dimension, a filter, a partner token) keeps the per-partner rollups: there the
rows are few.

``fold`` (the scheduler's ``fold-metric-cube``, every few seconds) moves the pending changes
into the cubes; ``prm-api metrics rebuild`` rebuilds them from the rollups.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.metrics import approvals
from prm_api.metrics.periods import Interval, add_months, month_start
from prm_api.metrics.rates import DAILY_RATES_CTE, flow_sums

if TYPE_CHECKING:
    from prm_api.metrics.readers import Scope

#: The cube's tier of a partner without one (migration 0019: no NULL in a key; joins no tier).
NO_TIER = "'00000000-0000-0000-0000-000000000000'::uuid"

#: SQL of each dimension's value in a cube row ``c`` (tiers ``t``): no tier is the nil UUID,
#: which joins no tier; no country is ''.
DIMENSION_SQL = {
    "tier": "t.key",
    "partner_type": "c.partner_type",
    "country": "nullif(c.country, '')",
    "currency": "c.currency",
}
FILTER_SQL = DIMENSION_SQL

#: The cube's tables (emptied and refilled by a rebuild, compared by the tests).
CUBE_TABLES = (
    "metric_cube_days",
    "metric_cube_months",
    "metric_cube_deltas",
    "metric_cube_dirty_months",
    "metric_cube_placements",
    "metric_program_days",  # kept by the fold too (``program_source``)
    "partner_won_months",  # kept by the fold too (``won_ranking``)
    "partner_won_state",
    *approvals.TABLES,  # and the approval-time histogram
)

TIER_JOIN = " LEFT JOIN tiers t ON t.id = c.tier_id"
RATE = "CASE WHEN c.currency = :base THEN 1 ELSE c.rate END"

_GROUP = "c.currency, c.tier_id, c.partner_type, c.country"
_FIGURE_NAMES = (
    "registered", "registered_amount", "conflicted", "approved", "rejected", "won", "won_amount",
    "lost", "lost_amount", "pipeline_delta", "pipeline_amount_delta", "downloads", "completions",
    "sign_ins",
)  # fmt: skip
_FIGURES = ", ".join(f"c.{name}" for name in _FIGURE_NAMES)
#: A read's groups: those with a figure that does not net to zero. Counts never go below zero
#: and an amount entering the pipeline comes with an approval, so a group nets to zero in
#: every figure only when each of its rollup rows does.
HAVING_ROWS = "\nHAVING NOT (" + " AND ".join(f"sum(c.{n}) = 0" for n in _FIGURE_NAMES) + ")"


def covers(scope: Scope) -> bool:
    """Whether ``scope`` can be read from the cube: it names no partner (no partner dimension,
    no partner or status filter)."""
    return (
        scope.use_cube
        and "partner" not in scope.dimensions
        and all(name in FILTER_SQL for name in scope.filters)
    )


def whole_months(scope: Scope) -> list[date]:
    """The months of the range read from the month cube: those wholly inside it and inside
    one bucket (day and week buckets cut months: read by day)."""
    if scope.interval in (Interval.day, Interval.week):
        return []
    out = []
    month = month_start(scope.period.start)
    if month < scope.period.start:
        month = add_months(month, 1)
    while add_months(month, 1) <= scope.period.end + _ONE_DAY:
        out.append(month)
        month = add_months(month, 1)
    return out


def params(scope: Scope) -> dict[str, Any]:
    """The scope's parameters, the whole months and the day ranges around them: ``head`` the
    days before the first whole month (from the first of the start's month: a level reads
    them too), ``tail`` those after the last (empty when there is no whole month)."""
    months = whole_months(scope)
    head_from = month_start(scope.period.start)
    if months:
        head_to, tail_from = months[0] - _ONE_DAY, add_months(months[-1], 1)
    else:
        head_to, tail_from = scope.period.end, scope.period.end + _ONE_DAY
    return {
        **scope.params(),
        "cube_months": months,
        "head_from": head_from,
        "head_to": head_to,
        "tail_from": tail_from,
    }


def program_wide(scope: Scope) -> bool:
    """Whether ``scope`` splits and filters by nothing but currency: it reads the program's
    days (``metric_program_days``), not the groups."""
    return all(d == "currency" for d in scope.dimensions) and all(
        f == "currency" for f in scope.filters
    )


def program_source(*, deals: bool, history: bool = False, rates: bool = False) -> str:
    """As :func:`source`, for a read with no split but currency: the program's days and the
    changes not folded yet, by day (each at its day's rate; a year is ~1,100 rows), with no
    group (``tier_id``, ``partner_type`` and ``country`` null)."""
    rows = "c.currency <> ''" if deals else "c.currency = ''"
    days = "c.day <= :end" if history else "c.day BETWEEN :start AND :end"
    rate = day_join = ""
    if rates:
        rate = ", dr.rate"
        day_join = " LEFT JOIN daily_rates dr ON dr.currency = c.currency AND dr.day = c.day"
    no_group = "NULL::uuid AS tier_id, NULL::text AS partner_type, NULL::text AS country"
    return f"""(SELECT c.day, c.currency, {no_group}{rate}, {_FIGURES}
     FROM metric_program_days c{day_join}
    WHERE {days} AND {rows}
   UNION ALL
   SELECT c.day, c.currency, {no_group}{rate}, {_FIGURES}
     FROM metric_cube_deltas c{day_join}
    WHERE {days} AND {rows}) c"""


def _source(scope: Scope, *, deals: bool, history: bool = False, rates: bool = False) -> str:
    pick = program_source if program_wide(scope) else source
    return pick(deals=deals, history=history, rates=rates)


def source(*, deals: bool, history: bool = False, rates: bool = False) -> str:
    """The cube rows of a read as one relation ``c`` (``day``: the day, or the month's first;
    the group; every figure; with ``rates``, ``rate``: what converts the row's won amounts,
    null if nothing does): whole months from the month cube, the other days of the range from
    the day cube, and the changes not folded yet. A month whose rates changed since the last
    fold is read by day. ``history``: everything up to the range's end (a level such as the
    pipeline), not only the range. ``deals``: the deal rows (a currency) or the engagement rows
    (currency '').

    Pending changes may cancel a row out: a read groups with :data:`HAVING_ROWS`, so a group
    whose figures all net to zero is no group, as in the rollups (which hold no zero row).
    ``rates`` needs ``daily_rates`` (``rates.DAILY_RATES_CTE``) over the range."""
    rows = "c.currency <> ''" if deals else "c.currency = ''"
    start_month = "date_trunc('month', CAST(:start AS date))::date"
    day_month = "date_trunc('month', c.day)::date"
    edges = "(c.day BETWEEN {} AND :head_to OR c.day BETWEEN :tail_from AND :end)"
    if history:
        months = f"(c.month = ANY(:cube_months) OR c.month < {start_month})"
        by_month = f"({day_month} = ANY(:cube_months) OR c.day < {start_month})"
        days = edges.format(":head_from")
        changes = "c.day <= :end"
    else:
        months = "c.month = ANY(:cube_months)"
        by_month = f"{day_month} = ANY(:cube_months)"
        days = edges.format(":start")
        changes = "c.day BETWEEN :start AND :end"
    month_rate = month_join = day_rate = day_join = ""
    if rates:
        month_rate, day_rate = ", e.rate", ", dr.rate"
        month_join = _MONTH_RATE_JOIN
        day_join = " LEFT JOIN daily_rates dr ON dr.currency = c.currency AND dr.day = c.day"
    return f"""(SELECT c.month AS day, {_GROUP}{month_rate}, {_FIGURES}
     FROM metric_cube_months c{month_join}
    WHERE {months} AND {rows} AND NOT {_DIRTY.format(month="c.month")}
   UNION ALL
   SELECT c.day, {_GROUP}{day_rate}, {_FIGURES} FROM metric_cube_days c{day_join}
    WHERE {days} AND {rows}
   UNION ALL
   SELECT c.day, {_GROUP}{day_rate}, {_FIGURES}
     FROM (SELECT DISTINCT currency, month FROM metric_cube_dirty_months) d
    CROSS JOIN LATERAL (SELECT * FROM metric_cube_days m
                         WHERE m.currency = d.currency AND m.day >= d.month
                           AND m.day < d.month + interval '1 month'
                        OFFSET 0) c{day_join}
    WHERE {by_month} AND {rows}
   UNION ALL
   SELECT c.day, {_GROUP}{day_rate}, {_FIGURES}
     FROM (SELECT d.*, {_GROUP_NOW} FROM metric_cube_deltas d
             LEFT JOIN partners p ON p.id = d.partner_id
             LEFT JOIN metric_cube_placements pl ON pl.partner_id = d.partner_id) c{day_join}
    WHERE {changes} AND {rows}) c"""


#: A pending change's group: its partner's now, or (a deleted partner) where its history sits.
_GROUP_NOW = f"""CASE WHEN p.id IS NULL THEN pl.tier_id ELSE coalesce(p.tier_id, {NO_TIER}) END
                 AS tier_id,
               CASE WHEN p.id IS NULL THEN pl.partner_type ELSE p.type END AS partner_type,
               CASE WHEN p.id IS NULL THEN pl.country ELSE coalesce(p.country, '') END
                 AS country"""

#: Whether the month ``{month}`` of row ``c``'s currency has rates changed since the last fold.
_DIRTY = """EXISTS (SELECT 1 FROM metric_cube_dirty_months d
                WHERE d.currency = c.currency AND d.month = {month})"""
_MONTH_RATE_JOIN = (
    " LEFT JOIN exchange_rates e ON e.currency = c.currency AND e.rate_date = c.rate_day"
)


def flows_sql(scope: Scope) -> str:
    """Deal facts per bucket, dimensions and currency: the columns ``readers.deal_flows``
    reads; month rows convert by their rate date, days and pending changes by the day's rate."""
    return f"""WITH {DAILY_RATES_CTE}
SELECT {scope.bucket("c.day")} AS bucket{scope.dims(columns=DIMENSION_SQL)},
       {flow_sums("c", RATE)}
  FROM {_source(scope, deals=True, rates=True)}{TIER_JOIN}
 WHERE TRUE{scope.where(columns=FILTER_SQL)}
 GROUP BY {scope.group(1)}, c.currency{HAVING_ROWS}"""


def pipeline_sql(scope: Scope) -> str:
    """The pipeline's daily moves per bucket (NULL: before the range), dimensions and
    currency: the columns ``readers.pipeline`` reads."""
    return f"""SELECT CASE WHEN c.day < :start THEN NULL ELSE {scope.bucket("c.day")} END
         AS bucket{scope.dims(columns=DIMENSION_SQL)}, c.currency AS cur,
       sum(c.pipeline_delta) AS deals, sum(c.pipeline_amount_delta) AS amount
  FROM {_source(scope, deals=True, history=True)}{TIER_JOIN}
 WHERE TRUE{scope.where(columns=FILTER_SQL)}
 GROUP BY {scope.group(1)}, c.currency{HAVING_ROWS}"""


def engagement_sql(scope: Scope) -> str:
    """Downloads, completions and sign-ins per bucket and dimensions."""
    dims = scope.dims(rollup=False, columns=DIMENSION_SQL)
    return f"""SELECT {scope.bucket("c.day")} AS bucket{dims},
       sum(c.downloads) AS downloads, sum(c.completions) AS completions,
       sum(c.sign_ins) AS sign_ins
  FROM {_source(scope, deals=False)}{TIER_JOIN}
 WHERE TRUE{scope.where(rollup=False, columns=FILTER_SQL)}
 GROUP BY {scope.group(1)}{HAVING_ROWS}"""


async def fold(session: AsyncSession) -> int:
    """Move the pending changes into the cubes; how many there were."""
    moved = int((await session.execute(text("SELECT prm_fold_metric_cube()"))).scalar_one())
    return moved + await approvals.fold(session)


async def fold_job(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    """``fold-metric-cube``: one fold in a transaction of its own (several workers: one at a
    time, the next finds nothing left)."""
    async with sessionmaker() as session, session.begin():
        return await fold(session)


async def rebuild(session: AsyncSession) -> None:
    """Refill the cubes and each partner's won months from the per-partner rollups (set-based,
    in the caller's transaction)."""
    await session.execute(text("SELECT prm_rebuild_metric_cube()"))
    await session.execute(text("SELECT prm_rebuild_program_days()"))
    await session.execute(text("SELECT prm_rebuild_partner_won()"))
    await approvals.rebuild(session)


_ONE_DAY = date(2000, 1, 2) - date(2000, 1, 1)
