"""CRM sync: `PUT /v1/partners/external/{system}/{id}` is an idempotent upsert."""

from __future__ import annotations

import asyncio

import pytest

from prm_api.models import Partner

URL = "/v1/partners/external/salesforce/001ABC"
BODY = {
    "name": "Contoso",
    "type": "msp",
    "website": "https://www.contoso.example/",
    "country": "US",
    "tags": ["west", "enterprise", "west"],
    "contact": {"name": "Carl", "email": "carl@contoso.example"},
    "address": {"line1": "1 Main St", "city": "Seattle", "country": "US"},
}


async def test_same_body_twice_is_a_no_op(client, auth, store):
    admin = await auth.headers("admin")
    first = await client.put(URL, headers=admin, json=BODY)
    assert first.status_code == 201, first.text
    assert first.headers["location"] == f"/v1/partners/{first.json()['id']}"
    body = first.json()
    assert body["external_ids"] == {"salesforce": "001ABC"}
    assert body["domain"] == "contoso.example" and body["source"] == "crm"
    assert body["tags"] == ["enterprise", "west"]

    second = await client.put(URL, headers=admin, json=BODY)
    assert second.status_code == 200, second.text
    assert second.json() == body
    assert second.headers["etag"] == first.headers["etag"]

    rows = await store.audit(body["id"])
    assert [r.action for r in rows] == ["partner.created"]
    assert await store.count(Partner) == 1


async def test_changed_body_writes_one_update(client, auth, store):
    admin = await auth.headers("admin")
    first = await client.put(URL, headers=admin, json=BODY)
    changed = {**BODY, "name": "Contoso Ltd", "tags": ["enterprise"]}
    r = await client.put(URL, headers=admin, json=changed)
    assert r.status_code == 200, r.text
    assert r.json()["id"] == first.json()["id"] and r.json()["name"] == "Contoso Ltd"
    assert r.headers["etag"] != first.headers["etag"]
    updates = await store.audit(first.json()["id"], "partner.updated")
    assert len(updates) == 1
    assert set(updates[0].changes) == {"name", "tags"}
    assert updates[0].changes["tags"] == {
        "before": ["enterprise", "west"],
        "after": ["enterprise"],
    }
    # Sending the changed body again is a no-op once more.
    again = await client.put(URL, headers=admin, json=changed)
    assert again.headers["etag"] == r.headers["etag"]
    assert len(await store.audit(first.json()["id"])) == 2


async def test_upsert_keeps_other_external_ids_and_finds_by_filter(client, auth):
    admin = await auth.headers("admin")
    r = await client.put(
        URL,
        headers=admin,
        json={**BODY, "external_ids": {"hubspot": "H-9", "salesforce": "001ABC"}},
    )
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    r = await client.put(URL, headers=admin, json=BODY)
    assert r.json()["external_ids"] == {"hubspot": "H-9", "salesforce": "001ABC"}
    for ext in ("salesforce:001ABC", "hubspot:H-9"):
        r = await client.get("/v1/partners", headers=admin, params={"external_id": ext})
        assert [p["id"] for p in r.json()["data"]] == [pid], ext
    r = await client.get("/v1/partners", headers=admin, params={"external_id": "salesforce:001"})
    assert r.json()["data"] == []
    r = await client.get("/v1/partners", headers=admin, params={"external_id": "nocolon"})
    assert r.status_code == 422, r.text


async def test_external_ids_must_agree_with_the_path(client, auth, store):
    admin = await auth.headers("admin")
    r = await client.put(URL, headers=admin, json={**BODY, "external_ids": {"salesforce": "OTHER"}})
    assert r.status_code == 422, r.text
    assert await store.count(Partner) == 0


async def test_upsert_respects_domain_uniqueness(client, auth, store):
    admin = await auth.headers("admin")
    await store.partner("active", domain="contoso.example")
    r = await client.put(URL, headers=admin, json=BODY)
    assert r.status_code == 409 and r.json()["code"] == "duplicate_partner", r.text
    assert await store.count(Partner) == 1


async def test_concurrent_upserts_create_one_partner(client, auth, store):
    admin = await auth.headers("admin")
    results = await asyncio.gather(*(client.put(URL, headers=admin, json=BODY) for _ in range(3)))
    assert sorted(r.status_code for r in results) == [200, 200, 201], [r.text for r in results]
    assert len({r.json()["id"] for r in results}) == 1
    assert len({r.headers["etag"] for r in results}) == 1
    assert await store.count(Partner) == 1
    assert [r.action for r in await store.audit(results[0].json()["id"])] == ["partner.created"]


@pytest.mark.parametrize("role", ["partner_admin", "partner_user"])
async def test_partner_tokens_cannot_upsert(client, auth, store, role):
    partner = await store.partner("active", external_ids={"salesforce": "001ABC"})
    headers = await auth.headers(role, partner_id=partner.id)
    r = await client.put(URL, headers=headers, json=BODY)
    assert r.status_code == 403, r.text
    assert (await store.get_partner(partner.id)).name == partner.name


@pytest.mark.parametrize("system", ["Salesforce", "1sf", "s" * 40, "sf!"])
async def test_system_name_is_validated(client, auth, system):
    admin = await auth.headers("admin")
    r = await client.put(f"/v1/partners/external/{system}/001", headers=admin, json=BODY)
    assert r.status_code == 422, r.text
