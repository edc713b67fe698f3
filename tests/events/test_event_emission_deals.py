"""Every deal state change records exactly one event (of the right type) in its transaction;
failed requests record none. ``data.object`` is what ``GET /v1/deals/{id}`` returns."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import deal_body, subject_of, user_actor

from prm_api.deals.expiry import EXPIRY_ACTOR, expire_due_deals
from prm_api.kit.time import utcnow


async def _get(client, path, headers):
    r = await client.get(path, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture
async def partner(store):
    return await store.partner()


@pytest.fixture
async def partner_headers(auth, partner):
    return await auth.headers("partner_user", partner_id=partner.id)


async def test_create_and_update(client, store, partner, partner_headers, admin_headers):
    mark = await store.mark()
    r = await client.post("/v1/deals", headers=partner_headers, json=deal_body("Acme"))
    assert r.status_code == 201, r.text
    deal = r.json()
    event = await store.one_since(mark, "deal.created")
    assert event.resource_id == deal["id"]
    assert event.resource_type == "deal"
    assert event.partner_id == partner.id
    assert event.actor == user_actor(partner_headers)
    assert event.data == {"object": await _get(client, f"/v1/deals/{deal['id']}", admin_headers)}
    assert event.partner_data is None

    mark = await store.mark()
    r = await client.patch(
        f"/v1/deals/{deal['id']}",
        headers=partner_headers,
        json={"title": "Bigger", "amount": {"amount": "7000.00", "currency": "EUR"}},
    )
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "deal.updated")
    assert event.data["object"] == await _get(client, f"/v1/deals/{deal['id']}", admin_headers)
    assert event.data["previous_attributes"] == {
        "title": "Acme refresh",
        "amount": {"amount": "5000.00", "currency": "EUR"},
    }
    assert event.partner_id == partner.id

    # Sending the same values again changes nothing and records nothing.
    mark = await store.mark()
    r = await client.patch(
        f"/v1/deals/{deal['id']}", headers=partner_headers, json={"title": "Bigger"}
    )
    assert r.status_code == 200
    assert await store.since(mark) == []


@pytest.mark.parametrize(
    ("body", "if_match", "status"),
    [
        ({"title": None}, None, 422),
        ({"title": "x"}, '"999"', 412),
        ({"customer": {"domain": "not a domain"}}, None, 422),
    ],
)
async def test_failed_update_records_nothing(
    client, store, partner, partner_headers, body, if_match, status
):
    deal = await store.deal(partner.id)
    headers = {**partner_headers, **({"If-Match": if_match} if if_match else {})}
    mark = await store.mark()
    r = await client.patch(f"/v1/deals/{deal.id}", headers=headers, json=body)
    assert r.status_code == status, r.text
    assert await store.since(mark) == []


async def test_failed_create_records_nothing(client, store, admin_headers):
    suspended = await store.partner("suspended")
    mark = await store.mark()
    body = deal_body(partner_id=str(suspended.id))
    r = await client.post("/v1/deals", headers=admin_headers, json=body)
    assert r.status_code == 409
    r = await client.post("/v1/deals", headers=admin_headers, json={"title": "no customer"})
    assert r.status_code == 422
    assert await store.since(mark) == []


async def test_crm_upsert_creates_then_updates(client, store, partner, admin_headers):
    path = "/v1/deals/external/salesforce/006XYZ"
    mark = await store.mark()
    r = await client.put(path, headers=admin_headers, json=deal_body(partner_id=str(partner.id)))
    assert r.status_code == 201, r.text
    created = await store.one_since(mark, "deal.created")
    assert created.partner_id == partner.id
    assert created.actor["role"] == "admin"
    assert created.data["object"] == r.json()
    assert created.data["object"]["external_ids"] == {"salesforce": "006XYZ"}

    mark = await store.mark()
    r = await client.put(path, headers=admin_headers, json=deal_body(stage="proposal"))
    assert r.status_code == 200, r.text
    updated = await store.one_since(mark, "deal.updated")
    assert updated.data["previous_attributes"] == {"stage": "qualification"}
    assert updated.data["object"] == await _get(
        client, f"/v1/deals/{r.json()['id']}", admin_headers
    )

    mark = await store.mark()
    r = await client.put(path, headers=admin_headers, json=deal_body(stage="proposal"))
    assert r.status_code == 200
    assert await store.since(mark) == []


async def test_submit(client, store, partner, partner_headers, admin_headers):
    deal = await store.deal(partner.id)
    mark = await store.mark()
    r = await client.post(f"/v1/deals/{deal.id}/submit", headers=partner_headers)
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, "deal.submitted")
    body = await _get(client, f"/v1/deals/{deal.id}", admin_headers)
    assert event.data["object"] == body == r.json()
    assert event.data["previous_attributes"] == {"status": "draft", "submitted_at": None}
    assert event.actor == user_actor(partner_headers)
    assert event.partner_id == partner.id


async def test_submit_auto_approved_by_a_rule(
    client, store, partner, partner_headers, admin_headers
):
    r = await client.post("/v1/deal-rules", headers=admin_headers, json={"name": "Everything"})
    assert r.status_code == 201, r.text
    rule_id = r.json()["id"]
    deal = await store.deal(partner.id)

    mark = await store.mark()
    r = await client.post(f"/v1/deals/{deal.id}/submit", headers=partner_headers)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "approved"
    submitted, approved = await store.since(mark)
    assert (submitted.type, approved.type) == ("deal.submitted", "deal.approved")
    assert submitted.data["object"]["status"] == "submitted"
    assert submitted.data["object"]["decision"] == {"by": None, "at": None, "reason": None}
    assert submitted.actor == user_actor(partner_headers)
    assert approved.data["object"] == await _get(client, f"/v1/deals/{deal.id}", admin_headers)
    assert approved.data["object"]["decision"]["by"] == f"rule:{rule_id}"
    previous = approved.data["previous_attributes"]
    assert previous["status"] == "submitted"
    assert previous["protection_expires_at"] is None
    assert previous["decision"] == {"by": None, "at": None, "reason": None}
    assert approved.actor["type"] == "system"
    assert approved.actor["id"] == f"rule:{rule_id}"
    assert {submitted.partner_id, approved.partner_id} == {partner.id}


@pytest.mark.parametrize(
    ("status", "action", "body", "who", "type", "changed"),
    [
        ("submitted", "approve", {"reason": "ok"}, "admin", "deal.approved", "decision"),
        ("submitted", "reject", {"reason": "dup"}, "admin", "deal.rejected", "decision"),
        ("submitted", "withdraw", None, "partner", "deal.withdrawn", "status"),
        ("approved", "withdraw", {"reason": "lost"}, "partner", "deal.withdrawn", "close_reason"),
        ("approved", "close", {"outcome": "won"}, "admin", "deal.won", "closed_at"),
        ("approved", "close", {"outcome": "lost"}, "admin", "deal.lost", "closed_at"),
        ("approved", "extend", {"reason": "slow"}, "admin", "deal.extended", "extensions_used"),
    ],
)
async def test_actions(
    client, store, partner, partner_headers, admin_headers, status, action, body, who, type, changed
):
    deal = await store.deal(partner.id, status)
    headers = admin_headers if who == "admin" else partner_headers
    before = await _get(client, f"/v1/deals/{deal.id}", admin_headers)
    mark = await store.mark()
    r = await client.post(f"/v1/deals/{deal.id}/{action}", headers=headers, json=body)
    assert r.status_code == 200, r.text
    event = await store.one_since(mark, type)
    after = await _get(client, f"/v1/deals/{deal.id}", admin_headers)
    assert event.data["object"] == after
    previous = event.data["previous_attributes"]
    assert changed in previous
    # previous_attributes holds exactly the changed fields, with their old values.
    assert previous == {
        k: v for k, v in before.items() if after[k] != v and k not in ("updated_at",)
    }
    assert event.actor == user_actor(headers)
    assert event.partner_id == partner.id
    assert event.resource_id == str(deal.id)


@pytest.mark.parametrize(
    ("status", "action", "body", "who", "headers_extra", "code"),
    [
        ("draft", "approve", None, "admin", {}, 409),  # invalid transition
        ("won", "close", {"outcome": "lost"}, "admin", {}, 409),
        ("submitted", "approve", None, "partner", {}, 403),  # vendor only
        ("submitted", "reject", {}, "admin", {}, 422),  # reason required
        ("submitted", "approve", None, "admin", {"If-Match": '"999"'}, 412),
        ("approved", "extend", None, "admin", {}, 409),  # extension limit (arranged below)
    ],
)
async def test_failed_actions_record_nothing(
    client,
    store,
    partner,
    partner_headers,
    admin_headers,
    status,
    action,
    body,
    who,
    headers_extra,
    code,
):
    extra = {"extensions_used": 99} if action == "extend" else {}
    deal = await store.deal(partner.id, status, **extra)
    before = await _get(client, f"/v1/deals/{deal.id}", admin_headers)
    headers = {**(admin_headers if who == "admin" else partner_headers), **headers_extra}
    mark = await store.mark()
    r = await client.post(f"/v1/deals/{deal.id}/{action}", headers=headers, json=body)
    assert r.status_code == code, r.text
    assert await store.since(mark) == []
    assert await _get(client, f"/v1/deals/{deal.id}", admin_headers) == before


async def test_expiry_job(client, store, sessionmaker, partner, admin_headers):
    past = utcnow() - timedelta(minutes=5)
    due = [
        await store.deal(partner.id, "approved", customer=f"Due {n}", protection_expires_at=past)
        for n in range(3)
    ]
    await store.deal(partner.id, "approved", customer="Later")
    mark = await store.mark()
    assert await expire_due_deals(sessionmaker) == 3
    events = await store.since(mark)
    assert sorted(e.resource_id for e in events) == sorted(str(d.id) for d in due)
    for event in events:
        assert event.type == "deal.expired"
        assert event.actor["type"] == "system"
        assert event.actor["id"] == EXPIRY_ACTOR.id
        assert event.partner_id == partner.id
        assert event.data["object"] == await _get(
            client, f"/v1/deals/{event.resource_id}", admin_headers
        )
        assert event.data["previous_attributes"] == {"status": "approved"}
    # A second run finds nothing to do and records nothing.
    mark = await store.mark()
    assert await expire_due_deals(sessionmaker) == 0
    assert await store.since(mark) == []


async def test_conflict_detected(client, auth, store, admin_headers):
    a, b = await store.partner(), await store.partner()
    ha = await auth.headers("partner_user", partner_id=a.id)
    hb = await auth.headers("partner_user", partner_id=b.id)
    first = (
        await client.post("/v1/deals", headers=ha, json=deal_body("Alpha", "acme.example"))
    ).json()
    assert (await client.post(f"/v1/deals/{first['id']}/submit", headers=ha)).status_code == 200
    second = (
        await client.post("/v1/deals", headers=hb, json=deal_body("Zeta", "acme.example"))
    ).json()

    mark = await store.mark()
    r = await client.post(f"/v1/deals/{second['id']}/submit", headers=hb)
    assert r.status_code == 200, r.text
    submitted, conflict = await store.since(mark)
    assert submitted.type == "deal.submitted"
    assert submitted.data["object"]["has_conflicts"] is True
    assert conflict.type == "deal.conflict_detected"
    assert conflict.resource_id == second["id"]
    assert conflict.partner_id == b.id
    assert conflict.actor == user_actor(hb)

    vendor_view = conflict.data["object"]
    assert vendor_view["deal_id"] == second["id"]
    assert vendor_view["other_deal_id"] == first["id"]
    assert vendor_view["other_partner_id"] == str(a.id)
    assert vendor_view["other_customer_name"] == "Alpha"
    assert vendor_view["other_status"] == "submitted"
    assert (vendor_view["reason"], vendor_view["score"]) == ("domain", 1.0)
    partner_view = conflict.partner_data["object"]
    assert {k: partner_view[k] for k in partner_view if k.startswith("other_")} == {
        "other_deal_id": None,
        "other_partner_id": None,
        "other_customer_name": None,
        "other_status": None,
    }
    assert str(a.id) not in str(conflict.partner_data)
    assert first["id"] not in str(conflict.partner_data)
    assert "Alpha" not in str(conflict.partner_data)

    # The same objects GET /v1/deals/{id}/conflicts returns to each audience.
    vendor_list = await _get(client, f"/v1/deals/{second['id']}/conflicts", admin_headers)
    partner_list = await _get(client, f"/v1/deals/{second['id']}/conflicts", hb)
    assert vendor_list["data"] == [vendor_view]
    assert partner_list["data"] == [partner_view]
    # Seen from the other deal, the conflict belongs to that deal.
    other_list = await _get(client, f"/v1/deals/{first['id']}/conflicts", admin_headers)
    assert other_list["data"][0]["deal_id"] == first["id"]
    assert other_list["data"][0]["other_deal_id"] == second["id"]


async def test_conflicting_deal_is_not_auto_approved(client, auth, store, admin_headers):
    await client.post("/v1/deal-rules", headers=admin_headers, json={"name": "Everything"})
    a, b = await store.partner(), await store.partner()
    await store.deal(a.id, "submitted", customer="Globex", customer_domain="globex.example")
    hb = await auth.headers("partner_user", partner_id=b.id)
    deal = await store.deal(b.id, customer="Globex Two", customer_domain="globex.example")
    mark = await store.mark()
    r = await client.post(f"/v1/deals/{deal.id}/submit", headers=hb)
    assert r.json()["status"] == "submitted"
    assert [e.type for e in await store.since(mark)] == [
        "deal.submitted",
        "deal.conflict_detected",
    ]


async def test_subject_is_the_actor(client, store, partner, partner_headers):
    r = await client.post("/v1/deals", headers=partner_headers, json=deal_body())
    [event] = await store.events(type="deal.created")
    assert event.actor["id"] == subject_of(partner_headers) == r.json()["registered_by"]
