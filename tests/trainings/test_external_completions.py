"""Completions from an external LMS (POST /v1/enrollments/external-completions): who may send
them, the enrollment completed (or created and completed) with the usual events and the
completion hook, idempotency on the external id, and bad input refused with nothing changed."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from factories import assert_problem, check_event
from shape_checks import assert_shape_writes
from sqlalchemy import select
from trainings_support import enroll, published_course, user_id

from prm_api.kit.time import utcnow
from prm_api.models import Enrollment, ExternalCompletion
from prm_api.trainings import completion
from prm_api.trainings.lms_schemas import EXTERNAL_COMPLETION
from prm_api.trainings.lms_schemas import ExternalCompletion as ExternalCompletionModel

URL = "/v1/enrollments/external-completions"
DONE_AT = "2026-11-20T10:00:00Z"


@pytest.fixture
def hooked(monkeypatch):
    """The enrollments ``trainings.completion.enrollment_completed`` was called for."""
    calls: list[str] = []
    original = completion.enrollment_completed

    async def spy(session, actor, enrollment):
        calls.append(str(enrollment.id))
        await original(session, actor, enrollment)

    monkeypatch.setattr(completion, "enrollment_completed", spy)
    return calls


async def _integration(auth):
    return await auth.headers("admin", scopes=["trainings:write"], as_client=True)


async def test_completes_the_active_enrollment_once(client, admin_headers, store, auth, hooked):
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    lms = await _integration(auth)
    course = await published_course(client, admin_headers)
    mine = await enroll(client, user_h, course["id"])
    body = {
        "external_id": f"moodle-{mine['id']}",
        "user_id": user_id(user_h),
        "course_id": course["id"],
        "completed_at": DONE_AT,
        "score": 88,
        "passed": True,
    }
    mark = await store.mark()
    r = await client.post(URL, json=body, headers=lms)
    assert r.status_code == 201, r.text
    first = r.json()
    assert first["enrollment_id"] == mine["id"]
    assert (first["outcome"], first["score"], first["passed"], first["source"]) == (
        "completed",
        88,
        True,
        "api",
    )
    event = await store.one_since(mark, "enrollment.completed")
    assert event.partner_id == p.id and event.data["object"]["status"] == "completed"
    assert hooked == [mine["id"]]
    r = await client.get(f"/v1/enrollments/{mine['id']}", headers=user_h)
    assert (r.json()["status"], r.json()["completed_at"], r.json()["score"]) == (
        "completed",
        DONE_AT,
        88,
    )

    # The same external id again: the first result, nothing recorded, no event.
    mark = await store.mark()
    r = await client.post(URL, json=body, headers=lms)
    assert r.status_code == 200, r.text
    assert r.json() == first
    assert await store.since(mark) == []
    assert hooked == [mine["id"]]
    assert (
        await store.count(ExternalCompletion, ExternalCompletion.enrollment_id == mine["id"]) == 1
    )
    # ... with other facts: 409, nothing changed.
    r = await client.post(URL, json={**body, "score": 10}, headers=lms)
    assert_problem(r, 409, "external_completion_conflict")
    assert await store.since(mark) == []


async def test_creates_and_completes_by_email_and_external_id(
    client, admin_headers, store, auth, factory, hooked
):
    p = await store.partner()
    person = await factory.user(role="partner_user", partner_id=p.id)
    lms = await _integration(auth)
    code = f"C-{p.id.hex[:8]}"
    course = await published_course(client, admin_headers, external_ids={"docebo": code})
    mark = await store.mark()
    r = await client.post(
        URL,
        json={
            "external_id": "docebo-1",
            "user_email": person.email.upper(),
            "course_external_id": {"system": "docebo", "id": code},
            "completed_at": DONE_AT,
        },
        headers=lms,
    )
    assert r.status_code == 201, r.text
    new = await store.since(mark)
    assert [e.type for e in new] == ["enrollment.created", "enrollment.completed"]
    for event in new:
        check_event(event)
        assert event.partner_id == p.id
    enrollment = new[0].data["object"]
    assert enrollment["source"] == "external" and enrollment["user_id"] == str(person.id)
    assert enrollment["course_id"] == course["id"]
    assert new[1].data["object"]["status"] == "completed"
    assert hooked == [enrollment["id"]]


async def test_passed_false_fails_the_enrollment(client, admin_headers, store, auth, hooked):
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    course = await published_course(client, admin_headers)
    mine = await enroll(client, user_h, course["id"])
    r = await client.post(
        URL,
        json={
            "external_id": f"x-{mine['id']}",
            "user_id": user_id(user_h),
            "course_id": course["id"],
            "completed_at": DONE_AT,
            "score": 20,
            "passed": False,
        },
        headers=await _integration(auth),
    )
    assert r.status_code == 201 and r.json()["outcome"] == "failed"
    [event] = await store.events(type="enrollment.failed", resource_id=mine["id"])
    assert event.data["object"]["failed_at"] == DONE_AT
    assert hooked == []


async def test_refusals_change_nothing(client, admin_headers, store, auth, factory):
    p, other = await store.partner(), await store.partner()
    person = await factory.user(role="partner_user", partner_id=p.id)
    lms = await _integration(auth)
    course = await published_course(client, admin_headers)
    hidden = await published_course(
        client, admin_headers, audience={"everyone": False, "partner_ids": [str(other.id)]}
    )
    draft = (
        await client.post(
            "/v1/courses",
            json={"title": "Draft", "audience": {"everyone": True}},
            headers=admin_headers,
        )
    ).json()
    base = {
        "external_id": "bad-1",
        "user_id": str(person.id),
        "course_id": course["id"],
        "completed_at": DONE_AT,
    }
    mark = await store.mark()

    async def refused(body, status, code, headers=lms):
        r = await client.post(URL, json=body, headers=headers)
        return assert_problem(r, status, code)

    # Malformed: both or neither of user_id / user_email, score out of range, unknown field.
    problem = await refused({**base, "user_email": "a@example.com"}, 422, "validation_error")
    assert problem["errors"][0] == {**problem["errors"][0], "field": "user_id", "code": "mismatch"}
    await refused({k: v for k, v in base.items() if k != "user_id"}, 422, "validation_error")
    await refused({**base, "score": 101}, 422, "validation_error")
    await refused({**base, "status": "completed"}, 422, "validation_error")
    future = (utcnow() + timedelta(days=1)).isoformat()
    await refused({**base, "completed_at": future}, 422, "validation_error")
    # Unknown user (a vendor user is no partner user), unknown or draft course.
    vendor = await factory.user(role="channel_manager")
    problem = await refused({**base, "user_id": str(vendor.id)}, 422, "validation_error")
    assert problem["errors"][0]["field"] == "user_id"
    await refused(
        {**base, "user_email": "nobody@example.com", "user_id": None}, 422, "validation_error"
    )
    problem = await refused({**base, "course_id": draft["id"]}, 422, "validation_error")
    assert problem["errors"][0]["field"] == "course_id"
    await refused(
        {**base, "course_id": None, "course_external_id": {"system": "docebo", "id": "nope"}},
        422,
        "validation_error",
    )
    # A course the user's partner is not in the audience of.
    problem = await refused({**base, "course_id": hidden["id"]}, 422, "validation_error")
    assert problem["errors"][0] == {
        **problem["errors"][0],
        "field": "course_id",
        "code": "mismatch",
    }
    # Who may send: no token, a partner token (no trainings:write), a reader.
    assert (await client.post(URL, json=base)).status_code == 401
    partner_h = await auth.headers("partner_admin", partner_id=p.id)
    await refused(base, 403, "insufficient_scope", partner_h)
    reader = await auth.headers("channel_manager", scopes=["trainings:read"], as_client=True)
    await refused(base, 403, "insufficient_scope", reader)

    assert [e.type for e in await store.since(mark) if e.type.startswith("enrollment.")] == []
    assert await store.count(Enrollment, Enrollment.user_id == person.id) == 0
    assert await store.count(ExternalCompletion, ExternalCompletion.external_id == "bad-1") == 0


async def test_a_failing_hook_rolls_the_completion_back(
    client, admin_headers, store, auth, monkeypatch
):
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    course = await published_course(client, admin_headers)
    mine = await enroll(client, user_h, course["id"])

    async def broken(session, actor, enrollment):
        raise RuntimeError("certification issuing failed")

    monkeypatch.setattr(completion, "enrollment_completed", broken)
    lms = await _integration(auth)
    mark = await store.mark()
    r = await client.post(
        URL,
        json={
            "external_id": f"rb-{mine['id']}",
            "user_id": user_id(user_h),
            "course_id": course["id"],
            "completed_at": DONE_AT,
        },
        headers=lms,
    )
    assert r.status_code == 500
    assert await store.since(mark) == []
    r = await client.get(f"/v1/enrollments/{mine['id']}", headers=user_h)
    assert r.json()["status"] == "enrolled"
    assert (
        await store.count(ExternalCompletion, ExternalCompletion.enrollment_id == mine["id"]) == 0
    )


async def test_who_lists_which_completions(client, admin_headers, store, auth, factory):
    p, other = await store.partner(), await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    colleague = await factory.user(role="partner_user", partner_id=p.id)
    stranger = await factory.user(role="partner_user", partner_id=other.id)
    lms = await _integration(auth)
    course = await published_course(client, admin_headers)
    sent = {}
    for who in (user_id(user_h), str(colleague.id), str(stranger.id)):
        body = {
            "external_id": f"list-{who}",
            "user_id": who,
            "course_id": course["id"],
            "completed_at": DONE_AT,
        }
        r = await client.post(URL, json=body, headers=lms)
        assert r.status_code == 201, r.text
        sent[who] = r.json()["id"]

    async def listed(headers, query=""):
        r = await client.get(f"{URL}?course_id={course['id']}{query}", headers=headers)
        assert r.status_code == 200, r.text
        return {c["id"] for c in r.json()["data"]}

    assert await listed(admin_headers) == set(sent.values())
    assert await listed(admin_headers, f"&user_id={stranger.id}") == {sent[str(stranger.id)]}
    assert await listed(admin_headers, "&source=xapi") == set()
    admin_h = await auth.headers("partner_admin", partner_id=p.id)
    assert await listed(admin_h) == {sent[user_id(user_h)], sent[str(colleague.id)]}
    assert await listed(admin_h, f"&user_id={stranger.id}") == set()
    assert await listed(user_h) == {sent[user_id(user_h)]}
    other_h = await auth.headers("partner_admin", partner_id=other.id)
    assert await listed(other_h) == {sent[str(stranger.id)]}


async def test_the_shape_writes_what_the_model_writes(client, admin_headers, store, auth, db):
    """As tests/kit/test_render.py does for the other resources."""
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    course = await published_course(client, admin_headers)
    body = {
        "external_id": f"shape-{p.id}",
        "user_id": user_id(user_h),
        "course_id": course["id"],
        "completed_at": DONE_AT,
        "score": 91,
        "passed": True,
    }
    r = await client.post(URL, json=body, headers=await _integration(auth))
    assert r.status_code == 201, r.text
    where = ExternalCompletion.external_id == body["external_id"]
    row = (await db.execute(select(*ExternalCompletion.__table__.columns).where(where))).one()
    obj = await db.scalar(select(ExternalCompletion).where(where))
    for source in (row, obj):
        assert_shape_writes(EXTERNAL_COMPLETION, source, ExternalCompletionModel)
        assert json.loads(EXTERNAL_COMPLETION.json(source)) == r.json()
