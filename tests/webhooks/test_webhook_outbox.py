"""The transactional outbox: a business transaction that fails leaves no event and so no
delivery, even when the event had already been added to the session."""

from __future__ import annotations

import pytest
from factories import deal_body
from sqlalchemy import select
from webhook_support import (
    create_endpoint,
    create_tier,
    deliveries,
    eventually,
)

from prm_api.audit import service as audit_service
from prm_api.errors import Conflict
from prm_api.events import recording
from prm_api.models import Deal, Event, Tier, WebhookDelivery


@pytest.fixture
def emitted(monkeypatch) -> list[str]:
    """Types of the events services added to their session (whether committed or not).

    Services record a change with ``record_change``, which adds the event with the ``emit``
    it imported: that name is the one to replace."""
    seen: list[str] = []
    real = recording.emit

    def spy(session, actor, event_type, *args, **kwargs):
        seen.append(event_type.name)
        return real(session, actor, event_type, *args, **kwargs)

    monkeypatch.setattr(recording, "emit", spy)
    return seen


def _fail_audit(monkeypatch, exc: Exception) -> None:
    """The audit write that ``record_change`` makes right after adding the event raises."""

    async def record(*args, **kwargs):
        raise exc

    monkeypatch.setattr(audit_service, "record", record)


async def _settle(client, headers, endpoint_id: str, expected_types: list[str], receiver):
    """Wait until the endpoint's deliveries are exactly ``expected_types``, all delivered."""

    async def check():
        found = await deliveries(client, headers, endpoint_id)
        done = all(d["status"] == "succeeded" for d in found)
        return done and sorted(d["event_type"] for d in found) == sorted(expected_types)

    await eventually(check)
    assert sorted(r.headers["webhook-id"] for r in receiver.requests) == sorted(
        d["event_id"] for d in await deliveries(client, headers, endpoint_id)
    )


async def test_a_4xx_after_the_event_was_added_leaves_no_event(
    client, admin_headers, receiver, start_worker, sessionmaker, monkeypatch, emitted
):
    endpoint = await create_endpoint(client, admin_headers, receiver.url, event_types=["tier.*"])
    start_worker()
    await create_tier(client, admin_headers, 1)

    # A plain 409 from validation (duplicate key): nothing recorded.
    r = await client.post(
        "/v1/tiers", headers=admin_headers, json={"key": "tier_1", "name": "Again", "rank": 2}
    )
    assert r.status_code == 409, r.text

    # A 409 raised after `tier.created` was added to the session.
    _fail_audit(monkeypatch, Conflict("late refusal"))
    emitted.clear()
    r = await client.post(
        "/v1/tiers", headers=admin_headers, json={"key": "late", "name": "Late", "rank": 5}
    )
    assert r.status_code == 409, r.text
    assert emitted == ["tier.created"]  # the event was in the transaction that failed
    monkeypatch.undo()

    # Something that succeeds afterwards is delivered; the failed ones never are.
    await create_tier(client, admin_headers, 3)
    await _settle(client, admin_headers, endpoint["id"], ["tier.created"] * 2, receiver)
    async with sessionmaker() as session:
        keys = (await session.scalars(select(Tier.key))).all()
        event_keys = [
            e.data["object"]["key"]
            for e in await session.scalars(select(Event).where(Event.type == "tier.created"))
        ]
    assert sorted(keys) == sorted(event_keys) == ["tier_1", "tier_3"]


async def test_an_exception_half_way_leaves_no_event_and_no_delivery(
    client, auth, receiver, start_worker, sessionmaker, monkeypatch, emitted, admin_headers, store
):
    partner = await store.partner()
    partner_headers = await auth.headers("partner_user", partner_id=partner.id)
    endpoint = await create_endpoint(client, admin_headers, receiver.url, event_types=["deal.*"])
    start_worker()
    body = deal_body(domain="acme.example")

    _fail_audit(monkeypatch, RuntimeError("db hiccup"))
    emitted.clear()
    r = await client.post("/v1/deals", headers=partner_headers, json=body)
    assert r.status_code == 500, r.text
    assert emitted == ["deal.created"]
    monkeypatch.undo()
    assert await store.count(Deal) == 0
    assert await store.count(Event, Event.type.startswith("deal.")) == 0

    r = await client.post("/v1/deals", headers=partner_headers, json=body)
    assert r.status_code == 201, r.text
    await _settle(client, admin_headers, endpoint["id"], ["deal.created"], receiver)
    [got] = receiver.requests
    assert got.headers["webhook-id"] == str(
        await _one(sessionmaker, select(Event.id).where(Event.type == "deal.created"))
    )
    assert await store.count(WebhookDelivery) == 1


async def test_a_failed_precondition_records_nothing(
    client, admin_headers, receiver, start_worker, store
):
    endpoint = await create_endpoint(client, admin_headers, receiver.url, event_types=["tier.*"])
    before = await store.count(Event)
    r = await client.patch(
        f"/v1/webhook-endpoints/{endpoint['id']}",
        headers={**admin_headers, "If-Match": '"999"'},
        json={"description": "changed"},
    )
    assert r.status_code == 412, r.text
    r = await client.patch(
        f"/v1/webhook-endpoints/{endpoint['id']}",
        headers=admin_headers,
        json={"event_types": ["nonsense.thing"]},
    )
    assert r.status_code == 422, r.text
    assert await store.count(Event) == before


async def _one(sessionmaker, stmt):
    async with sessionmaker() as session:
        return (await session.scalars(stmt)).one()
