"""At least once, never lost: a receiver that is down, a worker killed mid-send (lease expiry),
two workers sharing the queue without sending one delivery twice at the same time."""

from __future__ import annotations

import time
import uuid
from collections import Counter

from sqlalchemy import select
from webhook_support import (
    Receiver,
    Reply,
    create_endpoint,
    create_tier,
    delivery,
    delivery_done,
    eventually,
    free_port,
    ping,
    wait_for,
)

from prm_api.kit.time import utcnow
from prm_api.models import Event, WebhookAttempt, WebhookDelivery


async def _statuses(sessionmaker, endpoint_id: str) -> Counter:
    async with sessionmaker() as session:
        rows = await session.scalars(
            select(WebhookDelivery.status).where(
                WebhookDelivery.endpoint_id == uuid.UUID(endpoint_id)
            )
        )
        return Counter(rows.all())


def _all_succeeded(sessionmaker, endpoint_id: str, expected: int):
    async def check() -> bool:
        return (await _statuses(sessionmaker, endpoint_id)) == Counter(succeeded=expected)

    return check


async def _tier_event_ids(sessionmaker) -> set[str]:
    async with sessionmaker() as session:
        rows = await session.scalars(select(Event.id).where(Event.type == "tier.created"))
        return {str(i) for i in rows.all()}


async def test_receiver_down_then_up_loses_nothing(
    client, admin_headers, sessionmaker, start_worker
):
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    endpoint = await create_endpoint(client, admin_headers, url, event_types=["tier.*"])
    # Retries for ~6 s: long enough to outlast the outage below.
    start_worker(webhook_retry_schedule_s=[0, 0.1, 0.2, 0.3, 0.5, 0.5, 1, 1, 1, 1, 1])

    # Down from the start: connection refused, recorded, retried.
    for n in range(1, 4):
        await create_tier(client, admin_headers, n)

    async def all_refused_once() -> bool:
        # Each of the three deliveries refused at least once (under load one delivery can be
        # retried several times before the next event is fanned out: count deliveries).
        async with sessionmaker() as session:
            attempts = (
                await session.execute(
                    select(WebhookAttempt.delivery_id, WebhookAttempt.error).where(
                        WebhookAttempt.endpoint_id == uuid.UUID(endpoint["id"])
                    )
                )
            ).all()
        refused = {d for d, e in attempts if e and e.startswith("ConnectError")}
        return len(refused) >= 3 and len(refused) == len({d for d, _ in attempts})

    await eventually(all_refused_once)
    assert (await _statuses(sessionmaker, endpoint["id"])) == Counter(pending=3)

    # Up: everything arrives.
    receiver = Receiver(port=port).start()
    try:
        await eventually(_all_succeeded(sessionmaker, endpoint["id"], 3))
        ids = [r.headers["webhook-id"] for r in receiver.requests]
        assert sorted(ids) == sorted(await _tier_event_ids(sessionmaker))

        # Down again in the middle of the flow (stopped, port closed), then back.
        receiver.stop()
        for n in range(4, 9):
            await create_tier(client, admin_headers, n)
        await eventually(lambda: _has_pending_with_failures(sessionmaker, endpoint["id"], 5))
        receiver = Receiver(port=port).start()
        await eventually(_all_succeeded(sessionmaker, endpoint["id"], 8))
        ids += [r.headers["webhook-id"] for r in receiver.requests]
    finally:
        receiver.stop()
    # Every event delivered, each exactly once (no 2xx was ever lost or repeated).
    assert sorted(ids) == sorted(await _tier_event_ids(sessionmaker))
    assert len(ids) == 8


async def _has_pending_with_failures(sessionmaker, endpoint_id: str, n: int) -> bool:
    async with sessionmaker() as session:
        rows = (
            await session.execute(
                select(WebhookDelivery.status, WebhookDelivery.attempts).where(
                    WebhookDelivery.endpoint_id == uuid.UUID(endpoint_id),
                    WebhookDelivery.status == "pending",
                )
            )
        ).all()
    return len(rows) == n and all(attempts >= 1 for _, attempts in rows)


async def test_worker_killed_mid_send_is_resent_after_the_lease(
    client, admin_headers, receiver, sessionmaker, worker_process, start_worker
):
    lease = 1.0
    endpoint = await create_endpoint(client, admin_headers, receiver.url, event_types=["tier.*"])
    # The first request is answered only after the worker is dead.
    receiver.script = [Reply(200, delay_s=0.6)]
    proc = await worker_process(webhook_lease_s=lease, webhook_timeout_s=10).start()
    sent = await ping(client, admin_headers, endpoint["id"])
    await wait_for(lambda: receiver.requests, within=10)
    await proc.kill()
    killed_at = utcnow()

    # Claimed, never recorded: pending, no attempt, the dead worker's lease still on it.
    async with sessionmaker() as session:
        row = await session.get(WebhookDelivery, uuid.UUID(sent["delivery_id"]))
        assert row is not None
        assert (row.status, row.attempts) == ("pending", 0)
        assert row.lease_token is not None and row.lease_expires_at > killed_at
        # When the lease runs out, on the receiver's clock (its arrivals are monotonic).
        lease_ends_at = time.monotonic() + (row.lease_expires_at - utcnow()).total_seconds()

    start_worker()  # another worker (in this process): waits for the lease to run out
    done = await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))
    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == sent["event_id"]
    # Not resent before the dead worker's lease ran out (measured from the lease itself: on a
    # loaded machine the first request reaches the receiver a while after the claim).
    assert second.at >= lease_ends_at - 0.2
    assert [(a["number"], a["status_code"]) for a in done["attempts"]] == [(1, 200)]
    assert first.body == second.body


async def test_two_workers_never_send_one_delivery_twice_at_once(
    client, admin_headers, receiver, sessionmaker, worker_process, start_worker
):
    total = 120
    endpoint = await create_endpoint(client, admin_headers, receiver.url, event_types=["tier.*"])
    # Small delays so sends overlap; some failures so retries are in the mix too.
    receiver.default = Reply(200, delay_s=0.01)
    receiver.script = [Reply(500, delay_s=0.01) if i % 3 == 0 else Reply(200) for i in range(30)]
    await worker_process(webhook_concurrency=8).start()
    local = start_worker(webhook_concurrency=8)

    # Many events in one transaction (the outbox, as the services write it).
    from prm_api.auth.principal import SYSTEM
    from prm_api.events.outbox import emit
    from prm_api.tiers.events import TIER_CREATED

    async with sessionmaker() as session, session.begin():
        for n in range(total):
            emit(session, SYSTEM, TIER_CREATED, {"n": n}, resource_id=n)

    await eventually(_all_succeeded(sessionmaker, endpoint["id"], total), within=30)
    assert receiver.max_inflight_same_id == 1
    assert all(r.inflight_same_id == 1 for r in receiver.requests)

    # The log matches what the receiver saw. Every answered attempt is a request the receiver
    # got; every request it got is a logged attempt. An attempt can also fail before reaching
    # it (a connection reset or refused on a loaded machine): that one is logged with its
    # error and no status, and the receiver never saw it.
    per_id = Counter(r.headers["webhook-id"] for r in receiver.requests)
    assert set(per_id) == await _tier_event_ids(sessionmaker)
    async with sessionmaker() as session:
        rows = (
            await session.execute(
                select(WebhookDelivery.event_id, WebhookAttempt.number, WebhookAttempt.status_code)
                .join(WebhookAttempt, WebhookAttempt.delivery_id == WebhookDelivery.id)
                .where(WebhookDelivery.endpoint_id == uuid.UUID(endpoint["id"]))
            )
        ).all()
    logged: dict[str, list[int]] = {}
    answered: Counter[str] = Counter()
    for event_id, number, status_code in rows:
        logged.setdefault(str(event_id), []).append(number)
        answered[str(event_id)] += status_code is not None
    assert set(logged) == set(per_id)
    for event_id, received in per_id.items():
        assert answered[event_id] <= received <= len(logged[event_id]), event_id
    assert all(sorted(v) == list(range(1, len(v) + 1)) for v in logged.values())
    assert sum(per_id.values()) == total + 10
    # Both workers took part (the in-process one did some, not all).
    assert 0 < local.sent < total + 10


async def test_endpoint_deleted_mid_send_does_not_hold_up_other_outcomes(
    client, admin_headers, receiver, start_worker
):
    """The outcome of a send whose endpoint was deleted while the request was in flight has
    nowhere to go; it must not block the recording of other outcomes (they would wait, their
    leases run out and they would be sent again)."""
    slow = Receiver().start()
    try:
        slow.default = Reply(200, delay_s=0.5)
        doomed = await create_endpoint(client, admin_headers, slow.url, event_types=["tier.*"])
        other = await create_endpoint(client, admin_headers, receiver.url, event_types=["tier.*"])
        start_worker()
        await ping(client, admin_headers, doomed["id"])
        await wait_for(lambda: slow.requests)
        r = await client.delete(f"/v1/webhook-endpoints/{doomed['id']}", headers=admin_headers)
        assert r.status_code == 204, r.text
        msg_id = slow.requests[0].headers["webhook-id"]
        await wait_for(lambda: slow.inflight[msg_id] == 0)  # answered: the outcome is queued

        sent = await ping(client, admin_headers, other["id"])
        done = await eventually(delivery_done(client, admin_headers, sent["delivery_id"]), 1.5)
        assert [a["status_code"] for a in done["attempts"]] == [200]
        assert len(receiver.by_type("ping")) == 1
        assert len(slow.requests) == 1
    finally:
        slow.stop()


async def test_sigterm_finishes_and_records_the_sends_in_flight(
    client, admin_headers, receiver, sessionmaker, worker_process, fast_settings
):
    """A worker stopped (not killed) mid-send waits for the answer and records it: the
    delivery is done, not left to be sent again after the lease."""
    endpoint = await create_endpoint(client, admin_headers, receiver.url, event_types=["tier.*"])
    receiver.script = [Reply(200, delay_s=0.5)]
    proc = await worker_process(webhook_lease_s=30).start()
    sent = await ping(client, admin_headers, endpoint["id"])
    await wait_for(lambda: receiver.requests, within=10)
    await proc.stop()
    assert proc.proc is not None and proc.proc.returncode == 0, proc.output
    done = await delivery(client, admin_headers, sent["delivery_id"])
    assert done["status"] == "succeeded"
    assert [a["status_code"] for a in done["attempts"]] == [200]
    async with sessionmaker() as session:
        row = await session.get(WebhookDelivery, uuid.UUID(sent["delivery_id"]))
        assert row is not None and row.lease_token is None
