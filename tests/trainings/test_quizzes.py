"""Quiz grading on the server: pass, fail, attempts exhausted, cool-down, time limit, and a
whole quiz flow whose every response body and event payload is checked for answers."""

from __future__ import annotations

import uuid
from datetime import timedelta

from factories import assert_problem, parse_ts
from sqlalchemy import update
from trainings_support import (
    RIGHT,
    WRONG,
    attempts_url,
    body_of,
    correct_answer_leaks,
    enroll,
    published_course,
    quiz_module,
)

from prm_api.models import QuizAttempt


async def _setup(client, admin_headers, store, auth, **settings):
    partner = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=partner.id)
    course = await published_course(client, admin_headers, modules=[quiz_module(**settings)])
    enrollment = await enroll(client, user_h, course["id"])
    return user_h, enrollment, attempts_url(enrollment, course["modules"][0]["id"])


async def _attempt(client, headers, url, answers):
    r = await client.post(url, headers=headers)
    assert r.status_code == 201, r.text
    attempt = r.json()
    r = await client.put(
        f"{url}/{attempt['id']}/answers", json={"answers": answers}, headers=headers
    )
    assert r.status_code == 200, r.text
    r = await client.post(f"{url}/{attempt['id']}/submit", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


async def _age(sessionmaker, attempt_id, seconds: int) -> None:
    """Move an attempt's clock ``seconds`` into the past (started, deadline, submitted)."""
    delta = timedelta(seconds=seconds)
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(QuizAttempt)
            .where(QuizAttempt.id == uuid.UUID(attempt_id))
            .values(
                started_at=QuizAttempt.started_at - delta,
                deadline_at=QuizAttempt.deadline_at - delta,
                submitted_at=QuizAttempt.submitted_at - delta,
            )
        )


async def test_a_passing_attempt_completes_the_quiz_and_the_enrollment(
    client, admin_headers, store, auth
):
    user_h, enrollment, url = await _setup(client, admin_headers, store, auth)
    attempt = await _attempt(client, user_h, url, RIGHT)
    assert (attempt["status"], attempt["score"], attempt["passed"]) == ("submitted", 100, True)
    assert attempt["number"] == 1 and attempt["results"] is None  # no review allowed
    got = (await client.get(f"/v1/enrollments/{enrollment['id']}", headers=user_h)).json()
    assert got["status"] == "completed" and got["score"] == 100
    assert got["modules"][0]["score"] == 100
    assert_problem(await client.post(url, headers=user_h), 409, "enrollment_closed")


async def test_failing_until_the_attempts_are_exhausted_fails_the_enrollment(
    client, admin_headers, store, auth
):
    user_h, enrollment, url = await _setup(client, admin_headers, store, auth, max_attempts=2)
    first = await _attempt(client, user_h, url, WRONG)
    # q1 (2 points) wrong, q2 partly (wrong), q3 wrong: 0 of 4.
    assert (first["score"], first["passed"]) == (0, False)
    half = {"q1": ["b"], "q2": ["x"], "q3": ["f"]}  # 2 of 4 points: 50 < 75
    mark = await store.mark()
    second = await _attempt(client, user_h, url, half)
    assert (second["number"], second["score"], second["passed"]) == (2, 50, False)
    assert [e.type for e in await store.since(mark)] == [
        "quiz.attempt_submitted",
        "enrollment.failed",
    ]
    got = (await client.get(f"/v1/enrollments/{enrollment['id']}", headers=user_h)).json()
    assert got["status"] == "failed" and got["failed_at"]
    assert got["modules"][0]["status"] == "failed"
    assert_problem(await client.post(url, headers=user_h), 409, "enrollment_closed")


async def test_attempts_exhausted_on_an_optional_quiz(client, admin_headers, store, auth):
    partner = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=partner.id)
    course = await published_course(
        client,
        admin_headers,
        modules=[
            {**quiz_module(max_attempts=1), "required": False},
            {"kind": "link", "title": "Read", "url": "https://example.com/r"},
        ],
    )
    enrollment = await enroll(client, user_h, course["id"])
    url = attempts_url(enrollment, course["modules"][0]["id"])
    await _attempt(client, user_h, url, WRONG)
    r = await client.post(url, headers=user_h)
    assert_problem(r, 409, "attempts_exhausted")
    got = (await client.get(f"/v1/enrollments/{enrollment['id']}", headers=user_h)).json()
    assert got["status"] == "in_progress"  # an optional quiz failed does not fail the course


async def test_the_cool_down_says_when_the_next_attempt_is_allowed(
    client, admin_headers, store, auth, sessionmaker
):
    user_h, _, url = await _setup(client, admin_headers, store, auth, cooldown_seconds=3600)
    first = await _attempt(client, user_h, url, WRONG)
    r = await client.post(url, headers=user_h)
    problem = assert_problem(r, 409, "quiz_cooldown")
    allowed = parse_ts(problem["next_attempt_at"])
    assert allowed == parse_ts(first["submitted_at"]) + timedelta(seconds=3600)
    assert 3500 < int(r.headers["Retry-After"]) <= 3601
    await _age(sessionmaker, first["id"], 3601)
    r = await client.post(url, headers=user_h)
    assert r.status_code == 201 and r.json()["number"] == 2


async def test_an_attempt_past_its_time_limit_is_graded_at_the_deadline(
    client, admin_headers, store, auth, sessionmaker
):
    user_h, _, url = await _setup(client, admin_headers, store, auth, time_limit_seconds=60)
    r = await client.post(url, headers=user_h)
    attempt = r.json()
    started, deadline = parse_ts(attempt["started_at"]), parse_ts(attempt["deadline_at"])
    assert deadline - started == timedelta(seconds=60)
    # Wrong answers saved in time; then the time runs out.
    r = await client.put(f"{url}/{attempt['id']}/answers", json={"answers": WRONG}, headers=user_h)
    assert r.status_code == 200
    await _age(sessionmaker, attempt["id"], 120)
    # Answers sent after the deadline are refused and change nothing.
    r = await client.put(f"{url}/{attempt['id']}/answers", json={"answers": RIGHT}, headers=user_h)
    assert_problem(r, 409, "attempt_time_up")
    r = await client.post(f"{url}/{attempt['id']}/submit", headers=user_h)
    graded = r.json()
    assert graded["answers"] == WRONG and graded["passed"] is False and graded["score"] == 0
    assert parse_ts(graded["submitted_at"]) == deadline - timedelta(seconds=120)


async def test_an_expired_open_attempt_is_graded_when_the_next_one_starts(
    client, admin_headers, store, auth, sessionmaker
):
    user_h, _, url = await _setup(client, admin_headers, store, auth, time_limit_seconds=60)
    first = (await client.post(url, headers=user_h)).json()
    assert_problem(await client.post(url, headers=user_h), 409, "attempt_in_progress")
    await _age(sessionmaker, first["id"], 120)
    second = await client.post(url, headers=user_h)
    assert second.status_code == 201 and second.json()["number"] == 2
    old = (await client.get(f"{url}/{first['id']}", headers=user_h)).json()
    assert old["status"] == "submitted" and old["passed"] is False


async def test_invalid_answers_are_refused(client, admin_headers, store, auth):
    user_h, _, url = await _setup(client, admin_headers, store, auth)
    attempt = (await client.post(url, headers=user_h)).json()
    for answers in ({"q9": ["a"]}, {"q1": ["zz"]}, {"q1": ["a", "a"]}):
        r = await client.put(
            f"{url}/{attempt['id']}/answers", json={"answers": answers}, headers=user_h
        )
        assert_problem(r, 422, "validation_error")
    got = (await client.get(f"{url}/{attempt['id']}", headers=user_h)).json()
    assert got["answers"] == {}


async def test_no_correct_answer_reaches_a_partner_in_a_whole_quiz_flow(
    client, admin_headers, store, auth
):
    """Every response body of a partner user's quiz flow, and every event it records, checked
    for correct-answer data (review allowed: right/wrong per question is shown, the right
    options never)."""
    partner = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=partner.id)
    course = await published_course(
        client, admin_headers, modules=[quiz_module(max_attempts=3)], allow_review=True
    )
    module_id = course["modules"][0]["id"]
    mark = await store.mark()
    responses = []

    async def call(method, path, **kw):
        r = await client.request(method, path, headers=user_h, **kw)
        assert r.status_code < 300, r.text
        responses.append(r)
        return r.json()

    await call("GET", "/v1/courses")
    await call("GET", f"/v1/courses/{course['id']}")
    enrollment = await call("POST", "/v1/enrollments", json={"course_id": course["id"]})
    url = attempts_url(enrollment, module_id)
    for answers in (WRONG, RIGHT):
        attempt = await call("POST", url)
        assert {q["id"] for q in attempt["questions"]} == set(RIGHT)
        await call("PUT", f"{url}/{attempt['id']}/answers", json={"answers": answers})
        graded = await call("POST", f"{url}/{attempt['id']}/submit")
        await call("GET", f"{url}/{attempt['id']}")
    assert graded["passed"] is True
    assert graded["results"] == [
        {"question_id": "q1", "correct": True},
        {"question_id": "q2", "correct": True},
        {"question_id": "q3", "correct": True},
    ]
    await call("GET", f"/v1/enrollments/{enrollment['id']}")
    await call("GET", "/v1/enrollments")
    events = await call("GET", "/v1/events?limit=100")

    for r in responses:
        assert correct_answer_leaks(body_of(r)) == [], r.request.url
    recorded = await store.since(mark)
    assert {e.type for e in recorded} >= {
        "enrollment.created",
        "quiz.attempt_submitted",
        "enrollment.completed",
    }
    for event in recorded:
        assert correct_answer_leaks(event.data) == [], event.type
        assert correct_answer_leaks(event.partner_data) == [], event.type
    assert events["data"], "the partner reads its events"
    # The vendor does read the answers (the control: the check can see them).
    vendor_view = (await client.get(f"/v1/courses/{course['id']}", headers=admin_headers)).json()
    assert correct_answer_leaks(vendor_view)


async def test_another_partners_attempts_do_not_exist(client, admin_headers, store, auth):
    user_h, enrollment, url = await _setup(client, admin_headers, store, auth)
    attempt = (await client.post(url, headers=user_h)).json()
    other = await store.partner()
    for role in ("partner_admin", "partner_user"):
        other_h = await auth.headers(role, partner_id=other.id)
        for method, path in (
            ("GET", f"{url}/{attempt['id']}"),
            ("POST", url),
            ("PUT", f"{url}/{attempt['id']}/answers"),
            ("POST", f"{url}/{attempt['id']}/submit"),
        ):
            kw = {"json": {"answers": RIGHT}} if method == "PUT" else {}
            r = await client.request(method, path, headers=other_h, **kw)
            assert_problem(r, 404, "not_found")
    # The partner's admin reads the attempt (no answers), but does not take it.
    admin_h = await auth.headers("partner_admin", partner_id=uuid.UUID(enrollment["partner_id"]))
    got = await client.get(f"{url}/{attempt['id']}", headers=admin_h)
    assert got.status_code == 200 and correct_answer_leaks(got.json()) == []
    r = await client.post(f"{url}/{attempt['id']}/submit", headers=admin_h)
    assert_problem(r, 403, "not_enrollee")
