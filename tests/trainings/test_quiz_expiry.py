"""An attempt past its time limit is graded as submitted at the limit, and that grading stands:
when starting the next attempt notices it and then refuses the new one (attempts used up,
quiz passed, cool-down), and without anyone's action through the `grade-expired-attempts`
job (controlled clock), once, whatever the number of workers."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from factories import assert_problem, check_event, parse_ts
from sqlalchemy import select, update
from trainings_support import RIGHT, WRONG, attempts_url, enroll, published_course, quiz_module

from prm_api.models import Enrollment, QuizAttempt
from prm_api.trainings.quiz_expiry import grade_expired_attempts
from prm_api.worker.jobs import JOBS

LIMIT = 60  # seconds per attempt


async def _open_attempt(client, admin_headers, store, auth, answers, **settings):
    """A partner user's enrollment in a one-quiz course, an attempt started with ``answers``
    saved in time: (user headers, enrollment, attempts url, attempt)."""
    partner = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=partner.id)
    module = quiz_module(time_limit_seconds=LIMIT, **settings)
    course = await published_course(client, admin_headers, modules=[module])
    enrollment = await enroll(client, user_h, course["id"])
    url = attempts_url(enrollment, course["modules"][0]["id"])
    r = await client.post(url, headers=user_h)
    assert r.status_code == 201, r.text
    attempt = r.json()
    r = await client.put(
        f"{url}/{attempt['id']}/answers", json={"answers": answers}, headers=user_h
    )
    assert r.status_code == 200, r.text
    return user_h, enrollment, url, attempt


async def _run_out(sessionmaker, attempt) -> None:
    """The attempt's time ran out two minutes ago (its clock moved back)."""
    delta = timedelta(seconds=LIMIT * 2)
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(QuizAttempt)
            .where(QuizAttempt.id == uuid.UUID(attempt["id"]))
            .values(
                started_at=QuizAttempt.started_at - delta,
                deadline_at=QuizAttempt.deadline_at - delta,
            )
        )


async def _attempt(sessionmaker, attempt_id) -> QuizAttempt:
    async with sessionmaker() as session:
        row = await session.get(QuizAttempt, uuid.UUID(str(attempt_id)))
        assert row is not None
        return row


async def _enrollment(sessionmaker, enrollment_id) -> Enrollment:
    async with sessionmaker() as session:
        row = await session.scalar(
            select(Enrollment).where(Enrollment.id == uuid.UUID(str(enrollment_id)))
        )
        assert row is not None
        return row


def _types(events) -> list[str]:
    return [e.type for e in events]


async def test_the_grading_stands_when_the_next_attempt_is_refused_as_exhausted(
    client, admin_headers, store, auth, sessionmaker
):
    user_h, enrollment, url, attempt = await _open_attempt(
        client, admin_headers, store, auth, WRONG, max_attempts=1
    )
    await _run_out(sessionmaker, attempt)
    deadline = (await _attempt(sessionmaker, attempt["id"])).deadline_at
    mark = await store.mark()
    assert_problem(await client.post(url, headers=user_h), 409, "attempts_exhausted")
    graded = await _attempt(sessionmaker, attempt["id"])
    assert (graded.status, graded.passed, graded.score) == ("submitted", False, 0)
    assert graded.submitted_at == deadline
    assert (await _enrollment(sessionmaker, enrollment["id"])).status == "failed"
    events = await store.since(mark)
    assert _types(events) == ["quiz.attempt_submitted", "enrollment.failed"]
    for event in events:
        check_event(event)
        # The clock graded it, in the request that noticed: a system actor, not the user.
        assert event.actor["type"] == "system" and event.actor["id"] == "quiz-time-limit"
    assert parse_ts(events[0].data["object"]["submitted_at"]) == deadline
    [audit] = await store.audit(attempt["id"], "quiz.attempt_submitted")
    assert audit.changes == {"status": {"before": "in_progress", "after": "submitted"}}
    # Seen through the API as well; the enrollment is over.
    got = (await client.get(f"{url}/{attempt['id']}", headers=user_h)).json()
    assert got["status"] == "submitted" and parse_ts(got["submitted_at"]) == deadline
    assert_problem(await client.post(url, headers=user_h), 409, "enrollment_closed")


async def test_a_pass_at_the_deadline_is_recorded_when_the_next_attempt_is_refused(
    client, admin_headers, store, auth, sessionmaker
):
    user_h, enrollment, url, attempt = await _open_attempt(
        client, admin_headers, store, auth, RIGHT, max_attempts=3
    )
    await _run_out(sessionmaker, attempt)
    mark = await store.mark()
    assert_problem(await client.post(url, headers=user_h), 409, "quiz_passed")
    graded = await _attempt(sessionmaker, attempt["id"])
    assert (graded.status, graded.passed, graded.score) == ("submitted", True, 100)
    assert graded.submitted_at == graded.deadline_at
    assert _types(await store.since(mark)) == ["quiz.attempt_submitted", "enrollment.completed"]
    got = (await client.get(f"/v1/enrollments/{enrollment['id']}", headers=user_h)).json()
    assert got["status"] == "completed" and got["score"] == 100
    assert got["modules"][0]["status"] == "completed"


async def test_the_grading_stands_when_the_next_attempt_waits_for_the_cool_down(
    client, admin_headers, store, auth, sessionmaker
):
    user_h, enrollment, url, attempt = await _open_attempt(
        client, admin_headers, store, auth, WRONG, max_attempts=3, cooldown_seconds=3600
    )
    await _run_out(sessionmaker, attempt)
    mark = await store.mark()
    problem = assert_problem(await client.post(url, headers=user_h), 409, "quiz_cooldown")
    graded = await _attempt(sessionmaker, attempt["id"])
    assert graded.status == "submitted" and graded.submitted_at == graded.deadline_at
    # The cool-down counts from the deadline, the attempt's submission.
    assert parse_ts(problem["next_attempt_at"]) == graded.deadline_at + timedelta(seconds=3600)
    assert _types(await store.since(mark)) == ["quiz.attempt_submitted"]
    assert (await _enrollment(sessionmaker, enrollment["id"])).status == "in_progress"


async def test_the_job_grades_an_abandoned_last_attempt_once(
    client, admin_headers, store, auth, sessionmaker
):
    assert JOBS["grade-expired-attempts"] is grade_expired_attempts
    _, enrollment, _, attempt = await _open_attempt(
        client, admin_headers, store, auth, WRONG, max_attempts=1
    )
    # Left alone by the job: no time limit, and not yet due.
    partner = await store.partner()
    other_h = await auth.headers("partner_user", partner_id=partner.id)
    unlimited = await published_course(client, admin_headers, modules=[quiz_module()])
    other = await enroll(client, other_h, unlimited["id"])
    r = await client.post(attempts_url(other, unlimited["modules"][0]["id"]), headers=other_h)
    assert r.status_code == 201, r.text
    open_for_ever = r.json()
    deadline = parse_ts(attempt["deadline_at"])

    assert await grade_expired_attempts(sessionmaker, now=deadline - timedelta(seconds=1)) == 0
    assert (await _attempt(sessionmaker, attempt["id"])).status == "in_progress"
    mark = await store.mark()
    assert await grade_expired_attempts(sessionmaker, now=deadline + timedelta(seconds=1)) == 1
    graded = await _attempt(sessionmaker, attempt["id"])
    assert (graded.status, graded.passed, graded.score) == ("submitted", False, 0)
    assert graded.submitted_at == deadline
    assert (await _enrollment(sessionmaker, enrollment["id"])).status == "failed"
    events = await store.since(mark)
    assert _types(events) == ["quiz.attempt_submitted", "enrollment.failed"]
    for event in events:
        check_event(event)
        assert event.actor["type"] == "system"
        assert event.actor["id"] == "job:grade-expired-attempts"
    assert (await _attempt(sessionmaker, open_for_ever["id"])).status == "in_progress"

    # Run again, later: nothing more.
    mark = await store.mark()
    assert await grade_expired_attempts(sessionmaker, now=deadline + timedelta(days=1)) == 0
    assert await store.since(mark) == []


async def test_concurrent_runs_grade_an_attempt_once(
    client, admin_headers, store, auth, sessionmaker
):
    _, enrollment, _, attempt = await _open_attempt(
        client, admin_headers, store, auth, RIGHT, max_attempts=2
    )
    later = parse_ts(attempt["deadline_at"]) + timedelta(seconds=1)
    mark = await store.mark()
    counts = await asyncio.gather(
        *(grade_expired_attempts(sessionmaker, now=later) for _ in range(4))
    )
    assert sum(counts) == 1
    assert _types(await store.since(mark)) == ["quiz.attempt_submitted", "enrollment.completed"]
    assert (await _attempt(sessionmaker, attempt["id"])).passed is True
    assert (await _enrollment(sessionmaker, enrollment["id"])).status == "completed"


async def test_the_job_leaves_a_closed_enrollments_attempt_alone(
    client, admin_headers, store, auth, sessionmaker
):
    """A closed enrollment records nothing more (its attempts cannot be submitted either)."""
    _, enrollment, _, attempt = await _open_attempt(client, admin_headers, store, auth, RIGHT)
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(Enrollment)
            .where(Enrollment.id == uuid.UUID(enrollment["id"]))
            .values(status="expired")
        )
    later = parse_ts(attempt["deadline_at"]) + timedelta(seconds=1)
    assert await grade_expired_attempts(sessionmaker, now=later) == 0
    assert (await _attempt(sessionmaker, attempt["id"])).status == "in_progress"


async def test_the_job_and_a_start_racing_grade_the_attempt_once(
    client, admin_headers, store, auth, sessionmaker
):
    """Both take the enrollment's lock first: whichever gets it grades, the other finds the
    attempt graded (the start then refuses: attempts used up, or the enrollment failed)."""
    user_h, enrollment, url, attempt = await _open_attempt(
        client, admin_headers, store, auth, WRONG, max_attempts=1
    )
    await _run_out(sessionmaker, attempt)
    mark = await store.mark()
    graded_by_job, started = await asyncio.gather(
        grade_expired_attempts(sessionmaker), client.post(url, headers=user_h)
    )
    assert_problem(started, 409, "enrollment_closed" if graded_by_job else "attempts_exhausted")
    assert _types(await store.since(mark)) == ["quiz.attempt_submitted", "enrollment.failed"]
    assert (await _enrollment(sessionmaker, enrollment["id"])).status == "failed"
