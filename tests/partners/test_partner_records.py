"""Creating, reading and editing partner records (vendor roles and partner tokens)."""

from __future__ import annotations

import pytest

from prm_api.models import Partner

BODY = {
    "name": "Northwind Systems",
    "legal_name": "Northwind Systems GmbH",
    "website": "https://www.Northwind.example./about",
    "type": "reseller",
    "country": "DE",
    "region": "EMEA",
    "tags": ["b", "a", "b"],
    "external_ids": {"salesforce": "001"},
    "contact": {"name": "Nina", "email": "nina@northwind.example"},
}


@pytest.mark.parametrize("role", ["admin", "channel_manager"])
async def test_vendor_creates_a_partner(client, auth, store, role):
    headers = await auth.headers(role)
    r = await client.post("/v1/partners", headers=headers, json=BODY)
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["location"] == f"/v1/partners/{body['id']}"
    assert r.headers["etag"] == '"1"'
    assert body["status"] == "onboarding" and body["approved_at"] is not None
    assert body["domain"] == "northwind.example" and body["tags"] == ["a", "b"]
    assert body["source"] == "vendor" and body["tier"] is None
    assert body["contact"] == {"name": "Nina", "email": "nina@northwind.example", "phone": None}
    [row] = await store.audit(body["id"])
    assert row.action == "partner.created"
    r = await client.get(f"/v1/partners/{body['id']}", headers=headers)
    assert r.json() == body and r.headers["etag"] == '"1"'


@pytest.mark.parametrize(
    ("role", "code"), [("partner_admin", "vendor_only"), ("partner_user", "insufficient_scope")]
)
async def test_partner_tokens_cannot_create_partners(client, auth, store, role, code):
    own = await store.partner("active")
    headers = await auth.headers(role, partner_id=own.id)
    r = await client.post("/v1/partners", headers=headers, json=BODY)
    assert r.status_code == 403 and r.json()["code"] == code, r.text
    assert await store.count(Partner) == 1


async def test_manager_must_be_an_active_vendor_user(client, auth, factory, store):
    admin = await auth.headers("admin")
    own = await store.partner("active")
    partner_user = await factory.user(role="partner_admin", partner_id=own.id)
    manager = await factory.user(role="channel_manager")
    for bad in (str(partner_user.id), "01900000-0000-7000-8000-000000000001"):
        r = await client.post("/v1/partners", headers=admin, json={**BODY, "manager_id": bad})
        assert r.status_code == 422, r.text
    r = await client.post(
        "/v1/partners", headers=admin, json={**BODY, "manager_id": str(manager.id)}
    )
    assert r.status_code == 201 and r.json()["manager_id"] == str(manager.id), r.text
    pid = r.json()["id"]
    r = await client.patch(
        f"/v1/partners/{pid}", headers=admin, json={"manager_id": str(partner_user.id)}
    )
    assert r.status_code == 422, r.text
    r = await client.patch(f"/v1/partners/{pid}", headers=admin, json={"manager_id": None})
    assert r.status_code == 200 and r.json()["manager_id"] is None, r.text


async def test_vendor_patch(client, auth, store):
    admin = await auth.headers("admin")
    created = await client.post("/v1/partners", headers=admin, json=BODY)
    pid, etag = created.json()["id"], created.headers["etag"]
    r = await client.patch(
        f"/v1/partners/{pid}",
        headers={**admin, "If-Match": etag},
        json={"name": "Northwind AG", "tags": ["z", "a", "z"], "type": "msp"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "Northwind AG" and r.json()["tags"] == ["a", "z"]
    assert r.json()["type"] == "msp" and r.headers["etag"] == '"2"'
    # Stale ETag.
    r = await client.patch(
        f"/v1/partners/{pid}", headers={**admin, "If-Match": etag}, json={"region": "DACH"}
    )
    assert r.status_code == 412, r.text
    # Sending the current values changes nothing and records nothing.
    r = await client.patch(f"/v1/partners/{pid}", headers=admin, json={"name": "Northwind AG"})
    assert r.status_code == 200 and r.headers["etag"] == '"2"', r.text
    assert [a.action for a in await store.audit(pid)] == ["partner.created", "partner.updated"]


@pytest.mark.parametrize("field", ["name", "type"])
async def test_required_fields_cannot_be_nulled(client, auth, store, field):
    admin = await auth.headers("admin")
    partner = await store.partner("active")
    r = await client.patch(f"/v1/partners/{partner.id}", headers=admin, json={field: None})
    assert r.status_code == 422, r.text
    assert getattr(await store.get_partner(partner.id), field) == getattr(partner, field)


async def test_domain_changes_respect_uniqueness(client, auth, store):
    admin = await auth.headers("admin")
    await store.partner("active", domain="taken.example")
    partner = await store.partner("active")
    for body in ({"domain": "WWW.Taken.example."}, {"website": "https://taken.example/x"}):
        r = await client.patch(f"/v1/partners/{partner.id}", headers=admin, json=body)
        assert r.status_code == 409 and r.json()["code"] == "duplicate_partner", r.text
    r = await client.patch(
        f"/v1/partners/{partner.id}", headers=admin, json={"website": "https://new.example/x"}
    )
    assert r.status_code == 200 and r.json()["domain"] == "new.example", r.text
    r = await client.patch(
        f"/v1/partners/{partner.id}", headers=admin, json={"domain": "not a domain"}
    )
    assert r.status_code == 422, r.text


async def test_external_ids_name_one_partner(client, auth, store):
    admin = await auth.headers("admin")
    await store.partner("active", external_ids={"salesforce": "001"})
    r = await client.post("/v1/partners", headers=admin, json=BODY)
    assert r.status_code == 409 and r.json()["code"] == "external_id_taken", r.text
    other = await store.partner("active")
    r = await client.patch(
        f"/v1/partners/{other.id}", headers=admin, json={"external_ids": {"salesforce": "001"}}
    )
    assert r.status_code == 409 and r.json()["code"] == "external_id_taken", r.text
    r = await client.put(
        "/v1/partners/external/hubspot/H1",
        headers=admin,
        json={"name": "X", "type": "msp", "external_ids": {"salesforce": "001"}},
    )
    assert r.status_code == 409 and r.json()["code"] == "external_id_taken", r.text
    r = await client.get("/v1/partners", headers=admin, params={"external_id": "salesforce:001"})
    assert len(r.json()["data"]) == 1


async def test_partner_reads_only_itself(client, auth, store):
    own = await store.partner("active")
    other = await store.partner("active")
    for role in ("partner_admin", "partner_user"):
        headers = await auth.headers(role, partner_id=own.id)
        r = await client.get(f"/v1/partners/{own.id}", headers=headers)
        assert r.status_code == 200 and r.json()["id"] == str(own.id)
        assert r.headers["etag"] == '"1"'
        r = await client.get(f"/v1/partners/{other.id}", headers=headers)
        assert r.status_code == 404, r.text


async def test_no_token_is_401(client, store):
    partner = await store.partner("active")
    for method, url in [
        ("GET", "/v1/partners"),
        ("GET", f"/v1/partners/{partner.id}"),
        ("POST", "/v1/partners"),
        ("PATCH", f"/v1/partners/{partner.id}"),
        ("POST", f"/v1/partners/{partner.id}/approve"),
        ("GET", f"/v1/partners/{partner.id}/users"),
        ("GET", "/v1/tiers"),
    ]:
        r = await client.request(method, url, json={})
        assert r.status_code == 401, (method, url, r.text)
        assert r.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "website",
    [
        "javascript:alert(1)",
        "javascript://northwind.example/%0aalert(1)",
        "ftp://northwind.example",
        "data:text/html,hi",
        "not a website",
    ],
)
async def test_website_must_be_http(client, auth, store, website):
    admin = await auth.headers("admin")
    partner = await store.partner("active")
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.post(
        "/v1/partners",
        headers=admin,
        json={**BODY, "domain": "explicit.example", "website": website},
    )
    assert r.status_code == 422, r.text
    for headers in (admin, pa):
        r = await client.patch(
            f"/v1/partners/{partner.id}", headers=headers, json={"website": website}
        )
        assert r.status_code == 422, r.text
    assert (await store.get_partner(partner.id)).website == partner.website
