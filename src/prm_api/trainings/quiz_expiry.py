"""The quiz time-limit job (``grade-expired-attempts``): an attempt still ``in_progress`` after
its deadline is graded as submitted at the deadline, as its user's submit would have graded
it (``quiz.attempt_submitted``; a pass completes the module, a failed last attempt fails it,
and so a required quiz's enrollment, ``enrollment.failed``). Without it an abandoned attempt,
a last one above all, would stay open for ever: only a submit or the next start grades one.

Idempotent and safe with several workers, like the enrollment expiry: due attempts are
claimed together with their enrollment with ``FOR UPDATE SKIP LOCKED``, in batches, each batch
in its own transaction. The enrollment's lock is the one every progress action takes first
(``enrollments.for_progress``): a submit or a start racing the job holds it (the job skips the
attempt, and the request grades it or finds it graded) or waits for the job's commit and then
finds the attempt graded. Only attempts of active enrollments are graded: a closed enrollment
records nothing more (its attempts cannot be submitted either).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.auth.principal import Actor
from prm_api.kit.batches import in_batches
from prm_api.kit.time import utcnow
from prm_api.models import Course, CourseModule, Enrollment, QuizAttempt
from prm_api.models.training import ACTIVE_ENROLLMENT
from prm_api.trainings.quizzes import grade_at_deadline

GRADING_ACTOR = Actor(type="system", id="job:grade-expired-attempts")


async def grade_batch(session: AsyncSession, now: datetime, limit: int = 100) -> tuple[int, int]:
    """Grade up to ``limit`` attempts due at ``now``: ``(claimed, graded)``."""
    due = (
        await session.execute(
            select(QuizAttempt, Enrollment)
            .join(Enrollment, Enrollment.id == QuizAttempt.enrollment_id)
            .where(
                QuizAttempt.status == "in_progress",
                QuizAttempt.deadline_at <= now,  # no deadline, no time limit: never due
                Enrollment.status.in_(ACTIVE_ENROLLMENT),
            )
            .order_by(QuizAttempt.deadline_at, QuizAttempt.id)
            .limit(limit)
            .with_for_update(skip_locked=True)  # both rows: the attempt and its enrollment
        )
    ).all()
    graded = 0
    for attempt, enrollment in due:
        # An earlier attempt of the batch (another quiz of the course) may have closed it.
        if enrollment.status not in ACTIVE_ENROLLMENT:
            continue
        module = await session.get(CourseModule, attempt.module_id)
        course = await session.get(Course, enrollment.course_id)
        assert module is not None and course is not None
        await grade_at_deadline(session, GRADING_ACTOR, enrollment, module, course, attempt)
        graded += 1
    return len(due), graded


async def grade_expired_attempts(
    sessionmaker: async_sessionmaker[AsyncSession],
    limit: int = 100,
    *,
    now: datetime | None = None,
) -> int:
    """Grade every open attempt whose deadline passed at ``now`` (default: the current time)
    as submitted at its deadline; returns how many."""
    at = now or utcnow()
    return await in_batches(
        sessionmaker,
        lambda session: grade_batch(session, at, limit),
        limit,
        "graded expired quiz attempts",
    )
