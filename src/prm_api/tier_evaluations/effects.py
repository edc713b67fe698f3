"""What a tier change does to its partner: the tier itself (through the partners domain's
``assign_tier``, so ``partner.tier_changed`` is the same event whoever moves a partner) and
the partner's warnings about a downgrade in its grace period."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Actor, Principal
from prm_api.events.recording import record_change
from prm_api.events.registry import EventType
from prm_api.models import Partner, Tier, TierEvaluationChange
from prm_api.partners import service as partners
from prm_api.tier_evaluations import repository
from prm_api.tier_evaluations.events import (
    PARTNER_TIER_DOWNGRADE_CANCELLED,
    PARTNER_TIER_DOWNGRADE_PENDING,
)
from prm_api.tier_evaluations.schemas import TierChange

TIER_CHANGED_SINCE = "The partner's tier changed since the evaluation."
TIER_GONE = "The tier the change moves to no longer exists."
PARTNER_GONE = "The partner no longer exists."


def who(principal: Principal | Actor) -> str:
    """How a run or a decision names its author (``user:<id>``, ``system:job:…``)."""
    if isinstance(principal, Principal):
        return f"{principal.subject_type}:{principal.subject_id}"
    return f"{principal.type}:{principal.id}"


def tier_change(change: TierEvaluationChange) -> dict[str, Any]:
    """The change as the partner's events carry it (``tier_change``)."""
    return TierChange.model_validate(
        {
            "evaluation_id": change.evaluation_id,
            "change_id": change.id,
            "direction": change.direction,
            "status": change.status,
            "reason": change.reason or "",
            "effective_at": change.effective_at,
            "criteria": change.criteria,
        }
    ).model_dump(mode="json", by_alias=True)


def blocked(
    partner: Partner | None,
    from_tier_id: uuid.UUID | None,
    to_tier_id: uuid.UUID | None,
    tier_exists: bool,
) -> str | None:
    """What stops a change ``from_tier_id → to_tier_id`` from applying to ``partner`` now."""
    if partner is None:
        return PARTNER_GONE
    if partner.tier_id != from_tier_id:
        return TIER_CHANGED_SINCE
    if to_tier_id is not None and not tier_exists:
        return TIER_GONE
    return None


async def why_not_applicable(
    session: AsyncSession, change: TierEvaluationChange
) -> tuple[Partner | None, str | None]:
    """The partner, locked, and what stops the change from applying now (None: nothing)."""
    partner = await repository.lock_partner(session, change.partner_id)
    exists = change.to_tier_id is None or await session.get(Tier, change.to_tier_id) is not None
    return partner, blocked(partner, change.from_tier_id, change.to_tier_id, exists)


async def move(session: AsyncSession, principal: Principal, change: TierEvaluationChange) -> None:
    """Move the partner to the change's tier: ``partners.assign_tier``, whose
    ``partner.tier_changed`` carries the change (``tier_change``) and whose audit row its
    reason."""
    await partners.assign_tier(
        session,
        principal,
        change.partner_id,
        change.to_tier_id,
        reason=f"{change.reason} (tier evaluation {change.evaluation_id}, change {change.id})",
        if_match=None,
        detail=tier_change(change),
    )


async def apply(
    session: AsyncSession,
    principal: Principal,
    change: TierEvaluationChange,
    *,
    status: str,
    at: datetime,
) -> None:
    """Mark an open change ``status`` (``applied`` or ``accepted``) and move the partner
    (already checked by :func:`why_not_applicable`)."""
    change.status = status
    change.applied_at = at
    await move(session, principal, change)


async def _partner_event(
    session: AsyncSession,
    actor: Actor,
    event_type: EventType,
    change: TierEvaluationChange,
    changes: dict[str, Any],
) -> None:
    partner = await session.get(Partner, change.partner_id)
    if partner is None:
        return
    shown = (await partners.present(session, partner)).model_dump(mode="json", by_alias=True)
    await record_change(
        session,
        actor,
        event_type,
        {**shown, "tier_change": tier_change(change)},
        resource_id=partner.id,
        partner_id=partner.id,
        changes=changes,
    )


async def warn(session: AsyncSession, actor: Actor, change: TierEvaluationChange) -> None:
    """``partner.tier_downgrade_pending``: the partner is told before the downgrade applies."""
    await _partner_event(
        session,
        actor,
        PARTNER_TIER_DOWNGRADE_PENDING,
        change,
        {
            "tier_change_id": str(change.id),
            "to_tier_id": str(change.to_tier_id) if change.to_tier_id else None,
            "effective_at": change.effective_at.isoformat() if change.effective_at else None,
        },
    )


async def lift(session: AsyncSession, actor: Actor, change: TierEvaluationChange) -> None:
    """``partner.tier_downgrade_cancelled``: a warned downgrade will not happen."""
    await _partner_event(
        session,
        actor,
        PARTNER_TIER_DOWNGRADE_CANCELLED,
        change,
        {"tier_change_id": str(change.id), "reason": change.reason},
    )
