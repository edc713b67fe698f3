"""End to end: an API change → event → signed delivery to a real receiver."""

from __future__ import annotations

import json

from standardwebhooks.webhooks import Webhook
from webhook_support import wait_for


async def test_tier_change_is_delivered_signed(client, admin_headers, receiver, start_worker):
    r = await client.post(
        "/v1/webhook-endpoints",
        headers=admin_headers,
        json={"url": receiver.url, "event_types": ["tier.*"]},
    )
    assert r.status_code == 201, r.text
    secret = r.json()["secret"]
    assert secret.startswith("whsec_")
    start_worker()
    r = await client.post(
        "/v1/tiers", headers=admin_headers, json={"key": "gold", "name": "Gold", "rank": 3}
    )
    assert r.status_code == 201, r.text
    await wait_for(lambda: receiver.requests)
    got = receiver.requests[0]
    payload = Webhook(secret).verify(got.body, got.headers)
    assert payload["type"] == "tier.created"
    assert payload["data"]["object"]["key"] == "gold"
    assert got.headers["webhook-id"] == payload["id"]
    assert json.loads(got.body) == payload


async def test_ping_is_delivered_signed(client, admin_headers, receiver, start_worker):
    r = await client.post(
        "/v1/webhook-endpoints", headers=admin_headers, json={"url": receiver.url}
    )
    assert r.status_code == 201, r.text
    endpoint = r.json()
    start_worker()
    r = await client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", headers=admin_headers)
    assert r.status_code == 202, r.text
    await wait_for(lambda: receiver.by_type("ping"))
    got = receiver.by_type("ping")[0]
    payload = Webhook(endpoint["secret"]).verify(got.body, got.headers)
    assert payload["data"]["object"]["webhook_endpoint_id"] == endpoint["id"]
    r = await client.get(
        f"/v1/webhook-endpoints/{endpoint['id']}/deliveries", headers=admin_headers
    )
    assert r.status_code == 200, r.text
