"""Fields a caller may not set are rejected with 422 and nothing changes (DESIGN §4)."""

from __future__ import annotations

import uuid

import pytest

from prm_api.models import Invitation, Partner, User

TIER_ID = "01900000-0000-7000-8000-000000000001"
PROTECTED = {
    "status": "active",
    "tier": "gold",
    "tier_id": TIER_ID,
    "partner_id": TIER_ID,
    "id": TIER_ID,
    "created_at": "2020-01-01T00:00:00Z",
    "updated_at": "2020-01-01T00:00:00Z",
    "applied_at": "2020-01-01T00:00:00Z",
    "approved_at": "2020-01-01T00:00:00Z",
    "version": 7,
    "source": "crm",
    "status_reason": "because",
}
#: Writable by vendors but not by partner tokens (PATCH of their own profile).
VENDOR_ONLY = {
    "type": "msp",
    "manager_id": None,
    "external_ids": {"salesforce": "X"},
    "name": "Renamed",
    "legal_name": "Renamed GmbH",
    "domain": "renamed.example",
    "tags": ["vip"],
    "country": "FR",
    "region": "EMEA",
}


def _partner_body(**extra: object) -> dict:
    n = uuid.uuid4().hex[:8]
    return {"name": f"Mass {n}", "type": "reseller", "website": f"https://m{n}.example", **extra}


def _application(**extra: object) -> dict:
    n = uuid.uuid4().hex[:8]
    return {
        "name": f"Applicant {n}",
        "website": f"https://a{n}.example",
        "type": "reseller",
        "country": "DE",
        "contact": {"name": "Ann", "email": f"ann@a{n}.example"},
        **extra,
    }


def _assert_rejected(r, field: str) -> None:
    assert r.status_code == 422, (field, r.status_code, r.text)
    problem = r.json()
    assert problem["code"] == "validation_error"
    assert any(e["field"].split(".")[0] == field for e in problem["errors"]), (field, problem)


@pytest.mark.parametrize("field", sorted(PROTECTED))
async def test_create_partner_rejects_protected_fields(client, auth, store, field):
    admin = await auth.headers("admin")
    r = await client.post(
        "/v1/partners", headers=admin, json=_partner_body(**{field: PROTECTED[field]})
    )
    _assert_rejected(r, field)
    assert await store.count(Partner) == 0


@pytest.mark.parametrize("field", sorted(PROTECTED))
async def test_upsert_rejects_protected_fields(client, auth, store, field):
    admin = await auth.headers("admin")
    url = "/v1/partners/external/salesforce/MA-1"
    r = await client.put(url, headers=admin, json=_partner_body(**{field: PROTECTED[field]}))
    _assert_rejected(r, field)
    assert await store.count(Partner) == 0
    # ...and on an existing record nothing changes either.
    body = _partner_body()
    created = await client.put(url, headers=admin, json=body)
    assert created.status_code == 201, created.text
    r = await client.put(url, headers=admin, json={**body, field: PROTECTED[field]})
    _assert_rejected(r, field)
    again = await client.get(f"/v1/partners/{created.json()['id']}", headers=admin)
    assert again.json() == created.json() and again.headers["etag"] == created.headers["etag"]


@pytest.mark.parametrize("field", sorted(PROTECTED | {"contact_email": "x@y.example"}))
async def test_application_rejects_protected_fields(client, store, field):
    value = {**PROTECTED, "contact_email": "x@y.example"}[field]
    r = await client.post("/v1/partner-applications", json=_application(**{field: value}))
    _assert_rejected(r, field)
    assert await store.count(Partner) == 0


@pytest.mark.parametrize("field", ["manager_id", "tags", "external_ids", "domain"])
async def test_application_rejects_vendor_fields(client, store, field):
    r = await client.post(
        "/v1/partner-applications", json=_application(**{field: VENDOR_ONLY.get(field)})
    )
    _assert_rejected(r, field)
    assert await store.count(Partner) == 0


@pytest.mark.parametrize("role", ["admin", "partner_admin"])
@pytest.mark.parametrize("field", sorted(PROTECTED))
async def test_patch_rejects_protected_fields(client, auth, store, role, field):
    partner = await store.partner("active")
    admin = await auth.headers("admin")
    headers = admin if role == "admin" else await auth.headers(role, partner_id=partner.id)
    before = await client.get(f"/v1/partners/{partner.id}", headers=admin)
    r = await client.patch(
        f"/v1/partners/{partner.id}",
        headers=headers,
        json={"description": "ok", field: PROTECTED[field]},
    )
    _assert_rejected(r, field)
    after = await client.get(f"/v1/partners/{partner.id}", headers=admin)
    assert after.json() == before.json() and after.headers["etag"] == before.headers["etag"]
    assert await store.audit(partner.id) == []


@pytest.mark.parametrize("field", sorted(VENDOR_ONLY))
async def test_partner_token_patch_rejects_vendor_fields(client, auth, store, field):
    partner = await store.partner("active")
    admin = await auth.headers("admin")
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    before = await client.get(f"/v1/partners/{partner.id}", headers=admin)
    r = await client.patch(
        f"/v1/partners/{partner.id}",
        headers=pa,
        json={"description": "ok", field: VENDOR_ONLY[field]},
    )
    _assert_rejected(r, field)
    after = await client.get(f"/v1/partners/{partner.id}", headers=admin)
    assert after.json() == before.json() and after.headers["etag"] == before.headers["etag"]
    # The same field from a vendor is fine (the test would be vacuous otherwise).
    if field != "manager_id":
        r = await client.patch(
            f"/v1/partners/{partner.id}", headers=admin, json={field: VENDOR_ONLY[field]}
        )
        assert r.status_code == 200, (field, r.text)


async def test_partner_token_may_patch_its_profile_fields(client, auth, store):
    partner = await store.partner("active")
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.patch(
        f"/v1/partners/{partner.id}",
        headers=pa,
        json={
            "description": "We sell widgets",
            "website": "https://shop.elsewhere.example/about",
            "contact": {"name": "Pat", "email": "pat@p.example", "phone": "+49 30 1234"},
            "address": {"line1": "Main St 1", "city": "Berlin", "country": "DE"},
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["description"] == "We sell widgets"
    assert body["contact"] == {"name": "Pat", "email": "pat@p.example", "phone": "+49 30 1234"}
    assert body["address"]["city"] == "Berlin"
    # The domain identifies the partner (de-duplication, deal conflicts): a partner can't move it.
    assert body["domain"] == partner.domain
    [row] = await store.audit(partner.id, "partner.updated")
    assert "description" in row.changes and "domain" not in row.changes


USER_PROTECTED = {
    "partner_id": TIER_ID,
    "id": TIER_ID,
    "active": False,
    "created_at": "2020-01-01T00:00:00Z",
    "version": 3,
    "password_hash": "x",
    "status": "active",
}


@pytest.mark.parametrize("role", ["admin", "partner_admin"])
@pytest.mark.parametrize("field", sorted(USER_PROTECTED))
async def test_partner_user_create_rejects_protected_fields(client, auth, store, role, field):
    partner = await store.partner("active")
    headers = await auth.headers(role, partner_id=partner.id if role != "admin" else None)
    users_before = await store.count(User)
    r = await client.post(
        f"/v1/partners/{partner.id}/users",
        headers=headers,
        json={"email": "m@p.example", "name": "M", field: USER_PROTECTED[field]},
    )
    _assert_rejected(r, field)
    assert await store.count(User) == users_before


@pytest.mark.parametrize("role_value", ["admin", "channel_manager", "owner"])
async def test_partner_users_cannot_get_vendor_roles(client, auth, store, factory, role_value):
    partner = await store.partner("active")
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    users_before = await store.count(User)
    r = await client.post(
        f"/v1/partners/{partner.id}/users",
        headers=pa,
        json={"email": "m@p.example", "name": "M", "role": role_value},
    )
    _assert_rejected(r, "role")
    assert await store.count(User) == users_before
    colleague = await factory.user(role="partner_user", partner_id=partner.id)
    r = await client.patch(
        f"/v1/partners/{partner.id}/users/{colleague.id}", headers=pa, json={"role": role_value}
    )
    _assert_rejected(r, "role")
    assert (await store.get_user(colleague.id)).role == "partner_user"
    r = await client.post(
        f"/v1/partners/{partner.id}/invitations",
        headers=pa,
        json={"email": "i@p.example", "role": role_value},
    )
    _assert_rejected(r, "role")
    assert await store.count(Invitation) == 0


@pytest.mark.parametrize(
    "field", sorted(USER_PROTECTED | {"email": "new@p.example", "password": "x" * 20})
)
async def test_partner_user_patch_rejects_protected_fields(client, auth, store, factory, field):
    partner = await store.partner("active")
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    colleague = await factory.user(role="partner_user", partner_id=partner.id)
    value = {**USER_PROTECTED, "email": "new@p.example", "password": "x" * 20}[field]
    r = await client.patch(
        f"/v1/partners/{partner.id}/users/{colleague.id}", headers=pa, json={field: value}
    )
    _assert_rejected(r, field)
    row = await store.get_user(colleague.id)
    assert row.version == colleague.version and row.email == colleague.email and row.active


@pytest.mark.parametrize("field", ["name", "role"])
async def test_partner_user_patch_rejects_null(client, auth, store, factory, field):
    partner = await store.partner("active")
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    colleague = await factory.user(role="partner_user", partner_id=partner.id)
    r = await client.patch(
        f"/v1/partners/{partner.id}/users/{colleague.id}", headers=pa, json={field: None}
    )
    _assert_rejected(r, field)


INVITATION_PROTECTED = {
    "partner_id": TIER_ID,
    "id": TIER_ID,
    "token": "inv_chosen_by_the_caller",
    "token_hash": "0" * 64,
    "expires_at": "2099-01-01T00:00:00Z",
    "accepted_at": "2020-01-01T00:00:00Z",
    "status": "accepted",
    "created_at": "2020-01-01T00:00:00Z",
}


@pytest.mark.parametrize("field", sorted(INVITATION_PROTECTED))
async def test_invitation_create_rejects_protected_fields(client, auth, store, field):
    partner = await store.partner("active")
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.post(
        f"/v1/partners/{partner.id}/invitations",
        headers=pa,
        json={"email": "i@p.example", field: INVITATION_PROTECTED[field]},
    )
    _assert_rejected(r, field)
    assert await store.count(Invitation) == 0


@pytest.mark.parametrize("field", ["partner_id", "role", "email", "active"])
async def test_invitation_accept_rejects_extra_fields(client, auth, store, field):
    partner = await store.partner("active")
    admin = await auth.headers("admin")
    r = await client.post(
        f"/v1/partners/{partner.id}/invitations", headers=admin, json={"email": "i@p.example"}
    )
    token = r.json()["token"]
    value = {"partner_id": TIER_ID, "role": "admin", "email": "x@evil.example", "active": True}
    users_before = await store.count(User)
    r = await client.post(
        "/v1/invitations/accept",
        json={"token": token, "password": "a very good password", field: value[field]},
    )
    _assert_rejected(r, field)
    assert await store.count(User) == users_before
    # The token is still usable: a rejected request consumed nothing.
    r = await client.post(
        "/v1/invitations/accept", json={"token": token, "password": "a very good password"}
    )
    assert r.status_code == 201, r.text
    assert r.json()["partner_id"] == str(partner.id) and r.json()["role"] == "partner_user"
