"""The readers of who was active and of the partner and certification records: active partners
and active users (from the activity spans and the users' bounds, migrations 0020–0021), new
partners and time to onboard, certified users. Each returns its figures by (period start,
dimension values), as ``readers`` does for the rollups.

The SQL is assembled from fixed fragments only; every value travels as a bound parameter.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.metrics.readers import Key, Scope, start_of


async def deal_partners(session: AsyncSession, scope: Scope) -> dict[Key, int]:
    """Partners that registered or won a deal in each period: one row per partner (its active
    days as a multirange, and their first and last), whatever the length of the range."""
    sql = f"""SELECT b.bucket AS bucket{scope.dims(rollup=False)}, count(*) AS partners
  FROM partner_deal_activity a{_partner_join(scope, "a")}{_span_buckets(scope)}
 WHERE {_SPAN_ACTIVE}{scope.where(rollup=False)}
 GROUP BY {scope.group(1)}"""
    rows = (await session.execute(text(sql), _span_params(scope))).mappings()
    return {scope.key(row, row["bucket"]): row["partners"] for row in rows}


async def active_users(session: AsyncSession, scope: Scope) -> dict[Key, int]:
    """Distinct users who signed in during each period, from each user span's bounds
    (``user_activity_bounds``: its first and last day, its longest gap); only a span that
    straddles the period with a gap as long as it reads its multirange.

    A user's days are kept by partner (the spans are keyed by user and partner), but a user's
    partner never changes: while ``users_in_several_partners`` is empty each user has one span
    and the spans are counted; otherwise the distinct users (a sort of every active user's
    id). Only the branch that applies runs (its condition is evaluated once)."""
    count = f"""SELECT b.bucket AS bucket{scope.dims(rollup=False)}, {{users}} AS users
  FROM user_activity_bounds a{_partner_join(scope, "a")}{_span_buckets(scope)}
 WHERE {_USER_ACTIVE}{scope.where(rollup=False)}
   AND {{several}} EXISTS (SELECT 1 FROM users_in_several_partners)
 GROUP BY {scope.group(1)}"""
    sql = (
        count.format(users="count(*)", several="NOT")
        + "\nUNION ALL\n"
        + count.format(users="count(DISTINCT a.user_id)", several="")
    )
    rows = (await session.execute(text(sql), _span_params(scope))).mappings()
    return {scope.key(row, row["bucket"]): row["users"] for row in rows}


#: A user span (bounds ``a``) has a sign-in day in period ``b``: as :data:`_SPAN_ACTIVE`, and a
#: span straddling the period whose longest gap is shorter than the period has a day in it.
_USER_ACTIVE = """a.first_day <= b.last AND a.last_day >= b.bucket
   AND (a.first_day >= b.bucket OR a.last_day <= b.last OR a.longest_gap <= b.last - b.bucket
        OR EXISTS (SELECT 1 FROM user_activity_spans s
                    WHERE s.user_id = a.user_id AND s.partner_id = a.partner_id
                      AND s.days && daterange(b.bucket, b.last, '[]')))"""


#: The periods of a scope as rows ``b(bucket, last)``: each one's first and last day.
_BUCKETS = """
 CROSS JOIN unnest(CAST(:bucket_starts AS date[]), CAST(:bucket_ends AS date[]))
         AS b(bucket, last)"""

#: A scope of one period (no interval: the summary, a scorecard) as one row of constants: the
#: planner folds them into the conditions, and groups (and sorts a distinct count) by the
#: counted column alone.
_ONE_BUCKET = """
 CROSS JOIN (VALUES (CAST(:bucket_start AS date), CAST(:bucket_end AS date))) AS b(bucket, last)"""

#: Activity span ``a`` (``first_day``, ``last_day``: the first and last day of its multirange,
#: stored beside it) has a day in period ``b``. A span whose first or last day falls inside
#: the period is active there, and one that ends before it or begins after it is not: only a
#: span that begins before the period and ends after it reads its multirange, to tell a day
#: inside from a gap over the whole period.
_SPAN_ACTIVE = """a.first_day <= b.last AND a.last_day >= b.bucket
   AND (a.first_day >= b.bucket OR a.last_day <= b.last
        OR a.days && daterange(b.bucket, b.last, '[]'))"""


def _partner_scoped(scope: Scope) -> bool:
    """Whether a read without a currency needs the partners (and tiers): a dimension or a
    filter other than the currency names a partner attribute. Every span and certification
    has its partner (a foreign key), so leaving the join out when neither does changes no
    count."""
    return any(name != "currency" for name in (*scope.dimensions, *scope.filters))


def _partner_join(scope: Scope, alias: str) -> str:
    """The partner (``p``) and tier (``t``) of row ``alias`` when :func:`_partner_scoped`."""
    if not _partner_scoped(scope):
        return ""
    return f"\n  JOIN partners p ON p.id = {alias}.partner_id LEFT JOIN tiers t ON t.id = p.tier_id"


def _span_buckets(scope: Scope) -> str:
    return _ONE_BUCKET if len(scope.period_ends) == 1 else _BUCKETS


def _span_params(scope: Scope) -> dict[str, Any]:
    if len(scope.period_ends) == 1:
        return {
            **scope.params(),
            "bucket_start": scope.period.start,
            "bucket_end": scope.period_ends[0],
        }
    return scope.bucket_params()


async def partner_facts(session: AsyncSession, scope: Scope) -> dict[Key, tuple[int, float | None]]:
    """``(new partners, median days to onboard)`` per period, from ``partners``."""
    # A day of the range compared as the instants it spans (``_utc_bounds``), not each row's
    # stamp turned into its UTC day: the same rows, without a time zone conversion per partner.
    new_sql = f"""SELECT {scope.bucket("prm_utc_day(p.approved_at)")} AS bucket
       {scope.dims(rollup=False)}, count(*) AS n
  FROM partners p LEFT JOIN tiers t ON t.id = p.tier_id
 WHERE p.approved_at >= :from_utc AND p.approved_at < :to_utc{scope.where(rollup=False)}
 GROUP BY {scope.group(1)}"""
    onboard_sql = f"""SELECT {scope.bucket("prm_utc_day(p.activated_at)")} AS bucket
       {scope.dims(rollup=False)},
       percentile_cont(0.5) WITHIN GROUP (
         ORDER BY extract(epoch FROM p.activated_at - p.approved_at) / 86400) AS days
  FROM partners p LEFT JOIN tiers t ON t.id = p.tier_id
 WHERE p.activated_at >= :from_utc AND p.activated_at < :to_utc AND p.approved_at IS NOT NULL
       {scope.where(rollup=False)}
 GROUP BY {scope.group(1)}"""
    params = {**scope.params(), **_utc_bounds(scope.period.start, scope.period.end)}
    out: dict[Key, tuple[int, float | None]] = {}
    for row in (await session.execute(text(new_sql), params)).mappings():
        out[scope.key(row, row["bucket"])] = (row["n"], None)
    for row in (await session.execute(text(onboard_sql), params)).mappings():
        key = scope.key(row, row["bucket"])
        out[key] = (out.get(key, (0, None))[0], round(float(row["days"]), 1))
    return out


def _utc_bounds(first: date, last: date) -> dict[str, datetime]:
    """``from_utc``/``to_utc``: the instants of the UTC days ``first`` through ``last``, the
    start included and the end not — ``from_utc <= t < to_utc`` is ``prm_utc_day(t) BETWEEN
    first AND last``."""
    return {"from_utc": _utc_midnight(first), "to_utc": _utc_midnight(last + _ONE_DAY)}


def _utc_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


async def certified_users(session: AsyncSession, scope: Scope) -> dict[Key, int]:
    """Distinct users holding a valid certification at each period's end (a user may hold
    several). Valid at the end of day ``d``: issued on ``d`` or before, expiring and not
    revoked by the end of ``d`` — each stamp compared with the instant ``d`` ends in UTC
    (``b.after``), the same as its UTC day compared with ``d``."""
    if len(scope.period_ends) == 1:
        ends = _ONE_END  # one row of constants: the distinct count sorts the users alone
    else:
        ends = "unnest(CAST(:ends AS date[]), CAST(:afters AS timestamptz[])) AS b(end_day, after)"
    sql = f"""SELECT b.end_day AS end_day{scope.dims(rollup=False)},
       count(DISTINCT c.user_id) AS users
  FROM {ends}
  JOIN certifications c
    ON c.issued_at < b.after AND c.expires_at >= b.after
   AND (c.revoked_at IS NULL OR c.revoked_at >= b.after){_partner_join(scope, "c")}
 WHERE TRUE{scope.where(rollup=False)}
 GROUP BY {scope.group(1)}"""
    afters = [_utc_midnight(end + _ONE_DAY) for end in scope.period_ends]
    params = {**scope.params(), "ends": scope.period_ends, "afters": afters}
    if len(scope.period_ends) == 1:
        params |= {"end_day": scope.period_ends[0], "after": afters[0]}
    starts = {end: start_of(scope, i) for i, end in enumerate(scope.period_ends)}
    rows = await session.execute(text(sql), params)
    return {scope.key(row, starts[row["end_day"]]): row["users"] for row in rows.mappings()}


_ONE_END = "(VALUES (CAST(:end_day AS date), CAST(:after AS timestamptz))) AS b(end_day, after)"


_ONE_DAY = timedelta(days=1)
