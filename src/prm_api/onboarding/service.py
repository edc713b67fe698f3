"""The onboarding plan (vendor staff) and partners' checklists.

The step checks themselves live in :mod:`prm_api.onboarding.rules`, which other domains call
in their own transactions; this module is the API's side: the plan's steps, reading a
checklist, and a vendor checking a ``custom`` step.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Actor, Principal
from prm_api.errors import Conflict, NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit.etag import check_if_match
from prm_api.kit.pagination import PageParams, PageResult, paginate
from prm_api.models import OnboardingStep
from prm_api.onboarding import repository, rules
from prm_api.onboarding.events import STEP
from prm_api.onboarding.schemas import OnboardingChecklist
from prm_api.onboarding.schemas import OnboardingStep as StepOut
from prm_api.partners import lifecycle
from prm_api.partners.repository import get_visible_partner

AUDITED = (
    "position",
    "kind",
    "title",
    "description",
    "required",
    "profile_fields",
    "module_id",
    "course_id",
    "min_count",
)
MANAGE = "manage the onboarding plan"
#: The fields of a step whose change may complete it or end a partner's onboarding.
CHECKED_FIELDS = frozenset({"required", "profile_fields", "min_count"})
#: The parameter each kind needs (the others must stay empty). A missing or extra one is the
#: 422 ``mismatch``: the fields must agree with the kind (which no schema states).
PARAMETERS = {
    "profile_completed": {"profile_fields"},
    "agreement_accepted": {"module_id"},
    "course_completed": {"course_id", "min_count"},
    "users_invited": {"min_count"},
    "first_deal_registered": set(),
    "custom": set(),
}


def step_out(step: OnboardingStep) -> StepOut:
    return StepOut.model_validate(step, from_attributes=True)


async def _activate(session: AsyncSession, actor: Actor, partner_id: uuid.UUID) -> None:
    """Activation when the program says so: the lifecycle's own transition (its checks, its
    stamps, its ``partner.activated`` event), done by the system on the actor's request."""
    system = Principal(
        subject_type="system",
        subject_id="onboarding",
        client_id="system",
        role="admin",
        scopes=frozenset(),
        request_id=actor.request_id,
        ip=actor.ip,
    )
    await lifecycle.transition(
        session,
        system,
        partner_id,
        "activate",
        reason="Every required onboarding step is complete.",
        if_match=None,
    )


rules.use_activator(_activate)


def _refuse(field: str, code: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, errors=[field_error(field, code, message)])


async def _check_parameters(session: AsyncSession, kind: str, values: dict[str, Any]) -> None:
    needed = PARAMETERS[kind]
    for name in ("profile_fields", "module_id", "course_id", "min_count"):
        if name not in needed and values.get(name):
            raise _refuse(name, "mismatch", f"A {kind} step takes no {name}.")
    if kind == "profile_completed" and not values.get("profile_fields"):
        raise _refuse("profile_fields", "mismatch", "Name the profile fields to fill.")
    if kind == "agreement_accepted":
        module_id = values.get("module_id")
        if module_id is None:
            raise _refuse("module_id", "mismatch", "Name the acknowledgement module to accept.")
        found = await repository.module_kind(session, module_id)
        if found is None:
            raise _refuse("module_id", "not_found", f"No course module {module_id}.")
        if found != "acknowledgement":
            raise _refuse("module_id", "mismatch", "The module is not an acknowledgement.")
    if kind == "course_completed":
        course_id = values.get("course_id")
        if course_id is None:
            raise _refuse("course_id", "mismatch", "Name the course to complete.")
        if not await repository.course_exists(session, course_id):
            raise _refuse("course_id", "not_found", f"No course {course_id}.")
    if kind in ("course_completed", "users_invited") and values.get("min_count") is None:
        values["min_count"] = 1


async def list_steps(
    session: AsyncSession, principal: Principal, page: PageParams
) -> PageResult[Any]:
    """The plan in order. Partners may read it (it is the same for every partner)."""
    return await paginate(session, repository.steps_query(), repository.STEP_SORTS, None, page)


async def get_step(
    session: AsyncSession, step_id: uuid.UUID, *, for_update: bool = False
) -> OnboardingStep:
    step = await repository.get_step(session, step_id, for_update=for_update)
    if step is None:
        raise NotFound(f"No onboarding step {step_id}.")
    return step


async def create_step(
    session: AsyncSession, principal: Principal, data: dict[str, Any]
) -> OnboardingStep:
    require_vendor(principal, MANAGE)
    values = {k: (str(v) if k == "kind" else v) for k, v in data.items()}
    values["profile_fields"] = sorted({str(f) for f in values.get("profile_fields") or []})
    await _check_parameters(session, values["kind"], values)
    if values.get("position") is None:
        values["position"] = (await repository.last_position(session) or 0) + 10
    # Whose checklists read completed under the plan without the step: a partner already
    # done is not announced again when it meets the new step too, and one that does not meet
    # it is simply open again (announced once it completes the new plan). Taken before the
    # audit record as in update and delete: the partner rows, then the audit chain's lock,
    # the order a partner's own change (a deal) takes them in, or the two deadlock.
    before = await rules.before_plan_change(session)
    step = OnboardingStep(**values)
    session.add(step)
    await session.flush()
    await record_change(
        session,
        principal.actor,
        STEP["created"],
        step_out(step),
        resource_id=step.id,
        changes=audit.diff({}, audit.snapshot(step, AUDITED)),
    )
    # Partners in onboarding that already meet the new step have it done at once.
    await rules.after_plan_change(session, principal.actor, before, step=step)
    return step


async def update_step(
    session: AsyncSession,
    principal: Principal,
    step_id: uuid.UUID,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> OnboardingStep:
    require_vendor(principal, MANAGE)
    step = await get_step(session, step_id, for_update=True)
    check_if_match(if_match, step.version)
    values = dict(data)
    for key, value in values.items():
        if value is None:
            raise _refuse(key, "null", "Cannot be null.")
    if "profile_fields" in values:
        values["profile_fields"] = sorted({str(f) for f in values["profile_fields"]})
    merged = {
        "profile_fields": step.profile_fields,
        "module_id": step.module_id,
        "course_id": step.course_id,
        "min_count": step.min_count,
        **values,
    }
    await _check_parameters(session, step.kind, merged)
    # Only these decide whether a step holds or gates the end of onboarding: a new title or
    # position locks and re-checks nobody.
    before = await rules.before_plan_change(session) if values.keys() & CHECKED_FIELDS else None
    shown_before = step_out(step)
    delta = audit.apply_and_diff(step, values, AUDITED)
    if delta:
        await session.flush()
        await record_change(
            session,
            principal.actor,
            STEP["updated"],
            step_out(step),
            resource_id=step.id,
            changes=delta,
            before=shown_before,
        )
    if before is not None and delta.keys() & CHECKED_FIELDS:
        await rules.after_plan_change(session, principal.actor, before, step=step)
    return step


async def delete_step(
    session: AsyncSession, principal: Principal, step_id: uuid.UUID, *, if_match: str | None
) -> None:
    """Remove a step from the plan; partners' completions of it go with it. A partner for
    whom it was the last pending required step ends onboarding."""
    require_vendor(principal, MANAGE)
    step = await get_step(session, step_id, for_update=True)
    check_if_match(if_match, step.version)
    before = await rules.before_plan_change(session)
    await record_change(
        session,
        principal.actor,
        STEP["deleted"],
        step_out(step),
        resource_id=step.id,
        changes=audit.diff(audit.snapshot(step, AUDITED), {}),
    )
    await session.delete(step)
    await session.flush()
    await rules.after_plan_change(session, principal.actor, before)


async def get_checklist(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID
) -> OnboardingChecklist:
    partner = await get_visible_partner(session, principal, partner_id)
    return await rules.checklist(session, partner)


async def complete_custom_step(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID, step_id: uuid.UUID
) -> OnboardingChecklist:
    """A vendor checks a ``custom`` step for a partner in onboarding (again: no change)."""
    partner = await get_visible_partner(session, principal, partner_id, for_update=True)
    require_vendor(principal, "check onboarding steps")
    step = await get_step(session, step_id)
    if step.kind != "custom":
        raise Conflict(
            f"A {step.kind} step completes by itself when the partner's data satisfies it; "
            "only custom steps are checked by hand.",
            code="step_not_custom",
        )
    if partner.status != "onboarding":
        raise Conflict(
            f"The partner is {partner.status}, not onboarding.", code="partner_not_onboarding"
        )
    await rules.complete(session, principal.actor, partner, [step])
    return await rules.checklist(session, partner)
