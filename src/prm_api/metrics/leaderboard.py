"""The leaderboard: every active partner ranked by one metric over a period. Vendors see the
top of it; a partner sees only its own rank and percentile — never another partner's name
or figures."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.metrics import engine, won_ranking
from prm_api.metrics.periods import Period, parse_range
from prm_api.metrics.schemas import Leaderboard, LeaderboardEntry, MetricsPeriod, PartnerStanding
from prm_api.models import Partner
from prm_api.program.settings import get_settings


def _sort_value(value: object) -> float:
    """Nulls (nothing to rank by) sort last."""
    return float(str(value)) if value is not None else float("-inf")


async def leaderboard(
    session: AsyncSession, principal: Principal, metric: str, date_range: str, limit: int
) -> Leaderboard:
    period = parse_range(date_range, engine.today_utc(), field="period")
    settings = await get_settings(session)
    if metric == "won_revenue" and principal.is_vendor:
        top = await won_ranking.top(session, period, settings.base_currency, limit)
        if top is not None:
            return _from_top(top, period, settings.base_currency, limit)
    elif metric == "won_revenue" and principal.partner_id is not None:
        place = await won_ranking.standing(
            session, period, settings.base_currency, principal.partner_id
        )
        if place is not None:
            return _from_standing(place, period, settings.base_currency)
    found = await session.execute(
        select(Partner.id, Partner.name).where(Partner.status == "active")
    )
    active = {pid: name for pid, name in found}
    rows = await engine.run(
        session,
        [metric],
        period,
        None,
        ("partner",),
        {"status": ["active"]},
        settings.base_currency,
        fill=False,
    )
    values = {row.dimensions[0]: row.values[metric] for row in rows}
    # Every active partner is ranked, those with nothing in the period too (null ranks last).
    ranked = sorted(
        ((str(pid), values.get(str(pid))) for pid in active),
        key=lambda item: (-_sort_value(item[1]), active[_uuid(item[0])].lower(), item[0]),
    )
    ranks: list[int] = []
    for index, (_, value) in enumerate(ranked):
        tied = index and _sort_value(value) == _sort_value(ranked[index - 1][1])
        ranks.append(ranks[-1] if tied else index + 1)
    out = Leaderboard(
        metric=metric,
        date_range=MetricsPeriod(start=period.start, end=period.end),
        base_currency=settings.base_currency,
        ranked=len(ranked),
        entries=[],
        you=None,
    )
    if principal.is_vendor:
        out.entries = [
            LeaderboardEntry(
                rank=rank, partner_id=_uuid(pid), partner_name=active[_uuid(pid)], value=value
            )
            for rank, (pid, value) in list(zip(ranks, ranked, strict=True))[:limit]
        ]
        return out
    mine = str(principal.partner_id)
    for rank, (pid, value) in zip(ranks, ranked, strict=True):
        if pid == mine:
            lower = sum(1 for _, other in ranked if _sort_value(other) < _sort_value(value))
            out.you = PartnerStanding(
                rank=rank,
                of=len(ranked),
                percentile=round(100 * lower / len(ranked), 1),
                value=value,
            )
    return out


def _from_top(found: won_ranking.Top, period: Period, base: str, limit: int) -> Leaderboard:
    """The top of the ranking by won revenue from :func:`won_ranking.top` (every partner above
    the last place it gives is in it: its ranks are the ranks of the whole ranking)."""
    ranked = sorted(found.entries, key=lambda e: (-e.value, e.name.lower(), str(e.partner_id)))
    entries = [
        LeaderboardEntry(
            rank=1 + sum(1 for other in ranked if other.value > entry.value),
            partner_id=entry.partner_id,
            partner_name=entry.name,
            value=engine.money_text(entry.value),
        )
        for entry in ranked[:limit]
    ]
    return Leaderboard(
        metric="won_revenue",
        date_range=MetricsPeriod(start=period.start, end=period.end),
        base_currency=base,
        ranked=found.active,
        entries=entries,
        you=None,
    )


def _from_standing(mine: won_ranking.Standing, period: Period, base: str) -> Leaderboard:
    """A partner's own place by won revenue from :func:`won_ranking.standing`."""
    return Leaderboard(
        metric="won_revenue",
        date_range=MetricsPeriod(start=period.start, end=period.end),
        base_currency=base,
        ranked=mine.active,
        entries=[],
        you=PartnerStanding(
            rank=mine.above + 1,
            of=mine.active,
            percentile=round(100 * (mine.active - mine.at_or_above) / mine.active, 1),
            value=engine.money_text(mine.value),
        ),
    )


def _uuid(value: str) -> uuid.UUID:
    return uuid.UUID(value)
