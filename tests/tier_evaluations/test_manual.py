"""Manual mode: a run proposes, vendor staff accept or reject each change once; the
criteria are checked with ``>=`` over the rolling window."""

from __future__ import annotations

from datetime import timedelta

from factories import assert_problem, check_event, user_actor
from tier_support import by_partner, certify, changes, gold_partner, ladder, run, won

from prm_api.kit.time import utcnow


async def test_a_partner_exactly_at_every_threshold_qualifies(
    client, store, factory, admin_headers
):
    silver, _gold = await ladder(store)
    exact = await gold_partner(store, factory, tier_id=silver.id)
    # A cent short of the revenue minimum, otherwise the same.
    short = await store.partner(tier_id=silver.id)
    await won(store, short.id, "6000.00")
    await won(store, short.id, "3999.99")
    await certify(store, factory, short.id)

    evaluation = await run(client, admin_headers)
    assert evaluation["mode"] == "manual" and evaluation["status"] == "proposed"
    assert evaluation["counts"] == {
        "partners_evaluated": 2,
        "upgrades": 1,
        "downgrades": 0,
        "open_changes": 1,
        "cancelled_earlier": 0,
    }
    [change] = await changes(client, admin_headers, evaluation["id"])
    assert change["partner_id"] == str(exact.id)
    assert change["status"] == "proposed" and change["direction"] == "upgrade"
    assert change["from_tier"]["key"] == "silver" and change["to_tier"]["key"] == "gold"
    to = change["criteria"]["to_tier"]
    assert to["qualifies"] is True
    assert to["won_revenue"]["required"] == {"amount": "10000.00", "currency": "USD"}
    assert to["won_revenue"]["actual"] == {"amount": "10000.00", "currency": "USD"}
    assert to["won_revenue"]["met"] is True
    assert to["won_deals"] == {
        "required": 2,
        "actual": 2,
        "missing": 0,
        "met": True,
        "summary": "2 won deals (2 required)",
    }
    assert to["certified_users"]["actual"] == 1 and to["certified_users"]["met"]
    # Nothing moves until someone decides.
    assert (await store.get_partner(exact.id)).tier_id == silver.id


async def test_only_the_window_and_held_certifications_count(client, store, factory, admin_headers):
    silver, _ = await ladder(store)
    partner = await store.partner(tier_id=silver.id)
    today = utcnow().date()
    await won(store, partner.id, "6000.00")
    await won(store, partner.id, "4000.00", closed=today - timedelta(days=400))  # outside
    await certify(store, factory, partner.id, expires_at=utcnow() - timedelta(days=1))
    await certify(store, factory, partner.id, status="revoked")
    evaluation = await run(client, admin_headers)
    assert await changes(client, admin_headers, evaluation["id"]) == []
    assert evaluation["status"] == "completed"
    r = await client.post("/v1/tier-evaluations/preview", headers=admin_headers)
    assert r.json()["changes"] == []


async def test_accept_and_reject_once(client, store, factory, admin_headers):
    silver, gold = await ladder(store)
    a = await gold_partner(store, factory, tier_id=silver.id)
    b = await gold_partner(store, factory, tier_id=silver.id)
    evaluation = await run(client, admin_headers)
    found = by_partner(await changes(client, admin_headers, evaluation["id"]))
    base = f"/v1/tier-evaluations/{evaluation['id']}/changes"

    mark = await store.mark()
    r = await client.post(
        f"{base}/{found[str(a.id)]['id']}/accept",
        headers=admin_headers,
        json={"reason": "Welcome to Gold"},
    )
    assert r.status_code == 200, r.text
    accepted = r.json()
    assert accepted["status"] == "accepted" and accepted["reason"] == "Welcome to Gold"
    assert accepted["decided_by"] == f"user:{user_actor(admin_headers)['id']}"
    assert accepted["applied_at"] is not None
    assert (await store.get_partner(a.id)).tier_id == gold.id
    events = await store.since(mark)
    assert [e.type for e in events] == ["partner.tier_changed", "tier_evaluation_change.accepted"]
    for event in events:
        check_event(event)
    tier_change = events[0].data["object"]["tier_change"]
    assert tier_change["evaluation_id"] == evaluation["id"]
    assert tier_change["status"] == "accepted"
    assert tier_change["criteria"]["to_tier"]["won_revenue"]["actual"]["amount"] == "10000.00"
    assert events[0].data["previous_attributes"]["tier"]["key"] == "silver"

    # Decided once: accepting or rejecting again is a 409 and changes nothing.
    mark = await store.mark()
    for action in ("accept", "reject"):
        r = await client.post(f"{base}/{found[str(a.id)]['id']}/{action}", headers=admin_headers)
        assert_problem(r, 409, "invalid_transition")
    assert await store.since(mark) == []

    r = await client.post(f"{base}/{found[str(b.id)]['id']}/reject", headers=admin_headers)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "rejected"
    assert (await store.get_partner(b.id)).tier_id == silver.id
    r = await client.post(f"{base}/{found[str(b.id)]['id']}/accept", headers=admin_headers)
    assert_problem(r, 409, "invalid_transition")

    r = await client.get(f"/v1/tier-evaluations/{evaluation['id']}", headers=admin_headers)
    assert r.json()["status"] == "completed" and r.json()["counts"]["open_changes"] == 0
    r = await client.get(base, headers=admin_headers, params={"status": "rejected"})
    assert [c["partner_id"] for c in r.json()["data"]] == [str(b.id)]


async def test_a_later_run_supersedes_open_proposals(client, store, factory, admin_headers):
    silver, _ = await ladder(store)
    partner = await gold_partner(store, factory, tier_id=silver.id)
    first = await run(client, admin_headers)
    [old] = await changes(client, admin_headers, first["id"])
    second = await run(client, admin_headers)
    assert second["counts"]["cancelled_earlier"] == 1
    [new] = await changes(client, admin_headers, second["id"])
    assert new["partner_id"] == str(partner.id) and new["status"] == "proposed"
    r = await client.get(
        f"/v1/tier-evaluations/{first['id']}/changes/{old['id']}", headers=admin_headers
    )
    assert r.json()["status"] == "cancelled"
    assert r.json()["reason"] == "Superseded by a later evaluation."
    r = await client.get(f"/v1/tier-evaluations/{first['id']}", headers=admin_headers)
    assert r.json()["status"] == "completed"
    r = await client.post(
        f"/v1/tier-evaluations/{first['id']}/changes/{old['id']}/accept", headers=admin_headers
    )
    assert_problem(r, 409, "invalid_transition")


async def test_a_stale_proposal_is_refused(client, store, factory, admin_headers):
    silver, gold = await ladder(store)
    partner = await gold_partner(store, factory, tier_id=silver.id)
    evaluation = await run(client, admin_headers)
    [change] = await changes(client, admin_headers, evaluation["id"])
    r = await client.post(
        f"/v1/partners/{partner.id}/tier",
        headers=admin_headers,
        json={"tier_id": str(gold.id), "reason": "By hand"},
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        f"/v1/tier-evaluations/{evaluation['id']}/changes/{change['id']}/accept",
        headers=admin_headers,
    )
    assert_problem(r, 409, "tier_change_stale")


async def test_only_active_partners_are_evaluated(client, store, factory, admin_headers):
    silver, _ = await ladder(store)
    for status in ("onboarding", "suspended", "terminated"):
        await gold_partner(store, factory, status=status, tier_id=silver.id)
    evaluation = await run(client, admin_headers)
    assert evaluation["counts"]["partners_evaluated"] == 0
    assert await changes(client, admin_headers, evaluation["id"]) == []
