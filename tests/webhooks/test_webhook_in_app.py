"""`prm-api serve` runs a delivery worker in-process by default (DESIGN §6)."""

from __future__ import annotations

import httpx
from standardwebhooks.webhooks import Webhook
from webhook_support import wait_for

from prm_api.app import create_app


async def test_the_app_delivers_with_its_own_worker(
    database_url, settings, admin_headers, receiver
):
    settings = settings.model_copy(
        update={
            "webhook_worker_enabled": True,
            "webhook_allow_private_targets": True,
            "webhook_poll_interval_s": 0.1,
        }
    )
    app = create_app(settings, database_url=database_url)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            r = await c.post(
                "/v1/webhook-endpoints",
                headers=admin_headers,
                json={"url": receiver.url, "event_types": ["tier.*"]},
            )
            assert r.status_code == 201, r.text
            secret = r.json()["secret"]
            r = await c.post(
                "/v1/tiers",
                headers=admin_headers,
                json={"key": "silver", "name": "Silver", "rank": 2},
            )
            assert r.status_code == 201, r.text
            await wait_for(lambda: receiver.by_type("tier.created"))
    got = receiver.by_type("tier.created")[0]
    assert Webhook(secret).verify(got.body, got.headers)["data"]["object"]["key"] == "silver"
