"""Who may edit a deal in which status, and what an edit records."""

from __future__ import annotations

import pytest
from factories import deal_body

from prm_api.deals.names import name_key
from prm_api.models import Deal

LOCKED = ["rejected", "withdrawn", "won", "lost", "expired"]


@pytest.fixture
async def partner(store):
    return await store.partner()


@pytest.mark.parametrize("status", ["draft", "submitted"])
async def test_partner_edits_open_deals(client, auth, store, partner, status):
    deal = await store.deal(partner.id, status)
    pu = await auth.headers("partner_user", partner_id=partner.id)
    r = await client.patch(
        f"/v1/deals/{deal.id}",
        headers=pu,
        json={
            "title": "New title",
            "customer": {"name": "Globex GmbH", "domain": "WWW.Globex.Example."},
            "products": ["switches"],
            "notes": "n",
            "stage": "proposal",
            "amount": {"amount": "7.5", "currency": "USD"},
            "expected_close_date": "2032-02-29",
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["title"] == "New title"
    assert body["customer"]["name"] == "Globex GmbH"
    assert body["customer"]["domain"] == "globex.example"
    assert body["amount"] == {"amount": "7.50", "currency": "USD"}
    assert body["status"] == status
    row = await store.get_deal(deal.id)
    assert row.customer_name_key == name_key("Globex GmbH") == "globex"
    [event] = await store.audit(deal.id, "deal.updated")
    assert "title" in event.changes and "customer_name" in event.changes
    assert "status" not in event.changes


async def test_partner_on_approved_deal_changes_only_stage_and_amount(client, auth, store, partner):
    deal = await store.deal(partner.id, "approved")
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.patch(
        f"/v1/deals/{deal.id}",
        headers=pa,
        json={"stage": "commit", "amount": {"amount": "4000.00", "currency": "EUR"}},
    )
    assert r.status_code == 200, r.text
    assert r.json()["stage"] == "commit"
    assert r.json()["amount"]["amount"] == "4000.00"
    # A lower amount stays within the approval (a higher one returns the deal to review:
    # test_deal_return_to_review.py).
    assert r.json()["status"] == "approved"
    before = await store.state(deal.id)
    for body in (
        {"title": "x"},
        {"stage": "negotiation", "title": "x"},
        {"customer": {"name": "Other"}},
        {"notes": "x"},
        {"expected_close_date": "2031-01-01"},
    ):
        r = await client.patch(f"/v1/deals/{deal.id}", headers=pa, json=body)
        assert r.status_code == 422, (body, r.text)
        fields = {e["field"] for e in r.json()["errors"]}
        assert fields == set(body) - {"stage", "amount"}
    assert await store.state(deal.id) == before


@pytest.mark.parametrize("status", LOCKED)
async def test_partner_cannot_edit_closed_deals(client, auth, store, partner, status):
    deal = await store.deal(partner.id, status)
    pu = await auth.headers("partner_user", partner_id=partner.id)
    before = await store.state(deal.id)
    for body in ({"title": "x"}, {"stage": "commit"}):
        r = await client.patch(f"/v1/deals/{deal.id}", headers=pu, json=body)
        assert r.status_code == 409, r.text
        assert r.json()["code"] == "deal_locked"
    assert await store.state(deal.id) == before


@pytest.mark.parametrize("status", ["draft", "submitted", "approved", *LOCKED])
async def test_vendor_edits_anything(client, auth, store, partner, status):
    deal = await store.deal(partner.id, status)
    cm = await auth.headers("channel_manager")
    r = await client.patch(
        f"/v1/deals/{deal.id}",
        headers=cm,
        json={"title": "Fixed by the vendor", "customer": {"country": "DE"}},
    )
    assert r.status_code == 200, r.text
    assert r.json()["title"] == "Fixed by the vendor"
    assert r.json()["customer"]["country"] == "DE"
    assert r.json()["status"] == status


async def test_patch_if_match_and_nulls(client, auth, store, partner):
    deal = await store.deal(partner.id, "draft")
    pu = await auth.headers("partner_user", partner_id=partner.id)
    r = await client.get(f"/v1/deals/{deal.id}", headers=pu)
    etag = r.headers["ETag"]
    r = await client.patch(
        f"/v1/deals/{deal.id}", headers={**pu, "If-Match": etag}, json={"title": "One"}
    )
    assert r.status_code == 200, r.text
    before = await store.state(deal.id)
    r = await client.patch(
        f"/v1/deals/{deal.id}", headers={**pu, "If-Match": etag}, json={"title": "Two"}
    )
    assert r.status_code == 412, r.text
    for body in (
        {"title": None},
        {"stage": None},
        {"amount": None},
        {"customer": {"name": None}},
        {"customer": {"domain": "not a domain"}},
        {"amount": {"amount": "-1.00", "currency": "EUR"}},
        {"amount": {"amount": "1.00", "currency": "EURO"}},
        {"amount": {"amount": 1.5, "currency": "EUR"}},
        {"stage": "closed"},
    ):
        r = await client.patch(f"/v1/deals/{deal.id}", headers=pu, json=body)
        assert r.status_code == 422, (body, r.text)
    assert await store.state(deal.id) == before


async def test_noop_patch_writes_no_audit(client, auth, store, partner):
    deal = await store.deal(partner.id, "draft", title="Same")
    pu = await auth.headers("partner_user", partner_id=partner.id)
    r = await client.patch(f"/v1/deals/{deal.id}", headers=pu, json={"title": "Same"})
    assert r.status_code == 200, r.text
    assert await store.audit(deal.id) == []


async def test_create(client, auth, store, partner):
    pu = await auth.headers("partner_user", partner_id=partner.id)
    body = deal_body("Acme Sp. z o.o.", "WWW.Acme.Example.")
    body["customer"].update(country="PL", contact_name="Ann", contact_email="ann@acme.example")
    r = await client.post("/v1/deals", headers=pu, json=body)
    assert r.status_code == 201, r.text
    deal = r.json()
    assert r.headers["Location"] == f"/v1/deals/{deal['id']}"
    assert r.headers["ETag"] == '"1"'
    assert deal["partner_id"] == str(partner.id)
    assert deal["status"] == "draft" and deal["stage"] == "qualification"
    assert deal["customer"] == {
        "name": "Acme Sp. z o.o.",
        "domain": "acme.example",
        "country": "PL",
        "contact_name": "Ann",
        "contact_email": "ann@acme.example",
    }
    assert deal["decision"] == {"by": None, "at": None, "reason": None}
    assert deal["extensions_used"] == 0 and deal["has_conflicts"] is False
    row = await store.get_deal(deal["id"])
    assert row.customer_name_key == "acme"
    [event] = await store.audit(deal["id"])
    assert event.action == "deal.created"

    # Vendors must name an existing partner that still has access.
    admin = await auth.headers("admin")
    r = await client.post("/v1/deals", headers=admin, json=deal_body("Globex"))
    assert r.status_code == 422, r.text
    suspended = await store.partner("suspended")
    r = await client.post(
        "/v1/deals", headers=admin, json=deal_body("Globex", partner_id=str(suspended.id))
    )
    assert r.status_code == 409 and r.json()["code"] == "partner_not_active", r.text
    assert await store.count(Deal) == 1
