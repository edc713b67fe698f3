"""`/v1/onboarding/steps` (the program's onboarding plan) and partners' checklists."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from prm_api.auth.policy import PartnersRead, TrainingsRead, TrainingsWrite
from prm_api.db import Session
from prm_api.kit.etag import IfMatch, set_etag
from prm_api.kit.openapi import errors
from prm_api.kit.pagination import PageQuery
from prm_api.kit.render import page_body
from prm_api.onboarding import service
from prm_api.onboarding.schemas import (
    STEP,
    OnboardingChecklist,
    OnboardingStep,
    OnboardingStepCreate,
    OnboardingStepList,
    OnboardingStepUpdate,
)

router = APIRouter(prefix="/v1", tags=["onboarding"])


@router.get(
    "/onboarding/steps",
    operation_id="onboarding_steps_list",
    summary="List the onboarding plan's steps",
    response_model=OnboardingStepList,
    responses=errors(400, 401, 403, 422),
)
async def list_steps(
    request: Request, session: Session, principal: TrainingsRead, page: PageQuery
) -> Response:
    """The steps every partner in `onboarding` works through, in plan order."""
    result = await service.list_steps(session, principal, page)
    return page_body(request, result, STEP)


@router.post(
    "/onboarding/steps",
    operation_id="onboarding_steps_create",
    summary="Add an onboarding step",
    status_code=201,
    response_model=OnboardingStep,
    responses=errors(400, 401, 403, 422),
)
async def create_step(
    body: OnboardingStepCreate, response: Response, session: Session, principal: TrainingsWrite
) -> OnboardingStep:
    """Add a step to the plan (vendor roles). Each kind takes its own parameter:
    `profile_completed` the `profile_fields` that must be filled, `agreement_accepted` the
    acknowledgement `module_id`, `course_completed` the `course_id` and `min_count` users,
    `users_invited` `min_count` accepted invitations; `first_deal_registered` and `custom`
    none. Every kind but `custom` completes by itself, in the transaction of the change that
    satisfies it; a vendor checks `custom` steps. Partners in onboarding are re-checked at
    once: one that already meets the step has it done. A partner whose checklist was complete
    stays complete if it meets the new required step (no second
    `partner.onboarding_completed`); if not, its checklist is open again, and completing the
    new plan ends onboarding again as when its last step completes."""
    step = await service.create_step(session, principal, body.model_dump())
    set_etag(response, step.version)
    response.headers["Location"] = f"/v1/onboarding/steps/{step.id}"
    return service.step_out(step)


@router.get(
    "/onboarding/steps/{step_id}",
    operation_id="onboarding_steps_get",
    summary="Get an onboarding step",
    response_model=OnboardingStep,
    responses=errors(401, 403, 404),
)
async def get_step(
    step_id: uuid.UUID, response: Response, session: Session, _: TrainingsRead
) -> OnboardingStep:
    """One step of the plan."""
    step = await service.get_step(session, step_id)
    set_etag(response, step.version)
    return service.step_out(step)


@router.patch(
    "/onboarding/steps/{step_id}",
    operation_id="onboarding_steps_update",
    summary="Update an onboarding step",
    response_model=OnboardingStep,
    responses=errors(400, 401, 403, 404, 412, 422),
)
async def update_step(
    step_id: uuid.UUID,
    body: OnboardingStepUpdate,
    response: Response,
    session: Session,
    principal: TrainingsWrite,
    if_match: IfMatch,
) -> OnboardingStep:
    """Change a step's title, order, required flag or thresholds (vendor roles). Its kind
    and target (module, course) stay: add a new step instead. Completions already recorded
    stay. Partners in onboarding are re-checked at once: one that now meets the step has it
    done, and one whose required steps are then all done ends onboarding as when its last step
    completes (`partner.onboarding_completed`, and activation with
    `onboarding_auto_activate`)."""
    step = await service.update_step(
        session, principal, step_id, body.model_dump(exclude_unset=True), if_match=if_match
    )
    set_etag(response, step.version)
    return service.step_out(step)


@router.api_route(
    "/onboarding/steps/{step_id}",
    methods=["DELETE"],
    operation_id="onboarding_steps_delete",
    summary="Remove an onboarding step",
    status_code=204,
    responses=errors(401, 403, 404, 412),
)
async def delete_step(
    step_id: uuid.UUID, session: Session, principal: TrainingsWrite, if_match: IfMatch
) -> Response:
    """Remove a step from the plan (vendor roles); partners' completions of it go too. A
    partner in onboarding whose required steps are then all done ends onboarding as when its
    last step completes (`partner.onboarding_completed`, and activation with
    `onboarding_auto_activate`)."""
    await service.delete_step(session, principal, step_id, if_match=if_match)
    return Response(status_code=204)


@router.get(
    "/partners/{partner_id}/onboarding",
    operation_id="partners_onboarding_get",
    summary="Get a partner's onboarding checklist",
    response_model=OnboardingChecklist,
    responses=errors(401, 403, 404),
)
async def get_checklist(
    partner_id: uuid.UUID, session: Session, principal: PartnersRead
) -> OnboardingChecklist:
    """Each step of the plan with its state for this partner and when it completed, and the
    overall progress. A partner token reads its own partner's checklist only (another
    partner's is a 404). `time_to_onboard_seconds` (approval to activation) is set once the
    partner is active."""
    return await service.get_checklist(session, principal, partner_id)


@router.post(
    "/partners/{partner_id}/onboarding/steps/{step_id}/complete",
    operation_id="partners_onboarding_complete_step",
    summary="Check a custom onboarding step",
    response_model=OnboardingChecklist,
    responses=errors(401, 403, 404, 409),
)
async def complete_step(
    partner_id: uuid.UUID, step_id: uuid.UUID, session: Session, principal: TrainingsWrite
) -> OnboardingChecklist:
    """Mark a `custom` step done for a partner in `onboarding` (vendor roles); the answer is
    the checklist. Other kinds complete by themselves (409 `step_not_custom`). Completing the
    last required step ends onboarding as any other step does."""
    return await service.complete_custom_step(session, principal, partner_id, step_id)
