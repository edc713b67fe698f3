"""Standard Webhooks signatures: every delivery verifies with the `standardwebhooks` library; a
tampered body, id or an old timestamp does not; during a secret rotation both secrets sign."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from datetime import UTC, datetime

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from webhook_support import (
    create_endpoint,
    create_tier,
    deliveries,
    delivery_done,
    eventually,
    ping,
    wait_for,
)


async def test_every_delivery_verifies_and_tampering_fails(
    client, admin_headers, receiver, start_worker
):
    endpoint = await create_endpoint(client, admin_headers, receiver.url)
    secret = endpoint["secret"]
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 24
    start_worker()
    for n in range(1, 3):
        await create_tier(client, admin_headers, n)
    # Non-ASCII text: the body is UTF-8 JSON, signed as sent.
    r = await client.post(
        "/v1/tiers",
        headers=admin_headers,
        json={"key": "zloty", "name": "Złoty – ★ 金", "rank": 3},
    )
    assert r.status_code == 201, r.text
    await ping(client, admin_headers, endpoint["id"])
    await wait_for(lambda: len(receiver.by_type("tier.created")) == 3 and receiver.by_type("ping"))
    await eventually(_all_settled(client, admin_headers, endpoint["id"]))

    # Everything sent (also user.created of the admin and webhook_endpoint.created) verifies.
    assert len(receiver.requests) >= 6
    for got in receiver.requests:
        payload = Webhook(secret).verify(got.body, got.headers)
        assert payload == json.loads(got.body)
        assert got.headers["webhook-id"] == payload["id"]
        assert got.headers["content-type"] == "application/json"
        assert set(payload) >= {"id", "type", "created_at", "api_version", "data", "actor"}
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == len(receiver.requests)
    [zloty] = [r for r in receiver.by_type("tier.created") if b"zloty" in r.body]
    assert json.loads(zloty.body)["data"]["object"]["name"] == "Złoty – ★ 金"

    got = receiver.by_type("tier.created")[0]
    wh = Webhook(secret)
    # The body changed (one word).
    tampered = got.body.replace(b'"tier.created"', b'"tier.deleted"')
    assert tampered != got.body
    with pytest.raises(WebhookVerificationError):
        wh.verify(tampered, got.headers)
    # Another message's id with this body and signature.
    other_id = next(r.headers["webhook-id"] for r in receiver.requests if r.headers != got.headers)
    with pytest.raises(WebhookVerificationError):
        wh.verify(got.body, {**got.headers, "webhook-id": other_id})
    # The same signature presented more than 5 minutes later (or earlier): replay refused.
    for skew in (-6 * 60, 6 * 60):
        stale = {**got.headers, "webhook-timestamp": str(int(time.time()) + skew)}
        with pytest.raises(WebhookVerificationError):
            wh.verify(got.body, stale)
    # Another endpoint's secret does not verify it.
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + base64.b64encode(b"x" * 24).decode()).verify(got.body, got.headers)
    # The timestamp is the signing time (now, not the event's time).
    assert abs(int(got.headers["webhook-timestamp"]) - time.time()) < 30


def _all_settled(client, headers, endpoint_id):
    async def check() -> bool:
        found = await deliveries(client, headers, endpoint_id)
        return bool(found) and all(d["status"] == "succeeded" for d in found)

    return check


def _signatures(headers: dict[str, str]) -> list[str]:
    return headers["webhook-signature"].split(" ")


def _signed_by(secret: str, got) -> bool:
    """Whether one of the request's ``v1,`` signatures was made with ``secret``."""
    h = got.headers
    when = datetime.fromtimestamp(int(h["webhook-timestamp"]), tz=UTC)
    expected = Webhook(secret).sign(h["webhook-id"], when, got.body.decode())
    return expected in _signatures(h)


async def test_rotation_signs_with_both_secrets_during_the_overlap(
    app, client, admin_headers, receiver, start_worker
):
    endpoint = await create_endpoint(client, admin_headers, receiver.url, event_types=["tier.*"])
    old = endpoint["secret"]
    start_worker()
    r = await client.post(
        f"/v1/webhook-endpoints/{endpoint['id']}/rotate-secret", headers=admin_headers
    )
    assert r.status_code == 200, r.text
    new = r.json()["secret"]
    assert new.startswith("whsec_") and new != old
    ends = datetime.fromisoformat(r.json()["secret_rotation_ends_at"].replace("Z", "+00:00"))
    overlap_h = (ends - datetime.now(UTC)).total_seconds() / 3600
    assert 23.9 < overlap_h <= 24  # the documented 24 h overlap
    r = await client.get(f"/v1/webhook-endpoints/{endpoint['id']}", headers=admin_headers)
    assert "secret" not in r.json()
    assert r.json()["secret_rotation_ends_at"] is not None

    sent = await ping(client, admin_headers, endpoint["id"])
    await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))
    [got] = receiver.by_type("ping")
    sigs = _signatures(got.headers)
    assert len(sigs) == 2 and all(s.startswith("v1,") for s in sigs)
    assert _signed_by(old, got) and _signed_by(new, got)
    # A receiver with either secret accepts it.
    Webhook(old).verify(got.body, got.headers)
    Webhook(new).verify(got.body, got.headers)


async def test_after_the_overlap_only_the_new_secret_signs(
    app, client, admin_headers, receiver, start_worker
):
    app.state.settings = app.state.settings.model_copy(update={"webhook_secret_overlap_s": 0.3})
    endpoint = await create_endpoint(client, admin_headers, receiver.url, event_types=["tier.*"])
    old = endpoint["secret"]
    r = await client.post(
        f"/v1/webhook-endpoints/{endpoint['id']}/rotate-secret", headers=admin_headers
    )
    new = r.json()["secret"]
    start_worker()
    await asyncio.sleep(0.35)  # the overlap is wall-clock time
    sent = await ping(client, admin_headers, endpoint["id"])
    await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))
    [got] = receiver.by_type("ping")
    assert len(_signatures(got.headers)) == 1
    Webhook(new).verify(got.body, got.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(got.body, got.headers)
    r = await client.get(f"/v1/webhook-endpoints/{endpoint['id']}", headers=admin_headers)
    assert r.json()["secret_rotation_ends_at"] is None
