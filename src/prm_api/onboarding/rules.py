"""The onboarding step checks, run in the transaction of the change that may satisfy a step.

Other domains call :func:`recheck` right after such a change (a profile edit, an invitation
accepted, a deal registered, an acknowledgement accepted, a course completed), so this module
imports only ``models``, ``kit``, ``events``, ``auth`` and its own package: any domain may
import it without an import circle. A step's completion is a row written in that same
transaction, so it rolls back with the change that satisfied it.

When the last required step completes, ``partner.onboarding_completed`` is emitted and, if
the program setting ``onboarding_auto_activate`` is on, the partner is activated through the
partners lifecycle's own ``transition``. The lifecycle imports the partners service, which
calls this module, so it cannot be imported here: :mod:`prm_api.onboarding.service` hands it
in with :func:`use_activator` when it is loaded (the application always loads it).

A vendor's change of the plan itself (a step added, edited or removed) re-checks the partners
in onboarding in the vendor's transaction (:func:`before_plan_change`, :func:`after_plan_change`):
a partner whose required steps are then all done, and were not before, ends onboarding the same
way; one already done stays done without a second announcement.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Actor
from prm_api.events.recording import record_change
from prm_api.models import OnboardingStep, Partner, ProgramSettings
from prm_api.onboarding import repository
from prm_api.onboarding.events import ONBOARDING_COMPLETED, STEP_COMPLETED
from prm_api.onboarding.schemas import (
    ChecklistProgress,
    ChecklistStep,
    OnboardingChecklist,
    seconds_between,
)

#: Kinds the server checks (``custom`` is checked by a vendor).
CHECKED_KINDS = frozenset(
    {
        "profile_completed",
        "agreement_accepted",
        "course_completed",
        "users_invited",
        "first_deal_registered",
    }
)

Activator = Callable[[AsyncSession, Actor, uuid.UUID], Awaitable[None]]
_activator: Activator | None = None


def use_activator(activate: Activator | None) -> None:
    """Set how a partner whose required steps are all done is activated (the lifecycle's)."""
    global _activator
    _activator = activate


def _filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str | list | dict):
        return bool(value.strip() if isinstance(value, str) else value)
    return True


async def _satisfied(session: AsyncSession, partner: Partner, step: OnboardingStep) -> bool:
    if step.kind == "profile_completed":
        return all(_filled(getattr(partner, name, None)) for name in step.profile_fields)
    if step.kind == "agreement_accepted":
        return step.module_id is not None and await repository.agreement_accepted(
            session, partner.id, step.module_id
        )
    if step.kind == "course_completed":
        if step.course_id is None:
            return False
        done = await repository.users_completed(session, partner.id, step.course_id)
        return done >= (step.min_count or 1)
    if step.kind == "users_invited":
        return await repository.invitations_accepted(session, partner.id) >= (step.min_count or 1)
    if step.kind == "first_deal_registered":
        return await repository.has_deal(session, partner.id)
    return False  # custom: a vendor's call


async def recheck(
    session: AsyncSession, actor: Actor, partner_id: uuid.UUID | None, *, kinds: Iterable[str]
) -> None:
    """Complete the partner's pending steps of ``kinds`` that now hold.

    Cheap when the partner is not in ``onboarding`` or has no such step pending: the partner
    row (usually already in the session) and that check are the only reads. Otherwise the
    partner row is locked, so two concurrent changes completing the last two steps see each
    other and exactly one finishes onboarding, and the pending steps are read again under the
    lock: a change of the plan holds the partners' rows, so one that committed meanwhile (a
    step removed, a threshold raised) is seen, never a step as it was before it.
    """
    if partner_id is None:
        return
    partner = await session.get(Partner, partner_id)
    if partner is None or partner.status != "onboarding":
        return
    wanted = set(kinds) & CHECKED_KINDS
    if not wanted or not await repository.pending_steps(session, partner_id, wanted):
        return
    partner = await _lock(session, partner_id)
    if partner is None or partner.status != "onboarding":
        return
    steps = await repository.pending_steps(session, partner_id, wanted)
    done = [s for s in steps if await _satisfied(session, partner, s)]
    await complete(session, actor, partner, done)


async def _lock(session: AsyncSession, partner_id: uuid.UUID) -> Partner | None:
    return await session.scalar(select(Partner).where(Partner.id == partner_id).with_for_update())


@dataclass(frozen=True)
class OpenChecklists:
    """The partners in onboarding (their rows locked) before a change of the plan, and those
    of them whose checklist then read completed."""

    partners: Sequence[Partner]
    completed: frozenset[uuid.UUID]


async def before_plan_change(session: AsyncSession) -> OpenChecklists:
    """Lock the partners in onboarding and note whose checklists read completed, before the
    vendor adds, edits or removes a step of the plan; then :func:`after_plan_change`."""
    partners = await repository.lock_partners_onboarding(session)
    completed = await repository.partners_onboarding_completed(session)
    return OpenChecklists(partners, frozenset(completed))


async def after_plan_change(
    session: AsyncSession,
    actor: Actor,
    before: OpenChecklists,
    step: OnboardingStep | None = None,
) -> None:
    """Re-check the partners in onboarding after a step of the plan was added, edited or
    removed.

    The added or edited ``step`` completes for those who now meet it (a step they already
    meet, a lower ``min_count``, other ``profile_fields``). A partner whose required steps are
    now all done, and were not before the change (its last pending required step removed or
    made optional, or just completed), ends onboarding as when its last step completes, once:
    :func:`_finish`. A partner that was done before is not announced again, whether it meets
    an added required step (still done) or not (its checklist open again until it does, and
    then announced as any completion is).
    """
    if step is not None and step.kind in CHECKED_KINDS:
        done = await repository.partners_with_step(session, step.id)
        for partner in before.partners:
            if partner.id not in done and await _satisfied(session, partner, step):
                await _record(session, actor, partner, [step])
    completed = await repository.partners_onboarding_completed(session)
    for partner in before.partners:
        if partner.id in completed and partner.id not in before.completed:
            await _finish(session, actor, partner)


async def complete(
    session: AsyncSession, actor: Actor, partner: Partner, steps: Sequence[OnboardingStep]
) -> bool:
    """Record ``steps`` as done for ``partner`` (its row locked by the caller); finish the
    onboarding when the last required one is among them. Returns whether any was new."""
    new, shown = await _record(session, actor, partner, steps)
    if shown is None:
        return False
    # Only a required step's completion can finish onboarding, so an optional step checked
    # afterwards does not announce it twice.
    if shown.completed and any(s.required for s in steps if s.id in new):
        await _finish(session, actor, partner)
    return True


async def _record(
    session: AsyncSession, actor: Actor, partner: Partner, steps: Sequence[OnboardingStep]
) -> tuple[set[uuid.UUID], OnboardingChecklist | None]:
    """Write the completions of ``steps`` and their events: the steps that were not done
    before, and the checklist after (``None`` when none was new)."""
    new = await repository.insert_completions(
        session, partner.id, [s.id for s in steps], _who(actor)
    )
    if not new:
        return new, None
    shown = await checklist(session, partner)
    for step in steps:
        if step.id in new:
            await record_change(
                session,
                actor,
                STEP_COMPLETED,
                shown,
                resource_id=partner.id,
                partner_id=partner.id,
                changes={"step_id": str(step.id), "kind": step.kind, "title": step.title},
            )
    return new, shown


async def _finish(session: AsyncSession, actor: Actor, partner: Partner) -> None:
    settings = await session.get(ProgramSettings, 1)
    if settings is not None and settings.onboarding_auto_activate and _activator is not None:
        await _activator(session, actor, partner.id)
    await record_change(
        session,
        actor,
        ONBOARDING_COMPLETED,
        await checklist(session, partner),
        resource_id=partner.id,
        partner_id=partner.id,
        changes={"status": partner.status},
    )


def _who(actor: Actor) -> str:
    return f"{actor.type}:{actor.id}" if actor.id else actor.type


async def checklist(session: AsyncSession, partner: Partner) -> OnboardingChecklist:
    """The partner's checklist: every step of the plan in order, with its state."""
    rows = await repository.checklist_rows(session, partner.id)
    steps = [
        ChecklistStep(
            step_id=r.id,
            position=r.position,
            kind=r.kind,
            title=r.title,
            required=r.required,
            status="completed" if r.completed_at is not None else "pending",
            completed_at=r.completed_at,
            completed_by=r.completed_by,
        )
        for r in rows
    ]
    required = [s for s in steps if s.required]
    finished = sum(s.status == "completed" for s in required)
    return OnboardingChecklist(
        partner_id=partner.id,
        partner_status=partner.status,
        # An empty plan gates nothing, but nothing "completes" either: no event without steps.
        completed=bool(required) and finished == len(required),
        progress=ChecklistProgress(
            required_steps=len(required),
            completed_required_steps=finished,
            percent=100 if not required else finished * 100 // len(required),
        ),
        steps=steps,
        approved_at=partner.approved_at,
        activated_at=partner.activated_at,
        time_to_onboard_seconds=seconds_between(partner.approved_at, partner.activated_at),
    )
