"""Suspending or terminating a partner shuts its people and API clients out at once."""

from __future__ import annotations

import pytest
from factories import PASSWORD, bearer


@pytest.fixture
async def member(oauth, factory, store):
    """An active partner with a partner user signed in through the password grant."""
    partner = await store.partner("active")
    await factory.user(
        role="partner_user", partner_id=partner.id, email="pu@p.example", password=PASSWORD
    )
    r = await oauth.login("pu@p.example")
    assert r.status_code == 200, r.text
    return partner, bearer(r.json()["access_token"]), r.json()["refresh_token"]


async def test_suspension_cuts_access_and_reinstatement_restores_it(
    client, oauth, auth, store, member
):
    partner, token, refresh = member
    admin = await auth.headers("admin")
    assert (await client.get(f"/v1/partners/{partner.id}", headers=token)).status_code == 200

    r = await client.post(f"/v1/partners/{partner.id}/suspend", headers=admin)
    assert r.status_code == 200, r.text
    r = await client.get(f"/v1/partners/{partner.id}", headers=token)
    assert r.status_code == 401, r.text
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert (await client.get("/v1/tiers", headers=token)).status_code == 401
    r = await oauth.login("pu@p.example")
    assert r.status_code == 400 and r.json()["error"] == "invalid_grant", r.text
    r = await client.post(
        "/oauth/token", data={"grant_type": "refresh_token", "refresh_token": refresh}
    )
    assert r.status_code == 400, r.text

    r = await client.post(f"/v1/partners/{partner.id}/reinstate", headers=admin)
    assert r.status_code == 200, r.text
    r = await oauth.login("pu@p.example")
    assert r.status_code == 200, r.text
    fresh = bearer(r.json()["access_token"])
    assert (await client.get(f"/v1/partners/{partner.id}", headers=fresh)).status_code == 200


async def test_termination_cuts_access_for_good(client, oauth, auth, store, member):
    partner, token, _ = member
    admin = await auth.headers("admin")
    r = await client.post(f"/v1/partners/{partner.id}/terminate", headers=admin)
    assert r.status_code == 200, r.text
    assert (await client.get(f"/v1/partners/{partner.id}", headers=token)).status_code == 401
    assert (await oauth.login("pu@p.example")).status_code == 400
    r = await client.post(f"/v1/partners/{partner.id}/reinstate", headers=admin)
    assert r.status_code == 409, r.text
    assert (await client.get(f"/v1/partners/{partner.id}", headers=token)).status_code == 401


@pytest.mark.parametrize("action", ["suspend", "terminate"])
async def test_partner_api_clients_and_admins_lose_access(client, auth, store, action):
    partner = await store.partner("active")
    admin = await auth.headers("admin")
    machine = await auth.headers("partner_admin", partner_id=partner.id, as_client=True)
    person = await auth.headers("partner_admin", partner_id=partner.id)
    for headers in (machine, person):
        assert (await client.get(f"/v1/partners/{partner.id}", headers=headers)).status_code == 200
    r = await client.post(f"/v1/partners/{partner.id}/{action}", headers=admin)
    assert r.status_code == 200, r.text
    for headers in (machine, person):
        r = await client.patch(
            f"/v1/partners/{partner.id}", headers=headers, json={"description": "still here?"}
        )
        assert r.status_code == 401, r.text
    assert (await store.get_partner(partner.id)).description is None


async def test_other_partners_are_unaffected(client, auth, store, member):
    partner, _, _ = member
    other = await store.partner("active")
    other_user = await auth.headers("partner_user", partner_id=other.id)
    admin = await auth.headers("admin")
    await client.post(f"/v1/partners/{partner.id}/suspend", headers=admin)
    assert (await client.get(f"/v1/partners/{other.id}", headers=other_user)).status_code == 200


@pytest.mark.parametrize("status", ["applied", "onboarding"])
async def test_partners_being_onboarded_have_access(client, auth, store, status):
    partner = await store.partner(status)
    headers = await auth.headers("partner_admin", partner_id=partner.id)
    assert (await client.get(f"/v1/partners/{partner.id}", headers=headers)).status_code == 200


@pytest.mark.parametrize("status", ["suspended", "declined", "terminated"])
async def test_closed_partners_have_no_access(client, auth, store, status):
    partner = await store.partner(status)
    headers = await auth.headers("partner_admin", partner_id=partner.id)
    assert (await client.get(f"/v1/partners/{partner.id}", headers=headers)).status_code == 401
