"""The delivery worker: events → deliveries → signed HTTP POSTs, at least once.

One loop per process (``prm-api worker``, or inside ``prm-api serve``):

1. **Fan-out** — events not yet fanned out (``FOR UPDATE SKIP LOCKED``) become one delivery
   row per matching enabled endpoint, and are marked, in one statement.
2. **Claim** — due deliveries of enabled endpoints are leased (``FOR UPDATE SKIP LOCKED`` +
   ``lease_expires_at``), up to the free send slots. A worker that dies mid-send loses
   nothing: its lease runs out and any worker sends again, with the same ``webhook-id``.
3. **Send** — :mod:`prm_api.webhooks.sender`: signed per Standard Webhooks, no redirects
   followed, a timeout, the target checked against the SSRF guard and pinned to the checked
   address.
4. **Record** — outcomes are written in batches: the attempt, the delivery's next state
   (succeeded, retry at the time :mod:`prm_api.webhooks.retry` gives, or failed), the
   endpoint's health; a 410 or five days of failures disable the endpoint and record
   ``webhook_endpoint.disabled``. A result is only applied while the worker still holds the
   lease (fencing by ``lease_token``).

The statements are in :mod:`prm_api.webhooks.repository`. The loop sleeps until
``NOTIFY prm_events`` / ``prm_deliveries`` (sent at commit) or the poll interval (1 s by
default), which also picks up retries as they come due.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from prm_api.config import Settings
from prm_api.kit.ids import new_id
from prm_api.kit.time import utcnow
from prm_api.webhooks import repository, service
from prm_api.webhooks.repository import DELIVERIES_CHANNEL, EVENTS_CHANNEL
from prm_api.webhooks.retry import next_delay
from prm_api.webhooks.sender import Claim, Outcome, Sender

log = logging.getLogger("prm_api.webhooks")

FAN_OUT_BATCH = 500
RECORD_BATCH = 500


class DeliveryWorker:
    def __init__(
        self,
        engine: AsyncEngine,
        sessionmaker: async_sessionmaker[AsyncSession],
        settings: Settings,
        *,
        name: str | None = None,
    ) -> None:
        self.engine = engine
        self.sessionmaker = sessionmaker
        self.settings = settings
        self.name = name or f"worker-{uuid.uuid4().hex[:8]}"
        self.wake = asyncio.Event()
        # Fan-out runs when events were announced (NOTIFY prm_events), on every poll, and
        # while the last fan-out filled its batch; not on every refill of the send slots.
        self.fan_out_due = True
        self.outcomes: asyncio.Queue[Outcome] = asyncio.Queue()
        self.inflight: set[asyncio.Task[None]] = set()
        self._backlog = False
        self.sender = Sender(settings)
        self.sent = 0

    # --- the loop ---------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set; then finish the sends in flight and record them."""
        async with self.sender:
            if self.settings.webhook_lease_s <= self.settings.webhook_timeout_s:
                log.warning(
                    "webhook_lease_s (%s) should exceed webhook_timeout_s (%s): a slow send "
                    "can outlive its lease and be sent by another worker at the same time",
                    self.settings.webhook_lease_s,
                    self.settings.webhook_timeout_s,
                )
            listener = asyncio.create_task(self._listen(stop))
            recorder = asyncio.create_task(self._record_loop())
            try:
                while not stop.is_set():
                    self.wake.clear()
                    try:
                        busy = await self.tick()
                    except Exception:
                        log.exception("delivery loop failed; retrying")
                        busy = False
                        await _sleep_or_stop(stop, 1.0)
                    if not busy:
                        await self._idle(stop)
            finally:
                listener.cancel()
                if self.inflight:
                    await asyncio.wait(self.inflight)
                await self.outcomes.join()
                recorder.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await listener
                    await recorder

    async def tick(self) -> bool:
        """Fan out and claim once; True when there is more to fan out right away.

        Claims are batched: a new claim is made only when at least half of the send slots
        are free (or none is busy); while there is a backlog, each finished send checks
        whether that point has come and wakes the loop (see :meth:`_sent`)."""
        fanned = 0
        if self.fan_out_due:
            self.fan_out_due = False
            fanned = await self.fan_out(FAN_OUT_BATCH)
            self.fan_out_due = fanned == FAN_OUT_BATCH
            if fanned:
                self._backlog = True  # new deliveries may be waiting for slots
        concurrency = self.settings.webhook_concurrency
        capacity = concurrency - len(self.inflight)
        if capacity > 0 and (capacity >= max(1, concurrency // 2) or not self.inflight):
            claims = await self.claim(capacity)
            self._backlog = len(claims) == capacity
            for claim in claims:
                task = asyncio.create_task(self._send_and_queue(claim))
                self.inflight.add(task)
                task.add_done_callback(self._sent)
        return self.fan_out_due

    def _sent(self, task: asyncio.Task[None]) -> None:
        self.inflight.discard(task)
        # With a backlog, refill once half the slots are free (claims stay batched).
        if self._backlog and len(self.inflight) <= self.settings.webhook_concurrency // 2:
            self.wake.set()

    async def _idle(self, stop: asyncio.Event) -> None:
        timeout = self.settings.webhook_poll_interval_s
        waiters = [asyncio.ensure_future(self.wake.wait()), asyncio.ensure_future(stop.wait())]
        try:
            done, _ = await asyncio.wait(
                waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            for w in waiters:
                w.cancel()
        if not done:  # the poll: the backstop for a missed or lost notification
            self.fan_out_due = True

    async def _listen(self, stop: asyncio.Event) -> None:
        """LISTEN on a connection of its own; reconnect after losing it (the poll covers gaps)."""
        channels = (EVENTS_CHANNEL, DELIVERIES_CHANNEL)

        def notified(_conn: Any, _pid: int, channel: str, _payload: str) -> None:
            if channel == EVENTS_CHANNEL:
                self.fan_out_due = True
            self.wake.set()

        while not stop.is_set():
            lost = asyncio.Event()
            try:
                conn = await self.engine.connect()
                try:
                    raw = (await conn.get_raw_connection()).driver_connection
                    assert raw is not None
                    raw.add_termination_listener(lambda *_, lost=lost: lost.set())
                    for channel in channels:
                        await raw.add_listener(channel, notified)
                    # Catch up with anything committed before we listened.
                    self.fan_out_due = True
                    self.wake.set()
                    waiters = [
                        asyncio.ensure_future(stop.wait()),
                        asyncio.ensure_future(lost.wait()),
                    ]
                    try:
                        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
                    finally:
                        for w in waiters:
                            w.cancel()
                finally:
                    # Never hand a LISTENing connection back to the pool.
                    with contextlib.suppress(Exception):
                        await conn.invalidate()
                    with contextlib.suppress(Exception):
                        await conn.close()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("LISTEN connection failed (%s); polling until it is back", exc)
            await _sleep_or_stop(stop, 1.0)

    # --- steps ------------------------------------------------------------------------------

    async def fan_out(self, limit: int = FAN_OUT_BATCH) -> int:
        async with self.sessionmaker() as session, session.begin():
            return await repository.fan_out(session, limit)

    async def claim(self, limit: int) -> list[Claim]:
        token = uuid.uuid4()
        async with self.sessionmaker() as session, session.begin():
            rows = await repository.claim_due(
                session, limit=limit, token=token, lease_s=self.settings.webhook_lease_s
            )
        now = utcnow()
        return [Claim.from_row(row, token, now) for row in rows]

    async def _send_and_queue(self, claim: Claim) -> None:
        try:
            outcome = await self.sender.send(claim)
        except Exception as exc:  # never lose the outcome of a claimed delivery
            log.exception("send failed unexpectedly")
            outcome = Outcome(claim, utcnow(), False, error=f"internal error: {exc}")
        self.outcomes.put_nowait(outcome)

    # --- recording --------------------------------------------------------------------------

    async def _record_loop(self) -> None:
        while True:
            batch = [await self.outcomes.get()]
            while len(batch) < RECORD_BATCH:
                try:
                    batch.append(self.outcomes.get_nowait())
                except asyncio.QueueEmpty:
                    break
            try:
                await self._record_with_retry(batch)
            finally:
                for _ in batch:
                    self.outcomes.task_done()

    async def _record_with_retry(self, batch: list[Outcome]) -> None:
        for delay in (0.0, 0.5, 1, 2, 5, 10):
            await asyncio.sleep(delay)
            try:
                await self.record(batch)
                return
            except Exception:
                log.exception("recording %d delivery outcomes failed", len(batch))
        # The leases run out and the deliveries are sent again: at least once, never lost.

    async def record(self, batch: list[Outcome]) -> None:
        attempts, applied = [], []
        for o in batch:
            made = o.claim.attempts + 1
            delay: float | None
            if o.succeeded:
                status, delay = "succeeded", None
            else:
                delay = None if o.gone else next_delay(self.settings, made, o.retry_after_s)
                status = "pending" if delay is not None else "failed"
            attempts.append(
                {
                    "id": new_id(),
                    "delivery_id": o.claim.delivery_id,
                    "endpoint_id": o.claim.endpoint_id,
                    "number": made,
                    "attempted_at": o.attempted_at,
                    "status_code": o.status_code,
                    "latency_ms": o.latency_ms,
                    "response_body": o.response_body,
                    "error": o.error,
                    "succeeded": o.succeeded,
                }
            )
            applied.append(
                {
                    "delivery_id": o.claim.delivery_id,
                    "token": o.claim.token,
                    "status": status,
                    # NULL unless another attempt is due (then next_attempt_at is NULL too).
                    "delay": delay,
                    "attempted_at": o.attempted_at,
                    "succeeded_at": o.attempted_at if o.succeeded else None,
                    "status_code": o.status_code,
                    "error": o.error,
                }
            )
        async with self.sessionmaker() as session, session.begin():
            await repository.record_attempts(session, attempts, applied)
            await self._update_endpoints(session, batch)
        self.sent += len(batch)

    async def _update_endpoints(self, session: AsyncSession, batch: list[Outcome]) -> None:
        by_endpoint: dict[uuid.UUID, list[Outcome]] = {}
        for o in batch:
            by_endpoint.setdefault(o.claim.endpoint_id, []).append(o)
        to_disable: list[tuple[uuid.UUID, str]] = []
        for endpoint_id, outcomes in by_endpoint.items():
            outcomes.sort(key=lambda o: o.attempted_at)
            last_ok = max((i for i, o in enumerate(outcomes) if o.succeeded), default=None)
            trailing = outcomes[last_ok + 1 :] if last_ok is not None else outcomes
            params = {
                "endpoint_id": endpoint_id,
                "trailing_failures": len(trailing),
                "failing_since": trailing[0].attempted_at if trailing else None,
                "last_failure_at": trailing[-1].attempted_at if trailing else None,
            }
            if last_ok is not None:
                params["last_success_at"] = outcomes[last_ok].attempted_at
                await repository.endpoint_succeeded(session, params)
            else:
                row = await repository.endpoint_failed(session, params)
                if row is not None and row.enabled and row.failing_since is not None:
                    failing_for = (utcnow() - row.failing_since).total_seconds()
                    if failing_for >= self.settings.webhook_disable_after_s:
                        to_disable.append((endpoint_id, "failing"))
            if any(o.gone for o in outcomes):
                to_disable.append((endpoint_id, "gone"))
        for endpoint_id, reason in dict(to_disable).items():
            await service.disable_endpoint(session, endpoint_id, reason)


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
