"""Enrollments: who may enroll, assign, read and record progress (partner user, partner
admin, channel manager), 404 across partners, the state machine, and content modules
completed by a download through the API."""

from __future__ import annotations

from factories import assert_problem, settings_overridden
from trainings_support import enroll, published_course, upload_pdf, user_id

from prm_api.models import Enrollment

MODULES = [
    {"kind": "link", "title": "Read", "url": "https://example.com/read"},
    {"kind": "acknowledgement", "title": "Agreement", "text": "I agree to the terms."},
    {"kind": "link", "title": "Extra", "url": "https://example.com/x", "required": False},
]


async def test_who_may_enroll_and_assign(client, admin_headers, store, auth, factory):
    p, other = await store.partner(), await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    admin_h = await auth.headers("partner_admin", partner_id=p.id)
    manager_h = await auth.headers("channel_manager")
    colleague = await factory.user(role="partner_user", partner_id=p.id)
    stranger = await factory.user(role="partner_user", partner_id=other.id)
    course = await published_course(client, admin_headers, modules=MODULES)

    mine = await enroll(client, user_h, course["id"])
    assert (mine["status"], mine["source"], mine["user_id"]) == (
        "enrolled",
        "self",
        user_id(user_h),
    )
    assert mine["partner_id"] == str(p.id) and mine["course_version"] == 1
    assert [m["status"] for m in mine["modules"]] == ["not_started"] * 3
    assert mine["progress"] == {
        "required_modules": 2,
        "completed_required_modules": 0,
        "percent": 0,
    }
    [event] = await store.events(type="enrollment.created", resource_id=mine["id"])
    assert event.partner_id == p.id
    # A second active enrollment in the same course: 409.
    r = await client.post("/v1/enrollments", json={"course_id": course["id"]}, headers=user_h)
    assert_problem(r, 409, "already_enrolled")
    # A partner user assigns nobody, nor sets a due date on itself.
    body = {"course_id": course["id"], "user_id": str(colleague.id)}
    assert_problem(
        await client.post("/v1/enrollments", json=body, headers=user_h), 403, "not_allowed"
    )
    r = await client.post(
        "/v1/enrollments",
        json={"course_id": course["id"], "due_at": "2031-01-01T00:00:00Z"},
        headers=admin_h,
    )
    assert_problem(r, 422, "validation_error")
    # A partner admin assigns its own users, not another partner's.
    assigned = await enroll(
        client, admin_h, course["id"], user_id=str(colleague.id), due_at="2031-01-01T00:00:00Z"
    )
    assert (assigned["source"], assigned["assigned_by"]) == ("assigned", user_id(admin_h))
    assert assigned["due_at"] == "2031-01-01T00:00:00Z"
    body = {"course_id": course["id"], "user_id": str(stranger.id)}
    assert_problem(
        await client.post("/v1/enrollments", json=body, headers=admin_h), 422, "validation_error"
    )
    # A channel manager assigns any partner user; it must name one.
    await enroll(client, manager_h, course["id"], user_id=str(stranger.id))
    r = await client.post("/v1/enrollments", json={"course_id": course["id"]}, headers=manager_h)
    assert_problem(r, 422, "validation_error")
    assert await store.count(Enrollment) == 3


async def test_who_sees_and_records_progress(client, admin_headers, store, auth, factory):
    p, other = await store.partner(), await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    colleague_h = await auth.headers("partner_user", partner_id=p.id)
    admin_h = await auth.headers("partner_admin", partner_id=p.id)
    other_h = await auth.headers("partner_admin", partner_id=other.id)
    manager_h = await auth.headers("channel_manager")
    course = await published_course(client, admin_headers, modules=MODULES)
    mine = await enroll(client, user_h, course["id"])
    theirs = await enroll(client, colleague_h, course["id"])
    await enroll(client, other_h, course["id"])
    url = f"/v1/enrollments/{mine['id']}"
    link = course["modules"][0]["id"]

    def ids(r):
        assert r.status_code == 200, r.text
        return {e["id"] for e in r.json()["data"]}

    assert ids(await client.get("/v1/enrollments", headers=user_h)) == {mine["id"]}
    assert ids(await client.get("/v1/enrollments", headers=admin_h)) == {mine["id"], theirs["id"]}
    assert len(ids(await client.get("/v1/enrollments", headers=manager_h))) == 3
    assert ids(await client.get(f"/v1/enrollments?partner_id={p.id}", headers=other_h)) == set()
    for h in (admin_h, manager_h, user_h):
        assert (await client.get(url, headers=h)).status_code == 200
    complete = f"{url}/modules/{link}/complete"
    for h in (colleague_h, other_h):
        assert_problem(await client.get(url, headers=h), 404, "not_found")
        assert_problem(await client.post(complete, headers=h), 404, "not_found")
    for h in (admin_h, manager_h):
        assert_problem(await client.post(complete, headers=h), 403, "not_enrollee")
    # A module of another course is not this enrollment's.
    second = await published_course(client, admin_headers, modules=MODULES)
    r = await client.post(f"{url}/modules/{second['modules'][0]['id']}/complete", headers=user_h)
    assert_problem(r, 404, "not_found")
    got = (await client.get(url, headers=user_h)).json()
    assert got["status"] == "enrolled" and got["progress"]["completed_required_modules"] == 0


async def test_the_state_machine_to_completed(client, admin_headers, store, auth):
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    course = await published_course(client, admin_headers, modules=MODULES)
    e = await enroll(client, user_h, course["id"])
    link, ack, extra = (m["id"] for m in course["modules"])
    base = f"/v1/enrollments/{e['id']}/modules"

    r = await client.post(f"{base}/{link}/complete", headers=user_h)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "in_progress" and r.json()["started_at"]
    assert r.json()["progress"]["percent"] == 50
    # An acknowledgement needs {"accepted": true}; nothing is recorded otherwise.
    assert_problem(
        await client.post(f"{base}/{ack}/complete", headers=user_h), 422, "validation_error"
    )
    r = await client.post(f"{base}/{ack}/complete", json={"accepted": False}, headers=user_h)
    assert_problem(r, 422, "validation_error")
    mark = await store.mark()
    r = await client.post(f"{base}/{ack}/complete", json={"accepted": True}, headers=user_h)
    assert r.status_code == 200, r.text
    done = r.json()
    assert done["status"] == "completed" and done["completed_at"]
    assert done["modules"][1]["accepted_text_version"] == 1
    assert done["modules"][2]["status"] == "not_started"  # optional modules do not hold it up
    event = await store.one_since(mark, "enrollment.completed")
    assert event.partner_id == p.id and event.data["object"]["status"] == "completed"
    # Over: nothing more is recorded.
    r = await client.post(f"{base}/{extra}/complete", headers=user_h)
    assert_problem(r, 409, "enrollment_closed")
    # And a new enrollment may start again.
    assert (await enroll(client, user_h, course["id"]))["status"] == "enrolled"


async def test_a_content_module_completes_when_the_asset_is_downloaded(
    app, client, admin_headers, store, auth, tmp_path
):
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    with settings_overridden(app, data_dir=tmp_path, storage_url=None):
        asset = await store.asset("draft", with_version=False)
        assert (await upload_pdf(client, asset.id, admin_headers)).status_code == 201
        await store.set_asset(asset.id, status="published")
        modules = [
            {"kind": "content", "title": "Deck", "asset_id": str(asset.id)},
            {"kind": "link", "title": "Read", "url": "https://example.com/read"},
        ]
        course = await published_course(client, admin_headers, modules=modules)
        e = await enroll(client, user_h, course["id"])
        content = course["modules"][0]["id"]
        url = f"/v1/enrollments/{e['id']}/modules/{content}/complete"
        assert_problem(await client.post(url, headers=user_h), 409, "content_not_opened")
        # A vendor's download completes nobody's module.
        assert (
            await client.get(f"/v1/assets/{asset.id}/content", headers=admin_headers)
        ).status_code == 200
        got = (await client.get(f"/v1/enrollments/{e['id']}", headers=user_h)).json()
        assert got["modules"][0]["status"] == "not_started"
        r = await client.get(f"/v1/assets/{asset.id}/content", headers=user_h)
        assert r.status_code == 200
    got = (await client.get(f"/v1/enrollments/{e['id']}", headers=user_h)).json()
    assert got["modules"][0]["status"] == "completed" and got["status"] == "in_progress"
    # Marking it done by hand is now accepted too (idempotent).
    assert (await client.post(url, headers=user_h)).status_code == 200
