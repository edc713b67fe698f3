"""Partner-scoped endpoints: a partner admin's endpoint receives only its own partner's events,
in the partner's view; another partner's endpoints and deliveries do not exist for it."""

from __future__ import annotations

import json
import uuid

import pytest
from factories import deal_body
from sqlalchemy import func, select
from standardwebhooks.webhooks import Webhook
from webhook_support import create_endpoint, eventually, ping

from prm_api.models import Event, WebhookDelivery


async def _register_and_submit(client, headers, customer, domain) -> dict:
    r = await client.post("/v1/deals", headers=headers, json=deal_body(customer, domain))
    assert r.status_code == 201, r.text
    r = await client.post(f"/v1/deals/{r.json()['id']}/submit", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


async def _quiet(sessionmaker) -> bool:
    """Every event fanned out and every delivery settled."""
    async with sessionmaker() as session:
        unfanned = await session.scalar(
            select(func.count()).select_from(Event).where(Event.fanned_out_at.is_(None))
        )
        pending = await session.scalar(
            select(func.count())
            .select_from(WebhookDelivery)
            .where(WebhookDelivery.status != "succeeded")
        )
    return unfanned == 0 and pending == 0


async def _event_ids(sessionmaker, *where) -> set[str]:
    async with sessionmaker() as session:
        stmt = select(Event.id).where(Event.type != "ping")
        for cond in where:
            stmt = stmt.where(cond)
        return {str(i) for i in (await session.scalars(stmt)).all()}


@pytest.fixture
async def world(client, auth, store, admin_headers, receiver, start_worker):
    a = await store.partner()
    b = await store.partner()
    w = {
        "a": a,
        "b": b,
        "admin": admin_headers,
        "pa_a": await auth.headers("partner_admin", partner_id=a.id),
        "pa_b": await auth.headers("partner_admin", partner_id=b.id),
        "pu_a": await auth.headers("partner_user", partner_id=a.id),
        "pu_b": await auth.headers("partner_user", partner_id=b.id),
    }
    w["vendor_ep"] = await create_endpoint(client, admin_headers, receiver.url + "/vendor")
    w["a_ep"] = await create_endpoint(client, w["pa_a"], receiver.url + "/a")
    w["b_ep"] = await create_endpoint(
        client, w["pa_b"], receiver.url + "/b", event_types=["deal.*"]
    )
    return w


async def test_partner_endpoints_receive_only_their_partners_events(
    client, world, receiver, sessionmaker, start_worker
):
    a, b = world["a"], world["b"]
    assert world["a_ep"]["partner_id"] == str(a.id)
    assert world["b_ep"]["partner_id"] == str(b.id)
    assert world["vendor_ep"]["partner_id"] is None
    start_worker()
    deal_a = await _register_and_submit(client, world["pu_a"], "Alpha Books", "acme.example")
    deal_b = await _register_and_submit(client, world["pu_b"], "Zeta Reading", "acme.example")
    assert deal_b["has_conflicts"] is True
    await eventually(lambda: _quiet(sessionmaker))

    def got(path: str) -> list[dict]:
        return [json.loads(r.body) for r in receiver.requests if r.path == f"/hook{path}"]

    # Exactly the events each one is entitled to, all signed with its own secret.
    vendor, to_a, to_b = got("/vendor"), got("/a"), got("/b")
    assert {e["id"] for e in vendor} == await _event_ids(sessionmaker)
    missing_a = {
        (str(i), t)
        for i, t in await _event_rows(sessionmaker, Event.partner_id == a.id)
        if str(i) not in {e["id"] for e in to_a}
    }
    assert not missing_a, missing_a
    assert {e["id"] for e in to_b} == await _event_ids(
        sessionmaker, Event.partner_id == b.id, Event.type.startswith("deal.")
    )
    for path, ep in (("/vendor", "vendor_ep"), ("/a", "a_ep"), ("/b", "b_ep")):
        for r in receiver.requests:
            if r.path == f"/hook{path}":
                Webhook(world[ep]["secret"]).verify(r.body, r.headers)
    assert {e["partner_id"] for e in to_a} == {str(a.id)}
    assert {e["partner_id"] for e in to_b} == {str(b.id)}
    assert "deal.submitted" in {e["type"] for e in to_a}

    # Nothing of the other partner in any partner delivery.
    raw_a = " ".join(r.body.decode() for r in receiver.requests if r.path == "/hook/a")
    raw_b = " ".join(r.body.decode() for r in receiver.requests if r.path == "/hook/b")
    for secret_of_b in (str(b.id), deal_b["id"], "Zeta Reading"):
        assert secret_of_b not in raw_a
    for secret_of_a in (str(a.id), deal_a["id"], "Alpha Books"):
        assert secret_of_a not in raw_b

    # The conflict: the vendor sees the other registration, partner B only that it exists.
    [vendor_conflict] = [e for e in vendor if e["type"] == "deal.conflict_detected"]
    [b_conflict] = [e for e in to_b if e["type"] == "deal.conflict_detected"]
    assert vendor_conflict["id"] == b_conflict["id"]
    assert vendor_conflict["data"]["object"]["other_deal_id"] == deal_a["id"]
    assert vendor_conflict["data"]["object"]["other_partner_id"] == str(a.id)
    obj = b_conflict["data"]["object"]
    assert obj["deal_id"] == deal_b["id"] and obj["reason"] == "domain"
    assert obj.get("other_deal_id") is None
    assert obj.get("other_partner_id") is None
    assert obj.get("other_customer_name") is None
    assert obj.get("other_status") is None

    # The partner's pull backstop agrees with its webhooks: its admin (who manages the
    # endpoints) pulls every event of its partner; a partner user, whose scopes do not read
    # webhook configuration, pulls all but the endpoint's own events and pings.
    r = await client.get("/v1/events", headers=world["pa_b"], params={"limit": 100})
    assert r.status_code == 200, r.text
    pulled = {e["id"]: e for e in r.json()["data"]}
    assert set(pulled) == await _event_ids(sessionmaker, Event.partner_id == b.id) | {
        str(i) for i in await _ping_ids(sessionmaker, b.id)
    }
    r = await client.get("/v1/events", headers=world["pu_b"], params={"limit": 100})
    assert r.status_code == 200, r.text
    assert {e["id"] for e in r.json()["data"]} == await _event_ids(
        sessionmaker, Event.partner_id == b.id, ~Event.type.startswith("webhook_endpoint.")
    )
    # (The API spells out `previous_attributes: null`; the webhook body leaves it out.)
    pulled_conflict = pulled[b_conflict["id"]]
    assert pulled_conflict["data"]["object"] == b_conflict["data"]["object"]
    assert pulled_conflict["partner_id"] == b_conflict["partner_id"]


async def _event_rows(sessionmaker, *where) -> list[tuple[uuid.UUID, str]]:
    async with sessionmaker() as session:
        stmt = select(Event.id, Event.type).where(Event.type != "ping", *where)
        return [(i, t) for i, t in (await session.execute(stmt)).all()]


async def _ping_ids(sessionmaker, partner_id: uuid.UUID) -> list[uuid.UUID]:
    async with sessionmaker() as session:
        stmt = select(Event.id).where(Event.type == "ping", Event.partner_id == partner_id)
        return list((await session.scalars(stmt)).all())


async def test_a_partner_admin_cannot_reach_other_endpoints_or_deliveries(
    client, world, receiver, sessionmaker, start_worker
):
    pa_a = world["pa_a"]
    start_worker()
    b_ping = await ping(client, world["pa_b"], world["b_ep"]["id"])
    v_ping = await ping(client, world["admin"], world["vendor_ep"]["id"])
    own = await ping(client, pa_a, world["a_ep"]["id"])
    await eventually(lambda: _quiet(sessionmaker))

    r = await client.get("/v1/webhook-endpoints", headers=pa_a)
    assert r.status_code == 200
    assert [e["id"] for e in r.json()["data"]] == [world["a_ep"]["id"]]
    r = await client.get("/v1/webhook-endpoints", headers=world["admin"])
    assert len(r.json()["data"]) == 3

    for other in (world["b_ep"]["id"], world["vendor_ep"]["id"]):
        base = f"/v1/webhook-endpoints/{other}"
        calls = [
            ("GET", base, None),
            ("PATCH", base, {"description": "mine now"}),
            ("DELETE", base, None),
            ("POST", f"{base}/rotate-secret", None),
            ("POST", f"{base}/test", None),
            ("GET", f"{base}/stats", None),
            ("GET", f"{base}/deliveries", None),
            ("POST", f"{base}/recover", {"since": "2020-01-01T00:00:00Z"}),
        ]
        for method, url, body in calls:
            r = await client.request(method, url, headers=pa_a, json=body)
            assert r.status_code == 404, (method, url, r.text)
    for delivery_id in (b_ping["delivery_id"], v_ping["delivery_id"]):
        r = await client.get(f"/v1/webhook-deliveries/{delivery_id}", headers=pa_a)
        assert r.status_code == 404, r.text
        r = await client.post(f"/v1/webhook-deliveries/{delivery_id}/retry", headers=pa_a)
        assert r.status_code == 404, r.text
    # Its own: all fine.
    r = await client.get(f"/v1/webhook-deliveries/{own['delivery_id']}", headers=pa_a)
    assert r.status_code == 200 and r.json()["status"] == "succeeded"
    r = await client.post(f"/v1/webhook-deliveries/{own['delivery_id']}/retry", headers=pa_a)
    assert r.status_code == 202, r.text

    # Nothing changed on the others.
    r = await client.get(f"/v1/webhook-endpoints/{world['b_ep']['id']}", headers=world["pa_b"])
    assert r.status_code == 200 and r.json()["description"] is None
    assert len([x for x in receiver.requests if x.path == "/hook/b"]) == 1

    # A partner admin cannot make an endpoint for another partner.
    r = await client.post(
        "/v1/webhook-endpoints",
        headers=pa_a,
        json={"url": receiver.url, "partner_id": str(world["b"].id)},
    )
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["code"] == "not_writable"


async def test_roles_without_webhooks_manage_are_forbidden(client, auth, world, receiver):
    channel_manager = await auth.headers("channel_manager")
    for headers in (world["pu_a"], channel_manager):
        for method, url, body in [
            ("GET", "/v1/webhook-endpoints", None),
            ("POST", "/v1/webhook-endpoints", {"url": receiver.url}),
            ("GET", f"/v1/webhook-endpoints/{world['a_ep']['id']}", None),
            ("POST", f"/v1/webhook-endpoints/{world['a_ep']['id']}/test", None),
        ]:
            r = await client.request(method, url, headers=headers, json=body)
            assert r.status_code == 403, (method, url, r.text)
    r = await client.get("/v1/webhook-endpoints")
    assert r.status_code == 401


async def test_a_vendor_can_register_an_endpoint_for_a_partner(
    client, world, receiver, sessionmaker, start_worker
):
    a = world["a"]
    ep = await create_endpoint(
        client,
        world["admin"],
        receiver.url + "/for-a",
        partner_id=str(a.id),
        event_types=["deal.*"],
    )
    assert ep["partner_id"] == str(a.id)
    # The partner admin sees it as its own.
    r = await client.get(f"/v1/webhook-endpoints/{ep['id']}", headers=world["pa_a"])
    assert r.status_code == 200
    start_worker()
    await _register_and_submit(client, world["pu_a"], "Alpha Books", "alpha.example")
    await _register_and_submit(client, world["pu_b"], "Zeta Reading", "zeta.example")
    await eventually(lambda: _quiet(sessionmaker))
    bodies = [json.loads(r.body) for r in receiver.requests if r.path == "/hook/for-a"]
    assert {e["type"] for e in bodies} == {"deal.created", "deal.submitted"}
    assert {e["partner_id"] for e in bodies} == {str(a.id)}
    r = await client.post(
        "/v1/webhook-endpoints",
        headers=world["admin"],
        json={"url": receiver.url, "partner_id": str(uuid.uuid4())},
    )
    assert r.status_code == 422, r.text
