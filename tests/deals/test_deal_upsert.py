"""CRM upsert by external id: PUT /v1/deals/external/{system}/{id}."""

from __future__ import annotations

from factories import deal_body

from prm_api.models import Deal

URL = "/v1/deals/external/salesforce/006-ABC"


async def test_same_put_twice_is_one_deal(client, auth, store):
    partner = await store.partner()
    crm = await auth.headers("channel_manager", as_client=True)
    body = deal_body(
        "Acme Sp. z o.o.",
        "WWW.Acme.Example.",
        amount="1250.5",
        partner_id=str(partner.id),
        expected_close_date="2031-01-31",
        products=["switches", "support"],
        stage="proposal",
    )
    body["customer"].update(country="PL", contact_name="Ann", contact_email="ann@acme.example")
    r1 = await client.put(URL, headers=crm, json=body)
    assert r1.status_code == 201, r1.text
    assert r1.headers["Location"] == f"/v1/deals/{r1.json()['id']}"
    assert r1.json()["external_ids"] == {"salesforce": "006-ABC"}
    assert r1.json()["status"] == "draft"
    assert r1.json()["amount"] == {"amount": "1250.50", "currency": "EUR"}
    r2 = await client.put(URL, headers=crm, json=body)
    assert r2.status_code == 200, r2.text
    assert r2.json()["id"] == r1.json()["id"]
    assert r2.headers["ETag"] == r1.headers["ETag"]
    assert await store.count(Deal) == 1
    deal_id = r1.json()["id"]
    assert len(await store.audit(deal_id, "deal.created")) == 1
    assert await store.audit(deal_id, "deal.updated") == []

    # A real change is one update row.
    r3 = await client.put(URL, headers=crm, json={**body, "title": "Renamed"})
    assert r3.status_code == 200 and r3.json()["title"] == "Renamed", r3.text
    [event] = await store.audit(deal_id, "deal.updated")
    assert set(event.changes) == {"title"}


async def test_upsert_rules(client, auth, store):
    partner = await store.partner()
    other = await store.partner()
    admin = await auth.headers("admin")
    r = await client.put(URL, headers=admin, json=deal_body("Globex"))
    assert r.status_code == 422, r.text  # partner_id needed to create
    r = await client.put(URL, headers=admin, json=deal_body("Globex", partner_id=str(partner.id)))
    assert r.status_code == 201, r.text
    deal_id = r.json()["id"]
    r = await client.put(URL, headers=admin, json=deal_body("Globex", partner_id=str(other.id)))
    assert r.status_code == 422, r.text
    r = await client.put(
        URL,
        headers=admin,
        json=deal_body("Globex", external_ids={"salesforce": "006-OTHER"}),
    )
    assert r.status_code == 422, r.text
    r = await client.put(
        URL, headers=admin, json=deal_body("Globex", external_ids={"hubspot": "h-1"})
    )
    assert r.status_code == 200, r.text
    assert r.json()["external_ids"] == {"salesforce": "006-ABC", "hubspot": "h-1"}
    assert r.json()["partner_id"] == str(partner.id)

    pa = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.put(URL, headers=pa, json=deal_body("Globex"))
    assert r.status_code == 403 and r.json()["code"] == "vendor_only", r.text
    assert await store.count(Deal) == 1
    assert (await store.get_deal(deal_id)).title == "Globex refresh"
