"""Every partner's won revenue over a range in one pass, from ``partner_won_months`` (migration
0022): the leaderboard by won revenue and the summary's top partners.

A partner's won revenue over the whole months around the range is its running total at the
last month less the one before the first — two rows per partner, whatever the length of the
range. Then, as the cube's readers do: the days of those months outside the range are taken
off (their rollups), the changes not folded yet are added, and a month whose rates changed
since the last fold is read from the rollups at today's rates instead of the rows. The figures
equal those read from the daily rollups (the property tests hold them to each other).

When the rows cannot answer — another base currency than the program's now, a range ending past
the months they run through — :func:`won_revenue` and :func:`top` return None and the caller
reads the rollups.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.metrics.periods import Period, add_months, month_start
from prm_api.metrics.rates import DAILY_RATES_CTE, rate_of

_DAY_RATE = " LEFT JOIN daily_rates dr ON dr.currency = {a}.currency AND dr.day = {a}.day"
_MONTH = "date_trunc('month', {a}.day)::date"

#: ``won(partner_id, amount)``: each partner's won revenue over ``:start``–``:end`` in the base
#: currency, unrounded, when ``partner_won_state`` can answer (else no row at all).
WON_SQL = f"""WITH {DAILY_RATES_CTE},
answerable AS (
  SELECT 1 FROM partner_won_state
   WHERE id = 1 AND base_currency = :base AND dense_through >= :last_month
),
dirty AS (
  SELECT DISTINCT month FROM metric_cube_dirty_months
   WHERE month BETWEEN :first_month AND :last_month
),
held AS (
  SELECT hi.partner_id, hi.running - coalesce(lo.running, 0) AS amount
    FROM partner_won_months hi
    LEFT JOIN partner_won_months lo
      ON lo.partner_id = hi.partner_id AND lo.month = :before_month
   WHERE hi.month = :last_month AND EXISTS (SELECT 1 FROM answerable)
),
corrections AS (
  SELECT w.partner_id, -w.won_base AS amount
    FROM partner_won_months w JOIN dirty d ON d.month = w.month
  UNION ALL
  SELECT r.partner_id, r.won_amount * {rate_of("r")}
    FROM deal_daily_rollups r{_DAY_RATE.format(a="r")}
   WHERE r.day BETWEEN :start AND :end AND r.won_amount <> 0
     AND {_MONTH.format(a="r")} IN (SELECT month FROM dirty)
  UNION ALL
  SELECT r.partner_id, -(r.won_amount * {rate_of("r")})
    FROM deal_daily_rollups r{_DAY_RATE.format(a="r")}
   WHERE (r.day BETWEEN :first_month AND CAST(:start AS date) - 1
          OR r.day BETWEEN CAST(:end AS date) + 1 AND :last_day)
     AND r.won_amount <> 0 AND {_MONTH.format(a="r")} NOT IN (SELECT month FROM dirty)
  UNION ALL
  SELECT d.partner_id, d.won_amount * {rate_of("d")}
    FROM metric_cube_deltas d{_DAY_RATE.format(a="d")}
   WHERE d.day BETWEEN :first_month AND :last_day AND d.currency <> '' AND d.won_amount <> 0
     AND {_MONTH.format(a="d")} NOT IN (SELECT month FROM dirty)
),
corrected AS (
  SELECT partner_id, coalesce(sum(amount), 0) AS amount
    FROM corrections WHERE EXISTS (SELECT 1 FROM answerable)
   GROUP BY partner_id
),
won AS (
  SELECT coalesce(h.partner_id, c.partner_id) AS partner_id,
         coalesce(h.amount, 0) + coalesce(c.amount, 0) AS amount
    FROM held h FULL JOIN corrected c ON c.partner_id = h.partner_id
)"""

#: The active partners ranked highest, ties at the last place included (those with nothing
#: ranked are left out: the caller reads the rollups when fewer than asked remain). Only the
#: partners in the first ``:count`` + (partners not active) of every partner with rows are
#: looked up: they hold at least ``:count`` active ones unless rows of deleted partners (gone
#: at the next fold) pushed some out — then there are fewer than asked and
#: :data:`_TOP_ALL_SQL` ranks them all.
_TOP_SQL = f"""{WON_SQL},
first AS (
  SELECT partner_id, round(amount, 2) AS value FROM won
   WHERE round(amount, 2) > 0
   ORDER BY 2 DESC
   FETCH FIRST (:count + (SELECT count(*) FROM partners WHERE status <> 'active'))
         ROWS WITH TIES
)
SELECT p.id, p.name, f.value,
       (SELECT count(*) FROM partners WHERE status = 'active') AS active
  FROM first f JOIN partners p ON p.id = f.partner_id
 WHERE p.status = 'active'
 ORDER BY f.value DESC
 FETCH FIRST :count ROWS WITH TIES"""

_TOP_ALL_SQL = f"""{WON_SQL}
SELECT p.id, p.name, round(w.amount, 2) AS value,
       (SELECT count(*) FROM partners WHERE status = 'active') AS active
  FROM won w JOIN partners p ON p.id = w.partner_id
 WHERE p.status = 'active' AND round(w.amount, 2) > 0
 ORDER BY round(w.amount, 2) DESC
 FETCH FIRST :count ROWS WITH TIES"""

#: One active partner's won revenue and how many active partners rank above it and alongside.
_STANDING_SQL = f"""{WON_SQL},
ranked AS (
  SELECT w.partner_id, round(w.amount, 2) AS value
    FROM won w JOIN partners p ON p.id = w.partner_id
   WHERE p.status = 'active'
)
SELECT mine.value,
       (SELECT count(*) FROM ranked r WHERE r.value > mine.value) AS above,
       (SELECT count(*) FROM ranked r WHERE r.value >= mine.value) AS at_or_above,
       (SELECT count(*) FROM partners WHERE status = 'active') AS active
  FROM ranked mine
 WHERE mine.partner_id = :partner"""


def params(period: Period, base_currency: str) -> dict[str, Any]:
    first = month_start(period.start)
    last = month_start(period.end)
    return {
        "start": period.start,
        "end": period.end,
        "base": base_currency,
        "first_month": first,
        "last_month": last,
        "before_month": add_months(first, -1),
        "last_day": add_months(last, 1) - _ONE_DAY,
        "rates_from": first,
        "rates_to": add_months(last, 1) - _ONE_DAY,
    }


async def won_revenue(
    session: AsyncSession, period: Period, base_currency: str
) -> dict[uuid.UUID, Decimal] | None:
    """Each partner's won revenue over ``period`` (unrounded; partners with won amounts in the
    months around it, deleted ones left out), or None when the rows cannot answer."""
    sql = f"""{WON_SQL}
SELECT w.partner_id, w.amount, (SELECT count(*) FROM answerable) AS answerable
  FROM won w JOIN partners p ON p.id = w.partner_id
 UNION ALL
SELECT NULL, NULL, (SELECT count(*) FROM answerable)"""
    rows = (await session.execute(text(sql), params(period, base_currency))).all()
    if not rows[-1].answerable:
        return None
    return {row.partner_id: row.amount for row in rows if row.partner_id is not None}


@dataclass
class Ranked:
    partner_id: uuid.UUID
    name: str
    value: Decimal  # rounded to cents


@dataclass
class Top:
    #: The highest of the active partners by won revenue (ties at the last place included).
    entries: list[Ranked]
    #: How many active partners the ranking covers.
    active: int


async def top(session: AsyncSession, period: Period, base_currency: str, count: int) -> Top | None:
    """The ``count`` active partners with the most won revenue over ``period`` (more when tied
    at the last place), or None when the rows cannot answer or fewer than ``count`` partners
    have won anything (the order among the rest is the rollups' to give)."""
    arguments = {**params(period, base_currency), "count": count}
    rows = (await session.execute(text(_TOP_SQL), arguments)).all()
    if len(rows) < count:
        rows = (await session.execute(text(_TOP_ALL_SQL), arguments)).all()
    if len(rows) < count:
        return None
    return Top([Ranked(row.id, row.name, row.value) for row in rows], rows[0].active)


_ONE_DAY = timedelta(days=1)


@dataclass
class Standing:
    value: Decimal  # rounded to cents
    #: Active partners ranking above it, alongside or above it, and in all.
    above: int
    at_or_above: int
    active: int


async def standing(
    session: AsyncSession, period: Period, base_currency: str, partner_id: uuid.UUID
) -> Standing | None:
    """Where the active partner ``partner_id`` stands by won revenue over ``period``, or None
    when the rows cannot answer or it has won nothing (then partners with nothing and partners
    with no deal at all rank apart: the rollups tell them apart)."""
    found = await session.execute(
        text(_STANDING_SQL), {**params(period, base_currency), "partner": partner_id}
    )
    row = found.one_or_none()
    if row is None or row.value <= 0:
        return None
    return Standing(row.value, row.above, row.at_or_above, row.active)
