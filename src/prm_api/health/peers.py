"""Recommendations from peers: the assets and courses most used in the last 90 days by the
partners of the same tier and type that win more than this one, which this one has not used.

Peers are the other active partners in the same tier (both without one counts as the same)
and of the same type. "Win more" compares the win rate over the last 12 months (won / (won +
lost)); a partner that closed nothing compares as 0, a peer that closed nothing is left out.
Only what the partner itself may see is recommended: the asset and course predicates of the
partner's own lists (:func:`prm_api.assets.repository.partner_visible`,
:func:`prm_api.trainings.repository.course_visible`) decide, evaluated for this partner
whoever asks. Peers are never named: a recommendation carries counts only.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.assets.repository import partner_visible
from prm_api.auth.principal import Principal
from prm_api.health.formula import WIN_RATE_DAYS
from prm_api.health.schemas import (
    Recommendation,
    RecommendationKind,
    RecommendationPriority,
    RecommendationTarget,
    RecommendationTargetType,
)
from prm_api.models import Asset, AssetDownload, Course, DealDailyRollup, Enrollment, Partner
from prm_api.trainings.repository import course_visible

USAGE_WINDOW_DAYS = 90
#: Recommendations of each kind (assets, courses) at most.
PER_KIND = 5


@dataclass(frozen=True)
class Peers:
    ids: list[uuid.UUID]  # the peers that win more
    of_kind: int  # every peer of the same tier and type
    win_rate: float | None  # the partner's own


def as_partner(partner_id: uuid.UUID) -> Principal:
    """What the partner's own token is to the visibility predicates (they read only the role
    and the partner): content is judged as the partner sees it, whoever asks."""
    return Principal(
        subject_type="system",
        subject_id="recommendations",
        client_id="",
        role="partner_user",
        scopes=frozenset(),
        partner_id=partner_id,
    )


def _peer_of(partner: Partner) -> ColumnElement[bool]:
    """SQL: an active partner of the same type and tier as ``partner`` (itself included)."""
    return and_(
        Partner.status == "active",
        Partner.type == partner.type,
        Partner.tier_id.is_not_distinct_from(partner.tier_id),
    )


async def win_rates(
    session: AsyncSession, partner: Partner, start: date, end: date
) -> dict[uuid.UUID, float | None]:
    """The 12-month win rate of the partner and of each of its peers that closed a deal.

    ``PartnerTotals.win_rate``'s definition (won / (won + lost) by close day, from the same
    daily rollups), read alone: ``partner_totals`` also rebuilds every peer's pipeline from
    all of its history: for a group of 10,000 peers with 100 deals each, 5–6 s against
    under 1 s here
    (``tests/health/test_recommendations.py`` checks both agree)."""
    r = DealDailyRollup
    stmt = (
        select(r.partner_id, func.sum(r.won), func.sum(r.lost))
        .join(Partner, Partner.id == r.partner_id)
        .where(
            r.day.between(start, end),
            or_(Partner.id == partner.id, _peer_of(partner)),
        )
        .group_by(r.partner_id)
    )
    out: dict[uuid.UUID, float | None] = {}
    for pid, won, lost in await session.execute(stmt):
        closed = (won or 0) + (lost or 0)
        out[pid] = (won or 0) / closed if closed else None
    return out


async def better_peers(session: AsyncSession, partner: Partner, now: datetime) -> Peers:
    count = select(func.count()).where(_peer_of(partner), Partner.id != partner.id)
    of_kind = await session.scalar(count) or 0
    today = now.date()
    rates = await win_rates(session, partner, today - timedelta(days=WIN_RATE_DAYS - 1), today)
    own = rates.pop(partner.id, None)
    bar = own or 0.0
    better = sorted(pid for pid, rate in rates.items() if rate is not None and rate > bar)
    return Peers(better, of_kind, own)


def _reason(peers: Peers, using: int, uses: int, what: str, tier: str) -> str:
    own = "no closed deal" if peers.win_rate is None else f"a {peers.win_rate:.0%} win rate"
    return (
        f"{using} of the {len(peers.ids)} {tier} partners of your type that win more deals "
        f"than you ({own} in the last 12 months) {what} it {uses} times in the last "
        f"{USAGE_WINDOW_DAYS} days; you have not yet."
    )


def _figures(peers: Peers, using: int, uses: int, name: str) -> dict[str, Any]:
    return {
        "peers": peers.of_kind,
        "peers_winning_more": len(peers.ids),
        "peers_using": using,
        name: uses,
        "win_rate": None if peers.win_rate is None else round(peers.win_rate, 4),
        "window_days": USAGE_WINDOW_DAYS,
    }


async def peer_assets(
    session: AsyncSession, partner: Partner, peers: Peers, tier: str, now: datetime
) -> list[Recommendation]:
    if not peers.ids:
        return []
    d, mine = AssetDownload, AssetDownload.__table__.alias("mine")
    using = func.count(func.distinct(d.partner_id))
    stmt = (
        select(Asset.id, Asset.title, using.label("using"), func.count().label("uses"))
        .join(Asset, Asset.id == d.asset_id)
        .where(
            d.partner_id.in_(peers.ids),
            d.at >= now - timedelta(days=USAGE_WINDOW_DAYS),
            partner_visible(as_partner(partner.id)),
            ~select(mine.c.id)
            .where(mine.c.asset_id == Asset.id, mine.c.partner_id == partner.id)
            .exists(),
        )
        .group_by(Asset.id, Asset.title)
        .order_by(using.desc(), func.count().desc(), Asset.title, Asset.id)
        .limit(PER_KIND)
    )
    return [
        Recommendation(
            kind=RecommendationKind.use_asset,
            priority=RecommendationPriority.low,
            title=f"Use “{row.title}”",
            reason=_reason(peers, row.using, row.uses, "downloaded", tier),
            figures=_figures(peers, row.using, row.uses, "downloads"),
            target=RecommendationTarget(
                type=RecommendationTargetType.asset,
                id=row.id,
                name=row.title,
                href=f"/v1/assets/{row.id}",
            ),
            related=[],
        )
        for row in await session.execute(stmt)
    ]


async def peer_courses(
    session: AsyncSession, partner: Partner, peers: Peers, tier: str, now: datetime
) -> list[Recommendation]:
    if not peers.ids:
        return []
    e, mine = Enrollment, Enrollment.__table__.alias("mine")
    using = func.count(func.distinct(e.partner_id))
    stmt = (
        select(Course.id, Course.title, using.label("using"), func.count().label("uses"))
        .join(Course, Course.id == e.course_id)
        .where(
            e.partner_id.in_(peers.ids),
            e.status == "completed",
            e.completed_at >= now - timedelta(days=USAGE_WINDOW_DAYS),
            course_visible(as_partner(partner.id)),
            # Taken already: any enrollment of the partner's users, finished or not.
            ~select(mine.c.id)
            .where(mine.c.course_id == Course.id, mine.c.partner_id == partner.id)
            .exists(),
        )
        .group_by(Course.id, Course.title)
        .order_by(using.desc(), func.count().desc(), Course.title, Course.id)
        .limit(PER_KIND)
    )
    return [
        Recommendation(
            kind=RecommendationKind.take_course,
            priority=RecommendationPriority.low,
            title=f"Take the course “{row.title}”",
            reason=_reason(peers, row.using, row.uses, "completed", tier),
            figures=_figures(peers, row.using, row.uses, "completions"),
            target=RecommendationTarget(
                type=RecommendationTargetType.course,
                id=row.id,
                name=row.title,
                href=f"/v1/courses/{row.id}",
            ),
            related=[],
        )
        for row in await session.execute(stmt)
    ]
