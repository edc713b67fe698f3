"""Partner isolation (another partner's deal does not exist) and mass assignment (422)."""

from __future__ import annotations

import uuid

import pytest
from factories import deal_body

from prm_api.models import AuditEvent, Deal


@pytest.fixture
async def world(auth, store):
    """Partners A and B; B has a deal in every status that some action accepts."""
    a = await store.partner(name="Alpha Widgets")
    b = await store.partner(name="Beta Widgets")
    deals = {
        status: await store.deal(
            b.id, status, customer="Acme Sp. z o.o.", domain="acme.example", title="Acme refresh"
        )
        for status in ("draft", "submitted", "approved", "won")
    }
    mine = await store.deal(a.id, "draft", customer="Acme Sp. z o.o.", domain="acme.example")
    return {
        "a": a,
        "b": b,
        "b_deals": deals,
        "a_deal": mine,
        "ha": await auth.headers("partner_admin", partner_id=a.id),
        "hb": await auth.headers("partner_user", partner_id=b.id),
    }


def _operations(deal_id):
    return [
        ("GET", f"/v1/deals/{deal_id}", None),
        ("PATCH", f"/v1/deals/{deal_id}", {"title": "hijacked"}),
        ("PATCH", f"/v1/deals/{deal_id}", {"stage": "commit"}),
        ("POST", f"/v1/deals/{deal_id}/submit", None),
        ("POST", f"/v1/deals/{deal_id}/withdraw", None),
        ("POST", f"/v1/deals/{deal_id}/close", {"outcome": "won"}),
        ("GET", f"/v1/deals/{deal_id}/conflicts", None),
    ]


async def test_another_partners_deal_does_not_exist(client, world, store):
    ha = world["ha"]
    before = {d.id: await store.state(d.id) for d in world["b_deals"].values()}
    missing = uuid.uuid4()
    for deal in world["b_deals"].values():
        for method, url, body in _operations(deal.id):
            r = await client.request(method, url, headers=ha, json=body)
            assert r.status_code == 404, (method, url, r.text)
            problem = r.json()
            assert problem["code"] == "not_found"
            # Indistinguishable from a deal that never existed.
            r2 = await client.request(
                method, url.replace(str(deal.id), str(missing)), headers=ha, json=body
            )
            assert r2.status_code == 404
            assert problem["detail"].replace(str(deal.id), "X") == r2.json()["detail"].replace(
                str(missing), "X"
            )
        # Vendor-only actions are refused by scope before the deal is looked up.
        for action, body in (("approve", None), ("reject", {"reason": "x"}), ("extend", None)):
            r = await client.post(f"/v1/deals/{deal.id}/{action}", headers=ha, json=body)
            r2 = await client.post(f"/v1/deals/{missing}/{action}", headers=ha, json=body)
            assert r.status_code == r2.status_code == 403
            assert r.json()["code"] == r2.json()["code"] == "insufficient_scope"
    for deal in world["b_deals"].values():
        assert await store.state(deal.id) == before[deal.id]
        assert await store.audit(deal.id) == []


async def test_lists_never_show_another_partners_deals(client, world):
    ha, b = world["ha"], world["b"]
    mine = str(world["a_deal"].id)
    queries = [
        "",
        "?status=draft&status=submitted&status=approved&status=won",
        "?stage=qualification",
        "?currency=EUR",
        "?amount_min=1000&amount_max=9000",
        "?expected_close_after=2031-01-01&expected_close_before=2031-12-31",
        "?customer_domain=acme.example",
        "?customer_domain=WWW.ACME.EXAMPLE.",
        "?q=Acme",
        "?q=acme%20refresh",
        "?q=Acmee",
        f"?partner_id={b.id}",
        "?created_after=2000-01-01T00:00:00Z",
        "?sort=amount",
        "?sort=-updated_at&limit=1",
    ]
    for query in queries:
        r = await client.get(f"/v1/deals{query}", headers=ha)
        assert r.status_code == 200, (query, r.text)
        ids = [d["id"] for d in r.json()["data"]]
        assert set(ids) <= {mine}, query
        assert r.json()["has_more"] is False, query
        for deal in world["b_deals"].values():
            assert str(deal.id) not in r.text
        assert str(b.id) not in r.text
    r = await client.get(f"/v1/deals?partner_id={b.id}", headers=ha)
    assert r.json()["data"] == []


async def test_vendor_lists_filter_by_partner(client, auth, world):
    cm = await auth.headers("channel_manager")
    r = await client.get(f"/v1/deals?partner_id={world['b'].id}", headers=cm)
    assert {d["id"] for d in r.json()["data"]} == {str(d.id) for d in world["b_deals"].values()}
    r = await client.get("/v1/deals?limit=100", headers=cm)
    assert len(r.json()["data"]) == 5


# --- mass assignment ------------------------------------------------------------------------

FORBIDDEN_FIELDS = {
    "status": "approved",
    "decided_by": "me",
    "decided_at": "2030-01-01T00:00:00Z",
    "decision": {"by": "me", "at": "2030-01-01T00:00:00Z", "reason": "mine"},
    "decision_reason": "mine",
    "protection_expires_at": "2099-01-01T00:00:00Z",
    "id": "0190a3c4-0000-7000-8000-000000000001",
    "created_at": "2020-01-01T00:00:00Z",
    "updated_at": "2020-01-01T00:00:00Z",
    "submitted_at": "2020-01-01T00:00:00Z",
    "has_conflicts": False,
    "extensions_used": 0,
    "registered_by": "someone",
    "version": 7,
    "closed_at": "2030-01-01",
}


@pytest.mark.parametrize("field", [*FORBIDDEN_FIELDS, "partner_id"])
@pytest.mark.parametrize("role", ["partner_user", "admin"])
async def test_create_rejects_protected_fields(client, auth, store, world, field, role):
    """Partner tokens may not even name a partner; vendors must, but nothing else."""
    body = deal_body("Globex")
    if role == "partner_user":
        headers = world["ha"]
        body[field] = str(world["b"].id) if field == "partner_id" else FORBIDDEN_FIELDS[field]
    else:
        headers = await auth.headers(role)
        body["partner_id"] = str(world["a"].id)
        if field != "partner_id":
            body[field] = FORBIDDEN_FIELDS[field]
        else:  # an unknown partner is no better
            body["partner_id"] = str(uuid.uuid4())
    count = await store.count(Deal)
    r = await client.post("/v1/deals", headers=headers, json=body)
    assert r.status_code == 422, r.text
    assert field in {e["field"] for e in r.json()["errors"]}
    assert await store.count(Deal) == count


@pytest.mark.parametrize("field", [*FORBIDDEN_FIELDS, "partner_id"])
@pytest.mark.parametrize("role", ["partner_admin", "channel_manager"])
async def test_patch_rejects_protected_fields(client, auth, store, world, field, role):
    deal = world["a_deal"]
    headers = world["ha"] if role == "partner_admin" else await auth.headers(role)
    value = str(world["b"].id) if field == "partner_id" else FORBIDDEN_FIELDS[field]
    before = await store.state(deal.id)
    r = await client.patch(
        f"/v1/deals/{deal.id}", headers=headers, json={"title": "changed", field: value}
    )
    assert r.status_code == 422, r.text
    assert field in {e["field"] for e in r.json()["errors"]}
    assert await store.state(deal.id) == before
    assert await store.audit(deal.id) == []


@pytest.mark.parametrize("field", list(FORBIDDEN_FIELDS))
async def test_upsert_rejects_protected_fields(client, auth, store, world, field):
    crm = await auth.headers("admin")
    url = "/v1/deals/external/salesforce/006-1"
    body = deal_body("Globex", partner_id=str(world["a"].id))
    r = await client.put(url, headers=crm, json={**body, field: FORBIDDEN_FIELDS[field]})
    assert r.status_code == 422, r.text
    assert await store.count(Deal, Deal.external_ids.contains({"salesforce": "006-1"})) == 0
    r = await client.put(url, headers=crm, json=body)
    assert r.status_code == 201, r.text
    deal_id = r.json()["id"]
    before = await store.state(deal_id)
    r = await client.put(url, headers=crm, json={**body, field: FORBIDDEN_FIELDS[field]})
    assert r.status_code == 422, r.text
    assert await store.state(deal_id) == before
    assert await store.count(AuditEvent, AuditEvent.resource_id == deal_id) == 1


async def test_customer_subfields_are_closed(client, world, store):
    body = deal_body("Globex")
    body["customer"]["name_key"] = "hijack"
    r = await client.post("/v1/deals", headers=world["ha"], json=body)
    assert r.status_code == 422, r.text
    r = await client.patch(
        f"/v1/deals/{world['a_deal'].id}",
        headers=world["ha"],
        json={"customer": {"name_key": "x"}},
    )
    assert r.status_code == 422, r.text


async def test_external_ids_are_no_oracle_for_partners(client, auth, store, world):
    """A partner cannot probe whether another partner's deal carries some CRM id."""
    await store.set_deal(world["b_deals"]["draft"].id, external_ids={"salesforce": "B-1"})
    ha = world["ha"]
    count = await store.count(Deal)
    for ext in ("B-1", "nobody-has-this"):
        body = deal_body("Globex", external_ids={"salesforce": ext})
        r = await client.post("/v1/deals", headers=ha, json=body)
        assert r.status_code == 422, r.text
        assert [e["field"] for e in r.json()["errors"]] == ["external_ids"]
        r = await client.patch(
            f"/v1/deals/{world['a_deal'].id}", headers=ha, json={"external_ids": {"crm": ext}}
        )
        assert r.status_code == 422, r.text
    assert await store.count(Deal) == count
    # Vendor roles keep the uniqueness check.
    admin = await auth.headers("admin")
    r = await client.post(
        "/v1/deals",
        headers=admin,
        json=deal_body("Globex", partner_id=str(world["a"].id), external_ids={"salesforce": "B-1"}),
    )
    assert r.status_code == 409 and r.json()["code"] == "external_id_taken", r.text
    r = await client.patch(
        f"/v1/deals/{world['a_deal'].id}", headers=admin, json={"external_ids": {"crm": "A-1"}}
    )
    assert r.status_code == 200 and r.json()["external_ids"] == {"crm": "A-1"}, r.text
