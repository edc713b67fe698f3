"""The onboarding plan's queries: steps in order, a partner's completions, the checks' counts."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from prm_api.kit.pagination import SortKeys
from prm_api.models import (
    Course,
    CourseModule,
    Deal,
    Enrollment,
    Invitation,
    ModuleProgress,
    OnboardingStep,
    Partner,
    PartnerOnboardingStep,
)

#: Steps are listed in plan order only: the order partners work through them.
STEP_SORTS = SortKeys({"position": OnboardingStep.position}, "position", OnboardingStep.id)


def steps_query() -> Select[Any]:
    return select(*OnboardingStep.__table__.columns)


async def get_step(
    session: AsyncSession, step_id: uuid.UUID, *, for_update: bool = False
) -> OnboardingStep | None:
    # FOR NO KEY UPDATE, not FOR UPDATE: a partner's change completing this step (holding its
    # partner row) takes a key-share lock on the step for the completion's foreign key. A FOR
    # UPDATE here would make it wait on the vendor's edit, which waits on that partner row to
    # re-check it (:func:`lock_partners_onboarding`): a deadlock. Two edits of the step still
    # queue up.
    lock = {"key_share": True} if for_update else None
    return await session.get(OnboardingStep, step_id, with_for_update=lock)


async def last_position(session: AsyncSession) -> int | None:
    return await session.scalar(select(func.max(OnboardingStep.position)))


async def module_kind(session: AsyncSession, module_id: uuid.UUID) -> str | None:
    return await session.scalar(select(CourseModule.kind).where(CourseModule.id == module_id))


async def course_exists(session: AsyncSession, course_id: uuid.UUID) -> bool:
    return await session.scalar(select(Course.id).where(Course.id == course_id)) is not None


async def checklist_rows(session: AsyncSession, partner_id: uuid.UUID) -> Sequence[Any]:
    """Every step of the plan in order, with the partner's completion (null when pending)."""
    stmt = (
        select(
            OnboardingStep.id,
            OnboardingStep.position,
            OnboardingStep.kind,
            OnboardingStep.title,
            OnboardingStep.required,
            PartnerOnboardingStep.completed_at,
            PartnerOnboardingStep.completed_by,
        )
        .outerjoin(
            PartnerOnboardingStep,
            (PartnerOnboardingStep.step_id == OnboardingStep.id)
            & (PartnerOnboardingStep.partner_id == partner_id),
        )
        .order_by(OnboardingStep.position, OnboardingStep.id)
    )
    return (await session.execute(stmt)).all()


async def pending_steps(
    session: AsyncSession, partner_id: uuid.UUID, kinds: Iterable[str]
) -> Sequence[OnboardingStep]:
    """The plan's steps of these kinds the partner has not completed yet."""
    done = select(PartnerOnboardingStep.step_id).where(
        PartnerOnboardingStep.partner_id == partner_id
    )
    stmt = (
        select(OnboardingStep)
        .where(OnboardingStep.kind.in_(list(kinds)), OnboardingStep.id.not_in(done))
        .order_by(OnboardingStep.position, OnboardingStep.id)
    )
    return (await session.scalars(stmt)).all()


async def insert_completions(
    session: AsyncSession,
    partner_id: uuid.UUID,
    step_ids: Sequence[uuid.UUID],
    completed_by: str | None,
) -> set[uuid.UUID]:
    """Record the steps as done; returns those that were not done before (a step done twice
    keeps its first completion)."""
    if not step_ids:
        return set()
    stmt = (
        insert(PartnerOnboardingStep)
        .values(
            [
                {"partner_id": partner_id, "step_id": s, "completed_by": completed_by}
                for s in step_ids
            ]
        )
        .on_conflict_do_nothing()
        .returning(PartnerOnboardingStep.step_id)
    )
    return set((await session.scalars(stmt)).all())


# --- what the step checks count ----------------------------------------------------------------


async def agreement_accepted(
    session: AsyncSession, partner_id: uuid.UUID, module_id: uuid.UUID
) -> bool:
    stmt = select(ModuleProgress.module_id).where(
        ModuleProgress.partner_id == partner_id,
        ModuleProgress.module_id == module_id,
        ModuleProgress.status == "completed",
    )
    return await session.scalar(stmt.limit(1)) is not None


async def users_completed(
    session: AsyncSession, partner_id: uuid.UUID, course_id: uuid.UUID
) -> int:
    stmt = select(func.count(func.distinct(Enrollment.user_id))).where(
        Enrollment.partner_id == partner_id,
        Enrollment.course_id == course_id,
        Enrollment.status == "completed",
    )
    return int(await session.scalar(stmt) or 0)


async def invitations_accepted(session: AsyncSession, partner_id: uuid.UUID) -> int:
    stmt = select(func.count()).where(
        Invitation.partner_id == partner_id, Invitation.accepted_at.is_not(None)
    )
    return int(await session.scalar(stmt) or 0)


async def has_deal(session: AsyncSession, partner_id: uuid.UUID) -> bool:
    stmt = select(Deal.id).where(Deal.partner_id == partner_id).limit(1)
    return await session.scalar(stmt) is not None


async def lock_partners_onboarding(session: AsyncSession) -> Sequence[Partner]:
    """The partners in onboarding, their rows locked in id order: a partner's own change locks
    its row before completing a step (:func:`prm_api.onboarding.rules.recheck`), so a plan
    change and a step completing at the same time queue up instead of missing each other."""
    stmt = (
        select(Partner).where(Partner.status == "onboarding").order_by(Partner.id).with_for_update()
    )
    return (await session.scalars(stmt)).all()


async def partners_onboarding_completed(session: AsyncSession) -> set[uuid.UUID]:
    """The partners in onboarding whose checklist reads completed: every required step of the
    plan done (so a plan without a required step completes nobody, as in ``rules.checklist``)."""
    required = aliased(OnboardingStep)
    required_count = (
        select(func.count()).select_from(required).where(required.required).scalar_subquery()
    )
    stmt = (
        select(PartnerOnboardingStep.partner_id)
        .join(
            OnboardingStep,
            (OnboardingStep.id == PartnerOnboardingStep.step_id) & OnboardingStep.required,
        )
        .join(
            Partner,
            (Partner.id == PartnerOnboardingStep.partner_id) & (Partner.status == "onboarding"),
        )
        .group_by(PartnerOnboardingStep.partner_id)
        # A completion is unique per (partner, step): as many as the plan requires is all.
        .having(func.count() == required_count)
    )
    return set((await session.scalars(stmt)).all())


async def partners_with_step(session: AsyncSession, step_id: uuid.UUID) -> set[uuid.UUID]:
    """The partners that have completed the step."""
    stmt = select(PartnerOnboardingStep.partner_id).where(PartnerOnboardingStep.step_id == step_id)
    return set((await session.scalars(stmt)).all())
