"""`/v1/tier-evaluations` (vendor staff) and `/v1/partners/{partner_id}/scorecard`."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from prm_api.auth.policy import MetricsRead, MetricsWrite
from prm_api.db import Session
from prm_api.kit.etag import IfMatch
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery
from prm_api.kit.render import page_body, render
from prm_api.metrics.periods import DATE_RANGE_PATTERN
from prm_api.tier_evaluations import decisions, service
from prm_api.tier_evaluations.schemas import (
    CHANGE,
    EVALUATION,
    ChangeDecision,
    ChangeDirection,
    ChangeStatus,
    TierEvaluation,
    TierEvaluationChange,
    TierEvaluationChangeList,
    TierEvaluationList,
    TierEvaluationPreview,
)
from prm_api.tier_evaluations.scorecard import DEFAULT_PERIOD, scorecard
from prm_api.tier_evaluations.scorecard_schemas import Scorecard

router = APIRouter(prefix="/v1")
_CHANGE_PATH = "/tier-evaluations/{evaluation_id:uuid}/changes/{change_id}"


@router.post(
    "/tier-evaluations",
    operation_id="tier_evaluations_create",
    tags=["tier-evaluations"],
    summary="Run a tier evaluation now",
    status_code=201,
    response_model=TierEvaluation,
    responses=errors(400, 401, 403, 409, 422),
)
async def create_evaluation(session: Session, principal: MetricsWrite) -> Response:
    """Evaluate every **active** partner against the tiers' criteria now, over the rolling
    window of the program's `tier_window_months` (default 12) ending today, and record the
    result (vendor roles).

    A partner qualifies for the highest-rank tier whose every criterion it meets (`>=`):
    won revenue in the base currency, won deals, certified users; a null criterion is no
    requirement. What happens depends on the program's `tier_evaluation_mode`:

    - `manual`: each needed change is `proposed`; accept or reject it with
      `POST …/changes/{change_id}/accept` / `reject`. A run supersedes (cancels) the
      proposals of earlier runs, so the latest evaluation is the complete to-do list.
    - `automatic`: upgrades apply at once (`partner.tier_changed`); a downgrade is
      `pending_grace`: the partner is warned (`partner.tier_downgrade_pending`) and it
      applies after `tier_downgrade_grace_days`, unless a later evaluation finds the
      partner qualifying again (then it is `cancelled`, `partner.tier_downgrade_cancelled`).

    The scheduler runs one evaluation a day by itself. `tier_evaluation.completed` is
    emitted when a run finishes. 409 `exchange_rate_missing` when a tier's revenue minimum
    is in another currency with no rate for today (nothing is recorded). Runs are
    serialized: a second request waits for the first.
    """
    evaluation = await service.run(session, principal, trigger="request")
    assert evaluation is not None  # waited for the lock
    response = render(EVALUATION, evaluation, etag=evaluation.version, status_code=201)
    response.headers["Location"] = f"/v1/tier-evaluations/{evaluation.id}"
    return response


@router.get(
    "/tier-evaluations",
    operation_id="tier_evaluations_list",
    tags=["tier-evaluations"],
    summary="List tier evaluations",
    response_model=TierEvaluationList,
    responses=errors(400, 401, 403, 422),
)
async def list_evaluations(
    request: Request,
    session: Session,
    principal: MetricsRead,
    page: PageQuery,
    sort: Annotated[str | None, sort_query(service.EVALUATION_SORTS)] = None,
) -> Response:
    """Tier evaluation runs, newest first (vendor roles; partner tokens get 403)."""
    result = await service.list_evaluations(session, principal, sort, page)
    return page_body(request, result, EVALUATION)


@router.post(
    "/tier-evaluations/preview",
    operation_id="tier_evaluations_preview",
    tags=["tier-evaluations"],
    summary="Preview a tier evaluation",
    response_model=TierEvaluationPreview,
    responses=errors(400, 401, 403, 409, 422),
)
async def preview_evaluation(session: Session, principal: MetricsRead) -> TierEvaluationPreview:
    """The dry run: what a run would record now — every change with the criteria values
    that decide it, and the open changes of earlier runs it would cancel — without storing
    or emitting anything (vendor roles). It is the same computation as a run, so a run
    right after does exactly this (as long as no figure changes in between)."""
    return await service.preview(session, principal)


@router.get(
    "/tier-evaluations/{evaluation_id:uuid}",
    operation_id="tier_evaluations_get",
    tags=["tier-evaluations"],
    summary="Get a tier evaluation",
    response_model=TierEvaluation,
    responses=errors(401, 403, 404),
)
async def get_evaluation(
    evaluation_id: uuid.UUID, session: Session, principal: MetricsRead
) -> Response:
    """One evaluation run with its counts; its changes are at
    `GET /v1/tier-evaluations/{evaluation_id}/changes`."""
    row = await service.get_evaluation_row(session, principal, evaluation_id)
    return render(EVALUATION, row, etag=row.version)


@router.get(
    "/tier-evaluations/{evaluation_id:uuid}/changes",
    operation_id="tier_evaluation_changes_list",
    tags=["tier-evaluations"],
    summary="List an evaluation's tier changes",
    response_model=TierEvaluationChangeList,
    responses=errors(400, 401, 403, 404, 422),
)
async def list_changes(
    request: Request,
    evaluation_id: uuid.UUID,
    session: Session,
    principal: MetricsRead,
    page: PageQuery,
    status: Annotated[
        ChangeStatus | None, Query(description="Only changes in this status.")
    ] = None,
    direction: Annotated[ChangeDirection | None, Query()] = None,
) -> Response:
    """The changes an evaluation recorded, in the order it recorded them, each with the
    criteria values that decided it (`criteria`: the partner's figures, its tier checked and
    the tier it qualifies for, criterion by criterion)."""
    result = await service.list_changes(
        session,
        principal,
        evaluation_id,
        page,
        status=status.value if status else None,
        direction=direction.value if direction else None,
    )
    return page_body(request, result, CHANGE)


@router.get(
    _CHANGE_PATH,
    operation_id="tier_evaluation_changes_get",
    tags=["tier-evaluations"],
    summary="Get a tier change",
    response_model=TierEvaluationChange,
    responses=errors(401, 403, 404),
)
async def get_change(
    evaluation_id: uuid.UUID, change_id: uuid.UUID, session: Session, principal: MetricsRead
) -> Response:
    """One change of an evaluation."""
    row = await service.get_change_row(session, principal, evaluation_id, change_id)
    return render(CHANGE, row, etag=row.version)


@router.post(
    _CHANGE_PATH + "/accept",
    operation_id="tier_evaluation_changes_accept",
    tags=["tier-evaluations"],
    summary="Accept a tier change",
    response_model=TierEvaluationChange,
    responses=errors(400, 401, 403, 404, 409, 412, 422),
)
async def accept_change(
    evaluation_id: uuid.UUID,
    change_id: uuid.UUID,
    session: Session,
    principal: MetricsWrite,
    if_match: IfMatch,
    body: ChangeDecision | None = None,
) -> Response:
    """Apply a `proposed` change (or a downgrade in its grace period) now: the partner
    moves (`partner.tier_changed`, carrying the evaluation and the criteria values in
    `tier_change`) and the change becomes `accepted`. A decided change cannot be decided
    again: 409 `invalid_transition`. 409 `tier_change_stale` when the partner's tier moved
    since the evaluation or the target tier was deleted (reject it then)."""
    change, name = await decisions.accept(
        session,
        principal,
        evaluation_id,
        change_id,
        reason=body.reason if body else None,
        if_match=if_match,
    )
    return render(CHANGE, decisions.Named(change, name), etag=change.version)


@router.post(
    _CHANGE_PATH + "/reject",
    operation_id="tier_evaluation_changes_reject",
    tags=["tier-evaluations"],
    summary="Reject a tier change",
    response_model=TierEvaluationChange,
    responses=errors(400, 401, 403, 404, 409, 412, 422),
)
async def reject_change(
    evaluation_id: uuid.UUID,
    change_id: uuid.UUID,
    session: Session,
    principal: MetricsWrite,
    if_match: IfMatch,
    body: ChangeDecision | None = None,
) -> Response:
    """Drop a `proposed` change (or a downgrade in its grace period): the partner keeps its
    tier and the change becomes `rejected`. A decided change cannot be decided again: 409
    `invalid_transition`."""
    change, name = await decisions.reject(
        session,
        principal,
        evaluation_id,
        change_id,
        reason=body.reason if body else None,
        if_match=if_match,
    )
    return render(CHANGE, decisions.Named(change, name), etag=change.version)


@router.get(
    "/partners/{partner_id}/scorecard",
    operation_id="partners_scorecard_get",
    tags=["metrics"],
    summary="Get a partner's scorecard",
    response_model=Scorecard,
    responses=errors(401, 403, 404, 422),
)
async def get_scorecard(
    partner_id: uuid.UUID,
    session: Session,
    principal: MetricsRead,
    period: Annotated[
        str,
        Query(
            pattern=DATE_RANGE_PATTERN,
            description="`30d`, `90d`, `12mo` (the calendar months ending with this one), "
            "`2026-Q3`, `2026-07` or `2026`, as in `POST /v1/metrics/query`.",
        ),
    ] = DEFAULT_PERIOD,
) -> Response:
    """One partner's page: its KPIs for `period` and the period just before (same length),
    its tier and the next one with **progress criterion by criterion** (required, actual,
    missing, met, and a sentence such as "2 more certified users, 40,000.00 USD more won
    revenue"), the certifications its users hold and those expiring within 60 days, its
    onboarding and its health score.

    Tier progress is measured over the tier window (the last `tier_window_months` months
    ending today), exactly as a tier evaluation measures it. Money is in the program's base
    currency; amounts without an exchange rate are listed per currency, never summed.
    Vendor roles see any partner; a partner token its own (another partner's is a 404).
    """
    card = await scorecard(session, principal, partner_id, period)
    # Built and validated once here: returned as bytes, FastAPI does not validate it again.
    return Response(card.model_dump_json(by_alias=True), media_type="application/json")
