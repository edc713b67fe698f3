"""A vendor's change of the plan re-checks the partners in onboarding in its transaction: a step
added or edited so that a partner now meets it completes, and a partner whose required steps are
then all done ends onboarding as when its last step completes (event, auto-activation), once.
A partner already done is not announced again by a step added to the plan."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from factories import deal_body
from onboarding_support import PASSWORD, auto_activate, checklist, course, state, step

from prm_api.auth.principal import SYSTEM
from prm_api.onboarding import repository, rules, service


async def patch_step(client, admin_headers, step_id: str, **body: Any) -> dict[str, Any]:
    r = await client.patch(f"/v1/onboarding/steps/{step_id}", json=body, headers=admin_headers)
    assert r.status_code == 200, r.text
    return r.json()


async def delete_step(client, admin_headers, step_id: str) -> None:
    r = await client.delete(f"/v1/onboarding/steps/{step_id}", headers=admin_headers)
    assert r.status_code == 204, r.text


async def ended(store, partner_id: uuid.UUID) -> tuple[str, int, list[str]]:
    """The partner's status, its ``partner.onboarding_completed`` events, and who activated it."""
    partner = await store.get_partner(partner_id)
    assert partner is not None
    completed = await store.events(type="partner.onboarding_completed", resource_id=partner_id)
    activated = await store.events(type="partner.activated", resource_id=partner_id)
    return partner.status, len(completed), [e.actor["type"] for e in activated]


async def invite_and_accept(client, auth, partner_id: uuid.UUID, n: int) -> None:
    pa = await auth.headers("partner_admin", partner_id=partner_id)
    for _ in range(n):
        r = await client.post(
            f"/v1/partners/{partner_id}/invitations",
            json={"email": f"{uuid.uuid4().hex[:8]}@p.example"},
            headers=pa,
        )
        assert r.status_code == 201, r.text
        r = await client.post(
            "/v1/invitations/accept", json={"token": r.json()["token"], "password": PASSWORD}
        )
        assert r.status_code in (200, 201), r.text


@pytest.mark.parametrize("auto", [False, True])
async def test_deleting_the_last_pending_required_step_ends_onboarding(
    client, admin_headers, auth, store, auto
):
    await auto_activate(client, admin_headers, auto)
    done, waiting = await store.partner("onboarding"), await store.partner("onboarding")
    deal_step = await step(client, admin_headers, kind="first_deal_registered")
    custom = await step(client, admin_headers, kind="custom", title="Kick-off call")
    pu = await auth.headers("partner_user", partner_id=done.id)
    r = await client.post("/v1/deals", json=deal_body(), headers=pu)
    assert r.status_code == 201, r.text
    assert await ended(store, done.id) == ("onboarding", 0, [])

    await delete_step(client, admin_headers, custom["id"])
    sheet = await checklist(client, admin_headers, done.id)
    assert sheet["completed"] is True and state(sheet) == {"first_deal_registered": "completed"}
    [event] = await store.events(type="partner.onboarding_completed", resource_id=done.id)
    assert event.actor["type"] == "user" and event.partner_id == done.id
    if auto:
        assert await ended(store, done.id) == ("active", 1, ["system"])
        assert sheet["partner_status"] == "active" and sheet["time_to_onboard_seconds"] is not None
        assert event.data["object"]["partner_status"] == "active"
    else:
        assert await ended(store, done.id) == ("onboarding", 1, [])
        assert event.data["object"]["completed"] is True
    # The partner without a deal still has a required step to do.
    assert await ended(store, waiting.id) == ("onboarding", 0, [])
    assert (await checklist(client, admin_headers, waiting.id))["completed"] is False

    # Deleting the last required step leaves an empty plan, which completes nobody.
    await delete_step(client, admin_headers, deal_step["id"])
    assert await ended(store, waiting.id) == ("onboarding", 0, [])


async def test_lowering_min_count_completes_the_step_and_ends_onboarding(
    client, admin_headers, auth, store
):
    await auto_activate(client, admin_headers, True)
    two, one = await store.partner("onboarding"), await store.partner("onboarding")
    invited = await step(client, admin_headers, kind="users_invited", min_count=3)
    await invite_and_accept(client, auth, two.id, 2)
    await invite_and_accept(client, auth, one.id, 1)
    assert state(await checklist(client, admin_headers, two.id)) == {"users_invited": "pending"}

    await patch_step(client, admin_headers, invited["id"], min_count=2)
    sheet = await checklist(client, admin_headers, two.id)
    assert state(sheet) == {"users_invited": "completed"}
    assert sheet["steps"][0]["completed_by"].startswith("user:")  # the vendor's change
    [completed] = await store.events(type="partner.onboarding_step_completed", resource_id=two.id)
    assert completed.actor["type"] == "user"
    assert await ended(store, two.id) == ("active", 1, ["system"])
    # One invitation accepted of two: not met, still onboarding.
    assert state(await checklist(client, admin_headers, one.id)) == {"users_invited": "pending"}
    assert await ended(store, one.id) == ("onboarding", 0, [])


async def test_lowering_a_course_steps_min_count(client, admin_headers, auth, store):
    await auto_activate(client, admin_headers, False)
    partner = await store.partner("onboarding")
    c = await course(
        client, admin_headers, [{"kind": "link", "title": "Read", "url": "https://e.example/r"}]
    )
    course_step = await step(
        client, admin_headers, kind="course_completed", course_id=c["id"], min_count=2
    )
    pu = await auth.headers("partner_user", partner_id=partner.id)
    r = await client.post("/v1/enrollments", json={"course_id": c["id"]}, headers=pu)
    assert r.status_code == 201, r.text
    module = c["modules"][0]["id"]
    r = await client.post(
        f"/v1/enrollments/{r.json()['id']}/modules/{module}/complete", json={}, headers=pu
    )
    assert r.status_code == 200 and r.json()["status"] == "completed", r.text
    assert state(await checklist(client, pu, partner.id)) == {"course_completed": "pending"}

    # A title alone re-checks nobody; the threshold met does.
    await patch_step(client, admin_headers, course_step["id"], title="The course")
    assert state(await checklist(client, pu, partner.id)) == {"course_completed": "pending"}
    await patch_step(client, admin_headers, course_step["id"], min_count=1)
    sheet = await checklist(client, pu, partner.id)
    assert sheet["completed"] is True and state(sheet) == {"course_completed": "completed"}
    assert await ended(store, partner.id) == ("onboarding", 1, [])
    # An edit after that announces nothing again.
    await patch_step(client, admin_headers, course_step["id"], min_count=1, required=True)
    await patch_step(client, admin_headers, course_step["id"], title="The course, again")
    assert await ended(store, partner.id) == ("onboarding", 1, [])


async def test_profile_fields_changed_to_filled_ones(client, admin_headers, store):
    await auto_activate(client, admin_headers, True)
    partner = await store.partner("onboarding", description="We sell.", contact_phone=None)
    profile = await step(
        client, admin_headers, kind="profile_completed", profile_fields=["contact_phone"]
    )
    assert await ended(store, partner.id) == ("onboarding", 0, [])
    await patch_step(client, admin_headers, profile["id"], profile_fields=["description"])
    assert await ended(store, partner.id) == ("active", 1, ["system"])


async def test_making_the_last_pending_step_optional_ends_onboarding(
    client, admin_headers, auth, store
):
    await auto_activate(client, admin_headers, True)
    partner, other = await store.partner("onboarding"), await store.partner("onboarding")
    await step(client, admin_headers, kind="first_deal_registered")
    custom = await step(client, admin_headers, kind="custom", title="Kick-off call")
    invited = await step(client, admin_headers, kind="users_invited")
    for p in (partner, other):
        pu = await auth.headers("partner_user", partner_id=p.id)
        r = await client.post("/v1/deals", json=deal_body(), headers=pu)
        assert r.status_code == 201, r.text
    url = f"/v1/partners/{partner.id}/onboarding/steps/{custom['id']}/complete"
    assert (await client.post(url, headers=admin_headers)).status_code == 200
    assert await ended(store, partner.id) == ("onboarding", 0, [])

    # The invitation step, pending for both, made optional: the partner done with the rest
    # ends onboarding; the other still has the custom step to do.
    await patch_step(client, admin_headers, invited["id"], required=False)
    assert await ended(store, partner.id) == ("active", 1, ["system"])
    sheet = await checklist(client, admin_headers, partner.id)
    assert sheet["completed"] is True and state(sheet)["users_invited"] == "pending"
    assert await ended(store, other.id) == ("onboarding", 0, [])
    assert (await checklist(client, admin_headers, other.id))["completed"] is False


async def test_adding_a_required_step_already_met_announces_nothing_again(
    client, admin_headers, auth, store
):
    """Auto-activation off: a partner whose checklist is complete waits for a channel manager.
    A required step added that it already meets is done for it, and its checklist, still
    complete, is not announced a second time."""
    await auto_activate(client, admin_headers, False)
    done = await store.partner("onboarding", description="We sell.")
    waiting = await store.partner("onboarding", description="We sell too.")
    await step(client, admin_headers, kind="first_deal_registered")
    pu = await auth.headers("partner_user", partner_id=done.id)
    assert (await client.post("/v1/deals", json=deal_body(), headers=pu)).status_code == 201
    assert await ended(store, done.id) == ("onboarding", 1, [])

    profile = await step(
        client, admin_headers, kind="profile_completed", profile_fields=["description"]
    )
    sheet = await checklist(client, admin_headers, done.id)
    assert sheet["completed"] is True
    assert state(sheet) == {"first_deal_registered": "completed", "profile_completed": "completed"}
    assert sheet["steps"][1]["completed_by"].startswith("user:")  # the vendor's change
    _deal, added = await store.events(type="partner.onboarding_step_completed", resource_id=done.id)
    assert sheet["steps"][1]["step_id"] == profile["id"]
    assert added.actor["type"] == "user" and added.data["object"]["completed"] is True
    assert await ended(store, done.id) == ("onboarding", 1, [])
    # The partner without a deal has the new step done too, and still a step to do.
    sheet = await checklist(client, admin_headers, waiting.id)
    assert sheet["completed"] is False and state(sheet)["profile_completed"] == "completed"
    assert await ended(store, waiting.id) == ("onboarding", 0, [])

    # The channel manager activates it, as the one announcement said.
    r = await client.post(f"/v1/partners/{done.id}/activate", json={}, headers=admin_headers)
    assert r.status_code == 200, r.text
    assert await ended(store, done.id) == ("active", 1, ["user"])


async def test_adding_a_required_step_not_met_reopens_the_checklist(
    client, admin_headers, auth, store
):
    """A required step added that a partner with a complete checklist does not meet opens
    its checklist again, with no event. Completing it completes the new plan: that is a new
    completion, announced (and acted on) as any other."""
    await auto_activate(client, admin_headers, False)
    partner = await store.partner("onboarding", contact_phone=None)
    await step(client, admin_headers, kind="first_deal_registered")
    pu = await auth.headers("partner_user", partner_id=partner.id)
    assert (await client.post("/v1/deals", json=deal_body(), headers=pu)).status_code == 201
    assert await ended(store, partner.id) == ("onboarding", 1, [])

    await step(client, admin_headers, kind="profile_completed", profile_fields=["contact_phone"])
    sheet = await checklist(client, admin_headers, partner.id)
    assert sheet["completed"] is False
    assert state(sheet) == {"first_deal_registered": "completed", "profile_completed": "pending"}
    assert sheet["progress"] == {"required_steps": 2, "completed_required_steps": 1, "percent": 50}
    assert await ended(store, partner.id) == ("onboarding", 1, [])

    await auto_activate(client, admin_headers, True)
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.patch(
        f"/v1/partners/{partner.id}", json={"contact": {"phone": "+48 22 123 45 67"}}, headers=pa
    )
    assert r.status_code == 200, r.text
    assert await ended(store, partner.id) == ("active", 2, ["system"])
    first, second = await store.events(type="partner.onboarding_completed", resource_id=partner.id)
    assert first.data["object"]["progress"]["required_steps"] == 1
    assert second.actor["type"] == "user"
    assert second.data["object"]["completed"] is True
    assert second.data["object"]["progress"]["required_steps"] == 2


async def test_completed_partners_query_agrees_with_the_checklist(
    client, admin_headers, auth, store
):
    """:func:`repository.partners_onboarding_completed` reads "completed" as the checklist."""
    await auto_activate(client, admin_headers, False)
    partners = [await store.partner("onboarding") for _ in range(3)]
    async with store.sessionmaker() as session:
        assert not await repository.partners_onboarding_completed(session) & {
            p.id for p in partners
        }  # no plan yet: nobody
    await step(client, admin_headers, kind="first_deal_registered")
    await step(client, admin_headers, kind="custom", title="Optional", required=False)
    for p in partners[:2]:
        pu = await auth.headers("partner_user", partner_id=p.id)
        assert (await client.post("/v1/deals", json=deal_body(), headers=pu)).status_code == 201
    async with store.sessionmaker() as session:
        found = await repository.partners_onboarding_completed(session)
    for p in partners:
        sheet = await checklist(client, admin_headers, p.id)
        assert (p.id in found) is sheet["completed"]


@pytest.mark.parametrize("change", ["delete", "optional", "edit_completed_step", "add_met_step"])
async def test_plan_change_racing_a_step_completion(client, admin_headers, auth, store, change):
    """A vendor's plan change and a partner's deal (completing a step) at the same moment: both
    succeed (no deadlock) and onboarding ends exactly once, whichever commits first."""
    await auto_activate(client, admin_headers, False)
    for _round in range(4):
        partner = await store.partner("onboarding", description="We sell.")
        pu = await auth.headers("partner_user", partner_id=partner.id)
        deal_step = await step(client, admin_headers, kind="first_deal_registered")
        custom = await step(client, admin_headers, kind="custom", title="Kick-off call")
        if change == "delete":
            vendor = client.delete(f"/v1/onboarding/steps/{custom['id']}", headers=admin_headers)
        elif change == "optional":
            vendor = client.patch(
                f"/v1/onboarding/steps/{custom['id']}",
                json={"required": False},
                headers=admin_headers,
            )
        else:
            url = f"/v1/partners/{partner.id}/onboarding/steps/{custom['id']}/complete"
            assert (await client.post(url, headers=admin_headers)).status_code == 200
            if change == "edit_completed_step":  # the vendor locks the step the deal completes
                vendor = client.patch(
                    f"/v1/onboarding/steps/{deal_step['id']}",
                    json={"required": True, "description": f"Round {_round}"},
                    headers=admin_headers,
                )
            else:  # a required step the partner meets: done before or after the deal's
                vendor = client.post(
                    "/v1/onboarding/steps",
                    json={
                        "kind": "profile_completed",
                        "title": f"Profile {_round}",
                        "profile_fields": ["description"],
                    },
                    headers=admin_headers,
                )
        r_vendor, r_deal = await asyncio.gather(
            vendor, client.post("/v1/deals", json=deal_body(), headers=pu)
        )
        assert r_vendor.status_code in (200, 201, 204), r_vendor.text
        assert r_deal.status_code == 201, r_deal.text
        assert await ended(store, partner.id) == ("onboarding", 1, [])
        plan = [deal_step, custom]
        if change == "add_met_step":
            sheet = await checklist(client, admin_headers, partner.id)
            assert sheet["completed"] is True and state(sheet)["profile_completed"] == "completed"
            plan.append(r_vendor.json())
        # Clear the plan for the next round.
        for s in plan:
            await client.delete(f"/v1/onboarding/steps/{s['id']}", headers=admin_headers)


async def test_a_completion_waiting_for_a_plan_change_reads_the_plan_after_it(
    client, admin_headers, store
):
    """A partner's change that completes a step waits on the partner row a vendor's plan
    change holds; once the plan change (here: that step removed) commits, the pending steps
    are read as they are now — the removed step is not recorded (it was: a foreign-key error,
    a 500 for the partner's deal)."""
    partner = await store.partner("onboarding")
    target = await step(client, admin_headers, kind="first_deal_registered")
    await step(client, admin_headers, kind="custom", title="Kick-off call")
    await store.deal(partner.id, "submitted")  # met, not recorded yet (no service call)
    step_id = uuid.UUID(target["id"])
    async with store.sessionmaker() as vendor, store.sessionmaker() as other:
        await vendor.begin()
        held = await service.get_step(vendor, step_id, for_update=True)
        await rules.before_plan_change(vendor)  # the partners' rows, as a plan change takes them
        await vendor.delete(held)
        await vendor.flush()
        await other.begin()
        kinds = ["first_deal_registered"]
        waiting = asyncio.create_task(rules.recheck(other, SYSTEM, partner.id, kinds=kinds))
        await asyncio.sleep(0.3)
        assert not waiting.done()  # on the partner's row
        await vendor.commit()
        await asyncio.wait_for(waiting, timeout=5)
        await other.commit()
    sheet = await checklist(client, admin_headers, partner.id)
    assert [s["kind"] for s in sheet["steps"]] == ["custom"]
    assert await ended(store, partner.id) == ("onboarding", 0, [])
