"""Enrollments: enrolling and assigning, reading, and recording a module done.

Who may do what (DESIGN §4): a partner user enrolls itself in a course it sees; a partner
admin assigns its own partner's users (or enrolls itself); vendor staff assign any partner
user. A partner user reads its own enrollments, a partner admin its partner's, vendor staff
all; anything else is a 404. Progress is recorded by the enrolled user alone: others who can
see the enrollment get 403 ``not_enrollee``.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.errors import Conflict, Forbidden, NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit.pagination import PageParams, PageResult, paginate
from prm_api.models import AssetDownload, Course, CourseModule, Enrollment, User
from prm_api.models.training import ACTIVE_ENROLLMENT
from prm_api.trainings import progress, repository
from prm_api.trainings.enrollment_schemas import EnrollmentFilters
from prm_api.trainings.events import ENROLLMENT

PARTNER_ROLES = ("partner_admin", "partner_user")


def _refuse(field: str, code: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, errors=[field_error(field, code, message)])


def _self_id(principal: Principal) -> uuid.UUID | None:
    if principal.subject_type != "user":
        return None
    try:
        return uuid.UUID(principal.subject_id)
    except ValueError:
        return None


async def _enrollee(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID | None, due: bool
) -> tuple[User, str]:
    """The user to enroll and the enrollment's source, by who asks."""
    me = _self_id(principal)
    if user_id is None or user_id == me:
        if principal.is_vendor or me is None:
            raise _refuse(
                "user_id", "mismatch", "Vendor staff name the partner user to assign it to."
            )
        if due:
            raise _refuse("due_at", "mismatch", "A due date comes with an assignment only.")
        user = await session.get(User, me)
        if user is None or user.partner_id is None:
            raise NotFound("No such user.")
        return user, "self"
    if principal.is_partner and principal.role != "partner_admin":
        raise Forbidden("Only partner admins and vendor staff assign courses.", code="not_allowed")
    user = await session.get(User, user_id)
    if (
        user is None
        or user.partner_id is None
        or user.role not in PARTNER_ROLES
        or (principal.is_partner and user.partner_id != principal.partner_id)
    ):
        raise _refuse("user_id", "not_found", "No such partner user.")
    if not user.active:
        raise Conflict("The user is deactivated.", code="user_inactive")
    return user, "assigned"


async def create_enrollment(
    session: AsyncSession, principal: Principal, data: dict[str, Any]
) -> Enrollment:
    user, source = await _enrollee(
        session, principal, data.get("user_id"), data.get("due_at") is not None
    )
    # The course as the *enrolled user's partner* sees it: published and in its audience.
    course = await repository.visible_course(session, principal, data["course_id"])
    if course is not None and course.status == "published" and principal.is_vendor:
        visible = await session.scalar(
            select(Course.id).where(
                Course.id == course.id,
                repository.course_visible(_as_partner(principal, user.partner_id)),
            )
        )
        course = course if visible is not None else None
    if course is None or course.status != "published":
        raise _refuse("course_id", "not_found", "No such published course.")
    enrollment = Enrollment(
        course_id=course.id,
        user_id=user.id,
        partner_id=user.partner_id,
        status="enrolled",
        source=source,
        assigned_by=principal.subject_id if source == "assigned" else None,
        due_at=data.get("due_at"),
        course_version=course.content_version,
    )
    try:
        async with session.begin_nested():
            session.add(enrollment)
            await session.flush()
    except IntegrityError:
        raise Conflict(
            "The user is already enrolled in this course (an active enrollment exists).",
            code="already_enrolled",
        ) from None
    await record_change(
        session,
        principal.actor,
        ENROLLMENT["created"],
        await progress.enrollment_out(session, enrollment),
        resource_id=enrollment.id,
        partner_id=enrollment.partner_id,
        changes={"status": {"before": None, "after": "enrolled"}},
    )
    return enrollment


def _as_partner(principal: Principal, partner_id: Any) -> Principal:
    """A partner user's view of ``partner_id`` (to ask what an assignee's partner sees)."""
    return replace(principal, role="partner_user", partner_id=partner_id)


async def get_enrollment(
    session: AsyncSession,
    principal: Principal,
    enrollment_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> Enrollment:
    enrollment = await repository.visible_enrollment(
        session, principal, enrollment_id, for_update=for_update
    )
    if enrollment is None:
        raise NotFound(f"No enrollment {enrollment_id}.")
    return enrollment


async def list_enrollments(
    session: AsyncSession,
    principal: Principal,
    filters: EnrollmentFilters,
    *,
    sort: str | None,
    page: PageParams,
) -> tuple[PageResult[Any], dict[str, Any]]:
    stmt = repository.enrollment_list_query(principal, filters)
    result = await paginate(session, stmt, repository.ENROLLMENT_SORTS, sort, page)
    return result, await progress.progress_context(session, result.items)


async def for_progress(
    session: AsyncSession, principal: Principal, enrollment_id: uuid.UUID, module_id: uuid.UUID
) -> tuple[Enrollment, CourseModule, Course]:
    """The enrollment (locked) and module a progress action is about: 404 when the caller
    cannot see them, 403 ``not_enrollee`` for anyone but the enrolled user, 409 when the
    enrollment is over (an archived course may still be finished by those enrolled)."""
    enrollment = await get_enrollment(session, principal, enrollment_id, for_update=True)
    module = await session.get(CourseModule, module_id)
    if module is None or module.course_id != enrollment.course_id:
        raise NotFound(f"No module {module_id} in this enrollment's course.")
    if _self_id(principal) != enrollment.user_id:
        raise Forbidden("Only the enrolled user records their progress.", code="not_enrollee")
    if enrollment.status not in ACTIVE_ENROLLMENT:
        raise Conflict(
            f"The enrollment is {enrollment.status}: nothing more can be recorded.",
            code="enrollment_closed",
        )
    course = await session.get(Course, enrollment.course_id)
    assert course is not None
    return enrollment, module, course


async def complete_module(
    session: AsyncSession,
    principal: Principal,
    enrollment_id: uuid.UUID,
    module_id: uuid.UUID,
    data: dict[str, Any],
) -> Enrollment:
    """Mark a link, acknowledgement or content module done (quizzes are graded instead)."""
    enrollment, module, _ = await for_progress(session, principal, enrollment_id, module_id)
    accepted = data.get("accepted")
    if module.kind != "acknowledgement" and accepted is not None:
        raise _refuse("accepted", "mismatch", "Only acknowledgements are accepted.")
    if module.kind == "quiz":
        raise Conflict(
            "A quiz is completed by passing it: start an attempt "
            f"(POST /v1/enrollments/{enrollment.id}/modules/{module.id}/quiz-attempts).",
            code="quiz_needs_attempt",
        )
    version = None
    if module.kind == "acknowledgement":
        if accepted is not True:
            raise _refuse("accepted", "required", 'Accept the text: {"accepted": true}.')
        version = module.text_version
    if module.kind == "content":
        downloaded = await session.scalar(
            select(AssetDownload.id)
            .where(
                AssetDownload.asset_id == module.asset_id,
                AssetDownload.actor_type == "user",
                AssetDownload.actor_id == principal.subject_id,
            )
            .limit(1)
        )
        if module.asset_id is None or downloaded is None:
            raise Conflict(
                "Download the module's asset first: a content module is done once its "
                f"file was downloaded through the API (GET /v1/assets/{module.asset_id}/content).",
                code="content_not_opened",
            )
    await progress.mark(session, principal.actor, enrollment, module, accepted_text_version=version)
    return enrollment
