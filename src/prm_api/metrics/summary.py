"""``GET /v1/metrics/summary``: what a console's home page shows, in one call — every KPI for
the period and the one before, the monthly trend, the partners by status and tier, and (for
vendors) the top partners by won revenue.

A summary is a few dozen aggregate reads; a console's home page asks for the same one again
and again. Each process keeps the summaries it computed for ``metrics_summary_max_age_s``
(default 2 s) and never answers one whose reading began more than 5 s ago (the freshness the
metrics promise; :class:`SummaryCache`), per audience — the whole program for vendor roles,
one partner for a partner token, never shared across them — and computes one at a time per
audience (requests arriving meanwhile wait for it). Every summary says when it was computed;
``Cache-Control: no-cache`` asks for a new one.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.kit.alongside import gather_reads
from prm_api.kit.time import utcnow
from prm_api.metrics import engine, leaderboard
from prm_api.metrics.definitions import METRIC_KEYS
from prm_api.metrics.periods import Interval, parse_range, previous
from prm_api.metrics.schemas import (
    Count,
    LeaderboardEntry,
    MetricsPeriod,
    MetricsSummary,
    TrendPoint,
)
from prm_api.metrics.service import figures
from prm_api.models import Partner, Tier
from prm_api.program.settings import get_settings

TREND_METRICS = ["won_revenue", "deals_registered", "pipeline", "win_rate"]
TOP_PARTNERS = 5


#: A summary is never answered once this many seconds have passed since its reading began: the
#: time within which every change shows in the metrics.
FRESHNESS_S = 5.0


class SummaryCache:
    """The summaries one process computed lately (``app.state.summary_cache``): kept at most
    ``max_age_s`` after it was computed (0: none kept) and never past :data:`FRESHNESS_S`
    from when its reading began, at most ``size`` of them (the least used go first), one
    computation at a time per key. A write this process answers drops them all
    (:meth:`invalidate`, called by the request middleware), and a summary whose computation
    overlapped such a write is not kept."""

    def __init__(self, max_age_s: float, size: int = 256) -> None:
        self.max_age_s = max_age_s
        self.size = size
        # key -> (when its reading began, when it ended, the summary)
        self._kept: OrderedDict[tuple[object, ...], tuple[float, float, MetricsSummary]] = (
            OrderedDict()
        )
        self._computing: dict[tuple[object, ...], asyncio.Lock] = {}
        self._generation = 0

    def invalidate(self) -> None:
        self._generation += 1
        self._kept.clear()
        # The locks of keys nobody is computing go too (they would pile up per key and day).
        self._computing = {key: lock for key, lock in self._computing.items() if lock.locked()}

    async def get(
        self,
        key: tuple[object, ...],
        compute: Callable[[], Awaitable[MetricsSummary]],
        *,
        fresh: bool = False,
    ) -> MetricsSummary:
        if self.max_age_s <= 0:
            return await compute()
        lock = self._computing.setdefault(key, asyncio.Lock())
        async with lock:
            kept = self._kept.get(key)
            now = time.monotonic()
            if (
                kept is not None
                and not fresh
                and now - kept[1] <= self.max_age_s
                and now - kept[0] <= FRESHNESS_S
            ):
                self._kept.move_to_end(key)
                return kept[2]
            generation, started = self._generation, time.monotonic()
            computed = await compute()
            if generation == self._generation:  # no write answered meanwhile
                self._kept[key] = (started, time.monotonic(), computed)
                self._kept.move_to_end(key)
                while len(self._kept) > self.size:
                    oldest, _ = self._kept.popitem(last=False)
                    evicted = self._computing.get(oldest)
                    if evicted is not None and not evicted.locked():
                        del self._computing[oldest]
            return computed


async def summary(
    session: AsyncSession,
    principal: Principal,
    date_range: str,
    *,
    cache: SummaryCache | None = None,
    fresh: bool = False,
) -> MetricsSummary:
    """The summary for ``principal``'s audience — the whole program for vendor roles, its own
    partner for a partner token — from ``cache`` when it holds one recent enough (never with
    ``fresh``)."""
    audience = principal.partner_id if principal.is_partner else None
    key = (principal.is_partner, audience, date_range, engine.today_utc())

    def compute() -> Awaitable[MetricsSummary]:
        return _compute(session, principal, date_range)

    if cache is None:
        return await compute()
    return await cache.get(key, compute, fresh=fresh)


async def _compute(session: AsyncSession, principal: Principal, date_range: str) -> MetricsSummary:
    computed_at = utcnow()
    period = parse_range(date_range, engine.today_utc())
    before = previous(period, date_range)
    settings = await get_settings(session)
    base = settings.base_currency
    filters = {"partner_id": [principal.partner_id]} if principal.is_partner else {}
    metrics = list(METRIC_KEYS)
    # The period, the one before, the trend and the program's partners are read at the same
    # time, each on a connection of its own when the pool has room (a summary is ~30 small
    # reads: one after another, their round trips add up).
    now_rows, then_rows, trend, program = await gather_reads(
        session,
        lambda own: engine.run(own, metrics, period, None, (), filters, base),
        lambda own: engine.run(own, metrics, before, None, (), filters, base),
        lambda own: engine.run(own, TREND_METRICS, period, Interval.month, (), filters, base),
        lambda own: _program(own, principal, date_range),
    )
    now, then = now_rows[0], then_rows[0]
    out = MetricsSummary(
        computed_at=computed_at,
        date_range=MetricsPeriod(start=period.start, end=period.end),
        previous_date_range=MetricsPeriod(start=before.start, end=before.end),
        base_currency=base,
        kpis=figures(now),
        previous=figures(then),
        trend=[
            TrendPoint(
                period=MetricsPeriod(start=row.period.start, end=row.period.end),
                **figures(row).model_dump(),
            )
            for row in trend
        ],
        partners_by_status=program.by_status,
        partners_by_tier=program.by_tier,
        top_partners=program.top,
    )
    return out


@dataclass
class _Program:
    by_status: list[Count] = field(default_factory=list)
    by_tier: list[Count] = field(default_factory=list)
    top: list[LeaderboardEntry] = field(default_factory=list)


async def _program(session: AsyncSession, principal: Principal, date_range: str) -> _Program:
    """The partners by status and tier and the top partners: vendors' only."""
    out = _Program()
    if principal.is_partner:
        return out
    by_status = await session.execute(
        select(Partner.status, func.count()).group_by(Partner.status).order_by(Partner.status)
    )
    out.by_status = [Count(key=status, count=n) for status, n in by_status]
    by_tier = await session.execute(
        select(Tier.key, Tier.name, func.count(Partner.id))
        .select_from(Partner)
        .outerjoin(Tier, Tier.id == Partner.tier_id)
        .where(Partner.status == "active")
        .group_by(Tier.key, Tier.name, Tier.rank)
        .order_by(Tier.rank.desc().nulls_last())
    )
    out.by_tier = [Count(key=key, name=name, count=n) for key, name, n in by_tier]
    board = await leaderboard.leaderboard(
        session, principal, "won_revenue", date_range, TOP_PARTNERS
    )
    out.top = board.entries
    return out
