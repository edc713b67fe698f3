"""``GET /v1/metrics/summary``: what a console's home page shows, in one call — every KPI for
the period and the one before, the monthly trend, the partners by status and tier, and (for
vendors) the top partners by won revenue."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.metrics import engine, leaderboard
from prm_api.metrics.definitions import METRIC_KEYS
from prm_api.metrics.periods import Interval, parse_range, previous
from prm_api.metrics.schemas import (
    Count,
    MetricsPeriod,
    MetricsSummary,
    TrendPoint,
)
from prm_api.metrics.service import figures
from prm_api.models import Partner, Tier
from prm_api.program.settings import get_settings

TREND_METRICS = ["won_revenue", "deals_registered", "pipeline", "win_rate"]
TOP_PARTNERS = 5


async def summary(session: AsyncSession, principal: Principal, date_range: str) -> MetricsSummary:
    period = parse_range(date_range, engine.today_utc())
    before = previous(period, date_range)
    settings = await get_settings(session)
    base = settings.base_currency
    filters = {"partner_id": [principal.partner_id]} if principal.is_partner else {}
    metrics = list(METRIC_KEYS)
    now = (await engine.run(session, metrics, period, None, (), filters, base))[0]
    then = (await engine.run(session, metrics, before, None, (), filters, base))[0]
    trend = await engine.run(session, TREND_METRICS, period, Interval.month, (), filters, base)
    out = MetricsSummary(
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
        partners_by_status=[],
        partners_by_tier=[],
        top_partners=[],
    )
    if principal.is_partner:
        return out
    by_status = await session.execute(
        select(Partner.status, func.count()).group_by(Partner.status).order_by(Partner.status)
    )
    out.partners_by_status = [Count(key=status, count=n) for status, n in by_status]
    by_tier = await session.execute(
        select(Tier.key, Tier.name, func.count(Partner.id))
        .select_from(Partner)
        .outerjoin(Tier, Tier.id == Partner.tier_id)
        .where(Partner.status == "active")
        .group_by(Tier.key, Tier.name, Tier.rank)
        .order_by(Tier.rank.desc().nulls_last())
    )
    out.partners_by_tier = [Count(key=key, name=name, count=n) for key, name, n in by_tier]
    board = await leaderboard.leaderboard(
        session, principal, "won_revenue", date_range, TOP_PARTNERS
    )
    out.top_partners = board.entries
    return out
