"""Tier evaluation runs, their preview, and reading them (vendor staff only).

A run records exactly what :func:`planner.plan` decides — the preview returns the same plan
without storing anything — so what a preview shows is what a run then does (as long as no
figure changes in between).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.errors import NotFound
from prm_api.events.recording import record_change
from prm_api.kit.pagination import PageParams, PageResult, SortKeys, paginate
from prm_api.kit.time import utcnow
from prm_api.models import TierEvaluation, TierEvaluationChange
from prm_api.models.tier_evaluation import OPEN_CHANGE_STATUSES
from prm_api.tier_evaluations import effects, planner, repository
from prm_api.tier_evaluations.events import TIER_EVALUATION_COMPLETED
from prm_api.tier_evaluations.schemas import (
    EVALUATION,
    PlannedCancellation,
    PlannedChange,
    TierEvaluationPreview,
)
from prm_api.tier_evaluations.schemas import TierEvaluation as TierEvaluationOut

READ = "read tier evaluations"
RUN = "run tier evaluations"
EVALUATION_SORTS = SortKeys(
    {"created_at": TierEvaluation.created_at}, "-created_at", TierEvaluation.id
)
CHANGE_SORTS = SortKeys({"id": TierEvaluationChange.id}, "id", TierEvaluationChange.id)


def evaluation_out(evaluation: TierEvaluation) -> TierEvaluationOut:
    return EVALUATION.validated(evaluation)


# --- preview ----------------------------------------------------------------------------------


def _tier_ref(rule: planner.TierRule | None) -> Any:
    return None if rule is None else rule.ref


async def preview(session: AsyncSession, principal: Principal) -> TierEvaluationPreview:
    require_vendor(principal, RUN)
    plan = await planner.plan(session, utcnow(), lock=False)
    return TierEvaluationPreview(
        mode=plan.mode,
        window_start=plan.window_start,
        window_end=plan.window_end,
        base_currency=plan.base_currency,
        partners_evaluated=plan.partners_evaluated,
        changes=[
            PlannedChange(
                partner_id=c.partner_id,
                partner_name=c.partner_name,
                from_tier=_tier_ref(c.from_tier),
                to_tier=_tier_ref(c.to_tier),
                direction=c.direction,
                status=c.status,
                effective_at=c.effective_at,
                criteria=c.criteria,
            )
            for c in plan.changes
        ],
        cancellations=[
            PlannedCancellation(
                change_id=c.change_id,
                evaluation_id=c.evaluation_id,
                partner_id=c.partner_id,
                reason=c.reason,
            )
            for c in plan.cancellations
        ],
        kept=plan.kept,
    )


# --- a run ------------------------------------------------------------------------------------


async def run(
    session: AsyncSession,
    principal: Principal,
    *,
    trigger: str,
    now: datetime | None = None,
    wait: bool = True,
) -> TierEvaluation | None:
    """Evaluate every active partner now and record (and in automatic mode apply) the plan.

    Runs are serialized; ``wait=False`` returns None instead of waiting for another one.
    """
    require_vendor(principal, RUN)
    if not await repository.lock_runs(session, wait=wait):
        return None
    clock = utcnow()
    now = now or clock
    plan = await planner.plan(session, now, lock=True)
    actor, by = principal.actor, effects.who(principal)
    evaluation = TierEvaluation(
        mode=plan.mode,
        status="completed",
        trigger=trigger,
        triggered_by=by,
        started_at=now,
        window_start=plan.window_start,
        window_end=plan.window_end,
        base_currency=plan.base_currency,
        partners_evaluated=plan.partners_evaluated,
        cancelled_earlier=len(plan.cancellations),
    )
    session.add(evaluation)
    await session.flush()

    # Earlier open changes go first: a partner holds one open change at a time.
    await repository.cancel_changes(
        session, {c.change_id: c.reason for c in plan.cancellations}, by=by, at=now
    )
    for cancelled in plan.cancellations:
        if cancelled.notify:
            earlier = await session.get(TierEvaluationChange, cancelled.change_id)
            if earlier is not None:
                await effects.lift(session, actor, earlier)
    await repository.recount_open(session, {c.evaluation_id for c in plan.cancellations})

    # The partners to change, locked in id order and held for the loop below (the session
    # finds them, and the tiers, without a query each). A partner whose tier moved since the
    # plan read it is not changed: its change is recorded cancelled.
    held = await repository.lock_partners(session, [c.partner_id for c in plan.changes])
    tiers = await repository.load_tiers(session)
    partners = {p.id: p for p in held}
    tier_ids = {t.id for t in tiers}
    rows = []
    for c in plan.changes:
        to_id = c.to_tier.id if c.to_tier else None
        stale = effects.blocked(
            partners.get(c.partner_id),
            c.from_tier.id if c.from_tier else None,
            to_id,
            to_id in tier_ids,
        )
        rows.append(
            TierEvaluationChange(
                evaluation_id=evaluation.id,
                partner_id=c.partner_id,
                from_tier_id=c.from_tier.id if c.from_tier else None,
                to_tier_id=to_id,
                direction=c.direction,
                status="cancelled" if stale else c.status,
                criteria=c.criteria.model_dump(mode="json", by_alias=True),
                reason=stale or c.reason,
                decided_by=by if stale else None,
                decided_at=now if stale else None,
                effective_at=c.effective_at,
                applied_at=now if c.status == "applied" and not stale else None,
            )
        )
    session.add_all(rows)
    await session.flush()
    for change, row in zip(plan.changes, rows, strict=True):
        if row.status == "applied":
            await effects.move(session, principal, row)
        elif row.status == "pending_grace" and change.warn:
            await effects.warn(session, actor, row)

    del held, tiers, partners
    evaluation.upgrades = sum(c.direction == "upgrade" for c in plan.changes)
    evaluation.downgrades = len(plan.changes) - evaluation.upgrades
    evaluation.open_changes = sum(r.status in OPEN_CHANGE_STATUSES for r in rows)
    if evaluation.open_changes:
        evaluation.status = "proposed" if plan.mode == "manual" else "applied"
    evaluation.finished_at = now + (utcnow() - clock)
    await session.flush()
    await record_change(
        session,
        actor,
        TIER_EVALUATION_COMPLETED,
        evaluation_out(evaluation),
        resource_id=evaluation.id,
        changes={
            "mode": evaluation.mode,
            "partners_evaluated": evaluation.partners_evaluated,
            "upgrades": evaluation.upgrades,
            "downgrades": evaluation.downgrades,
            "cancelled_earlier": evaluation.cancelled_earlier,
        },
    )
    return evaluation


# --- reads ------------------------------------------------------------------------------------


async def list_evaluations(
    session: AsyncSession, principal: Principal, sort: str | None, page: PageParams
) -> PageResult[Any]:
    require_vendor(principal, READ)
    return await paginate(session, repository.evaluations_query(), EVALUATION_SORTS, sort, page)


async def get_evaluation_row(
    session: AsyncSession, principal: Principal, evaluation_id: uuid.UUID
) -> Any:
    require_vendor(principal, READ)
    row = await repository.evaluation_row(session, evaluation_id)
    if row is None:
        raise NotFound(f"No tier evaluation {evaluation_id}.")
    return row


async def list_changes(
    session: AsyncSession,
    principal: Principal,
    evaluation_id: uuid.UUID,
    page: PageParams,
    *,
    status: str | None,
    direction: str | None,
) -> PageResult[Any]:
    await get_evaluation_row(session, principal, evaluation_id)
    stmt = repository.changes_query(evaluation_id)
    if status is not None:
        stmt = stmt.where(TierEvaluationChange.status == status)
    if direction is not None:
        stmt = stmt.where(TierEvaluationChange.direction == direction)
    return await paginate(session, stmt, CHANGE_SORTS, None, page)


async def get_change_row(
    session: AsyncSession, principal: Principal, evaluation_id: uuid.UUID, change_id: uuid.UUID
) -> Any:
    require_vendor(principal, READ)
    row = await repository.change_row(session, evaluation_id, change_id)
    if row is None:
        raise NotFound(f"No change {change_id} in tier evaluation {evaluation_id}.")
    return row
