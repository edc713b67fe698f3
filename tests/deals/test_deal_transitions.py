"""The deal lifecycle: every (status × action) pair, and who may perform each action."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import DEAL_STATUSES, parse_ts, subject_of

from prm_api.kit.time import utcnow

ACTIONS = ["submit", "approve", "reject", "withdraw", "close", "extend"]
#: (status, action) → the status after; every other pair is an invalid transition.
ALLOWED = {
    ("draft", "submit"): "submitted",
    ("submitted", "approve"): "approved",
    ("submitted", "reject"): "rejected",
    ("submitted", "withdraw"): "withdrawn",
    ("approved", "withdraw"): "withdrawn",
    ("approved", "close"): "won",
    ("approved", "extend"): "approved",
}
ALLOWED_ACTIONS = {
    "draft": ["submit"],
    "submitted": ["approve", "reject", "withdraw"],
    "approved": ["withdraw", "close", "extend"],
}
#: The role that is entitled to the action (so only the status can make it fail).
ACTOR = {
    "submit": "partner_user",
    "approve": "channel_manager",
    "reject": "channel_manager",
    "withdraw": "partner_user",
    "close": "channel_manager",
    "extend": "admin",
}
BODIES = {
    "reject": {"reason": "Not ours"},
    "close": {"outcome": "won", "reason": "Signed", "closed_at": "2030-01-15"},
    "withdraw": {"reason": "Customer went elsewhere"},
}
SOURCE = {action: status for (status, action) in ALLOWED}


def _close_to(value: str | None, expected, seconds: float = 120) -> bool:
    ts = parse_ts(value)
    return ts is not None and abs((ts - expected).total_seconds()) < seconds


async def _headers(auth, role, partner):
    if role.startswith("partner"):
        return await auth.headers(role, partner_id=partner.id)
    return await auth.headers(role)


@pytest.mark.parametrize("status", DEAL_STATUSES)
@pytest.mark.parametrize("action", ACTIONS)
async def test_transition_table(client, auth, store, status, action):
    partner = await store.partner()
    deal = await store.deal(partner.id, status)
    headers = await _headers(auth, ACTOR[action], partner)
    before = await store.state(deal.id)
    now = utcnow()

    r = await client.post(f"/v1/deals/{deal.id}/{action}", headers=headers, json=BODIES.get(action))

    after = await store.state(deal.id)
    if (status, action) not in ALLOWED:
        assert r.status_code == 409, r.text
        problem = r.json()
        assert problem["code"] == "invalid_transition"
        assert problem["allowed_actions"] == ALLOWED_ACTIONS.get(status, [])
        assert problem["current_status"] == status
        assert r.headers["content-type"].startswith("application/problem+json")
        assert after == before
        assert await store.audit(deal.id) == []
        return

    assert r.status_code == 200, r.text
    body = r.json()
    target = ALLOWED[(status, action)]
    assert body["status"] == target == after["status"]
    assert after["version"] == before["version"] + 1
    assert r.headers["ETag"] == f'"{after["version"]}"'
    [event] = await store.audit(deal.id)
    if action == "submit":
        assert event.action == "deal.submitted"
        assert _close_to(body["submitted_at"], now)
        assert body["has_conflicts"] is False
        assert body["decision"] == {"by": None, "at": None, "reason": None}
        assert body["protection_expires_at"] is None
    elif action == "approve":
        assert event.action == "deal.approved"
        assert body["decision"]["by"] == subject_of(headers)
        assert _close_to(body["decision"]["at"], now)
        assert _close_to(body["protection_expires_at"], now + timedelta(days=90))
    elif action == "reject":
        assert event.action == "deal.rejected"
        assert body["decision"]["by"] == subject_of(headers)
        assert body["decision"]["reason"] == "Not ours"
        assert _close_to(body["decision"]["at"], now)
        assert body["protection_expires_at"] is None
    elif action == "withdraw":
        assert event.action == "deal.withdrawn"
        assert after["withdrawn_at"] is not None
        assert body["close_reason"] == "Customer went elsewhere"
    elif action == "close":
        assert event.action == "deal.won"
        assert body["closed_at"] == "2030-01-15"
        assert body["close_reason"] == "Signed"
    elif action == "extend":
        assert event.action == "deal.extended"
        assert body["extensions_used"] == 1
        assert after["protection_expires_at"] == before["protection_expires_at"] + timedelta(
            days=30
        )
    if target != status:
        assert event.changes["status"] == {"before": status, "after": target}


async def test_close_lost_defaults_close_date_to_today(client, auth, store):
    partner = await store.partner()
    deal = await store.deal(partner.id, "approved")
    cm = await auth.headers("channel_manager")
    r = await client.post(f"/v1/deals/{deal.id}/close", headers=cm, json={"outcome": "lost"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "lost"
    assert r.json()["closed_at"] == utcnow().date().isoformat()
    r = await client.post(f"/v1/deals/{deal.id}/close", headers=cm, json={"outcome": "maybe"})
    assert r.status_code == 422


# --- who may do what ------------------------------------------------------------------------

ROLES = ["partner_user", "partner_admin", "channel_manager", "admin"]
#: (action, role) → the expected error code, for the pairs that are refused.
REFUSED = {
    ("approve", "partner_user"): "insufficient_scope",
    ("approve", "partner_admin"): "insufficient_scope",
    ("reject", "partner_user"): "insufficient_scope",
    ("reject", "partner_admin"): "insufficient_scope",
    ("extend", "partner_user"): "insufficient_scope",
    ("extend", "partner_admin"): "insufficient_scope",
    ("withdraw", "channel_manager"): "partner_only",
    ("withdraw", "admin"): "partner_only",
    ("close", "partner_user"): "vendor_only",
    ("close", "partner_admin"): "vendor_only",
}
ROLE_ACTIONS = ["submit", "approve", "reject", "withdraw", "close", "extend"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ROLE_ACTIONS)
async def test_who_may_act(client, auth, store, action, role):
    partner = await store.partner()
    deal = await store.deal(partner.id, SOURCE[action])
    headers = await _headers(auth, role, partner)
    before = await store.state(deal.id)

    r = await client.post(f"/v1/deals/{deal.id}/{action}", headers=headers, json=BODIES.get(action))

    refused = REFUSED.get((action, role))
    if refused is None:
        assert r.status_code == 200, r.text
        assert r.json()["status"] == ALLOWED[(SOURCE[action], action)]
        return
    assert r.status_code == 403, r.text
    assert r.json()["code"] == refused
    assert await store.state(deal.id) == before
    assert await store.audit(deal.id) == []


async def test_partner_refused_even_with_a_forged_approve_scope(client, auth, store):
    """Defence in depth: the lifecycle itself refuses partner tokens for vendor actions."""
    partner = await store.partner()
    deal = await store.deal(partner.id, "submitted")
    headers = await auth.headers(
        "partner_admin",
        partner_id=partner.id,
        scopes=["deals:read", "deals:write", "deals:approve"],
    )
    before = await store.state(deal.id)
    for action in ("approve", "reject", "extend"):
        r = await client.post(
            f"/v1/deals/{deal.id}/{action}", headers=headers, json=BODIES.get(action)
        )
        assert r.status_code == 403, r.text
        assert r.json()["code"] == "vendor_only"
    assert await store.state(deal.id) == before


async def test_integration_client_closes_deals(client, auth, store):
    partner = await store.partner()
    deal = await store.deal(partner.id, "approved")
    crm = await auth.headers("channel_manager", as_client=True)
    r = await client.post(f"/v1/deals/{deal.id}/close", headers=crm, json={"outcome": "won"})
    assert r.status_code == 200, r.text
    [event] = await store.audit(deal.id, "deal.won")
    assert event.actor_type == "client"


async def test_reject_needs_a_reason(client, auth, store):
    partner = await store.partner()
    deal = await store.deal(partner.id, "submitted")
    cm = await auth.headers("channel_manager")
    before = await store.state(deal.id)
    for body in (None, {}, {"reason": ""}):
        r = await client.post(f"/v1/deals/{deal.id}/reject", headers=cm, json=body)
        assert r.status_code == 422, r.text
    assert await store.state(deal.id) == before


async def test_extension_limit(client, auth, store):
    partner = await store.partner()
    deal = await store.deal(partner.id, "approved")
    start = (await store.state(deal.id))["protection_expires_at"]
    admin = await auth.headers("admin")
    for n in (1, 2):
        r = await client.post(f"/v1/deals/{deal.id}/extend", headers=admin)
        assert r.status_code == 200, r.text
        assert r.json()["extensions_used"] == n
    state = await store.state(deal.id)
    assert state["protection_expires_at"] == start + timedelta(days=60)
    r = await client.post(f"/v1/deals/{deal.id}/extend", headers=admin)
    assert r.status_code == 409, r.text
    assert r.json()["code"] == "extension_limit_reached"
    assert await store.state(deal.id) == state


async def test_only_active_partners_submit(client, auth, store):
    onboarding = await store.partner("onboarding")
    deal = await store.deal(onboarding.id, "draft")
    headers = await auth.headers("partner_admin", partner_id=onboarding.id)
    r = await client.post(f"/v1/deals/{deal.id}/submit", headers=headers)
    assert r.status_code == 409, r.text
    assert r.json()["code"] == "partner_not_active"
    assert (await store.state(deal.id))["status"] == "draft"

    suspended = await store.partner("suspended")
    deal = await store.deal(suspended.id, "draft")
    r = await client.post(f"/v1/deals/{deal.id}/submit", headers=await auth.headers("admin"))
    assert r.status_code == 409, r.text
    assert r.json()["code"] == "partner_not_active"
    assert (await store.state(deal.id))["status"] == "draft"


async def test_actions_honour_if_match(client, auth, store):
    partner = await store.partner()
    deal = await store.deal(partner.id, "submitted")
    cm = await auth.headers("channel_manager")
    r = await client.get(f"/v1/deals/{deal.id}", headers=cm)
    etag = r.headers["ETag"]
    before = await store.state(deal.id)
    r = await client.post(f"/v1/deals/{deal.id}/approve", headers={**cm, "If-Match": '"999"'})
    assert r.status_code == 412, r.text
    assert await store.state(deal.id) == before
    r = await client.post(f"/v1/deals/{deal.id}/approve", headers={**cm, "If-Match": etag})
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] != etag


async def test_submit_by_vendor_and_close_dates(client, auth, store):
    partner = await store.partner()
    deal = await store.deal(partner.id, "draft")
    admin = await auth.headers("admin")
    r = await client.post(f"/v1/deals/{deal.id}/submit", headers=admin)
    assert r.status_code == 200 and r.json()["status"] == "submitted", r.text
    r = await client.post(f"/v1/deals/{deal.id}/approve", headers=admin, json={"reason": "ok"})
    assert r.status_code == 200 and r.json()["decision"]["reason"] == "ok", r.text
    r = await client.post(
        f"/v1/deals/{deal.id}/close",
        headers=admin,
        json={"outcome": "lost", "closed_at": str(date(2030, 2, 1)), "reason": "Price"},
    )
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["closed_at"], r.json()["close_reason"]) == (
        "lost",
        "2030-02-01",
        "Price",
    )
