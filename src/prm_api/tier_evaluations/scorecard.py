"""A partner's scorecard: its KPIs for a period and the period before, its tier and its
progress to the next tier criterion by criterion, certifications, onboarding and health.

Read from the daily rollups (``metrics.totals.partner_totals``) and small indexed queries,
never by scanning deals. The tier progress is the tier evaluation's own check
(:mod:`prm_api.tier_evaluations.criteria`) over the tier window, so what the scorecard says
is missing is what an evaluation would find missing.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.policy import can_see_partner
from prm_api.auth.principal import Principal
from prm_api.errors import Conflict, NotFound
from prm_api.health.service import current_health
from prm_api.kit.alongside import gather_reads
from prm_api.kit.time import utcnow
from prm_api.metrics.periods import Period, parse_range, previous
from prm_api.metrics.totals import PartnerTotals, partner_totals
from prm_api.models import Certification, CertificationProgram, Partner, User
from prm_api.models.certification import CURRENT_CERTIFICATION
from prm_api.onboarding import rules as onboarding
from prm_api.program.settings import get_settings
from prm_api.tier_evaluations import planner, repository
from prm_api.tier_evaluations.criteria import (
    Figures,
    TierRule,
    check,
    money,
    qualified_tier,
    rolling_window,
)
from prm_api.tier_evaluations.scorecard_schemas import (
    ExpiringCertification,
    Scorecard,
    ScorecardCertifications,
    ScorecardFigures,
    ScorecardKpis,
    ScorecardOnboarding,
    ScorecardPeriod,
    TierProgress,
)
from prm_api.tiers.schemas import TierRef

DEFAULT_PERIOD = "12mo"
EXPIRING_DAYS = 60
EXPIRING_LISTED = 50


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def kpis(t: PartnerTotals, base: str) -> ScorecardKpis:
    avg = None
    if t.won_deals and not t.won_unconverted:
        avg = money(t.won_amount / t.won_deals, base)
    return ScorecardKpis(
        won_revenue=money(t.won_amount, base),
        won_revenue_unconverted=[money(a, c) for c, a in sorted(t.won_unconverted.items())],
        won_deals=t.won_deals,
        lost_deals=t.lost_deals,
        win_rate=t.win_rate,
        avg_deal_value=avg,
        pipeline=money(t.pipeline_amount, base),
        pipeline_deals=t.pipeline_deals,
        pipeline_unconverted=[money(a, c) for c, a in sorted(t.pipeline_unconverted.items())],
        deals_registered=t.deals_registered,
        deals_approved=t.deals_approved,
        deals_rejected=t.deals_rejected,
        approval_rate=_rate(t.deals_approved, t.deals_approved + t.deals_rejected),
        asset_downloads=t.downloads,
        course_completions=t.course_completions,
        active_users=t.active_users,
        sign_ins=t.sign_ins,
    )


async def _totals(session: AsyncSession, period: Period, partner_id: uuid.UUID) -> PartnerTotals:
    found = await partner_totals(session, period.start, period.end, [partner_id])
    return found.get(partner_id) or PartnerTotals(partner_id=partner_id)


def _figures(period: Period, t: PartnerTotals, base: str) -> ScorecardFigures:
    return ScorecardFigures(
        period=ScorecardPeriod(start=period.start, end=period.end, days=period.days),
        kpis=kpis(t, base),
    )


def progress(
    rules: list[TierRule], tier_id: uuid.UUID | None, figures: Figures, base: str, window: Period
) -> TierProgress:
    """The partner's standing against the tiers (``rules`` highest rank first)."""
    current = next((r for r in rules if r.id == tier_id), None)
    above = [r for r in rules if current is None or r.rank > current.rank]
    upcoming = above[-1] if above else None  # the lowest of the higher tiers
    target = qualified_tier(rules, figures)
    next_check = check(upcoming, figures, base) if upcoming else None
    if next_check is None:
        summary = "Top tier." if current else "The program has no tiers."
    elif next_check.qualifies:
        summary = f"Meets every criterion of {upcoming.name}."  # type: ignore[union-attr]
    else:
        summary = f"To reach {upcoming.name}: {next_check.summary}."  # type: ignore[union-attr]
    return TierProgress(
        window_start=window.start,
        window_end=window.end,
        figures=figures.out(base),
        current_tier=check(current, figures, base) if current else None,
        qualified_tier=target.ref if target else None,
        next_tier=next_check,
        summary=summary,
    )


async def certifications(
    session: AsyncSession, partner_id: uuid.UUID, now: datetime
) -> ScorecardCertifications:
    held = (
        Certification.partner_id == partner_id,
        Certification.status.in_(CURRENT_CERTIFICATION),
        Certification.expires_at > now,
    )
    soon = Certification.expires_at <= now + timedelta(days=EXPIRING_DAYS)
    counts = (
        await session.execute(
            select(
                func.count(),
                func.count(func.distinct(Certification.user_id)),
                func.count().filter(soon),
            ).where(*held)
        )
    ).one()
    rows = (
        await session.execute(
            select(
                Certification.id,
                Certification.user_id,
                User.name,
                Certification.program_id,
                CertificationProgram.name,
                Certification.expires_at,
            )
            .join(User, User.id == Certification.user_id)
            .join(CertificationProgram, CertificationProgram.id == Certification.program_id)
            .where(*held, soon)
            .order_by(Certification.expires_at, Certification.id)
            .limit(EXPIRING_LISTED)
        )
    ).all()
    return ScorecardCertifications(
        certified_users=counts[1],
        held=counts[0],
        expiring_within_days=EXPIRING_DAYS,
        expiring_count=counts[2],
        expiring=[
            ExpiringCertification(
                certification_id=r[0],
                user_id=r[1],
                user_name=r[2],
                program_id=r[3],
                program_name=r[4],
                expires_at=r[5],
            )
            for r in rows
        ],
    )


async def scorecard(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID, period: str | None
) -> Scorecard:
    """The partner's scorecard (vendor roles: any partner; a partner token: its own, else
    404). ``period``: a ``date_range`` of the metrics API (``30d``, ``90d``, ``12mo``,
    ``2026-Q3``…); default ``12mo``."""
    if not can_see_partner(principal, partner_id):
        raise NotFound(f"No partner {partner_id}.")
    partner = await session.get(Partner, partner_id)
    if partner is None:
        raise NotFound(f"No partner {partner_id}.")
    now = utcnow()
    today = now.date()
    value = period or DEFAULT_PERIOD
    current = parse_range(value, today, field="period")
    before = previous(current, value)
    settings = await get_settings(session)
    base = settings.base_currency
    window = Period(*rolling_window(today, settings.tier_window_months))
    notes: list[str] = []

    async def tier_rules(own: AsyncSession) -> tuple[Any, list[Any] | Conflict]:
        tiers = await repository.tiers(own)
        try:
            return tiers, await planner.tier_rules(own, base, window.end, tiers)
        except Conflict as exc:
            return tiers, exc

    # Independent reads at the same time, each on a connection of its own when the pool has
    # room (a read request's statements each take their own snapshot anyway): one after
    # another, their ~40 round trips add up.
    shown, earlier, certs, won, (tiers, rules), health = await gather_reads(
        session,
        lambda own: _totals(own, current, partner_id),
        lambda own: _totals(own, before, partner_id),
        lambda own: certifications(own, partner_id, now),
        lambda own: repository.won_in_window(own, partner_id, window.start, window.end, base),
        tier_rules,
        lambda own: current_health(own, partner_id),
    )
    figures = Figures(
        won_amount=won[0],
        won_unconverted=won[1],
        won_deals=won[2],
        certified_users=certs.certified_users,
    )
    tier = next((r for r in tiers if r.id == partner.tier_id), None)
    standing: TierProgress | None = None
    if isinstance(rules, Conflict):
        notes.append(f"Tier progress unavailable: {rules.detail}")
    else:
        standing = progress(rules, partner.tier_id, figures, base, window)
    checklist = await onboarding.checklist(session, partner)  # reads the partner's own row
    return Scorecard(
        partner_id=partner.id,
        partner_name=partner.name,
        partner_status=partner.status,
        as_of=today,
        base_currency=base,
        current=_figures(current, shown, base),
        previous=_figures(before, earlier, base),
        tier=TierRef.model_validate(tier) if tier else None,
        next_tier=standing.next_tier.tier if standing and standing.next_tier else None,
        progress=standing,
        certifications=certs,
        onboarding=ScorecardOnboarding(
            completed=checklist.completed,
            required_steps=checklist.progress.required_steps,
            completed_required_steps=checklist.progress.completed_required_steps,
            percent=checklist.progress.percent,
            approved_at=checklist.approved_at,
            activated_at=checklist.activated_at,
            time_to_onboard_seconds=checklist.time_to_onboard_seconds,
        ),
        health=health,
        notes=notes,
    )
