"""Next best actions for a partner: deterministic rules over its own records, each with the
reason and the figures behind it (nothing is learned, nothing leaves the service).

- ``earn_certification`` (high): the next tier (the lowest rank above the partner's tier, or
  the lowest tier for a partner without one) needs more certified users than the partner
  has: one per active certification program whose every course the partner can see, with
  those courses in ``related``.
- ``extend_deal_protection`` (high within 7 days, else medium): approved deals whose
  protection ends within 14 days.
- ``renew_certification`` (high within 14 days, else medium): certifications of the
  partner's active users expiring within 60 days and not yet renewed. A ``partner_user``
  token sees its own only, as on ``/v1/certifications``.
- ``take_course`` / ``use_asset`` (low): see :mod:`prm_api.health.peers`.

Ordered by priority, then kind (as listed above, courses before assets), then urgency.
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.health import peers
from prm_api.health.schemas import (
    Recommendation,
    RecommendationKind,
    RecommendationPriority,
    RecommendationTarget,
    RecommendationTargetType,
)
from prm_api.kit.time import utcnow
from prm_api.models import (
    Certification,
    CertificationProgram,
    Course,
    Deal,
    Partner,
    Tier,
    User,
)
from prm_api.models.certification import CURRENT_CERTIFICATION
from prm_api.partners.repository import get_visible_partner
from prm_api.program.settings import get_settings
from prm_api.trainings.certifications import _visible as certifications_visible
from prm_api.trainings.certifications import count_certified_users
from prm_api.trainings.repository import course_visible

RENEWAL_HORIZON_DAYS = 60
PROTECTION_HORIZON_DAYS = 14
#: Recommendations of one kind at most.
PER_KIND = 10
PROGRAMS_AT_MOST = 5

_PRIORITY = {p: i for i, p in enumerate(RecommendationPriority)}
_KIND = {
    k: i
    for i, k in enumerate(
        (
            RecommendationKind.earn_certification,
            RecommendationKind.extend_deal_protection,
            RecommendationKind.renew_certification,
            RecommendationKind.take_course,
            RecommendationKind.use_asset,
        )
    )
}


def _days_left(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 86400))


def _urgency(days: int, high_within: int) -> RecommendationPriority:
    return RecommendationPriority.high if days <= high_within else RecommendationPriority.medium


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


async def _next_tier(session: AsyncSession, partner: Partner) -> Tier | None:
    stmt = select(Tier).order_by(Tier.rank).limit(1)
    if partner.tier_id is not None:
        rank = select(Tier.rank).where(Tier.id == partner.tier_id).scalar_subquery()
        stmt = stmt.where(Tier.rank > rank)
    return await session.scalar(stmt)


async def earn_certification(
    session: AsyncSession, partner: Partner, now: datetime
) -> list[Recommendation]:
    tier = await _next_tier(session, partner)
    if tier is None or not tier.min_certified_users:
        return []
    certified = await count_certified_users(session, partner.id, now=now)
    missing = tier.min_certified_users - certified
    if missing <= 0:
        return []
    programs = (
        await session.scalars(
            select(CertificationProgram)
            .where(CertificationProgram.status == "active")
            .order_by(CertificationProgram.name, CertificationProgram.id)
        )
    ).all()
    wanted = {c for p in programs for c in p.course_ids}
    visible = {
        row.id: row.title
        for row in await session.execute(
            select(Course.id, Course.title).where(
                Course.id.in_(wanted), course_visible(peers.as_partner(partner.id))
            )
        )
    }
    out = []
    for program in programs:
        # A program the partner cannot complete (a course it does not see) is no advice.
        if not program.course_ids or not set(program.course_ids) <= visible.keys():
            continue
        courses = len(program.course_ids)
        out.append(
            Recommendation(
                kind=RecommendationKind.earn_certification,
                priority=RecommendationPriority.high,
                title=f"Certify {_plural(missing, 'more user')} in {program.name} for {tier.name}",
                reason=(
                    f"{tier.name} requires {tier.min_certified_users} certified users and you "
                    f"have {certified}; a user completing the {_plural(courses, 'course')} of "
                    f"{program.name} is certified."
                ),
                figures={
                    "next_tier": tier.name,
                    "required_certified_users": tier.min_certified_users,
                    "certified_users": certified,
                    "missing_certified_users": missing,
                    "courses": courses,
                },
                target=RecommendationTarget(
                    type=RecommendationTargetType.certification_program,
                    id=program.id,
                    name=program.name,
                    href=f"/v1/certification-programs/{program.id}",
                ),
                related=[
                    RecommendationTarget(
                        type=RecommendationTargetType.course,
                        id=course_id,
                        name=visible[course_id],
                        href=f"/v1/courses/{course_id}",
                    )
                    for course_id in program.course_ids
                ],
            )
        )
        if len(out) == PROGRAMS_AT_MOST:
            break
    return out


async def extend_deal_protection(
    session: AsyncSession, partner: Partner, now: datetime
) -> list[Recommendation]:
    max_extensions = (await get_settings(session)).max_extensions
    deals = (
        await session.scalars(
            select(Deal)
            .where(
                Deal.partner_id == partner.id,
                Deal.status == "approved",
                Deal.protection_expires_at > now,
                Deal.protection_expires_at <= now + timedelta(days=PROTECTION_HORIZON_DAYS),
            )
            .order_by(Deal.protection_expires_at, Deal.id)
            .limit(PER_KIND)
        )
    ).all()
    out = []
    for deal in deals:
        assert deal.protection_expires_at is not None
        days = _days_left(deal.protection_expires_at, now)
        left = max(0, max_extensions - deal.extensions_used)
        ends = f"Protection of “{deal.title}” ends in {_plural(days, 'day')} " + (
            f"({deal.protection_expires_at.date().isoformat()})"
        )
        out.append(
            Recommendation(
                kind=RecommendationKind.extend_deal_protection,
                priority=_urgency(days, 7),
                title=(
                    f"Extend the protection of “{deal.title}”"
                    if left
                    else f"Close “{deal.title}” before its protection ends"
                ),
                reason=(
                    f"{ends}: extend it ({left} of {max_extensions} extensions left) or close it."
                    if left
                    else f"{ends} and no extension is left: close it, or it expires."
                ),
                figures={
                    "days_left": days,
                    "protection_expires_at": deal.protection_expires_at.isoformat(),
                    "amount": f"{deal.amount:.2f}",
                    "currency": deal.currency,
                    "extensions_used": deal.extensions_used,
                    "extensions_left": left,
                },
                target=RecommendationTarget(
                    type=RecommendationTargetType.deal,
                    id=deal.id,
                    name=deal.title,
                    href=f"/v1/deals/{deal.id}",
                ),
                related=[],
            )
        )
    return out


async def renew_certification(
    session: AsyncSession, principal: Principal, partner: Partner, now: datetime
) -> list[Recommendation]:
    due = (
        select(Certification, User.name, CertificationProgram.name)
        .join(User, User.id == Certification.user_id)
        .join(CertificationProgram, CertificationProgram.id == Certification.program_id)
        .where(
            Certification.partner_id == partner.id,
            Certification.status.in_(CURRENT_CERTIFICATION),
            Certification.renewed_by_id.is_(None),
            Certification.expires_at > now,
            Certification.expires_at <= now + timedelta(days=RENEWAL_HORIZON_DAYS),
            User.active,
        )
        .order_by(Certification.expires_at, Certification.id)
        .limit(PER_KIND)
    )
    # The certifications' own visibility rule: a partner user sees only its own.
    stmt = certifications_visible(cast("Select[Any]", due), principal)
    out = []
    for certification, holder, program in await session.execute(stmt):
        days = _days_left(certification.expires_at, now)
        who = holder or "a user"
        out.append(
            Recommendation(
                kind=RecommendationKind.renew_certification,
                priority=_urgency(days, 14),
                title=f"Renew {program} for {who}",
                reason=(
                    f"The {program} certification of {who} expires in {_plural(days, 'day')} "
                    f"({certification.expires_at.date().isoformat()}); completing the program's "
                    "courses again renews it without losing the remaining time."
                ),
                figures={
                    "days_left": days,
                    "expires_at": certification.expires_at.isoformat(),
                    "user_id": str(certification.user_id),
                    "number": certification.number,
                },
                target=RecommendationTarget(
                    type=RecommendationTargetType.certification,
                    id=certification.id,
                    name=f"{program} ({certification.number})",
                    href=f"/v1/certifications/{certification.id}",
                ),
                related=[
                    RecommendationTarget(
                        type=RecommendationTargetType.certification_program,
                        id=certification.program_id,
                        name=program,
                        href=f"/v1/certification-programs/{certification.program_id}",
                    )
                ],
            )
        )
    return out


async def recommendations_for(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID
) -> list[Recommendation]:
    """The partner's recommendations, most urgent first (404 for a partner the caller may
    not see)."""
    partner = await get_visible_partner(session, principal, partner_id)
    now = utcnow()
    tier_name = "untiered"
    if partner.tier_id is not None:
        tier_name = await session.scalar(select(Tier.name).where(Tier.id == partner.tier_id)) or ""
    found = [
        *await earn_certification(session, partner, now),
        *await extend_deal_protection(session, partner, now),
        *await renew_certification(session, principal, partner, now),
    ]
    better = await peers.better_peers(session, partner, now)
    found += await peers.peer_courses(session, partner, better, tier_name, now)
    found += await peers.peer_assets(session, partner, better, tier_name, now)
    # A stable sort: within a priority and kind, each rule's own order (most urgent first).
    return sorted(found, key=lambda r: (_PRIORITY[r.priority], _KIND[r.kind]))
