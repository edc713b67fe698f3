"""Events for partners, tiers, deal rules, program settings, users, invitations and API
clients: one per change, with ``data.object`` equal to the resource's GET body (secrets and
invitation tokens never in it), and none for a request that fails."""

from __future__ import annotations

import json
import uuid

import pytest
from factories import user_actor

from prm_api.partners.lifecycle import TRANSITIONS


async def _get(client, path, headers):
    r = await client.get(path, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


def _application(**extra):
    return {
        "name": "Northwind Systems",
        "website": f"https://nw{uuid.uuid4().hex[:6]}.example",
        "type": "reseller",
        "country": "DE",
        "contact": {"name": "Ann", "email": "ann@applicant.example"},
        **extra,
    }


# --- partners ---------------------------------------------------------------------------------


async def test_partner_application(client, store, admin_headers):
    mark = await store.mark()
    r = await client.post("/v1/partner-applications", json=_application())
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    event = await store.one_since(mark, "partner.applied")
    assert event.resource_id == pid
    assert str(event.partner_id) == pid
    assert event.actor == {
        "type": "anonymous",
        "id": None,
        "role": None,
        "partner_id": None,
        "client_id": None,
    }
    assert event.data == {"object": await _get(client, f"/v1/partners/{pid}", admin_headers)}

    # A duplicate application fails with 409 and records nothing.
    mark = await store.mark()
    website = event.data["object"]["website"]
    r = await client.post("/v1/partner-applications", json=_application(website=website))
    assert r.status_code == 409
    assert await store.since(mark) == []


async def test_partner_create_and_update(client, store, admin_headers):
    mark = await store.mark()
    r = await client.post(
        "/v1/partners",
        headers=admin_headers,
        json={"name": "Contoso", "type": "msp", "website": "https://contoso.example"},
    )
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    event = await store.one_since(mark, "partner.created")
    assert str(event.partner_id) == pid
    assert event.actor == user_actor(admin_headers)
    assert event.data == {"object": await _get(client, f"/v1/partners/{pid}", admin_headers)}

    etag = (await client.get(f"/v1/partners/{pid}", headers=admin_headers)).headers["etag"]
    mark = await store.mark()
    r = await client.patch(
        f"/v1/partners/{pid}",
        headers={**admin_headers, "If-Match": etag},
        json={"name": "Contoso Ltd", "tags": ["emea"], "contact": {"name": "Cy"}},
    )
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "partner.updated")
    assert event.data["object"] == await _get(client, f"/v1/partners/{pid}", admin_headers)
    assert event.data["previous_attributes"] == {
        "name": "Contoso",
        "tags": [],
        "contact": {"name": None, "email": None, "phone": None},
    }

    # Stale If-Match (412), a bad body (422) and a no-op record nothing.
    mark = await store.mark()
    r = await client.patch(
        f"/v1/partners/{pid}", headers={**admin_headers, "If-Match": etag}, json={"name": "x"}
    )
    assert r.status_code == 412
    r = await client.patch(f"/v1/partners/{pid}", headers=admin_headers, json={"name": None})
    assert r.status_code == 422
    r = await client.patch(
        f"/v1/partners/{pid}", headers=admin_headers, json={"name": "Contoso Ltd"}
    )
    assert r.status_code == 200
    assert await store.since(mark) == []


async def test_partner_admin_edit_is_the_partners_event(client, auth, store, admin_headers):
    partner = await store.partner()
    headers = await auth.headers("partner_admin", partner_id=partner.id)
    mark = await store.mark()
    r = await client.patch(
        f"/v1/partners/{partner.id}", headers=headers, json={"description": "We sell things."}
    )
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "partner.updated")
    assert event.partner_id == partner.id
    assert event.actor == user_actor(headers)
    assert event.data["previous_attributes"] == {"description": None}
    assert event.data["object"] == await _get(client, f"/v1/partners/{partner.id}", admin_headers)


async def test_partner_crm_upsert(client, store, admin_headers):
    path = "/v1/partners/external/salesforce/001ABC"
    body = {"name": "Fabrikam", "type": "distributor"}
    mark = await store.mark()
    r = await client.put(path, headers=admin_headers, json=body)
    assert r.status_code == 201, r.text
    created = await store.one_since(mark, "partner.created")
    assert created.data["object"] == r.json()
    assert created.data["object"]["source"] == "crm"

    mark = await store.mark()
    r = await client.put(path, headers=admin_headers, json={**body, "country": "PL"})
    assert r.status_code == 200, r.text
    updated = await store.one_since(mark, "partner.updated")
    assert updated.data["previous_attributes"] == {"country": None}
    assert updated.data["object"] == r.json()

    mark = await store.mark()
    assert (
        await client.put(path, headers=admin_headers, json={**body, "country": "PL"})
    ).is_success
    assert await store.since(mark) == []


@pytest.mark.parametrize(
    "path", [["approve", "activate", "suspend", "reinstate", "terminate"], ["decline"]]
)
async def test_partner_lifecycle(client, store, admin_headers, path):
    partner = await store.partner("applied")
    for action in path:
        before = await _get(client, f"/v1/partners/{partner.id}", admin_headers)
        mark = await store.mark()
        r = await client.post(
            f"/v1/partners/{partner.id}/{action}", headers=admin_headers, json={"reason": action}
        )
        assert r.status_code == 200, r.text
        step = TRANSITIONS[action]
        event = await store.one_since(mark, f"partner.{step.verb}")
        after = await _get(client, f"/v1/partners/{partner.id}", admin_headers)
        assert event.data["object"] == after
        assert event.data["previous_attributes"]["status"] == before["status"]
        assert event.data["previous_attributes"]["status_reason"] == before["status_reason"]
        assert event.data["previous_attributes"] == {
            k: v for k, v in before.items() if k != "updated_at" and after[k] != v
        }
        assert event.partner_id == partner.id
        assert event.actor == user_actor(admin_headers)


async def test_partner_invalid_transition_records_nothing(client, auth, store, admin_headers):
    partner = await store.partner("active")
    partner_admin = await auth.headers("partner_admin", partner_id=partner.id)
    mark = await store.mark()
    r = await client.post(f"/v1/partners/{partner.id}/approve", headers=admin_headers)
    assert r.status_code == 409
    r = await client.post(f"/v1/partners/{partner.id}/suspend", headers=partner_admin)
    assert r.status_code == 403
    r = await client.post(
        f"/v1/partners/{partner.id}/suspend", headers={**admin_headers, "If-Match": '"99"'}
    )
    assert r.status_code == 412
    assert await store.since(mark) == []


async def test_partner_tier_changed(client, store, admin_headers):
    silver, gold = await store.tier("silver", 20), await store.tier("gold", 30)
    partner = await store.partner(tier_id=silver.id)
    mark = await store.mark()
    r = await client.post(
        f"/v1/partners/{partner.id}/tier",
        headers=admin_headers,
        json={"tier_id": str(gold.id), "reason": "Met the criteria"},
    )
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "partner.tier_changed")
    assert event.data["object"] == await _get(client, f"/v1/partners/{partner.id}", admin_headers)
    assert event.data["object"]["tier"] == {
        "id": str(gold.id),
        "key": "gold",
        "name": "Gold",
        "rank": 30,
    }
    assert event.data["previous_attributes"] == {
        "tier": {"id": str(silver.id), "key": "silver", "name": "Silver", "rank": 20}
    }
    assert event.partner_id == partner.id

    # Same tier again: no change, no event; an unknown tier: 422, no event.
    mark = await store.mark()
    same = {"tier_id": str(gold.id), "reason": "again"}
    r = await client.post(f"/v1/partners/{partner.id}/tier", headers=admin_headers, json=same)
    assert r.status_code == 200
    unknown = {"tier_id": str(uuid.uuid4()), "reason": "x"}
    r = await client.post(f"/v1/partners/{partner.id}/tier", headers=admin_headers, json=unknown)
    assert r.status_code == 422
    assert await store.since(mark) == []

    # Removing the tier.
    mark = await store.mark()
    none = {"tier_id": None, "reason": "Dropped"}
    r = await client.post(f"/v1/partners/{partner.id}/tier", headers=admin_headers, json=none)
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "partner.tier_changed")
    assert event.data["object"]["tier"] is None
    assert event.data["previous_attributes"]["tier"]["key"] == "gold"


# --- tiers, deal rules, program settings (program-wide: no partner) ----------------------------


async def test_tier_crud(client, store, admin_headers):
    mark = await store.mark()
    r = await client.post(
        "/v1/tiers", headers=admin_headers, json={"key": "gold", "name": "Gold", "rank": 30}
    )
    assert r.status_code == 201, r.text
    tid = r.json()["id"]
    event = await store.one_since(mark, "tier.created")
    assert event.partner_id is None
    assert event.data == {"object": await _get(client, f"/v1/tiers/{tid}", admin_headers)}

    mark = await store.mark()
    r = await client.patch(
        f"/v1/tiers/{tid}",
        headers=admin_headers,
        json={"name": "Golden", "min_won_revenue": {"amount": "1000.00", "currency": "EUR"}},
    )
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "tier.updated")
    last = await _get(client, f"/v1/tiers/{tid}", admin_headers)
    assert event.data["object"] == last
    assert event.data["previous_attributes"] == {"name": "Gold", "min_won_revenue": None}

    mark = await store.mark()
    r = await client.post(
        "/v1/tiers", headers=admin_headers, json={"key": "gold", "name": "G", "rank": 1}
    )
    assert r.status_code == 409
    assert await store.since(mark) == []

    mark = await store.mark()
    r = await client.delete(f"/v1/tiers/{tid}", headers=admin_headers)
    assert r.status_code == 204
    event = await store.one_since(mark, "tier.deleted")
    assert event.data == {"object": last}
    assert event.resource_id == tid


async def test_tier_in_use_is_not_deleted(client, store, admin_headers):
    tier = await store.tier("gold", 30)
    await store.partner(tier_id=tier.id)
    mark = await store.mark()
    r = await client.delete(f"/v1/tiers/{tier.id}", headers=admin_headers)
    assert r.status_code == 409
    assert await store.since(mark) == []


async def test_deal_rule_crud(client, store, admin_headers):
    mark = await store.mark()
    r = await client.post(
        "/v1/deal-rules",
        headers=admin_headers,
        json={"name": "Small", "max_amount": {"amount": "1000.00", "currency": "EUR"}},
    )
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    event = await store.one_since(mark, "deal_rule.created")
    assert event.partner_id is None
    assert event.actor == user_actor(admin_headers)
    assert event.data == {"object": await _get(client, f"/v1/deal-rules/{rid}", admin_headers)}

    mark = await store.mark()
    r = await client.patch(
        f"/v1/deal-rules/{rid}", headers=admin_headers, json={"enabled": False, "position": 5}
    )
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "deal_rule.updated")
    last = await _get(client, f"/v1/deal-rules/{rid}", admin_headers)
    assert event.data["object"] == last
    assert event.data["previous_attributes"] == {"enabled": True, "position": 10}

    mark = await store.mark()
    r = await client.patch(f"/v1/deal-rules/{rid}", headers=admin_headers, json={"enabled": "no"})
    assert r.status_code == 422
    r = await client.delete(f"/v1/deal-rules/{rid}", headers={**admin_headers, "If-Match": '"1"'})
    assert r.status_code == 412
    assert await store.since(mark) == []

    mark = await store.mark()
    assert (await client.delete(f"/v1/deal-rules/{rid}", headers=admin_headers)).status_code == 204
    event = await store.one_since(mark, "deal_rule.deleted")
    assert event.data == {"object": last}


async def test_program_settings(client, store, admin_headers, auth):
    before = await _get(client, "/v1/program/settings", admin_headers)
    mark = await store.mark()
    r = await client.patch(
        "/v1/program/settings",
        headers=admin_headers,
        json={"protection_days": before["protection_days"] + 1, "max_extensions": 7},
    )
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "program_settings.updated")
    assert event.partner_id is None
    assert event.data["object"] == await _get(client, "/v1/program/settings", admin_headers)
    assert event.data["previous_attributes"] == {
        "protection_days": before["protection_days"],
        "max_extensions": before["max_extensions"],
    }

    manager = await auth.headers("channel_manager")
    mark = await store.mark()
    r = await client.patch("/v1/program/settings", headers=manager, json={"max_extensions": 1})
    assert r.status_code == 403
    r = await client.patch(
        "/v1/program/settings", headers=admin_headers, json={"max_extensions": -1}
    )
    assert r.status_code == 422
    assert await store.since(mark) == []


# --- users, invitations, API clients ----------------------------------------------------------


async def test_vendor_user_lifecycle(client, store, admin_headers):
    body = {"email": "ada@vendor.example", "name": "Ada", "role": "channel_manager"}
    mark = await store.mark()
    r = await client.post("/v1/users", headers=admin_headers, json=body)
    assert r.status_code == 201, r.text
    uid = r.json()["id"]
    event = await store.one_since(mark, "user.created")
    assert event.partner_id is None
    assert event.data == {"object": await _get(client, f"/v1/users/{uid}", admin_headers)}

    mark = await store.mark()
    r = await client.post("/v1/users", headers=admin_headers, json=body)
    assert r.status_code == 409
    assert await store.since(mark) == []

    mark = await store.mark()
    r = await client.patch(f"/v1/users/{uid}", headers=admin_headers, json={"role": "admin"})
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "user.updated")
    assert event.data["object"] == await _get(client, f"/v1/users/{uid}", admin_headers)
    assert event.data["previous_attributes"] == {"role": "channel_manager"}

    for action, type in (("deactivate", "user.deactivated"), ("reactivate", "user.reactivated")):
        mark = await store.mark()
        r = await client.post(f"/v1/users/{uid}/{action}", headers=admin_headers)
        assert r.status_code == 200, r.text
        event = await store.one_since(mark, type)
        body_now = await _get(client, f"/v1/users/{uid}", admin_headers)
        assert event.data["object"] == body_now
        assert event.data["previous_attributes"]["active"] is (action == "deactivate")

    # Deactivating yourself is refused: nothing recorded.
    me = (await client.get("/v1/me", headers=admin_headers)).json()
    mark = await store.mark()
    r = await client.post(f"/v1/users/{me['id']}/deactivate", headers=admin_headers)
    assert r.status_code == 409
    assert await store.since(mark) == []


async def test_password_change_is_an_update_without_the_password(client, store, admin_headers):
    r = await client.post(
        "/v1/users",
        headers=admin_headers,
        json={"email": "bo@vendor.example", "name": "Bo", "role": "admin"},
    )
    uid = r.json()["id"]
    mark = await store.mark()
    secret = "a brand new password 123"
    r = await client.patch(f"/v1/users/{uid}", headers=admin_headers, json={"password": secret})
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "user.updated")
    assert event.data["previous_attributes"] == {}
    assert secret not in json.dumps(event.data)
    assert "password" not in json.dumps(event.data)


async def test_partner_user_events_belong_to_the_partner(client, auth, store, admin_headers):
    partner = await store.partner()
    headers = await auth.headers("partner_admin", partner_id=partner.id)
    mark = await store.mark()
    # Vendor staff add partner users directly (partner admins invite them).
    r = await client.post(
        f"/v1/partners/{partner.id}/users",
        headers=admin_headers,
        json={"email": "pat@p.example", "name": "Pat", "role": "partner_user"},
    )
    assert r.status_code == 201, r.text
    uid = r.json()["id"]
    event = await store.one_since(mark, "user.created")
    assert event.partner_id == partner.id
    assert event.actor == user_actor(admin_headers)
    path = f"/v1/partners/{partner.id}/users/{uid}"
    assert event.data == {"object": await _get(client, path, admin_headers)}

    mark = await store.mark()
    r = await client.patch(path, headers=headers, json={"role": "partner_admin"})
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "user.updated")
    assert event.partner_id == partner.id
    assert event.data["previous_attributes"] == {"role": "partner_user"}

    mark = await store.mark()
    r = await client.post(f"{path}/deactivate", headers=headers)
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "user.deactivated")
    assert event.partner_id == partner.id
    assert event.data["object"] == await _get(client, path, admin_headers)


async def test_invitations(client, auth, store, admin_headers):
    partner = await store.partner()
    headers = await auth.headers("partner_admin", partner_id=partner.id)
    mark = await store.mark()
    r = await client.post(
        f"/v1/partners/{partner.id}/invitations",
        headers=headers,
        json={"email": "ivy@p.example", "name": "Ivy"},
    )
    assert r.status_code == 201, r.text
    invitation = r.json()
    token = invitation.pop("token")
    event = await store.one_since(mark, "user.invited")
    assert event.partner_id == partner.id
    assert "token" not in event.data["object"]
    assert token not in json.dumps(event.data)
    assert event.data == {"object": invitation}
    listed = await _get(client, f"/v1/partners/{partner.id}/invitations", headers)
    assert listed["data"] == [invitation]

    mark = await store.mark()
    r = await client.post(
        "/v1/invitations/accept", json={"token": token, "password": "a very good password"}
    )
    assert r.status_code == 201, r.text
    user = r.json()
    created, accepted = await store.since(mark)
    assert created.type == "user.created"
    assert created.partner_id == partner.id
    assert created.actor["type"] == "anonymous"
    assert created.data["object"] == await _get(
        client, f"/v1/partners/{partner.id}/users/{user['id']}", admin_headers
    )
    assert accepted.type == "invitation.accepted"
    assert accepted.partner_id == partner.id
    assert accepted.actor["type"] == "user"
    assert accepted.actor["id"] == user["id"]
    assert accepted.data["object"]["status"] == "accepted"
    assert accepted.data["previous_attributes"] == {"status": "pending", "accepted_at": None}
    listed = await _get(client, f"/v1/partners/{partner.id}/invitations", headers)
    assert listed["data"] == [accepted.data["object"]]
    assert token not in json.dumps(accepted.data)

    # A used token: 400, nothing recorded.
    mark = await store.mark()
    r = await client.post(
        "/v1/invitations/accept", json={"token": token, "password": "a very good password"}
    )
    assert r.status_code == 400
    assert await store.since(mark) == []


async def test_invitation_revoked(client, auth, store):
    partner = await store.partner()
    headers = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.post(
        f"/v1/partners/{partner.id}/invitations", headers=headers, json={"email": "x@p.example"}
    )
    iid = r.json()["id"]
    mark = await store.mark()
    r = await client.post(f"/v1/partners/{partner.id}/invitations/{iid}/revoke", headers=headers)
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "invitation.revoked")
    assert event.data["object"] == r.json()
    assert event.data["previous_attributes"] == {"status": "pending", "revoked_at": None}
    assert event.partner_id == partner.id

    mark = await store.mark()
    r = await client.post(f"/v1/partners/{partner.id}/invitations/{iid}/revoke", headers=headers)
    assert r.status_code == 409
    assert await store.since(mark) == []


async def test_api_clients(client, store, admin_headers):
    mark = await store.mark()
    r = await client.post(
        "/v1/api-clients", headers=admin_headers, json={"name": "CRM sync", "role": "admin"}
    )
    assert r.status_code == 201, r.text
    created = r.json()
    secret = created.pop("client_secret")
    cid = created["id"]
    event = await store.one_since(mark, "api_client.created")
    assert event.partner_id is None
    assert event.data == {"object": await _get(client, f"/v1/api-clients/{cid}", admin_headers)}
    assert event.data["object"] == created
    assert secret not in json.dumps(event.data)

    mark = await store.mark()
    r = await client.post(f"/v1/api-clients/{cid}/rotate-secret", headers=admin_headers)
    assert r.status_code == 200, r.text
    rotated = r.json()
    new_secret = rotated.pop("client_secret")
    event = await store.one_since(mark, "api_client.secret_rotated")
    assert event.data["object"] == await _get(client, f"/v1/api-clients/{cid}", admin_headers)
    assert event.data["previous_attributes"] == {
        "secret_last4": secret[-4:],
        "secret_rotated_at": None,
    }
    assert new_secret not in json.dumps(event.data)
    assert secret not in json.dumps(event.data)

    mark = await store.mark()
    r = await client.post(f"/v1/api-clients/{cid}/revoke", headers=admin_headers)
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "api_client.revoked")
    assert event.data["object"] == await _get(client, f"/v1/api-clients/{cid}", admin_headers)
    assert event.data["previous_attributes"] == {"active": True, "revoked_at": None}

    # Rotating a revoked client (409) and revoking again (no change) record nothing.
    mark = await store.mark()
    r = await client.post(f"/v1/api-clients/{cid}/rotate-secret", headers=admin_headers)
    assert r.status_code == 409
    r = await client.post(f"/v1/api-clients/{cid}/revoke", headers=admin_headers)
    assert r.status_code == 200
    assert await store.since(mark) == []


async def test_partner_bound_api_client_event_belongs_to_the_partner(store, factory):
    partner = await store.partner()
    mark = await store.mark()
    api_client, secret = await factory.api_client(role="partner_admin", partner_id=partner.id)
    event = await store.one_since(mark, "api_client.created")
    assert event.partner_id == partner.id
    assert event.actor == {
        "type": "system",
        "id": "tests",
        "role": None,
        "partner_id": None,
        "client_id": None,
    }
    assert event.data["object"]["client_id"] == api_client.client_id
    assert secret not in json.dumps(event.data)
