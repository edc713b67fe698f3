"""Per-module progress and the enrollment's status machine.

``enrolled → in_progress`` (the first progress: a module done or a quiz started) ·
``→ completed`` when every required module of the course is done (``enrollment.completed``) ·
``→ failed`` when a required quiz is failed with no attempt left (``enrollment.failed``).
``→ expired`` when still ``enrolled`` or ``in_progress`` after its ``due_at``: not here but in
the ``expire-enrollments`` job (:mod:`prm_api.trainings.expiry`, ``enrollment.expired``).

Progress is recorded in the transaction of the change that makes it: a module marked done,
a quiz graded, or an asset downloaded (:func:`asset_opened`, called by the download's own
transaction in ``assets.files.record_download``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Actor
from prm_api.events.recording import record_change
from prm_api.kit.time import utcnow
from prm_api.models import CourseModule, Enrollment, ModuleProgress
from prm_api.models.training import ACTIVE_ENROLLMENT
from prm_api.onboarding import rules as onboarding
from prm_api.trainings import completion, repository
from prm_api.trainings.enrollment_schemas import ENROLLMENT
from prm_api.trainings.enrollment_schemas import Enrollment as EnrollmentOut
from prm_api.trainings.events import ENROLLMENT as ENROLLMENT_EVENT


def summarize(modules: Sequence[Any], progress: Iterable[Any]) -> dict[str, Any]:
    """``{"summary", "modules"}`` of one enrollment: each module of its course in order, with
    the enrollment's progress on it."""
    done = {str(p.module_id): p for p in progress}
    shown = []
    required = completed = 0
    for m in sorted(modules, key=lambda m: (m.position, str(m.id))):
        p = done.get(str(m.id))
        status = p.status if p is not None else "not_started"
        if m.required:
            required += 1
            completed += status == "completed"
        shown.append(
            {
                "module_id": m.id,
                "kind": m.kind,
                "required": m.required,
                "status": status,
                "completed_at": p.completed_at if p is not None else None,
                "score": p.score if p is not None else None,
                "accepted_text_version": p.accepted_text_version if p is not None else None,
            }
        )
    percent = 100 if required == 0 else completed * 100 // required
    return {
        "summary": {
            "required_modules": required,
            "completed_required_modules": completed,
            "percent": percent,
        },
        "modules": shown,
    }


async def progress_context(session: AsyncSession, enrollments: Sequence[Any]) -> dict[str, Any]:
    """The render context of :data:`ENROLLMENT` for these enrollments (rows or objects): two
    statements whatever their number (the courses' modules, the enrollments' progress)."""
    value = repository.value
    modules = await repository.modules_of(session, {value(e, "course_id") for e in enrollments})
    by_course: dict[str, list[Any]] = {}
    for m in modules:
        by_course.setdefault(str(m.course_id), []).append(m)
    rows = await repository.progress_of(session, [value(e, "id") for e in enrollments])
    by_enrollment: dict[str, list[Any]] = {}
    for p in rows:
        by_enrollment.setdefault(str(p.enrollment_id), []).append(p)
    return {
        "progress": {
            str(value(e, "id")): summarize(
                by_course.get(str(value(e, "course_id")), []),
                by_enrollment.get(str(value(e, "id")), []),
            )
            for e in enrollments
        }
    }


async def enrollment_out(session: AsyncSession, enrollment: Enrollment) -> EnrollmentOut:
    context = await progress_context(session, [enrollment])
    return cast(EnrollmentOut, ENROLLMENT.validated(enrollment, context))


async def start(enrollment: Enrollment) -> None:
    """The first progress moves an enrollment to ``in_progress``."""
    if enrollment.status == "enrolled":
        enrollment.status = "in_progress"
        enrollment.started_at = utcnow()


async def mark(
    session: AsyncSession,
    actor: Actor,
    enrollment: Enrollment,
    module: CourseModule,
    *,
    status: str = "completed",
    score: int | None = None,
    accepted_text_version: int | None = None,
) -> None:
    """Record the module's outcome in the enrollment, then settle the enrollment's status."""
    row = await session.get(ModuleProgress, (enrollment.id, module.id))
    if row is None:
        row = ModuleProgress(
            enrollment_id=enrollment.id,
            module_id=module.id,
            partner_id=enrollment.partner_id,
            user_id=enrollment.user_id,
        )
        session.add(row)
    elif row.status == "completed" and (
        status != "completed" or row.accepted_text_version == accepted_text_version
    ):
        return  # a module done stays done (a newer text accepted is recorded again)
    row.status = status
    row.completed_at = utcnow()
    row.score = score
    row.accepted_text_version = accepted_text_version
    await start(enrollment)
    enrollment.updated_at = utcnow()
    await session.flush()
    if accepted_text_version is not None:  # an acknowledgement accepted: an agreement step?
        await onboarding.recheck(
            session, actor, enrollment.partner_id, kinds=("agreement_accepted",)
        )
    await settle(session, actor, enrollment)


async def settle(session: AsyncSession, actor: Actor, enrollment: Enrollment) -> None:
    """``completed`` when every required module is done, ``failed`` when a required one
    failed for good; each with its event."""
    if enrollment.status not in ACTIVE_ENROLLMENT:
        return
    modules = await repository.modules_of(session, [enrollment.course_id])
    progress = {p.module_id: p for p in await repository.progress_of(session, [enrollment.id])}
    required = [m for m in modules if m.required]
    failed = [m for m in required if (p := progress.get(m.id)) is not None and p.status == "failed"]
    now = utcnow()
    if failed:
        enrollment.status, enrollment.failed_at, verb = "failed", now, "failed"
    elif all((p := progress.get(m.id)) is not None and p.status == "completed" for m in required):
        scores = [
            p.score
            for m in modules
            if m.kind == "quiz" and (p := progress.get(m.id)) is not None and p.score is not None
        ]
        enrollment.status, enrollment.completed_at, verb = "completed", now, "completed"
        enrollment.score = round(sum(scores) / len(scores)) if scores else None
    else:
        return
    after = enrollment.status
    await session.flush()
    shown = await enrollment_out(session, enrollment)
    await record_change(
        session,
        actor,
        ENROLLMENT_EVENT[verb],
        shown,
        resource_id=enrollment.id,
        partner_id=enrollment.partner_id,
        changes={"status": {"before": "in_progress", "after": after}},
    )
    if verb == "completed":
        await completion.enrollment_completed(session, actor, enrollment)


async def asset_opened(session: AsyncSession, actor: Actor, asset_id: uuid.UUID) -> int:
    """A partner user downloaded ``asset_id``: the ``content`` modules showing it are done in
    that user's active enrollments. Returns how many modules were marked."""
    if actor.type != "user" or actor.partner_id is None or actor.id is None:
        return 0
    try:
        user_id = uuid.UUID(actor.id)
    except ValueError:
        return 0
    stmt = (
        select(Enrollment, CourseModule)
        .join(CourseModule, CourseModule.course_id == Enrollment.course_id)
        .where(
            Enrollment.user_id == user_id,
            Enrollment.partner_id == actor.partner_id,
            Enrollment.status.in_(ACTIVE_ENROLLMENT),
            CourseModule.kind == "content",
            CourseModule.asset_id == asset_id,
        )
        .with_for_update(of=Enrollment)
    )
    marked = 0
    for enrollment, module in (await session.execute(stmt)).all():
        existing = await session.get(ModuleProgress, (enrollment.id, module.id))
        if existing is not None and existing.status == "completed":
            continue
        await mark(session, actor, enrollment, module)
        marked += 1
    return marked
