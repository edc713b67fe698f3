"""The onboarding checklist: the plan's steps (vendor), each step kind completed by the real
API action that satisfies it, in that action's transaction, auto-activation on and off, and
a partner's checklist hidden from other partners (404)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from factories import assert_problem, deal_body
from onboarding_support import PASSWORD, auto_activate, checklist, course, state, step
from shape_checks import assert_shape_writes
from sqlalchemy import select

from prm_api.models import Deal, OnboardingStep
from prm_api.onboarding import rules
from prm_api.onboarding.schemas import STEP
from prm_api.onboarding.schemas import OnboardingStep as OnboardingStepModel


async def test_plan_steps_and_their_validation(client, admin_headers, auth, store):
    c = await course(client, admin_headers)
    ack, link = c["modules"][0]["id"], c["modules"][1]["id"]
    profile = await step(
        client, admin_headers, kind="profile_completed", profile_fields=["description"]
    )
    agreement = await step(client, admin_headers, kind="agreement_accepted", module_id=ack)
    course_step = await step(client, admin_headers, kind="course_completed", course_id=c["id"])
    invited = await step(client, admin_headers, kind="users_invited", min_count=2)
    await step(client, admin_headers, kind="first_deal_registered", required=False)
    await step(client, admin_headers, kind="custom", position=1, title="Kick-off call")
    assert course_step["min_count"] == 1 and invited["min_count"] == 2
    assert agreement["module_id"] == ack and profile["profile_fields"] == ["description"]

    r = await client.get("/v1/onboarding/steps", headers=admin_headers)
    kinds = [s["kind"] for s in r.json()["data"]]
    assert kinds == [
        "custom",
        "profile_completed",
        "agreement_accepted",
        "course_completed",
        "users_invited",
        "first_deal_registered",
    ]
    # Partners read the plan; they do not write it.
    partner = await store.partner("onboarding")
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    assert (await client.get("/v1/onboarding/steps", headers=pa)).status_code == 200
    r = await client.post("/v1/onboarding/steps", json={"kind": "custom", "title": "x"}, headers=pa)
    assert r.status_code == 403

    bad = [
        ({"kind": "profile_completed"}, "mismatch"),
        ({"kind": "profile_completed", "profile_fields": ["password"]}, None),
        ({"kind": "agreement_accepted"}, "mismatch"),
        ({"kind": "agreement_accepted", "module_id": link}, "mismatch"),
        ({"kind": "agreement_accepted", "module_id": c["id"]}, "not_found"),
        ({"kind": "course_completed", "course_id": ack}, "not_found"),
        ({"kind": "custom", "min_count": 3}, "mismatch"),
        ({"kind": "users_invited", "min_count": 0}, None),
        ({"kind": "nonsense"}, None),
        ({"kind": "custom", "status": "completed"}, None),
    ]
    for body, code in bad:
        r = await client.post(
            "/v1/onboarding/steps", json={"title": "Bad", **body}, headers=admin_headers
        )
        problem = assert_problem(r, 422, "validation_error")
        if code:
            assert problem["errors"][0]["code"] == code, (body, problem)
    r = await client.get("/v1/onboarding/steps", headers=admin_headers)
    assert len(r.json()["data"]) == 6  # nothing stored by a refused request

    # PATCH honours If-Match; the kind's meaning stays.
    url = f"/v1/onboarding/steps/{invited['id']}"
    r = await client.get(url, headers=admin_headers)
    etag = r.headers["etag"]
    r = await client.patch(url, json={"min_count": 3}, headers={**admin_headers, "If-Match": etag})
    assert r.status_code == 200 and r.json()["min_count"] == 3
    r = await client.patch(url, json={"min_count": 4}, headers={**admin_headers, "If-Match": etag})
    assert r.status_code == 412
    r = await client.patch(url, json={"course_id": c["id"]}, headers=admin_headers)
    assert_problem(r, 422, "validation_error")
    r = await client.patch(
        f"/v1/onboarding/steps/{profile['id']}", json={"profile_fields": []}, headers=admin_headers
    )
    assert_problem(r, 422, "validation_error")
    assert (await client.delete(url, headers=admin_headers)).status_code == 204
    assert (await client.get(url, headers=admin_headers)).status_code == 404


async def test_profile_step_completes_from_the_partner_edit(client, admin_headers, auth, store):
    partner = await store.partner("onboarding", description=None, contact_phone=None)
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    s = await step(
        client,
        admin_headers,
        kind="profile_completed",
        profile_fields=["description", "contact_phone"],
    )
    url = f"/v1/partners/{partner.id}"
    r = await client.patch(url, json={"description": "We sell."}, headers=pa)
    assert r.status_code == 200, r.text
    assert state(await checklist(client, pa, partner.id)) == {"profile_completed": "pending"}
    r = await client.patch(url, json={"contact": {"phone": "+48 22 123 45 67"}}, headers=pa)
    assert r.status_code == 200, r.text
    sheet = await checklist(client, pa, partner.id)
    [done] = sheet["steps"]
    assert (done["step_id"], done["status"]) == (s["id"], "completed")
    assert done["completed_at"] and done["completed_by"].startswith("user:")
    assert sheet["progress"] == {"required_steps": 1, "completed_required_steps": 1, "percent": 100}
    assert sheet["completed"] is True


async def test_agreement_and_course_steps_complete_from_module_progress(
    client, admin_headers, auth, store
):
    partner = await store.partner("onboarding")
    c = await course(client, admin_headers)
    ack, link = c["modules"][0]["id"], c["modules"][1]["id"]
    await step(client, admin_headers, kind="agreement_accepted", module_id=ack)
    await step(client, admin_headers, kind="course_completed", course_id=c["id"], min_count=2)
    users = [await auth.headers("partner_user", partner_id=partner.id) for _ in range(2)]
    for headers in users:
        r = await client.post("/v1/enrollments", json={"course_id": c["id"]}, headers=headers)
        assert r.status_code == 201, r.text
        base = f"/v1/enrollments/{r.json()['id']}/modules"
        r = await client.post(f"{base}/{ack}/complete", json={"accepted": True}, headers=headers)
        assert r.status_code == 200, r.text
        sheet = await checklist(client, admin_headers, partner.id)
        assert state(sheet)["agreement_accepted"] == "completed"
        assert state(sheet)["course_completed"] == "pending"
        r = await client.post(f"{base}/{link}/complete", json={}, headers=headers)
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "completed"
        if headers is users[0]:  # one user of the two done: still pending
            sheet = await checklist(client, admin_headers, partner.id)
            assert state(sheet)["course_completed"] == "pending"
    # The second user's completion made it two users: the course step is done.
    sheet = await checklist(client, admin_headers, partner.id)
    assert state(sheet) == {"agreement_accepted": "completed", "course_completed": "completed"}


async def test_invited_users_step_completes_on_acceptance(client, admin_headers, auth, store):
    partner = await store.partner("onboarding")
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    await step(client, admin_headers, kind="users_invited")
    r = await client.post(
        f"/v1/partners/{partner.id}/invitations", json={"email": "new@p.example"}, headers=pa
    )
    assert r.status_code == 201, r.text
    # An invitation sent is not yet a user who joined.
    assert state(await checklist(client, pa, partner.id)) == {"users_invited": "pending"}
    r = await client.post(
        "/v1/invitations/accept", json={"token": r.json()["token"], "password": PASSWORD}
    )
    assert r.status_code in (200, 201), r.text
    sheet = await checklist(client, pa, partner.id)
    assert state(sheet) == {"users_invited": "completed"}
    assert sheet["steps"][0]["completed_by"].startswith("user:")


async def test_first_deal_step_completes_when_a_deal_is_registered(
    client, admin_headers, auth, store
):
    partner = await store.partner("onboarding")
    pu = await auth.headers("partner_user", partner_id=partner.id)
    await step(client, admin_headers, kind="first_deal_registered")
    r = await client.post("/v1/deals", json=deal_body(), headers=pu)
    assert r.status_code == 201, r.text
    assert state(await checklist(client, pu, partner.id)) == {"first_deal_registered": "completed"}


async def test_custom_step_is_checked_by_a_vendor(client, admin_headers, auth, store):
    partner, active = await store.partner("onboarding"), await store.partner("active")
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    custom = await step(client, admin_headers, kind="custom", title="Kick-off call")
    deal_step = await step(client, admin_headers, kind="first_deal_registered", required=False)
    url = f"/v1/partners/{partner.id}/onboarding/steps/{custom['id']}/complete"
    assert (await client.post(url, headers=pa)).status_code == 403  # no trainings:write
    r = await client.post(url, headers=admin_headers)
    assert r.status_code == 200, r.text
    assert state(r.json()) == {"custom": "completed", "first_deal_registered": "pending"}
    first = r.json()["steps"][0]["completed_at"]
    r = await client.post(url, headers=admin_headers)  # again: no change
    assert r.status_code == 200 and r.json()["steps"][0]["completed_at"] == first
    r = await client.post(
        f"/v1/partners/{partner.id}/onboarding/steps/{deal_step['id']}/complete",
        headers=admin_headers,
    )
    assert_problem(r, 409, "step_not_custom")
    r = await client.post(
        f"/v1/partners/{active.id}/onboarding/steps/{custom['id']}/complete", headers=admin_headers
    )
    assert_problem(r, 409, "partner_not_onboarding")
    r = await client.post(
        f"/v1/partners/{partner.id}/onboarding/steps/{partner.id}/complete", headers=admin_headers
    )
    assert_problem(r, 404, "not_found")


@pytest.mark.parametrize("auto", [False, True])
async def test_last_required_step_ends_onboarding(client, admin_headers, auth, store, auto):
    await auto_activate(client, admin_headers, auto)
    partner = await store.partner("onboarding")
    pu = await auth.headers("partner_user", partner_id=partner.id)
    custom = await step(client, admin_headers, kind="custom", title="Kick-off call")
    await step(client, admin_headers, kind="first_deal_registered")
    await step(client, admin_headers, kind="users_invited", required=False)
    r = await client.post("/v1/deals", json=deal_body(), headers=pu)
    assert r.status_code == 201, r.text
    assert await store.events(type="partner.onboarding_completed") == []
    assert (await store.get_partner(partner.id)).status == "onboarding"

    url = f"/v1/partners/{partner.id}/onboarding/steps/{custom['id']}/complete"
    r = await client.post(url, headers=admin_headers)
    assert r.status_code == 200, r.text
    sheet = r.json()
    assert sheet["completed"] is True
    [event] = await store.events(type="partner.onboarding_completed", resource_id=partner.id)
    assert event.partner_id == partner.id
    activated = await store.events(type="partner.activated", resource_id=partner.id)
    after = await store.get_partner(partner.id)
    if auto:
        assert after.status == "active" and after.activated_at is not None
        assert [e.actor["type"] for e in activated] == ["system"]
        assert sheet["partner_status"] == "active"
        assert sheet["time_to_onboard_seconds"] is not None
        assert event.data["object"]["partner_status"] == "active"
    else:
        assert after.status == "onboarding" and activated == []
        assert sheet["time_to_onboard_seconds"] is None
        # A channel manager activates; the checklist then shows the time it took.
        r = await client.post(f"/v1/partners/{partner.id}/activate", json={}, headers=admin_headers)
        assert r.status_code == 200, r.text
        sheet = await checklist(client, admin_headers, partner.id)
        assert sheet["time_to_onboard_seconds"] is not None
    # Once active, nothing is re-checked: the optional step stays as it was.
    assert state(sheet)["users_invited"] == "pending"


async def test_step_completion_rolls_back_with_its_transaction(
    client, admin_headers, auth, store, monkeypatch
):
    partner = await store.partner("onboarding")
    pu = await auth.headers("partner_user", partner_id=partner.id)
    await step(client, admin_headers, kind="first_deal_registered")
    original = rules.complete
    checked: list[bool] = []

    async def complete_then_fail(*args: Any, **kwargs: Any) -> bool:
        checked.append(await original(*args, **kwargs))  # the step's row is written…
        raise RuntimeError("a later statement of the request fails")

    monkeypatch.setattr(rules, "complete", complete_then_fail)
    r = await client.post("/v1/deals", json=deal_body(), headers=pu)
    assert r.status_code == 500
    assert checked == [True]
    monkeypatch.undo()
    # …and rolled back with the deal that satisfied it.
    assert state(await checklist(client, pu, partner.id)) == {"first_deal_registered": "pending"}
    assert await store.events(type="partner.onboarding_step_completed") == []
    async with store.sessionmaker() as session:
        assert (await session.scalars(select(Deal.id))).all() == []


async def test_checklist_of_another_partner_is_404(client, admin_headers, auth, store):
    mine, other = await store.partner("onboarding"), await store.partner("onboarding")
    await step(client, admin_headers, kind="custom", title="Kick-off call")
    for role in ("partner_admin", "partner_user"):
        headers = await auth.headers(role, partner_id=mine.id)
        assert (await checklist(client, headers, mine.id))["partner_id"] == str(mine.id)
        r = await client.get(f"/v1/partners/{other.id}/onboarding", headers=headers)
        assert_problem(r, 404, "not_found")
    manager = await auth.headers("channel_manager")
    assert state(await checklist(client, manager, other.id)) == {"custom": "pending"}
    r = await client.get(f"/v1/partners/{uuid.uuid4()}/onboarding", headers=manager)
    assert_problem(r, 404, "not_found")


async def test_step_shape_matches_its_model(client, admin_headers, db):
    """The list's Shape writes what the validated model writes (as tests/kit/test_render.py)."""
    created = await step(
        client, admin_headers, kind="profile_completed", profile_fields=["country", "address"]
    )
    where = OnboardingStep.id == uuid.UUID(created["id"])
    rows = (await db.execute(select(*OnboardingStep.__table__.columns).where(where))).all()
    objects = (await db.scalars(select(OnboardingStep).where(where))).all()
    for source in [*rows, *objects]:
        assert_shape_writes(STEP, source, OnboardingStepModel, {})
    r = await client.get("/v1/onboarding/steps", headers=admin_headers)
    assert r.json()["data"] == [created]


async def test_steps_already_met_complete_on_approval_and_when_added(
    client, admin_headers, auth, store
):
    """A partner approved with a complete profile has that step done at approval; a step
    added to the plan that a partner in onboarding already meets is done when added."""
    await step(client, admin_headers, kind="profile_completed", profile_fields=["description"])
    applied = await store.partner("applied", description="We sell.")
    r = await client.post(f"/v1/partners/{applied.id}/approve", headers=admin_headers)
    assert r.status_code == 200, r.text
    assert state(await checklist(client, admin_headers, applied.id)) == {
        "profile_completed": "completed"
    }
    r = await client.post(
        "/v1/deals",
        json=deal_body(),
        headers=await auth.headers("partner_admin", partner_id=applied.id),
    )
    assert r.status_code == 201, r.text
    await step(client, admin_headers, kind="first_deal_registered")
    sheet = await checklist(client, admin_headers, applied.id)
    assert state(sheet) == {"profile_completed": "completed", "first_deal_registered": "completed"}
