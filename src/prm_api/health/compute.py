"""Health scores computed set-based: the figures of every partner asked for in a fixed number
of statements (three ``partner_totals`` windows, one certification count, one user count),
whether that is one partner (the live ``GET``) or all of them (the daily job)."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.health.formula import (
    ENGAGEMENT_WINDOW_DAYS,
    PIPELINE_LOOKBACK_DAYS,
    WIN_RATE_DAYS,
    HealthInputs,
    HealthScore,
    resolve_weights,
    score,
)
from prm_api.kit.time import utcnow
from prm_api.metrics.totals import partner_totals
from prm_api.models import Certification, User
from prm_api.models.certification import CURRENT_CERTIFICATION
from prm_api.program.settings import get_settings


def moment_of(day: date) -> datetime:
    """The instant a day's state is read at: now for today, the end of any other day (a
    certification counts if it was still valid when that day ended)."""
    now = utcnow()
    if day == now.date():
        return now
    return datetime.combine(day, time.max, UTC)


async def certified_users(
    session: AsyncSession, at: datetime, partner_ids: Collection[uuid.UUID] | None = None
) -> dict[uuid.UUID, int]:
    """Per partner: users holding a current certification at ``at`` (what a tier's
    ``min_certified_users`` counts: ``trainings.certifications.count_certified_users``)."""
    stmt = (
        select(Certification.partner_id, func.count(func.distinct(Certification.user_id)))
        .where(
            Certification.status.in_(CURRENT_CERTIFICATION),
            Certification.expires_at > at,
        )
        .group_by(Certification.partner_id)
    )
    if partner_ids is not None:
        stmt = stmt.where(Certification.partner_id.in_(list(partner_ids)))
    return {pid: n for pid, n in await session.execute(stmt)}


async def active_users(
    session: AsyncSession, partner_ids: Collection[uuid.UUID] | None = None
) -> dict[uuid.UUID, int]:
    """Per partner: its users that are not deactivated."""
    stmt = (
        select(User.partner_id, func.count())
        .where(User.partner_id.is_not(None), User.active)
        .group_by(User.partner_id)
    )
    if partner_ids is not None:
        stmt = stmt.where(User.partner_id.in_(list(partner_ids)))
    return {pid: n for pid, n in await session.execute(stmt) if pid is not None}


async def gather_inputs(
    session: AsyncSession,
    as_of: date,
    partner_ids: Collection[uuid.UUID] | None = None,
    *,
    at: datetime | None = None,
    currency: str = "USD",
) -> dict[uuid.UUID, HealthInputs]:
    """Every partner's figures on ``as_of`` (every partner when ``partner_ids`` is None);
    ``currency`` names the base currency the money figures are in."""
    year = await partner_totals(
        session, as_of - timedelta(days=WIN_RATE_DAYS - 1), as_of, partner_ids
    )
    recent = await partner_totals(
        session, as_of - timedelta(days=ENGAGEMENT_WINDOW_DAYS - 1), as_of, partner_ids
    )
    before_day = as_of - timedelta(days=PIPELINE_LOOKBACK_DAYS)
    before = await partner_totals(session, before_day, before_day, partner_ids)
    certified = await certified_users(session, at or moment_of(as_of), partner_ids)
    users = await active_users(session, partner_ids)
    out = {}
    for pid, y in year.items():
        r = recent.get(pid)
        b = before.get(pid)
        out[pid] = HealthInputs(
            partner_id=pid,
            as_of=as_of,
            currency=currency,
            last_deal_activity=y.last_deal_activity,
            pipeline_now=y.pipeline_amount,
            pipeline_before=b.pipeline_amount if b is not None else HealthInputs.pipeline_before,
            pipeline_unconverted=dict(y.pipeline_unconverted),
            won_deals=y.won_deals,
            lost_deals=y.lost_deals,
            certified_users=certified.get(pid, 0),
            active_users=users.get(pid, 0),
            sign_ins=r.sign_ins if r is not None else 0,
            downloads=r.downloads if r is not None else 0,
            course_completions=r.course_completions if r is not None else 0,
        )
    return out


async def compute_scores(
    session: AsyncSession,
    as_of: date,
    partner_ids: Collection[uuid.UUID] | None = None,
    *,
    at: datetime | None = None,
) -> dict[uuid.UUID, HealthScore]:
    """The health of every partner in ``partner_ids`` (all when None) on ``as_of``, with the
    program's weights."""
    settings = await get_settings(session)
    weights = resolve_weights(settings.health_weights)
    inputs = await gather_inputs(
        session, as_of, partner_ids, at=at, currency=settings.base_currency
    )
    return {pid: score(x, weights) for pid, x in inputs.items()}
