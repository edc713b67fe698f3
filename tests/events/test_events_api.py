"""`GET /v1/events` and `GET /v1/events/{id}`: order, filters, cursor paging, and what a
partner token may see."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from factories import deal_body

from prm_api.kit.time import utcnow


async def _list(client, headers, **params):
    r = await client.get("/v1/events", headers=headers, params={"limit": 100, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["has_more"] is False, "raise the limit or page"
    return body["data"]


def _ids(items):
    return [e["id"] for e in items]


@dataclass
class World:
    a: object
    b: object
    ha: dict
    hb: dict
    deal_a: dict
    deal_b: dict
    tier_ids: list


@pytest.fixture
async def world(client, auth, store, admin_headers) -> World:
    """Two partners, each with a submitted deal (B's conflicts with A's), and program-wide
    tier events."""
    a, b = await store.partner(), await store.partner()
    ha = await auth.headers("partner_user", partner_id=a.id)
    hb = await auth.headers("partner_user", partner_id=b.id)
    deals = []
    for headers, customer in ((ha, "Alpha"), (hb, "Beta")):
        r = await client.post(
            "/v1/deals", headers=headers, json=deal_body(customer, "same.example")
        )
        assert r.status_code == 201, r.text
        deal = r.json()
        assert (await client.post(f"/v1/deals/{deal['id']}/submit", headers=headers)).is_success
        deals.append(deal)
    tier_ids = []
    for n in range(2):
        r = await client.post(
            "/v1/tiers", headers=admin_headers, json={"key": f"t{n}", "name": f"T{n}", "rank": n}
        )
        assert r.status_code == 201, r.text
        tier_ids.append(r.json()["id"])
    return World(a, b, ha, hb, deals[0], deals[1], tier_ids)


async def test_default_order_is_oldest_first(client, store, world, admin_headers):
    items = await _list(client, admin_headers)
    rows = await store.events()
    assert _ids(items) == [str(e.id) for e in rows]
    stamps = [e["created_at"] for e in items]
    assert stamps == sorted(stamps)
    newest_first = await _list(client, admin_headers, sort="-created_at")
    assert _ids(newest_first) == list(reversed(_ids(items)))


async def test_envelope(client, store, world, admin_headers):
    [row] = await store.events(type="deal.created", resource_id=world.deal_a["id"])
    r = await client.get(f"/v1/events/{row.id}", headers=admin_headers)
    assert r.status_code == 200, r.text
    event = r.json()
    assert set(event) == {"id", "type", "created_at", "api_version", "data", "actor", "partner_id"}
    assert event["id"] == str(row.id)
    assert event["type"] == "deal.created"
    assert event["partner_id"] == str(world.a.id)
    assert event["created_at"].endswith("Z")
    assert event["data"] == {"object": row.data["object"], "previous_attributes": None}
    assert event["actor"] == row.actor
    assert event in await _list(client, admin_headers)


async def test_type_filters(client, world, admin_headers):
    every = await _list(client, admin_headers)
    exact = await _list(client, admin_headers, type="deal.submitted")
    assert [e["type"] for e in exact] == ["deal.submitted", "deal.submitted"]
    deals = await _list(client, admin_headers, type="deal.*")
    assert deals == [e for e in every if e["type"].startswith("deal.")]
    assert {e["type"] for e in deals} == {
        "deal.created",
        "deal.submitted",
        "deal.conflict_detected",
    }
    both = await _list(client, admin_headers, type=["tier.created", "deal.created"])
    assert both == [e for e in every if e["type"] in ("tier.created", "deal.created")]
    assert len(both) == 4
    # A wildcard and an exact type together; duplicates change nothing.
    mixed = await _list(client, admin_headers, type=["tier.*", "deal.created", "tier.created"])
    assert mixed == both


@pytest.mark.parametrize(
    "pattern", ["deal.nope", "nope.*", "nope.created", "deal", "DEAL.created", "*", "deal.**"]
)
async def test_unknown_or_malformed_type_is_422(client, admin_headers, pattern):
    r = await client.get("/v1/events", headers=admin_headers, params={"type": pattern})
    assert r.status_code == 422, r.text


async def test_resource_and_partner_filters(client, world, admin_headers):
    every = await _list(client, admin_headers)
    of_deal = await _list(client, admin_headers, resource_id=world.deal_b["id"])
    assert [e["type"] for e in of_deal] == [
        "deal.created",
        "deal.submitted",
        "deal.conflict_detected",
    ]
    assert of_deal == [
        e
        for e in every
        if e["data"]["object"].get("id") == world.deal_b["id"]
        or e["data"]["object"].get("deal_id") == world.deal_b["id"]
    ]
    of_tier = await _list(client, admin_headers, resource_id=world.tier_ids[1])
    assert [e["type"] for e in of_tier] == ["tier.created"]
    assert await _list(client, admin_headers, resource_id=str(uuid.uuid4())) == []

    of_a = await _list(client, admin_headers, partner_id=str(world.a.id))
    assert of_a and of_a == [e for e in every if e["partner_id"] == str(world.a.id)]
    # The partner's user (created for its token) and its deal.
    assert {e["type"] for e in of_a} == {"user.created", "deal.created", "deal.submitted"}
    assert await _list(client, admin_headers, partner_id=str(uuid.uuid4())) == []


async def test_time_filters(client, world, admin_headers):
    every = await _list(client, admin_headers)
    pivot = every[len(every) // 2]["created_at"]
    after = await _list(client, admin_headers, created_after=pivot)
    before = await _list(client, admin_headers, created_before=pivot)
    assert after == [e for e in every if e["created_at"] >= pivot]  # inclusive
    assert before == [e for e in every if e["created_at"] < pivot]  # exclusive
    assert before + after == every
    window = await _list(
        client, admin_headers, created_after=every[1]["created_at"], created_before=pivot
    )
    assert window == [e for e in every if every[1]["created_at"] <= e["created_at"] < pivot]
    assert await _list(client, admin_headers, created_after=utcnow().isoformat()) == []
    r = await client.get("/v1/events", headers=admin_headers, params={"created_after": "yesterday"})
    assert r.status_code == 422


async def test_cursor_pagination(client, store, admin_headers):
    for n in range(7):
        r = await client.post(
            "/v1/tiers", headers=admin_headers, json={"key": f"k{n}", "name": f"K{n}", "rank": n}
        )
        assert r.status_code == 201
    expected = [str(e.id) for e in await store.events(type="tier.created")]
    assert len(expected) == 7
    seen, pages, cursor = [], 0, None
    while True:
        params = {"type": "tier.*", "limit": 3, **({"cursor": cursor} if cursor else {})}
        r = await client.get("/v1/events", headers=admin_headers, params=params)
        assert r.status_code == 200, r.text
        page = r.json()
        pages += 1
        seen += _ids(page["data"])
        if not page["has_more"]:
            assert page["next_cursor"] is None
            break
        assert len(page["data"]) == 3
        cursor = page["next_cursor"]
    assert pages == 3
    assert seen == expected
    r = await client.get("/v1/events", headers=admin_headers, params={"cursor": "garbage"})
    assert r.status_code == 400


async def test_partner_sees_only_its_own_events(client, store, world):
    rows = await store.events()
    for headers, partner in ((world.ha, world.a), (world.hb, world.b)):
        mine = await _list(client, headers)
        assert mine, "the partner's own events are listed"
        assert {e["partner_id"] for e in mine} == {str(partner.id)}
        assert _ids(mine) == [str(e.id) for e in rows if e.partner_id == partner.id]
        # Asking for another partner's events does not widen the view.
        other = world.b if partner is world.a else world.a
        assert await _list(client, headers, partner_id=str(other.id)) == mine
        for row in rows:
            r = await client.get(f"/v1/events/{row.id}", headers=headers)
            if row.partner_id == partner.id:
                assert r.status_code == 200
            else:  # another partner's, or program-wide (tiers): does not exist for it
                assert r.status_code == 404, (row.type, row.partner_id)


async def test_conflict_identity_is_hidden_from_the_partner(client, store, world, admin_headers):
    [row] = await store.events(type="deal.conflict_detected")
    assert row.partner_id == world.b.id
    vendor = (await client.get(f"/v1/events/{row.id}", headers=admin_headers)).json()
    assert vendor["data"]["object"]["other_deal_id"] == world.deal_a["id"]
    assert vendor["data"]["object"]["other_partner_id"] == str(world.a.id)
    assert vendor["data"]["object"]["other_customer_name"] == "Alpha"
    assert vendor["data"]["object"]["other_status"] == "submitted"

    partner = (await client.get(f"/v1/events/{row.id}", headers=world.hb)).json()
    obj = partner["data"]["object"]
    assert obj["deal_id"] == world.deal_b["id"]
    assert (obj["reason"], obj["score"]) == ("domain", 1.0)
    for key in ("other_deal_id", "other_partner_id", "other_customer_name", "other_status"):
        assert obj[key] is None
    text = str(partner)
    assert world.deal_a["id"] not in text and str(world.a.id) not in text and "Alpha" not in text
    [listed] = await _list(client, world.hb, type="deal.conflict_detected")
    assert listed == partner
    # Everything else is the same envelope.
    assert {k: v for k, v in partner.items() if k != "data"} == {
        k: v for k, v in vendor.items() if k != "data"
    }
    # The other partner does not see the event at all.
    assert (await client.get(f"/v1/events/{row.id}", headers=world.ha)).status_code == 404
    assert await _list(client, world.ha, type="deal.conflict_detected") == []


@pytest.mark.parametrize("role", ["partner_user", "partner_admin"])
async def test_partner_roles_hold_events_read(client, auth, store, role):
    partner = await store.partner()
    headers = await auth.headers(role, partner_id=partner.id)
    assert (await client.get("/v1/events", headers=headers)).status_code == 200
    assert (await client.get("/v1/event-types", headers=headers)).status_code == 200


@pytest.mark.parametrize("role", ["admin", "channel_manager"])
async def test_vendor_roles_hold_events_read(client, auth, role):
    headers = await auth.headers(role)
    assert (await client.get("/v1/events", headers=headers)).status_code == 200


async def test_auth_errors(client, auth, store, admin_headers):
    [row] = await store.events()  # the admin's own user.created
    for path in ("/v1/events", f"/v1/events/{row.id}", "/v1/event-types"):
        assert (await client.get(path)).status_code == 401
        bad = {"Authorization": "Bearer not-a-token"}
        assert (await client.get(path, headers=bad)).status_code == 401
    partner = await store.partner()
    for role, partner_id in (("admin", None), ("partner_user", partner.id)):
        without = await auth.headers(role, partner_id=partner_id, scopes=["deals:read"])
        for path in ("/v1/events", f"/v1/events/{row.id}", "/v1/event-types"):
            r = await client.get(path, headers=without)
            assert r.status_code == 403, (role, path, r.text)


async def test_unknown_event(client, admin_headers):
    assert (
        await client.get(f"/v1/events/{uuid.uuid4()}", headers=admin_headers)
    ).status_code == 404
    assert (await client.get("/v1/events/not-a-uuid", headers=admin_headers)).status_code == 422


async def test_a_resource_wildcard_stops_at_the_dot(client, world, admin_headers):
    """``deal.*`` is the deal resource only: ``deal_rule.*`` events share the prefix "deal"."""
    r = await client.post("/v1/deal-rules", headers=admin_headers, json={"name": "Small deals"})
    assert r.status_code == 201, r.text
    deals = await _list(client, admin_headers, type="deal.*")
    assert deals and all(e["type"].startswith("deal.") for e in deals)
    rules = await _list(client, admin_headers, type="deal_rule.*")
    assert [e["type"] for e in rules] == ["deal_rule.created"]
