"""`/v1/enrollments`: enrollments, module completion and quiz attempts."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response

from prm_api.auth.policy import TrainingsEnroll, TrainingsRead
from prm_api.db import Session
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery
from prm_api.kit.render import page_body, render
from prm_api.trainings import enrollments, progress, quizzes, repository
from prm_api.trainings.enrollment_schemas import (
    ENROLLMENT,
    Enrollment,
    EnrollmentCreate,
    EnrollmentFilters,
    EnrollmentList,
    EnrollmentStatus,
    ModuleCompletion,
)
from prm_api.trainings.quiz_schemas import QUIZ_ATTEMPT, QuizAnswers, QuizAttempt

router = APIRouter(prefix="/v1/enrollments", tags=["enrollments"])


async def _enrollment(session: Session, enrollment: Any, status: int = 200) -> Response:
    context = await progress.progress_context(session, [enrollment])
    return render(
        ENROLLMENT, enrollment, etag=enrollment.version, status_code=status, context=context
    )


def _attempt(attempt: Any, context: dict[str, Any], status: int = 200) -> Response:
    return render(QUIZ_ATTEMPT, attempt, status_code=status, context=context)


@router.get(
    "",
    operation_id="enrollments_list",
    summary="List enrollments",
    response_model=EnrollmentList,
    responses=errors(400, 401, 403, 422),
)
async def list_enrollments(
    request: Request,
    session: Session,
    principal: TrainingsRead,
    page: PageQuery,
    course_id: Annotated[uuid.UUID | None, Query()] = None,
    user_id: Annotated[uuid.UUID | None, Query()] = None,
    partner_id: Annotated[uuid.UUID | None, Query()] = None,
    status: Annotated[
        list[EnrollmentStatus] | None, Query(description="Repeat for several.")
    ] = None,
    sort: Annotated[str | None, sort_query(repository.ENROLLMENT_SORTS)] = None,
) -> Response:
    """Enrollments with their progress, newest first: a partner user's own, a partner admin's
    partner's, every one for vendor staff."""
    filters = EnrollmentFilters(
        course_id=course_id,
        user_id=user_id,
        partner_id=partner_id,
        status=[s.value for s in status] if status else None,
    )
    result, context = await enrollments.list_enrollments(
        session, principal, filters, sort=sort, page=page
    )
    return page_body(request, result, ENROLLMENT, context)


@router.post(
    "",
    operation_id="enrollments_create",
    summary="Enroll in or assign a course",
    status_code=201,
    response_model=Enrollment,
    responses=errors(400, 401, 403, 404, 409, 422),
)
async def create_enrollment(
    body: EnrollmentCreate, session: Session, principal: TrainingsEnroll
) -> Response:
    """`{course_id}`: a partner user enrolls itself in a published course it sees.
    `{course_id, user_id, due_at}`: a partner admin assigns it to one of its partner's users,
    vendor staff to any partner user. A second active enrollment of the same user in the same
    course is a 409 `already_enrolled`; a course the user's partner does not see is a 422
    `not_found`."""
    enrollment = await enrollments.create_enrollment(session, principal, body.model_dump())
    response = await _enrollment(session, enrollment, 201)
    response.headers["Location"] = f"/v1/enrollments/{enrollment.id}"
    return response


@router.get(
    "/{enrollment_id}",
    operation_id="enrollments_get",
    summary="Get an enrollment",
    response_model=Enrollment,
    responses=errors(401, 403, 404),
)
async def get_enrollment(
    enrollment_id: uuid.UUID, session: Session, principal: TrainingsRead
) -> Response:
    """One enrollment with each module's progress."""
    enrollment = await enrollments.get_enrollment(session, principal, enrollment_id)
    return await _enrollment(session, enrollment)


_PROGRESS_ERRORS = errors(400, 401, 403, 404, 409, 422)


@router.post(
    "/{enrollment_id}/modules/{module_id}/complete",
    operation_id="enrollments_modules_complete",
    summary="Complete a module",
    response_model=Enrollment,
    responses=_PROGRESS_ERRORS,
)
async def complete_module(
    enrollment_id: uuid.UUID,
    module_id: uuid.UUID,
    session: Session,
    principal: TrainingsEnroll,
    body: Annotated[ModuleCompletion | None, Body()] = None,
) -> Response:
    """The enrolled user marks a module done: a `link` by saying so, an `acknowledgement` with
    `{"accepted": true}` (the text's version, who and when are recorded), a `content` module
    once its asset was downloaded through the API (else 409 `content_not_opened`; a download
    completes it by itself). A quiz is done by passing it (409 `quiz_needs_attempt`). Others
    who can see the enrollment get 403 `not_enrollee`."""
    data = body.model_dump(exclude_unset=True) if body else {}
    enrollment = await enrollments.complete_module(
        session, principal, enrollment_id, module_id, data
    )
    return await _enrollment(session, enrollment)


@router.post(
    "/{enrollment_id}/modules/{module_id}/quiz-attempts",
    operation_id="enrollments_quiz_attempts_create",
    summary="Start a quiz attempt",
    status_code=201,
    response_model=QuizAttempt,
    responses=_PROGRESS_ERRORS,
)
async def start_attempt(
    enrollment_id: uuid.UUID, module_id: uuid.UUID, session: Session, principal: TrainingsEnroll
) -> Response:
    """Start an attempt: the questions (without answers) and the deadline. Refused with 409
    `attempts_exhausted` when none is left, `quiz_cooldown` (with `next_attempt_at` and
    `Retry-After`) before the cool-down has passed, `attempt_in_progress` while one is open."""
    try:
        attempt, context = await quizzes.start_attempt(session, principal, enrollment_id, module_id)
    except quizzes.GradedThenRefused as refused:
        # An expired attempt was graded (as submitted at its deadline) before the new one was
        # refused: the grading stands, as a failed sign-in's counter does in /oauth/token.
        await session.commit()
        raise refused.refusal from None
    response = _attempt(attempt, context, 201)
    response.headers["Location"] = (
        f"/v1/enrollments/{enrollment_id}/modules/{module_id}/quiz-attempts/{attempt.id}"
    )
    return response


@router.get(
    "/{enrollment_id}/modules/{module_id}/quiz-attempts/{attempt_id}",
    operation_id="enrollments_quiz_attempts_get",
    summary="Get a quiz attempt",
    response_model=QuizAttempt,
    responses=errors(401, 403, 404),
)
async def get_attempt(
    enrollment_id: uuid.UUID,
    module_id: uuid.UUID,
    attempt_id: uuid.UUID,
    session: Session,
    principal: TrainingsRead,
) -> Response:
    """One attempt: answers, score, and per-question results if the course allows review."""
    attempt, context = await quizzes.get_attempt(
        session, principal, enrollment_id, module_id, attempt_id
    )
    return _attempt(attempt, context)


@router.put(
    "/{enrollment_id}/modules/{module_id}/quiz-attempts/{attempt_id}/answers",
    operation_id="enrollments_quiz_attempts_answers_update",
    summary="Save a quiz attempt's answers",
    response_model=QuizAttempt,
    responses=_PROGRESS_ERRORS,
)
async def save_answers(
    enrollment_id: uuid.UUID,
    module_id: uuid.UUID,
    attempt_id: uuid.UUID,
    body: QuizAnswers,
    session: Session,
    principal: TrainingsEnroll,
) -> Response:
    """Save the answers so far (replacing the saved ones) until the deadline (then 409
    `attempt_time_up`: nothing is saved)."""
    attempt, context = await quizzes.save_answers(
        session, principal, enrollment_id, module_id, attempt_id, body.answers
    )
    return _attempt(attempt, context)


@router.post(
    "/{enrollment_id}/modules/{module_id}/quiz-attempts/{attempt_id}/submit",
    operation_id="enrollments_quiz_attempts_submit",
    summary="Submit a quiz attempt",
    response_model=QuizAttempt,
    responses=_PROGRESS_ERRORS,
)
async def submit_attempt(
    enrollment_id: uuid.UUID,
    module_id: uuid.UUID,
    attempt_id: uuid.UUID,
    session: Session,
    principal: TrainingsEnroll,
) -> Response:
    """Submit and grade on the server: `score` (percent of the points) and `passed`; per
    question right/wrong only if the course allows review — never the right options. An
    attempt past its deadline is graded as it stood at the deadline."""
    attempt, context = await quizzes.submit_attempt(
        session, principal, enrollment_id, module_id, attempt_id
    )
    return _attempt(attempt, context)
