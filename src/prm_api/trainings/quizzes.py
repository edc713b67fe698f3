"""Quiz attempts, graded on the server.

Start (refused when the attempts are used up or the cool-down has not passed, saying when
the next one is allowed), save answers (until the deadline), submit (graded; an attempt
submitted after its deadline is graded as it stood at the deadline, so answers saved later
never count — they are refused anyway). A passed quiz completes its module; a failed one
with no attempt left fails the module (and a required module fails the enrollment).

An attempt whose time ran out unsubmitted is graded as submitted at its deadline: a
consequence of the clock, whoever notices it first — its user's submit, the next start
(whose refusal of the new attempt must not undo it: :class:`GradedThenRefused`), or the
``grade-expired-attempts`` job (:mod:`prm_api.trainings.quiz_expiry`).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Actor, Principal
from prm_api.errors import Conflict, NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit.time import utcnow
from prm_api.models import Course, CourseModule, Enrollment, QuizAttempt
from prm_api.trainings import progress, repository
from prm_api.trainings.enrollments import for_progress, get_enrollment
from prm_api.trainings.events import QUIZ_ATTEMPT_SUBMITTED
from prm_api.trainings.quiz_schemas import QUIZ_ATTEMPT


def grade(
    questions: list[dict[str, Any]], answers: dict[str, list[str]]
) -> tuple[int, dict[str, bool]]:
    """Percent of the points earned, and per question whether it was answered right (the
    chosen options are exactly the correct ones)."""
    total = earned = 0
    results = {}
    for q in questions:
        points = q.get("points", 1)
        total += points
        right = set(answers.get(q["id"], [])) == set(q["correct_option_ids"])
        results[q["id"]] = right
        earned += points if right else 0
    return (round(earned * 100 / total) if total else 0), results


def attempt_context(module: CourseModule, course: Course, principal: Principal) -> dict[str, Any]:
    return {
        "questions": module.questions,
        "allow_review": course.allow_review or principal.is_vendor,
        "vendor": principal.is_vendor,
    }


def _shown(attempt: QuizAttempt, module: CourseModule, course: Course) -> Any:
    """The attempt as events carry it: the partner's view (never correct options)."""
    context = {"questions": module.questions, "allow_review": course.allow_review}
    return QUIZ_ATTEMPT.validated(attempt, context)


#: Who grades an attempt whose time ran out when a request notices it: the time limit, not the
#: user of that request (the job records its own name).
TIME_LIMIT_ACTOR_ID = "quiz-time-limit"


class GradedThenRefused(Exception):
    """The new attempt is refused, after the start graded an attempt whose time had run out.

    The grading is the clock's doing, not the refused request's: it must stand. Services do
    not commit, so the endpoint does, then answers ``refusal`` (as the token endpoint keeps a
    failed sign-in's counter).
    """

    def __init__(self, refusal: Conflict) -> None:
        super().__init__(refusal.detail)
        self.refusal = refusal


async def start_attempt(
    session: AsyncSession, principal: Principal, enrollment_id: uuid.UUID, module_id: uuid.UUID
) -> tuple[QuizAttempt, dict[str, Any]]:
    enrollment, module, course = await for_progress(session, principal, enrollment_id, module_id)
    if module.kind != "quiz":
        raise Conflict("This module is not a quiz.", code="not_a_quiz")
    attempts = await repository.attempts_of(session, enrollment.id, module.id)
    now = utcnow()
    graded = False
    if any(a.status == "in_progress" for a in attempts):
        open_one = next(a for a in attempts if a.status == "in_progress")
        if open_one.deadline_at is None or open_one.deadline_at > now:
            raise Conflict(
                "An attempt is already in progress: submit it first.",
                code="attempt_in_progress",
                attempt_id=str(open_one.id),
            )
        # Its time ran out unsubmitted: graded now as it stood at the deadline.
        clock = Actor(type="system", id=TIME_LIMIT_ACTOR_ID, request_id=principal.request_id)
        await grade_at_deadline(session, clock, enrollment, module, course, open_one)
        graded = True
        attempts = await repository.attempts_of(session, enrollment.id, module.id)
    refusal = _refusal(module, attempts, now)
    if refusal is not None:
        raise GradedThenRefused(refusal) if graded else refusal
    attempt = QuizAttempt(
        enrollment_id=enrollment.id,
        module_id=module.id,
        user_id=enrollment.user_id,
        partner_id=enrollment.partner_id,
        number=len(attempts) + 1,
        status="in_progress",
        started_at=now,
        deadline_at=(
            now + timedelta(seconds=module.time_limit_seconds)
            if module.time_limit_seconds
            else None
        ),
        answers={},
    )
    session.add(attempt)
    await progress.start(enrollment)
    enrollment.updated_at = now
    await session.flush()
    return attempt, attempt_context(module, course, principal)


def _refusal(module: CourseModule, attempts: list[QuizAttempt], now: datetime) -> Conflict | None:
    """Why no new attempt may start now, if it may not."""
    if any(a.passed for a in attempts):
        return Conflict("The quiz is already passed.", code="quiz_passed")
    if module.max_attempts is not None and len(attempts) >= module.max_attempts:
        return Conflict(f"All {module.max_attempts} attempts are used.", code="attempts_exhausted")
    last = attempts[-1] if attempts else None
    if last is not None and module.cooldown_seconds and last.submitted_at is not None:
        allowed = last.submitted_at + timedelta(seconds=module.cooldown_seconds)
        if allowed > now:
            return Conflict(
                f"The next attempt is allowed from {allowed.isoformat()} (cool-down).",
                code="quiz_cooldown",
                next_attempt_at=allowed.isoformat().replace("+00:00", "Z"),
                headers={"Retry-After": str(int((allowed - now).total_seconds()) + 1)},
            )
    return None


async def _attempt(
    session: AsyncSession, enrollment: Enrollment, module_id: uuid.UUID, attempt_id: uuid.UUID
) -> QuizAttempt:
    attempt = await session.get(QuizAttempt, attempt_id, with_for_update=True)
    if attempt is None or attempt.enrollment_id != enrollment.id or attempt.module_id != module_id:
        raise NotFound(f"No attempt {attempt_id}.")
    return attempt


def _check_answers(module: CourseModule, answers: dict[str, list[str]]) -> None:
    options = {q["id"]: {o["id"] for o in q["options"]} for q in module.questions}
    errors = []
    for question_id, chosen in answers.items():
        if question_id not in options:
            errors.append(field_error(f"answers.{question_id}", "mismatch", "No such question."))
        elif not set(chosen) <= options[question_id] or len(set(chosen)) != len(chosen):
            errors.append(
                field_error(
                    f"answers.{question_id}", "mismatch", "Distinct options of the question."
                )
            )
    if errors:
        raise ValidationFailed("The answers name unknown questions or options.", errors=errors)


async def save_answers(
    session: AsyncSession,
    principal: Principal,
    enrollment_id: uuid.UUID,
    module_id: uuid.UUID,
    attempt_id: uuid.UUID,
    answers: dict[str, list[str]],
) -> tuple[QuizAttempt, dict[str, Any]]:
    enrollment, module, course = await for_progress(session, principal, enrollment_id, module_id)
    attempt = await _attempt(session, enrollment, module.id, attempt_id)
    if attempt.status != "in_progress":
        raise Conflict("The attempt was submitted.", code="attempt_submitted")
    if attempt.deadline_at is not None and attempt.deadline_at <= utcnow():
        raise Conflict(
            "The attempt's time is up: answers are no longer saved (submit it to be graded "
            "as it stood at the deadline).",
            code="attempt_time_up",
        )
    _check_answers(module, answers)
    attempt.answers = answers
    await session.flush()
    return attempt, attempt_context(module, course, principal)


async def _grade(
    session: AsyncSession,
    actor: Actor,
    enrollment: Enrollment,
    module: CourseModule,
    course: Course,
    attempt: QuizAttempt,
    now: datetime,
) -> None:
    score, results = grade(module.questions, attempt.answers)
    attempt.status = "submitted"
    attempt.submitted_at = min(now, attempt.deadline_at) if attempt.deadline_at is not None else now
    attempt.score, attempt.passed, attempt.results = (
        score,
        score >= (module.passing_score or 100),
        results,
    )
    await session.flush()
    await record_change(
        session,
        actor,
        QUIZ_ATTEMPT_SUBMITTED,
        _shown(attempt, module, course),
        resource_id=attempt.id,
        partner_id=attempt.partner_id,
        changes={"status": {"before": "in_progress", "after": "submitted"}},
    )
    if attempt.passed:
        await progress.mark(session, actor, enrollment, module, score=score)
    elif module.max_attempts is not None and attempt.number >= module.max_attempts:
        await progress.mark(session, actor, enrollment, module, status="failed", score=score)


async def grade_at_deadline(
    session: AsyncSession,
    actor: Actor,
    enrollment: Enrollment,
    module: CourseModule,
    course: Course,
    attempt: QuizAttempt,
) -> None:
    """Grade an open attempt whose time ran out as submitted at its deadline (the enrollment
    locked by the caller, and still active)."""
    assert attempt.deadline_at is not None
    await _grade(session, actor, enrollment, module, course, attempt, attempt.deadline_at)


async def submit_attempt(
    session: AsyncSession,
    principal: Principal,
    enrollment_id: uuid.UUID,
    module_id: uuid.UUID,
    attempt_id: uuid.UUID,
) -> tuple[QuizAttempt, dict[str, Any]]:
    enrollment, module, course = await for_progress(session, principal, enrollment_id, module_id)
    attempt = await _attempt(session, enrollment, module.id, attempt_id)
    if attempt.status != "in_progress":
        raise Conflict("The attempt was already submitted.", code="attempt_submitted")
    await _grade(session, principal.actor, enrollment, module, course, attempt, utcnow())
    return attempt, attempt_context(module, course, principal)


async def get_attempt(
    session: AsyncSession,
    principal: Principal,
    enrollment_id: uuid.UUID,
    module_id: uuid.UUID,
    attempt_id: uuid.UUID,
) -> tuple[QuizAttempt, dict[str, Any]]:
    enrollment = await get_enrollment(session, principal, enrollment_id)
    module = await session.get(CourseModule, module_id)
    if module is None or module.course_id != enrollment.course_id:
        raise NotFound(f"No module {module_id} in this enrollment's course.")
    attempt = await session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.enrollment_id != enrollment.id or attempt.module_id != module_id:
        raise NotFound(f"No attempt {attempt_id}.")
    course = await session.get(Course, enrollment.course_id)
    assert course is not None
    return attempt, attempt_context(module, course, principal)
