"""xAPI statements (POST /v1/xapi/statements), the documented LRS subset: a valid statement
completes the enrollment; malformed, unknown actor, unknown activity, unsupported verb and a
wrong version header are clear 4xx problems that store nothing; the same statement id twice
is one completion."""

from __future__ import annotations

import uuid

from factories import assert_problem
from trainings_support import enroll, published_course, user_id

from prm_api.models import Enrollment, ExternalCompletion

URL = "/v1/xapi/statements"
VERBS = "http://adlnet.gov/expapi/verbs/"


async def _arrange(client, admin_headers, store, auth, app):
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    course = await published_course(client, admin_headers)
    lms = await auth.headers("admin", scopes=["trainings:write"], as_client=True)
    lms["X-Experience-API-Version"] = "1.0.3"
    issuer = app.state.settings.issuer.rstrip("/")
    return p, user_h, course, lms, issuer


def statement(email: str, iri: str, verb: str = "completed", **extra):
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "name": "Ada", "mbox": f"mailto:{email}"},
        "verb": {"id": VERBS + verb, "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": iri},
        "timestamp": "2026-11-30T09:00:00Z",
        **extra,
    }


async def test_a_statement_completes_the_enrollment_once(
    client, admin_headers, store, auth, app, factory
):
    p, user_h, course, lms, issuer = await _arrange(client, admin_headers, store, auth, app)
    me = await store.get_user(user_id(user_h))
    mine = await enroll(client, user_h, course["id"])
    sent = statement(
        me.email,
        f"{issuer}/v1/courses/{course['id']}",
        "passed",
        result={"score": {"scaled": 0.9}, "success": True},
        context={"platform": "Moodle", "extensions": {"x:y": "ignored"}},  # not read
    )
    mark = await store.mark()
    r = await client.post(URL, json=sent, headers=lms)
    assert r.status_code == 200, r.text
    assert r.json() == [sent["id"]]
    assert r.headers["X-Experience-API-Version"].startswith("1.0.")
    [event] = [e for e in await store.since(mark) if e.type.startswith("enrollment.")]
    assert event.type == "enrollment.completed" and event.resource_id == mine["id"]
    shown = (await client.get(f"/v1/enrollments/{mine['id']}", headers=user_h)).json()
    assert (shown["status"], shown["score"], shown["completed_at"]) == (
        "completed",
        90,
        "2026-11-30T09:00:00Z",
    )
    # The same statement id again: 200 with the id, one completion, no event.
    mark = await store.mark()
    r = await client.post(URL, json=[sent], headers=lms)
    assert r.status_code == 200 and r.json() == [sent["id"]]
    assert await store.since(mark) == []
    assert await store.count(ExternalCompletion, ExternalCompletion.external_id == sent["id"]) == 1
    # ... carrying another statement: 409.
    other = {**sent, "verb": {"id": VERBS + "failed"}}
    assert_problem(
        await client.post(URL, json=other, headers=lms), 409, "external_completion_conflict"
    )
    # A failed statement by account (user id) fails a new enrollment.
    colleague = await factory.user(role="partner_user", partner_id=p.id)
    failed = statement("x@example.com", f"{issuer}/v1/courses/{course['id']}", "failed")
    failed["actor"] = {"account": {"homePage": issuer, "name": str(colleague.id)}}
    r = await client.post(URL, json=[failed], headers=lms)
    assert r.status_code == 200, r.text
    [row] = [
        e
        for e in await store.events(type="enrollment.failed")
        if e.data["object"]["user_id"] == str(colleague.id)
    ]
    assert row.data["object"]["source"] == "external"


async def test_activity_by_the_course_s_stored_iri(client, admin_headers, store, auth, app):
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    iri = f"https://lms.example.com/activities/{uuid.uuid4()}"
    course = await published_course(client, admin_headers, external_ids={"xapi": iri})
    lms = await auth.headers("admin", scopes=["trainings:write"], as_client=True)
    me = await store.get_user(user_id(user_h))
    r = await client.post(
        URL,
        json=statement(me.email, iri, result={"score": {"raw": 7, "min": 0, "max": 10}}),
        headers={**lms, "X-Experience-API-Version": "1.0.0"},
    )
    assert r.status_code == 200, r.text
    [enrollment] = (
        await client.get(f"/v1/enrollments?course_id={course['id']}", headers=user_h)
    ).json()["data"]
    assert (enrollment["status"], enrollment["score"]) == ("completed", 70)


async def test_refusals_store_nothing(client, admin_headers, store, auth, app, factory):
    p, user_h, course, lms, issuer = await _arrange(client, admin_headers, store, auth, app)
    me = await store.get_user(user_id(user_h))
    iri = f"{issuer}/v1/courses/{course['id']}"
    good = statement(me.email, iri)
    no_version = {k: v for k, v in lms.items() if k != "X-Experience-API-Version"}
    partner_h = await auth.headers("partner_admin", partner_id=p.id)
    vendor = await factory.user(role="channel_manager")
    mark = await store.mark()

    async def refused(body, status, code, headers=lms):
        r = await client.post(URL, json=body, headers=headers)
        return assert_problem(r, status, code)

    # The version header: missing or not 1.0.x is a 400, even with a malformed body.
    await refused(good, 400, "xapi_version_unsupported", no_version)
    await refused({"nonsense": 1}, 400, "xapi_version_unsupported", no_version)
    await refused(
        good, 400, "xapi_version_unsupported", {**lms, "X-Experience-API-Version": "2.0.0"}
    )
    # Malformed statements.
    await refused({**good, "actor": {"name": "no identifier"}}, 422, "validation_error")
    await refused({**good, "id": "not-a-uuid"}, 422, "validation_error")
    await refused({**good, "object": {"id": "not an iri"}}, 422, "validation_error")
    await refused([], 422, "validation_error")
    # No NUL in what is read and kept (PostgreSQL stores none); what is not read is ignored.
    await refused({**good, "object": {"id": "urn:x:a\u0000b"}}, 422, "validation_error")
    # An actor named by neither or both of mbox and account.
    both = {**good["actor"], "account": {"homePage": issuer, "name": me.email}}
    problem = await refused({**good, "actor": both}, 422, "validation_error")
    assert problem["errors"][0] == {**problem["errors"][0], "field": "actor", "code": "mismatch"}
    # A verb outside the subset (the document lists the three).
    problem = await refused(
        {**good, "verb": {"id": VERBS + "experienced"}}, 422, "validation_error"
    )
    assert problem["errors"][0]["field"].endswith("verb.id")
    # Unknown actors: nobody, a vendor user, an account on another home page.
    await refused(statement("nobody@example.com", iri), 422, "unknown_actor")
    await refused(statement(vendor.email, iri), 422, "unknown_actor")
    foreign = {
        **good,
        "actor": {"account": {"homePage": "https://elsewhere.example", "name": me.email}},
    }
    await refused(foreign, 422, "unknown_actor")
    # Unknown activities: another IRI, a course id that does not exist.
    await refused(statement(me.email, "https://lms.example.com/x"), 422, "unknown_activity")
    await refused(
        statement(me.email, f"{issuer}/v1/courses/{uuid.uuid4()}"), 422, "unknown_activity"
    )
    # A batch is all or nothing: the bad second statement keeps the good first out.
    problem = await refused([good, statement(me.email, "urn:x:y")], 422, "unknown_activity")
    assert problem["errors"][0]["field"] == "[1].object.id"
    # Who may send: no token, a partner token — checked before the version header.
    assert (await client.post(URL, json=good)).status_code == 401
    await refused(good, 403, "insufficient_scope", partner_h)
    assert (
        await client.post(URL, json=good, headers={"X-Experience-API-Version": "1.0.3"})
    ).status_code == 401
    await refused(
        good, 403, "insufficient_scope", {**partner_h, "X-Experience-API-Version": "1.0.3"}
    )

    assert [e for e in await store.since(mark) if e.type.startswith("enrollment.")] == []
    assert await store.count(Enrollment, Enrollment.user_id == me.id) == 0
    assert await store.count(ExternalCompletion, ExternalCompletion.user_id == me.id) == 0
