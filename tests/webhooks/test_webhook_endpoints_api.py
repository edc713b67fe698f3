"""`/v1/webhook-endpoints` and `/v1/webhook-deliveries`: the secret shown once, filters,
preconditions, enable/disable, the test ping, the delivery log's filters and pages, delete."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from webhook_support import (
    Reply,
    create_endpoint,
    create_tier,
    deliveries,
    delivery,
    delivery_done,
    eventually,
    ping,
    wait_for,
)

from prm_api.models import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint


async def test_create_shows_the_secret_once(client, admin_headers, receiver, fast_settings):
    r = await client.post(
        "/v1/webhook-endpoints",
        headers=admin_headers,
        json={"url": receiver.url, "description": "CRM", "event_types": ["deal.*", "tier.created"]},
    )
    assert r.status_code == 201, r.text
    created = r.json()
    assert r.headers["location"] == f"/v1/webhook-endpoints/{created['id']}"
    assert r.headers["etag"]
    assert created["secret"].startswith("whsec_")
    assert created["url"] == receiver.url and created["description"] == "CRM"
    assert created["event_types"] == ["deal.*", "tier.created"]
    assert created["enabled"] is True and created["disabled_reason"] is None
    assert created["partner_id"] is None and created["secret_rotation_ends_at"] is None

    r = await client.get(r.headers["location"], headers=admin_headers)
    assert r.status_code == 200
    assert "secret" not in r.json() and created["secret"] not in r.text
    assert r.json() == {k: v for k, v in created.items() if k != "secret"}
    r = await client.get("/v1/webhook-endpoints", headers=admin_headers)
    assert created["secret"] not in r.text and [e["id"] for e in r.json()["data"]] == [
        created["id"]
    ]
    r = await client.patch(
        f"/v1/webhook-endpoints/{created['id']}", headers=admin_headers, json={"description": "x"}
    )
    assert r.status_code == 200 and "secret" not in r.json()
    # Nor does the event log carry it.
    r = await client.get("/v1/events", headers=admin_headers, params={"type": "webhook_endpoint.*"})
    assert [e["type"] for e in r.json()["data"]] == [
        "webhook_endpoint.created",
        "webhook_endpoint.updated",
    ]
    assert created["secret"] not in r.text
    assert r.json()["data"][1]["data"]["previous_attributes"] == {"description": "CRM"}


async def test_validation(client, admin_headers, receiver, fast_settings):
    for body, code in [
        ({"url": receiver.url, "event_types": ["nonsense.thing"]}, "unknown_type"),
        ({"url": receiver.url, "event_types": ["nonsense.*"]}, "unknown_type"),
        ({"url": receiver.url, "event_types": ["deal"]}, "string_pattern_mismatch"),
        ({"url": receiver.url, "enabled": "yes"}, "bool_type"),
        ({"url": receiver.url, "secret": "whsec_mine"}, "extra_forbidden"),
    ]:
        r = await client.post("/v1/webhook-endpoints", headers=admin_headers, json=body)
        assert r.status_code == 422, r.text
        assert code in {e["code"] for e in r.json()["errors"]}, (body, r.text)
    r = await client.get("/v1/webhook-endpoints", headers=admin_headers)
    assert r.json()["data"] == []
    endpoint = await create_endpoint(client, admin_headers, receiver.url)
    base = f"/v1/webhook-endpoints/{endpoint['id']}"
    r = await client.get(f"{base}/deliveries", headers=admin_headers, params={"status": "nope"})
    assert r.status_code == 422
    r = await client.get(
        f"{base}/deliveries", headers=admin_headers, params={"event_type": "nonsense.thing"}
    )
    assert r.status_code == 422, r.text
    r = await client.get("/v1/webhook-endpoints/not-a-uuid", headers=admin_headers)
    assert r.status_code == 422
    r = await client.get(
        "/v1/webhook-endpoints/00000000-0000-0000-0000-000000000000", headers=admin_headers
    )
    assert r.status_code == 404


async def test_if_match(client, admin_headers, receiver, fast_settings):
    endpoint = await create_endpoint(client, admin_headers, receiver.url)
    base = f"/v1/webhook-endpoints/{endpoint['id']}"
    etag = (await client.get(base, headers=admin_headers)).headers["etag"]
    r = await client.patch(
        base, headers={**admin_headers, "If-Match": '"999"'}, json={"description": "a"}
    )
    assert r.status_code == 412, r.text
    r = await client.patch(
        base, headers={**admin_headers, "If-Match": etag}, json={"description": "a"}
    )
    assert r.status_code == 200, r.text
    assert r.headers["etag"] != etag
    # The old ETag is stale now, for every write.
    for method, url in (
        ("PATCH", base),
        ("POST", f"{base}/rotate-secret"),
        ("DELETE", base),
    ):
        r = await client.request(
            method,
            url,
            headers={**admin_headers, "If-Match": etag},
            json={"description": "b"} if method == "PATCH" else None,
        )
        assert r.status_code == 412, (method, r.text)
    r = await client.get(base, headers=admin_headers)
    assert r.json()["description"] == "a"


async def test_disable_and_enable(client, admin_headers, receiver, start_worker, store):
    endpoint = await create_endpoint(client, admin_headers, receiver.url, event_types=["tier.*"])
    base = f"/v1/webhook-endpoints/{endpoint['id']}"
    start_worker()
    r = await client.patch(base, headers=admin_headers, json={"enabled": False})
    assert r.status_code == 200, r.text
    assert r.json()["enabled"] is False and r.json()["disabled_reason"] == "manual"
    assert r.json()["disabled_at"] is not None
    r = await client.get("/v1/webhook-endpoints", headers=admin_headers, params={"enabled": True})
    assert r.json()["data"] == []

    # While disabled: business events are not queued for it, a ping waits.
    await create_tier(client, admin_headers, 1)
    sent = await ping(client, admin_headers, endpoint["id"])
    await eventually(lambda: _no_unfanned(store))
    await asyncio.sleep(0.3)  # several poll intervals: nothing may be sent
    assert receiver.requests == []
    assert (await delivery(client, admin_headers, sent["delivery_id"]))["status"] == "pending"

    r = await client.patch(base, headers=admin_headers, json={"enabled": True})
    assert r.status_code == 200, r.text
    assert r.json()["enabled"] is True and r.json()["disabled_reason"] is None
    assert r.json()["disabled_at"] is None
    await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))
    await create_tier(client, admin_headers, 2)
    await wait_for(lambda: len(receiver.by_type("tier.created")) == 1)
    assert [r.headers["webhook-id"] for r in receiver.by_type("ping")] == [sent["event_id"]]
    assert receiver.by_type("tier.created")[0].body.decode().count('"key":"tier_2"') == 1


async def _no_unfanned(store) -> bool:
    return await store.count(Event, Event.fanned_out_at.is_(None)) == 0


async def test_ping_reaches_an_endpoint_whatever_its_filters(
    client, admin_headers, receiver, start_worker
):
    endpoint = await create_endpoint(
        client, admin_headers, receiver.url, event_types=["deal.approved"]
    )
    start_worker()
    sent = await ping(client, admin_headers, endpoint["id"])
    done = await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))
    assert done["event_type"] == "ping"
    [got] = receiver.requests
    assert got.headers["webhook-id"] == sent["event_id"]
    r = await client.get(f"/v1/events/{sent['event_id']}", headers=admin_headers)
    assert r.status_code == 200
    assert r.json()["type"] == "ping"
    assert r.json()["data"]["object"]["webhook_endpoint_id"] == endpoint["id"]
    # Only to that endpoint: another one (no filter at all) never sees it.
    other = await create_endpoint(client, admin_headers, receiver.url + "/other")
    await ping(client, admin_headers, endpoint["id"])
    await wait_for(lambda: len(receiver.by_type("ping")) == 2)
    r = await client.get(
        f"/v1/webhook-endpoints/{other['id']}/deliveries",
        headers=admin_headers,
        params={"event_type": "ping"},
    )
    assert r.json()["data"] == []


async def test_delivery_log_filters_and_pages(client, admin_headers, receiver, start_worker):
    endpoint = await create_endpoint(client, admin_headers, receiver.url, event_types=["tier.*"])
    receiver.script = [Reply(500), Reply(500)]  # the first two pings fail (one attempt each)
    start_worker(webhook_retry_schedule_s=[0])
    pings = []
    for _ in range(2):
        pings.append(await ping(client, admin_headers, endpoint["id"]))
        await eventually(delivery_done(client, admin_headers, pings[-1]["delivery_id"], "failed"))
    middle = datetime.now(UTC)
    for _ in range(3):
        pings.append(await ping(client, admin_headers, endpoint["id"]))
        await eventually(delivery_done(client, admin_headers, pings[-1]["delivery_id"]))
    await create_tier(client, admin_headers, 1)
    await wait_for(lambda: len(receiver.by_type("tier.created")) == 1)

    async def ids(**params) -> list[str]:
        return [d["id"] for d in await deliveries(client, admin_headers, endpoint["id"], **params)]

    async def listed():
        return len(await ids()) == 6 and await ids(status="pending") == []

    await eventually(listed)
    every = await ids()
    ping_ids = [p["delivery_id"] for p in pings]
    assert every[1:] == ping_ids[::-1]  # newest first; the tier event last created
    assert await ids(status="failed") == ping_ids[1::-1]
    assert set(await ids(status="succeeded")) == set(every) - set(ping_ids[:2])
    assert await ids(event_type="ping") == ping_ids[::-1]
    assert await ids(event_type="tier.created") == every[:1]
    assert await ids(event_type="tier.*") == every[:1]
    assert await ids(event_type="deal.*") == []
    assert await ids(created_before=middle.isoformat()) == ping_ids[1::-1]
    assert await ids(created_after=middle.isoformat(), event_type="ping") == ping_ids[:1:-1]
    assert await ids(sort="created_at") == every[::-1]

    # Pages of two, following next_cursor and the Link header.
    seen, params = [], {"limit": 2}
    while True:
        r = await client.get(
            f"/v1/webhook-endpoints/{endpoint['id']}/deliveries",
            headers=admin_headers,
            params=params,
        )
        assert r.status_code == 200, r.text
        page = r.json()
        assert len(page["data"]) <= 2
        seen += [d["id"] for d in page["data"]]
        if not page["has_more"]:
            assert page["next_cursor"] is None
            break
        assert 'rel="next"' in r.headers["link"]
        params["cursor"] = page["next_cursor"]
    assert seen == every
    r = await client.get(
        f"/v1/webhook-endpoints/{endpoint['id']}/deliveries",
        headers=admin_headers,
        params={"cursor": "garbage"},
    )
    assert r.status_code == 400


async def test_delete_endpoint(client, admin_headers, receiver, start_worker, store):
    endpoint = await create_endpoint(client, admin_headers, receiver.url, event_types=["tier.*"])
    other = await create_endpoint(client, admin_headers, receiver.url + "/other")
    start_worker()
    sent = await ping(client, admin_headers, endpoint["id"])
    await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))
    base = f"/v1/webhook-endpoints/{endpoint['id']}"
    r = await client.delete(base, headers=admin_headers)
    assert r.status_code == 204, r.text
    for method, url in (
        ("GET", base),
        ("GET", f"{base}/deliveries"),
        ("GET", f"{base}/stats"),
        ("POST", f"{base}/test"),
        ("DELETE", base),
        ("GET", f"/v1/webhook-deliveries/{sent['delivery_id']}"),
    ):
        r = await client.request(method, url, headers=admin_headers)
        assert r.status_code == 404, (method, url, r.text)
    # Its delivery log went with it; the event log keeps the events.
    from sqlalchemy import cast
    from sqlalchemy.dialects.postgresql import UUID

    cond = WebhookDelivery.endpoint_id == cast(endpoint["id"], UUID)
    assert await store.count(WebhookDelivery, cond) == 0
    cond = WebhookAttempt.endpoint_id == cast(endpoint["id"], UUID)
    assert await store.count(WebhookAttempt, cond) == 0
    assert await store.count(WebhookEndpoint) == 1
    r = await client.get(
        "/v1/events",
        headers=admin_headers,
        params={"type": "webhook_endpoint.deleted", "resource_id": endpoint["id"]},
    )
    [event] = r.json()["data"]
    assert event["data"]["object"]["id"] == endpoint["id"]
    # The other endpoint (no filter) is told about it.
    await wait_for(lambda: receiver.by_type("webhook_endpoint.deleted"))
    assert [r.path for r in receiver.by_type("webhook_endpoint.deleted")] == ["/hook/other"]
    assert other["id"]
