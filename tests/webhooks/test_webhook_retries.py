"""Retries and the delivery log: only 2xx succeeds, the schedule (short in tests), Retry-After,
timeouts, 410 and long failure disabling the endpoint, manual retry and recovery."""

from __future__ import annotations

from datetime import UTC, datetime

from webhook_support import (
    Reply,
    create_endpoint,
    deliveries,
    delivery,
    delivery_done,
    eventually,
    ping,
)

from prm_api.webhooks.retry import next_delay, retry_after_seconds


async def _endpoint(client, headers, receiver, **body):
    # Filtered to tier events so only the pings a test sends arrive.
    return await create_endpoint(client, headers, receiver.url, event_types=["tier.*"], **body)


async def test_three_500s_then_200_is_four_attempts_with_one_webhook_id(
    client, admin_headers, receiver, start_worker
):
    receiver.script = [Reply(500, body=b"boom 1"), Reply(500, body=b"boom 2"), Reply(500)]
    receiver.default = Reply(200, body=b"thanks")
    endpoint = await _endpoint(client, admin_headers, receiver)
    start_worker()
    sent = await ping(client, admin_headers, endpoint["id"])
    done = await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))

    assert len(receiver.requests) == 4
    assert {r.headers["webhook-id"] for r in receiver.requests} == {sent["event_id"]}
    assert receiver.max_inflight_same_id == 1
    # Each retry waited for its turn in the (0.2 s) schedule.
    gaps = [b.at - a.at for a, b in zip(receiver.requests, receiver.requests[1:], strict=False)]
    assert all(g >= 0.15 for g in gaps), gaps

    # The log, in the list and the single view alike.
    [listed] = await deliveries(client, admin_headers, endpoint["id"])
    assert listed == done
    assert done["event_id"] == sent["event_id"]
    assert done["succeeded_at"] is not None and done["next_attempt_at"] is None
    attempts = done["attempts"]
    assert [a["number"] for a in attempts] == [1, 2, 3, 4]
    assert [a["status_code"] for a in attempts] == [500, 500, 500, 200]
    assert [a["succeeded"] for a in attempts] == [False, False, False, True]
    assert [a["response_body"] for a in attempts] == ["boom 1", "boom 2", "ok", "thanks"]
    assert [a["error"] for a in attempts] == ["HTTP 500", "HTTP 500", "HTTP 500", None]
    assert all(isinstance(a["latency_ms"], int) and a["latency_ms"] >= 0 for a in attempts)
    times = [datetime.fromisoformat(a["attempted_at"]) for a in attempts]
    assert times == sorted(times)

    r = await client.get(f"/v1/webhook-endpoints/{endpoint['id']}/stats", headers=admin_headers)
    assert r.status_code == 200, r.text
    stats = r.json()
    assert stats["success_rate"] == 0.25
    assert stats["attempts_24h"] == 4
    assert stats["consecutive_failures"] == 0
    assert stats["failing_since"] is None
    assert stats["last_success_at"] == attempts[3]["attempted_at"]
    assert stats["last_failure_at"] == attempts[2]["attempted_at"]
    assert stats["pending_deliveries"] == 0


async def test_response_bodies_are_truncated_in_the_log(
    client, admin_headers, receiver, start_worker
):
    receiver.default = Reply(200, body=b"x" * 10_000)
    endpoint = await _endpoint(client, admin_headers, receiver)
    start_worker()
    sent = await ping(client, admin_headers, endpoint["id"])
    done = await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))
    assert done["attempts"][0]["response_body"] == "x" * 2048


async def test_failures_use_up_the_schedule_then_the_delivery_fails(
    client, admin_headers, receiver, start_worker
):
    receiver.default = Reply(503, body=b"down")
    endpoint = await _endpoint(client, admin_headers, receiver)
    start_worker(webhook_retry_schedule_s=[0, 0.1, 0.1])
    sent = await ping(client, admin_headers, endpoint["id"])
    failed = await eventually(delivery_done(client, admin_headers, sent["delivery_id"], "failed"))
    assert [a["status_code"] for a in failed["attempts"]] == [503, 503, 503]
    assert failed["next_attempt_at"] is None and failed["succeeded_at"] is None
    assert len(receiver.requests) == 3
    r = await client.get(f"/v1/webhook-endpoints/{endpoint['id']}/stats", headers=admin_headers)
    stats = r.json()
    assert stats["success_rate"] == 0.0
    assert stats["consecutive_failures"] == 3
    assert stats["failing_since"] == failed["attempts"][0]["attempted_at"]
    assert stats["last_success_at"] is None
    # Still enabled: three failures in a second are far from the 5 days.
    r = await client.get(f"/v1/webhook-endpoints/{endpoint['id']}", headers=admin_headers)
    assert r.json()["enabled"] is True


async def test_retry_after_is_honoured_as_a_minimum(client, admin_headers, receiver, start_worker):
    receiver.script = [Reply(503, headers={"Retry-After": "1"})]
    endpoint = await _endpoint(client, admin_headers, receiver)
    start_worker()  # schedule: 0.2 s
    sent = await ping(client, admin_headers, endpoint["id"])
    done = await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))
    first, second = receiver.requests
    assert second.at - first.at >= 0.95
    assert [a["status_code"] for a in done["attempts"]] == [503, 200]


def test_retry_after_parsing_and_jitter(fast_settings):
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds(" 7 ") == 7.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    future = datetime.now(UTC).replace(microsecond=0).timestamp() + 30
    from email.utils import formatdate

    assert 25 <= retry_after_seconds(formatdate(future, usegmt=True)) <= 30
    settings = fast_settings.model_copy(update={"webhook_retry_schedule_s": [0, 10, 100]})
    for _ in range(50):
        assert next_delay(settings, 0, None) == 0
        assert 9 <= next_delay(settings, 1, None) <= 11
        assert 90 <= next_delay(settings, 2, None) <= 110
        assert next_delay(settings, 1, 60) == 60
        assert 9 <= next_delay(settings, 1, 1) <= 11  # the schedule when it is later
    assert next_delay(settings, 3, None) is None
    assert next_delay(settings, 3, 5) is None
    # The published default: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.
    from prm_api.config import Settings

    assert Settings(_env_file=None).webhook_retry_schedule_s == [  # type: ignore[call-arg]
        0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400,
    ]  # fmt: skip


async def test_timeout_is_an_error_and_retried(client, admin_headers, receiver, start_worker):
    receiver.script = [Reply(200, delay_s=1.5)]
    endpoint = await _endpoint(client, admin_headers, receiver)
    start_worker(webhook_timeout_s=0.3)
    sent = await ping(client, admin_headers, endpoint["id"])
    done = await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))
    timed_out, ok = done["attempts"]
    assert timed_out["status_code"] is None and timed_out["succeeded"] is False
    assert timed_out["error"] == "timeout after 0.3 s"
    assert 250 <= timed_out["latency_ms"] < 1400
    assert ok["status_code"] == 200
    assert {r.headers["webhook-id"] for r in receiver.requests} == {sent["event_id"]}


async def test_the_timeout_bounds_the_whole_exchange(client, admin_headers, receiver, start_worker):
    """A receiver that keeps sending a byte now and then (never idle for a whole timeout)
    still gets cut off at the timeout: a send must not outlive its lease."""
    receiver.script = [Reply(200, body=b"x" * 30, trickle_s=0.1)]  # 3 s in all
    endpoint = await _endpoint(client, admin_headers, receiver)
    start_worker(webhook_timeout_s=0.5)
    sent = await ping(client, admin_headers, endpoint["id"])
    done = await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))
    cut, ok = done["attempts"]
    assert cut["error"] == "timeout after 0.5 s" and cut["succeeded"] is False
    assert cut["latency_ms"] < 1500
    assert ok["status_code"] == 200


async def test_410_disables_the_endpoint_and_records_an_event(
    client, admin_headers, receiver, start_worker
):
    receiver.default = Reply(410, body=b"gone")
    endpoint = await _endpoint(client, admin_headers, receiver)
    start_worker()
    sent = await ping(client, admin_headers, endpoint["id"])
    failed = await eventually(delivery_done(client, admin_headers, sent["delivery_id"], "failed"))
    # No retry after a 410.
    assert [a["status_code"] for a in failed["attempts"]] == [410]
    assert len(receiver.requests) == 1
    r = await client.get(f"/v1/webhook-endpoints/{endpoint['id']}", headers=admin_headers)
    assert r.json()["enabled"] is False
    assert r.json()["disabled_reason"] == "gone"
    assert r.json()["disabled_at"] is not None
    await _assert_disabled_event(client, admin_headers, endpoint["id"], "gone")

    # A disabled endpoint gets nothing: a new ping waits, pending.
    later = await ping(client, admin_headers, endpoint["id"])
    r = await client.get(f"/v1/webhook-endpoints/{endpoint['id']}/stats", headers=admin_headers)
    assert r.json()["pending_deliveries"] == 1
    assert (await delivery(client, admin_headers, later["delivery_id"]))["status"] == "pending"
    assert len(receiver.requests) == 1


async def _assert_disabled_event(client, headers, endpoint_id: str, reason: str) -> None:
    r = await client.get(
        "/v1/events",
        headers=headers,
        params={"type": "webhook_endpoint.disabled", "resource_id": endpoint_id},
    )
    assert r.status_code == 200, r.text
    [event] = r.json()["data"]
    assert event["type"] == "webhook_endpoint.disabled"
    assert event["data"]["object"]["id"] == endpoint_id
    assert event["data"]["object"]["enabled"] is False
    assert event["data"]["object"]["disabled_reason"] == reason
    assert event["data"]["previous_attributes"]["enabled"] is True
    assert event["actor"]["type"] == "system"


async def test_failing_longer_than_the_limit_disables_the_endpoint(
    client, admin_headers, receiver, start_worker
):
    receiver.default = Reply(500)
    endpoint = await _endpoint(client, admin_headers, receiver)
    start_worker(
        # Far more attempts than the 0.5 s limit needs: it must end the run, not the schedule.
        webhook_disable_after_s=0.5,
        webhook_retry_schedule_s=[0] + [0.15] * 12,
    )
    await ping(client, admin_headers, endpoint["id"])

    async def disabled():
        r = await client.get(f"/v1/webhook-endpoints/{endpoint['id']}", headers=admin_headers)
        return r.json() if not r.json()["enabled"] else None

    got = await eventually(disabled)
    assert got["disabled_reason"] == "failing"
    await _assert_disabled_event(client, admin_headers, endpoint["id"], "failing")
    # It took at least the limit of continuous failure, and then no more sends.
    assert receiver.requests[-1].at - receiver.requests[0].at >= 0.4
    sent = len(receiver.requests)
    [d] = await deliveries(client, admin_headers, endpoint["id"])
    assert len(d["attempts"]) == sent
    assert d["status"] == "pending"  # waits for the endpoint to be enabled again

    # Re-enabling clears the failure record and resumes the waiting delivery.
    receiver.default = Reply(204, body=b"")
    r = await client.patch(
        f"/v1/webhook-endpoints/{endpoint['id']}", headers=admin_headers, json={"enabled": True}
    )
    assert r.status_code == 200, r.text
    assert r.json()["disabled_reason"] is None
    done = await eventually(delivery_done(client, admin_headers, d["id"]))
    assert done["attempts"][-1]["status_code"] == 204
    r = await client.get(f"/v1/webhook-endpoints/{endpoint['id']}/stats", headers=admin_headers)
    assert r.json()["consecutive_failures"] == 0 and r.json()["failing_since"] is None


async def test_manual_retry_resends_with_the_same_webhook_id(
    client, admin_headers, receiver, start_worker
):
    receiver.script = [Reply(500)]
    endpoint = await _endpoint(client, admin_headers, receiver)
    start_worker(webhook_retry_schedule_s=[0])  # one attempt, then failed
    sent = await ping(client, admin_headers, endpoint["id"])
    await eventually(delivery_done(client, admin_headers, sent["delivery_id"], "failed"))

    r = await client.post(
        f"/v1/webhook-deliveries/{sent['delivery_id']}/retry", headers=admin_headers
    )
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "pending"
    done = await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))
    assert [(a["number"], a["status_code"]) for a in done["attempts"]] == [(1, 500), (2, 200)]
    assert [r.headers["webhook-id"] for r in receiver.requests] == [sent["event_id"]] * 2

    # A succeeded delivery can be re-sent too (a receiver that lost it), same id again.
    r = await client.post(
        f"/v1/webhook-deliveries/{sent['delivery_id']}/retry", headers=admin_headers
    )
    assert r.status_code == 202, r.text

    async def third():
        d = await delivery(client, admin_headers, sent["delivery_id"])
        return d if d["status"] == "succeeded" and len(d["attempts"]) == 3 else None

    await eventually(third)
    assert [r.headers["webhook-id"] for r in receiver.requests] == [sent["event_id"]] * 3
    r = await client.post(
        "/v1/webhook-deliveries/00000000-0000-0000-0000-000000000000/retry", headers=admin_headers
    )
    assert r.status_code == 404


async def test_recover_requeues_what_failed_since_t_only(
    client, admin_headers, receiver, start_worker
):
    receiver.default = Reply(500)
    endpoint = await _endpoint(client, admin_headers, receiver)
    start_worker(webhook_retry_schedule_s=[0])
    before = await ping(client, admin_headers, endpoint["id"])
    await eventually(delivery_done(client, admin_headers, before["delivery_id"], "failed"))
    t = datetime.now(UTC)
    after = [await ping(client, admin_headers, endpoint["id"]) for _ in range(3)]
    for sent in after:
        await eventually(delivery_done(client, admin_headers, sent["delivery_id"], "failed"))

    receiver.default = Reply(200)
    r = await client.post(
        f"/v1/webhook-endpoints/{endpoint['id']}/recover",
        headers=admin_headers,
        json={"since": t.isoformat()},
    )
    assert r.status_code == 202, r.text
    assert r.json() == {"requeued": 3}
    for sent in after:
        done = await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))
        assert [a["status_code"] for a in done["attempts"]] == [500, 200]
    old = await delivery(client, admin_headers, before["delivery_id"])
    assert old["status"] == "failed" and len(old["attempts"]) == 1
    recovered = {r.headers["webhook-id"] for r in receiver.requests[-3:]}
    assert recovered == {s["event_id"] for s in after}

    # Nothing failed since then any more.
    r = await client.post(
        f"/v1/webhook-endpoints/{endpoint['id']}/recover",
        headers=admin_headers,
        json={"since": t.isoformat()},
    )
    assert r.json() == {"requeued": 0}
