"""Deciding a tier change: vendor staff accept or reject an open one, and the job applies
downgrades whose grace period is over.

An open change (``proposed``, or ``pending_grace``: a downgrade in automatic mode's grace
period) is decided once: the change's row is locked, so of two concurrent decisions one wins
and the other gets 409 ``invalid_transition``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.errors import Conflict, InvalidTransition, NotFound
from prm_api.events.recording import record_change
from prm_api.kit.batches import in_batches
from prm_api.kit.etag import check_if_match
from prm_api.kit.time import utcnow
from prm_api.models import TierEvaluationChange
from prm_api.models.tier_evaluation import OPEN_CHANGE_STATUSES
from prm_api.tier_evaluations import effects, repository
from prm_api.tier_evaluations.events import CHANGE
from prm_api.tier_evaluations.schemas import CHANGE as CHANGE_SHAPE
from prm_api.tier_evaluations.schemas import TierEvaluationChange as ChangeOut

DECIDE = "decide tier changes"
#: The system principal the scheduled job acts as (its events' actor).
JOB = Principal(
    subject_type="system",
    subject_id="job:evaluate-tiers",
    client_id="system",
    role="admin",
    scopes=frozenset(),
)


class Named:
    """A change row with its partner's name, as the change Shape reads it."""

    def __init__(self, change: TierEvaluationChange, partner_name: str) -> None:
        self._change, self.partner_name = change, partner_name

    def __getattr__(self, name: str) -> Any:
        return getattr(self._change, name)


def change_out(change: TierEvaluationChange, partner_name: str) -> ChangeOut:
    return CHANGE_SHAPE.validated(Named(change, partner_name))


async def _open_change(
    session: AsyncSession,
    principal: Principal,
    evaluation_id: uuid.UUID,
    change_id: uuid.UUID,
    if_match: str | None,
) -> TierEvaluationChange:
    require_vendor(principal, DECIDE)
    change = await repository.lock_change(session, evaluation_id, change_id)
    if change is None:
        raise NotFound(f"No change {change_id} in tier evaluation {evaluation_id}.")
    check_if_match(if_match, change.version)
    if change.status not in OPEN_CHANGE_STATUSES:
        raise InvalidTransition(
            f"This change is {change.status}: only a proposed change or a downgrade in its "
            "grace period can be accepted or rejected.",
            current=change.status,
            allowed=[],
        )
    return change


async def accept(
    session: AsyncSession,
    principal: Principal,
    evaluation_id: uuid.UUID,
    change_id: uuid.UUID,
    *,
    reason: str | None,
    if_match: str | None,
) -> tuple[TierEvaluationChange, str]:
    """Apply the change now (``accepted``): ``partner.tier_changed`` then
    ``tier_evaluation_change.accepted``. 409 when the partner's tier moved since the
    evaluation or the target tier is gone (the change stays open: reject it)."""
    change = await _open_change(session, principal, evaluation_id, change_id, if_match)
    before = change.status
    partner, blocked = await effects.why_not_applicable(session, change)
    if blocked is not None or partner is None:
        raise Conflict(f"{blocked} Reject this change instead.", code="tier_change_stale")
    now = utcnow()
    change.decided_by, change.decided_at = effects.who(principal), now
    if reason:
        change.reason = reason
    await effects.apply(session, principal, change, status="accepted", at=now)
    await session.flush()  # the version the response's ETag shows
    await repository.recount_open(session, {change.evaluation_id})
    await record_change(
        session,
        principal.actor,
        CHANGE["accepted"],
        change_out(change, partner.name),
        resource_id=change.id,
        changes={"status": {"before": before, "after": "accepted"}, "reason": change.reason},
    )
    return change, partner.name


async def reject(
    session: AsyncSession,
    principal: Principal,
    evaluation_id: uuid.UUID,
    change_id: uuid.UUID,
    *,
    reason: str | None,
    if_match: str | None,
) -> tuple[TierEvaluationChange, str]:
    """Drop the change: the partner keeps its tier. Rejecting a downgrade in its grace
    period also tells the partner (``partner.tier_downgrade_cancelled``)."""
    change = await _open_change(session, principal, evaluation_id, change_id, if_match)
    before = change.status
    change.status = "rejected"
    change.decided_by, change.decided_at = effects.who(principal), utcnow()
    change.reason = reason or "Rejected by vendor staff."
    await session.flush()
    if before == "pending_grace":
        await effects.lift(session, principal.actor, change)
    await repository.recount_open(session, {change.evaluation_id})
    name = await repository.partner_name(session, change.partner_id)
    await record_change(
        session,
        principal.actor,
        CHANGE["rejected"],
        change_out(change, name),
        resource_id=change.id,
        changes={"status": {"before": before, "after": "rejected"}, "reason": change.reason},
    )
    return change, name


async def apply_due_batch(session: AsyncSession, now: datetime, limit: int) -> int:
    """Apply up to ``limit`` downgrades whose grace period ended by ``now``; one that can no
    longer apply (the partner left ``active`` or changed tier) is cancelled, its warning
    lifted."""
    due = await repository.due_downgrades(session, now, limit)
    for change in due:
        partner, blocked = await effects.why_not_applicable(session, change)
        if blocked is None and partner is not None and partner.status != "active":
            blocked = "The partner is no longer active."
        if blocked is None:
            await effects.apply(session, JOB, change, status="applied", at=now)
            continue
        change.status, change.reason = "cancelled", blocked
        change.decided_by, change.decided_at = effects.who(JOB), now
        await session.flush()
        if partner is not None:
            await effects.lift(session, JOB.actor, change)
    await repository.recount_open(session, {c.evaluation_id for c in due})
    return len(due)


async def apply_due_downgrades(
    sessionmaker: async_sessionmaker[AsyncSession], now: datetime, limit: int = 200
) -> int:
    """Every due downgrade, a batch per transaction; returns how many were settled."""
    return await in_batches(
        sessionmaker,
        lambda session: apply_due_batch(session, now, limit),
        limit,
        "tier downgrades settled",
    )
