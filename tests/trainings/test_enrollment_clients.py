"""Enrollments as integration clients (OAuth2 client credentials) use them: a vendor client
reads every partner's and assigns any partner user; a partner client its own partner's only
(another partner's enrollment is a 404). No client records module progress — only the
enrolled user does (403 ``not_enrollee``); a vendor integration feeds results in as external
completions (``trainings:write``, which no partner role holds)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from factories import assert_problem, bearer
from trainings_support import enroll, published_course, user_id

from prm_api.kit.time import utcnow
from prm_api.models import Enrollment

MODULES = [
    {"kind": "link", "title": "Read", "url": "https://example.com/read"},
    {"kind": "acknowledgement", "title": "Agreement", "text": "I agree to the terms."},
]
DUE = "2031-01-01T00:00:00Z"
DONE_AT = (utcnow() - timedelta(days=1)).isoformat()


async def integration(
    factory,
    oauth,
    role: str,
    *,
    partner_id: uuid.UUID | None = None,
    scopes: list[str] | None = None,
) -> tuple[dict[str, str], str]:
    """A client of ``role`` and the headers of a token it got by client credentials."""
    api_client, secret = await factory.api_client(role=role, scopes=scopes, partner_id=partner_id)
    token = await oauth.client_token(api_client.client_id, secret)
    return bearer(token["access_token"]), api_client.client_id


def ids(r) -> set[str]:
    assert r.status_code == 200, r.text
    return {e["id"] for e in r.json()["data"]}


async def assign(client, headers, course_id: str, user: Any, **body: Any):
    return await client.post(
        "/v1/enrollments",
        json={"course_id": course_id, "user_id": str(user), **body},
        headers=headers,
    )


async def test_vendor_integration_client(client, admin_headers, store, auth, factory, oauth):
    p, other = await store.partner(), await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    stranger_h = await auth.headers("partner_user", partner_id=other.id)
    course = await published_course(client, admin_headers, modules=MODULES)
    theirs = await enroll(client, stranger_h, course["id"])
    lms, client_id = await integration(
        factory, oauth, "admin", scopes=["trainings:read", "trainings:enroll", "trainings:write"]
    )

    # Assigns any partner's user, with a due date: the client is who assigned it.
    mark = await store.mark()
    r = await assign(client, lms, course["id"], user_id(user_h), due_at=DUE)
    assert r.status_code == 201, r.text
    mine = r.json()
    assert (mine["source"], mine["assigned_by"], mine["due_at"]) == ("assigned", client_id, DUE)
    assert mine["partner_id"] == str(p.id) and mine["user_id"] == user_id(user_h)
    event = await store.one_since(mark, "enrollment.created")
    assert (event.actor["type"], event.actor["client_id"]) == ("client", client_id)
    # A client has no user of its own to enroll: it names one.
    r = await client.post("/v1/enrollments", json={"course_id": course["id"]}, headers=lms)
    assert_problem(r, 422, "validation_error")

    # Lists and reads every partner's.
    assert ids(await client.get("/v1/enrollments", headers=lms)) == {mine["id"], theirs["id"]}
    r = await client.get(f"/v1/enrollments?partner_id={other.id}", headers=lms)
    assert ids(r) == {theirs["id"]}
    assert (await client.get(f"/v1/enrollments/{theirs['id']}", headers=lms)).status_code == 200

    # Progress: not module by module (only the enrolled user), but as an external completion.
    link = course["modules"][0]["id"]
    r = await client.post(f"/v1/enrollments/{mine['id']}/modules/{link}/complete", headers=lms)
    assert_problem(r, 403, "not_enrollee")
    r = await client.post(
        "/v1/enrollments/external-completions",
        json={
            "external_id": f"lms-{mine['id']}",
            "user_id": mine["user_id"],
            "course_id": course["id"],
            "completed_at": DONE_AT,
            "score": 91,
            "passed": True,
        },
        headers=lms,
    )
    assert r.status_code == 201, r.text
    got = (await client.get(f"/v1/enrollments/{mine['id']}", headers=lms)).json()
    assert (got["id"], got["status"], got["score"]) == (mine["id"], "completed", 91)

    # The scopes decide: a read-only client lists but assigns nobody.
    reader, _ = await integration(factory, oauth, "channel_manager", scopes=["trainings:read"])
    assert ids(await client.get("/v1/enrollments", headers=reader)) == {mine["id"], theirs["id"]}
    r = await assign(client, reader, course["id"], user_id(user_h))
    assert_problem(r, 403, "insufficient_scope")


async def test_partner_integration_client(client, admin_headers, store, auth, factory, oauth):
    p, other = await store.partner(), await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    stranger_h = await auth.headers("partner_user", partner_id=other.id)
    colleague = await factory.user(role="partner_user", partner_id=p.id)
    course = await published_course(client, admin_headers, modules=MODULES)
    own = await enroll(client, user_h, course["id"])
    theirs = await enroll(client, stranger_h, course["id"])
    crm, client_id = await integration(factory, oauth, "partner_admin", partner_id=p.id)

    # Assigns its own partner's users, with a due date; another partner's user does not exist.
    r = await assign(client, crm, course["id"], colleague.id, due_at=DUE)
    assert r.status_code == 201, r.text
    assigned = r.json()
    assert (assigned["partner_id"], assigned["assigned_by"], assigned["due_at"]) == (
        str(p.id),
        client_id,
        DUE,
    )
    r = await assign(client, crm, course["id"], user_id(stranger_h), due_at=DUE)
    problem = assert_problem(r, 422, "validation_error")
    assert problem["errors"][0]["code"] == "not_found"
    r = await client.post("/v1/enrollments", json={"course_id": course["id"]}, headers=crm)
    assert_problem(r, 422, "validation_error")

    # Lists its own partner's only, whatever the filters ask for.
    expected = {own["id"], assigned["id"]}
    assert ids(await client.get("/v1/enrollments", headers=crm)) == expected
    for query in (f"partner_id={other.id}", f"user_id={user_id(stranger_h)}"):
        assert ids(await client.get(f"/v1/enrollments?{query}", headers=crm)) == set()

    # Another partner's enrollment does not exist for it: 404, not 403.
    link = course["modules"][0]["id"]
    assert_problem(
        await client.get(f"/v1/enrollments/{theirs['id']}", headers=crm), 404, "not_found"
    )
    r = await client.post(f"/v1/enrollments/{theirs['id']}/modules/{link}/complete", headers=crm)
    assert_problem(r, 404, "not_found")
    # Its own partner's: readable, but progress is the enrolled user's to record.
    assert (await client.get(f"/v1/enrollments/{own['id']}", headers=crm)).status_code == 200
    r = await client.post(f"/v1/enrollments/{own['id']}/modules/{link}/complete", headers=crm)
    assert_problem(r, 403, "not_enrollee")
    r = await client.post(
        "/v1/enrollments/external-completions",
        json={
            "external_id": "partner-lms-1",
            "user_id": str(colleague.id),
            "course_id": course["id"],
            "completed_at": DONE_AT,
            "passed": True,
        },
        headers=crm,
    )
    assert_problem(r, 403, "insufficient_scope")  # trainings:write is no partner role's
    got = (await client.get(f"/v1/enrollments/{assigned['id']}", headers=crm)).json()
    assert got["status"] == "enrolled"

    # A partner_user client is no user: it sees no enrollment and assigns nobody.
    reader, _ = await integration(factory, oauth, "partner_user", partner_id=p.id)
    assert ids(await client.get("/v1/enrollments", headers=reader)) == set()
    assert_problem(
        await client.get(f"/v1/enrollments/{own['id']}", headers=reader), 404, "not_found"
    )
    r = await assign(client, reader, course["id"], colleague.id)
    assert_problem(r, 403, "not_allowed")
    assert await store.count(Enrollment) == 3
