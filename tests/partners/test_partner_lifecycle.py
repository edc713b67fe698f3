"""The partner lifecycle: the full (status × action) table, If-Match, actors and concurrency."""

from __future__ import annotations

import asyncio

import pytest
from factories import claims_of, recent

from prm_api.kit.time import utcnow

STATUSES = ["applied", "onboarding", "active", "suspended", "declined", "terminated"]
ACTIONS = ["approve", "decline", "activate", "suspend", "reinstate", "terminate"]

# Written out by hand (not imported from the code under test): (status, action) → target and
# the timestamp the action stamps (None: reinstate stamps only status_changed_at).
ALLOWED = {
    ("applied", "approve"): ("onboarding", "approved_at"),
    ("applied", "decline"): ("declined", "declined_at"),
    ("applied", "terminate"): ("terminated", "terminated_at"),
    ("onboarding", "activate"): ("active", "activated_at"),
    ("onboarding", "terminate"): ("terminated", "terminated_at"),
    ("active", "suspend"): ("suspended", "suspended_at"),
    ("active", "terminate"): ("terminated", "terminated_at"),
    ("suspended", "reinstate"): ("active", None),
    ("suspended", "terminate"): ("terminated", "terminated_at"),
}
VERBS = {
    "approve": "approved",
    "decline": "declined",
    "activate": "activated",
    "suspend": "suspended",
    "reinstate": "reinstated",
    "terminate": "terminated",
}


def allowed_from(status: str) -> set[str]:
    return {action for (source, action) in ALLOWED if source == status}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", ACTIONS)
async def test_transition_table(client, auth, store, status, action):
    admin = await auth.headers("admin")
    admin_id = claims_of(admin)["sub"]
    partner = await store.partner(status)
    before = await client.get(f"/v1/partners/{partner.id}", headers=admin)
    assert before.status_code == 200, before.text
    audit_before = len(await store.audit(partner.id))
    t0 = utcnow()

    r = await client.post(
        f"/v1/partners/{partner.id}/{action}", headers=admin, json={"reason": "table test"}
    )

    row = await store.get_partner(partner.id)
    if (status, action) in ALLOWED:
        target, stamp = ALLOWED[(status, action)]
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["status"] == target
        assert body["status_reason"] == "table test"
        assert r.headers["etag"] != before.headers["etag"]
        if stamp:
            assert recent(body[stamp], t0), (stamp, body[stamp])
        if action == "reinstate":
            assert body["suspended_at"] is None
        assert row.status == target
        assert recent(row.status_changed_at, t0)
        assert row.status_changed_by == admin_id
        rows = await store.audit(partner.id)
        assert len(rows) == audit_before + 1
        assert rows[-1].action == f"partner.{VERBS[action]}"
        assert rows[-1].actor_id == admin_id
        assert rows[-1].changes["status"] == {"before": status, "after": target}
        after = await client.get(f"/v1/partners/{partner.id}", headers=admin)
        assert after.json()["status"] == target
        assert after.headers["etag"] == r.headers["etag"]
    else:
        assert r.status_code == 409, r.text
        problem = r.json()
        assert r.headers["content-type"].startswith("application/problem+json")
        assert problem["code"] == "invalid_transition"
        assert set(problem["allowed_actions"]) == allowed_from(status)
        assert problem["current_status"] == status
        after = await client.get(f"/v1/partners/{partner.id}", headers=admin)
        assert after.json() == before.json()
        assert after.headers["etag"] == before.headers["etag"]
        assert row.status == status and row.status_reason is None
        assert len(await store.audit(partner.id)) == audit_before


async def test_terminal_statuses_list_no_actions(client, auth, store):
    admin = await auth.headers("admin")
    for status in ("declined", "terminated"):
        partner = await store.partner(status)
        r = await client.post(f"/v1/partners/{partner.id}/terminate", headers=admin)
        assert r.status_code == 409 and r.json()["allowed_actions"] == [], r.text


async def test_action_without_body_and_with_channel_manager(client, auth, store):
    cm = await auth.headers("channel_manager")
    partner = await store.partner("applied")
    r = await client.post(f"/v1/partners/{partner.id}/approve", headers=cm)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "onboarding" and r.json()["status_reason"] is None


async def test_action_rejects_unknown_body_fields(client, auth, store):
    admin = await auth.headers("admin")
    partner = await store.partner("applied")
    r = await client.post(
        f"/v1/partners/{partner.id}/approve",
        headers=admin,
        json={"reason": "ok", "status": "active"},
    )
    assert r.status_code == 422, r.text
    assert (await store.get_partner(partner.id)).status == "applied"


async def test_if_match_is_honoured(client, auth, store):
    admin = await auth.headers("admin")
    partner = await store.partner("active")
    etag = (await client.get(f"/v1/partners/{partner.id}", headers=admin)).headers["etag"]
    r = await client.post(
        f"/v1/partners/{partner.id}/suspend", headers={**admin, "If-Match": '"999"'}
    )
    assert r.status_code == 412, r.text
    assert (await store.get_partner(partner.id)).status == "active"
    assert await store.audit(partner.id) == []
    r = await client.post(f"/v1/partners/{partner.id}/suspend", headers={**admin, "If-Match": etag})
    assert r.status_code == 200, r.text
    # The old ETag is stale now.
    r = await client.post(
        f"/v1/partners/{partner.id}/reinstate", headers={**admin, "If-Match": etag}
    )
    assert r.status_code == 412, r.text
    assert (await store.get_partner(partner.id)).status == "suspended"


@pytest.mark.parametrize("role", ["partner_admin", "partner_user"])
async def test_partner_tokens_cannot_run_actions_on_their_own_partner(client, auth, store, role):
    partner = await store.partner("active")
    headers = await auth.headers(role, partner_id=partner.id)
    for action in ACTIONS:
        r = await client.post(f"/v1/partners/{partner.id}/{action}", headers=headers)
        assert r.status_code == 403, (action, r.text)
        expected = "vendor_only" if role == "partner_admin" else "insufficient_scope"
        assert r.json()["code"] == expected
    assert (await store.get_partner(partner.id)).status == "active"


async def test_unknown_partner_is_404(client, auth):
    admin = await auth.headers("admin")
    r = await client.post(
        "/v1/partners/00000000-0000-7000-8000-000000000000/approve", headers=admin
    )
    assert r.status_code == 404, r.text


async def test_partners_are_never_hard_deleted(client, auth, store):
    admin = await auth.headers("admin")
    partner = await store.partner("active")
    r = await client.delete(f"/v1/partners/{partner.id}", headers=admin)
    assert r.status_code == 405, r.text
    assert await store.get_partner(partner.id) is not None


@pytest.mark.parametrize("round_", range(3))
async def test_concurrent_approvals_exactly_one_wins(client, auth, store, round_):
    admin = await auth.headers("admin")
    other = await auth.headers("channel_manager")
    partner = await store.partner("applied")
    results = await asyncio.gather(
        client.post(f"/v1/partners/{partner.id}/approve", headers=admin, json={"reason": "a"}),
        client.post(f"/v1/partners/{partner.id}/approve", headers=other, json={"reason": "b"}),
    )
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 409], [r.text for r in results]
    loser = next(r for r in results if r.status_code == 409)
    assert loser.json()["code"] == "invalid_transition"
    assert loser.json()["current_status"] == "onboarding"
    assert len(await store.audit(partner.id, "partner.approved")) == 1
    assert (await store.get_partner(partner.id)).status == "onboarding"


async def test_concurrent_conflicting_actions_serialize(client, auth, store):
    """Approve and decline at once: one applies, the other sees the new status."""
    admin = await auth.headers("admin")
    partner = await store.partner("applied")
    results = await asyncio.gather(
        client.post(f"/v1/partners/{partner.id}/approve", headers=admin),
        client.post(f"/v1/partners/{partner.id}/decline", headers=admin),
    )
    assert sorted(r.status_code for r in results) == [200, 409], [r.text for r in results]
    winner = next(r for r in results if r.status_code == 200)
    assert (await store.get_partner(partner.id)).status == winner.json()["status"]
    assert len(await store.audit(partner.id)) == 1
