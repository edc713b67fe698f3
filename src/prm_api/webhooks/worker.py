"""The delivery worker: events → deliveries → signed HTTP POSTs, at least once.

One loop per process (``prm-api worker``, or inside ``prm-api serve``):

1. **Fan-out** — events not yet fanned out (``FOR UPDATE SKIP LOCKED``) become one delivery
   row per matching enabled endpoint, and are marked, in one statement.
2. **Claim** — due deliveries of enabled endpoints are leased (``FOR UPDATE SKIP LOCKED`` +
   ``lease_expires_at``), up to the free send slots. A worker that dies mid-send loses
   nothing: its lease runs out and any worker sends again, with the same ``webhook-id``.
3. **Send** — signed per Standard Webhooks, no redirects followed, a timeout, the target
   checked against the SSRF guard and pinned to the checked address.
4. **Record** — outcomes are written in batches: the attempt, the delivery's next state
   (succeeded, retry at the scheduled time, or failed), the endpoint's health; a 410 or five
   days of failures disable the endpoint and record ``webhook_endpoint.disabled``. A result
   is only applied while the worker still holds the lease (fencing by ``lease_token``).

The loop sleeps until ``NOTIFY prm_events`` / ``prm_deliveries`` (sent at commit) or the
poll interval (1 s by default), which also picks up retries as they come due.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import random
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import SimpleNamespace
from typing import Any

import httpx
from sqlalchemy import DateTime, Integer, String, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from standardwebhooks.webhooks import Webhook

from prm_api.config import Settings
from prm_api.events.outbox import envelope
from prm_api.events.schemas import EventOut
from prm_api.kit.ids import new_id
from prm_api.kit.time import utcnow
from prm_api.webhooks import service, targets

log = logging.getLogger("prm_api.webhooks")

EVENTS_CHANNEL = "prm_events"
RESPONSE_BODY_LIMIT = 2048
USER_AGENT = "prm-api-webhooks/1"
TARGET_CACHE_S = 10.0
CONNECTIONS_PER_CLIENT = 4
FAN_OUT_BATCH = 500

FAN_OUT = text(
    """
    WITH batch AS (
        SELECT id, type, partner_id FROM events
        WHERE fanned_out_at IS NULL
        ORDER BY created_at
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
    ), fanned AS (
        INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, status,
                                        attempts, next_attempt_at, created_at, updated_at)
        SELECT gen_random_uuid(), w.id, b.id, b.type, 'pending', 0, now(), now(), now()
        FROM batch b
        JOIN webhook_endpoints w
          ON w.enabled
         AND (w.partner_id IS NULL OR w.partner_id = b.partner_id)
         AND (cardinality(w.event_types) = 0
              OR b.type = ANY (w.event_types)
              OR split_part(b.type, '.', 1) || '.*' = ANY (w.event_types))
        WHERE b.type <> 'ping'
        ON CONFLICT (endpoint_id, event_id) DO NOTHING
    )
    UPDATE events SET fanned_out_at = now() WHERE id IN (SELECT id FROM batch)
    """
)

CLAIM = text(
    """
    WITH due AS (
        SELECT d.id FROM webhook_deliveries d
        JOIN webhook_endpoints w ON w.id = d.endpoint_id AND w.enabled
        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
          AND (d.lease_expires_at IS NULL OR d.lease_expires_at < now())
        ORDER BY d.next_attempt_at
        LIMIT :limit
        FOR UPDATE OF d SKIP LOCKED
    ), claimed AS (
        UPDATE webhook_deliveries d
        SET lease_token = :token, lease_expires_at = now() + make_interval(secs => :lease)
        FROM due WHERE d.id = due.id
        RETURNING d.id, d.endpoint_id, d.event_id, d.attempts
    )
    SELECT c.id AS delivery_id, c.endpoint_id, c.attempts,
           w.url, w.secret, w.previous_secret, w.previous_secret_expires_at,
           w.partner_id AS endpoint_partner_id,
           e.id AS event_id, e.type, e.created_at, e.api_version, e.data, e.partner_data,
           e.actor, e.partner_id
    FROM claimed c
    JOIN webhook_endpoints w ON w.id = c.endpoint_id
    JOIN events e ON e.id = c.event_id
    """
).columns(
    delivery_id=UUID(as_uuid=True),
    endpoint_id=UUID(as_uuid=True),
    attempts=Integer,
    url=String,
    secret=String,
    previous_secret=String,
    previous_secret_expires_at=DateTime(timezone=True),
    endpoint_partner_id=UUID(as_uuid=True),
    event_id=UUID(as_uuid=True),
    type=String,
    created_at=DateTime(timezone=True),
    api_version=String,
    data=JSONB,
    partner_data=JSONB,
    actor=JSONB,
    partner_id=UUID(as_uuid=True),
)

INSERT_ATTEMPT = text(
    """
    INSERT INTO webhook_attempts (id, delivery_id, endpoint_id, number, attempted_at,
                                  status_code, latency_ms, response_body, error, succeeded)
    SELECT :id, :delivery_id, :endpoint_id, :number, :attempted_at,
           :status_code, :latency_ms, :response_body, :error, :succeeded
    -- The endpoint (and its log) may have been deleted while the request was in flight.
    WHERE EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = :delivery_id)
    """
)

APPLY_OUTCOME = text(
    """
    UPDATE webhook_deliveries SET
        attempts = attempts + 1,
        status = :status,
        next_attempt_at = now() + make_interval(secs => :delay),
        last_attempt_at = :attempted_at,
        last_status_code = :status_code,
        last_error = :error,
        succeeded_at = COALESCE(:succeeded_at, succeeded_at),
        lease_token = NULL,
        lease_expires_at = NULL,
        updated_at = now()
    WHERE id = :delivery_id AND lease_token = :token
    """
)

ENDPOINT_SUCCEEDED = text(
    """
    UPDATE webhook_endpoints SET
        last_success_at = :last_success_at,
        consecutive_failures = :trailing_failures,
        failing_since = :failing_since,
        last_failure_at = COALESCE(:last_failure_at, last_failure_at)
    WHERE id = :endpoint_id
    """
)

ENDPOINT_FAILED = text(
    """
    UPDATE webhook_endpoints SET
        consecutive_failures = consecutive_failures + :trailing_failures,
        failing_since = COALESCE(failing_since, :failing_since),
        last_failure_at = :last_failure_at
    WHERE id = :endpoint_id
    RETURNING id, enabled, failing_since
    """
)


@dataclass
class Claim:
    delivery_id: uuid.UUID
    endpoint_id: uuid.UUID
    attempts: int
    token: uuid.UUID
    url: str
    secrets: list[str]
    body: str
    event_id: uuid.UUID


@dataclass
class Outcome:
    claim: Claim
    attempted_at: datetime
    succeeded: bool
    status_code: int | None = None
    latency_ms: int | None = None
    response_body: str | None = None
    error: str | None = None
    retry_after_s: float | None = None

    @property
    def gone(self) -> bool:
        return self.status_code == 410


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def next_delay(settings: Settings, attempts_made: int, retry_after_s: float | None) -> float | None:
    """Seconds until the next attempt after ``attempts_made`` attempts, or None when the
    schedule is used up. Jitter ±10 %; never sooner than the receiver's ``Retry-After``."""
    schedule = settings.webhook_retry_schedule_s
    if attempts_made >= len(schedule):
        return None
    delay = schedule[attempts_made] * random.uniform(0.9, 1.1)
    if retry_after_s is not None:
        delay = max(delay, min(retry_after_s, 24 * 3600.0))
    return delay


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
        self._targets: dict[str, tuple[float, targets.Target]] = {}
        self._clients: list[httpx.AsyncHTTPTransport] = []
        self._next_client: Iterator[httpx.AsyncHTTPTransport] = iter(())
        self.sent = 0

    # --- the loop ---------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set; then finish the sends in flight and record them."""
        # Several small connection pools instead of one big one: httpcore's pool scans (and
        # polls) every connection it holds on each request, which made one 32-connection pool
        # the worker's main cost. Sends go to the pools in turn. The transports are used
        # directly: the client layer (redirects, auth, cookies) is not wanted here and costs
        # a fifth of each send.
        concurrency = max(1, self.settings.webhook_concurrency)
        shards = max(1, concurrency // CONNECTIONS_PER_CLIENT)
        per_client = -(-concurrency // shards)
        limits = httpx.Limits(max_connections=per_client, max_keepalive_connections=per_client)
        tls = httpx.create_ssl_context()  # one CA bundle load, not one per pool
        async with contextlib.AsyncExitStack() as clients:
            self._clients = [
                await clients.enter_async_context(
                    httpx.AsyncHTTPTransport(verify=tls, limits=limits)
                )
                for _ in range(shards)
            ]
            self._next_client = itertools.cycle(self._clients)
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
        channels = (EVENTS_CHANNEL, service.DELIVERIES_CHANNEL)

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
            result = await session.execute(FAN_OUT, {"limit": limit})
            return result.rowcount or 0

    async def claim(self, limit: int) -> list[Claim]:
        token = uuid.uuid4()
        async with self.sessionmaker() as session, session.begin():
            rows = (
                await session.execute(
                    CLAIM, {"limit": limit, "token": token, "lease": self.settings.webhook_lease_s}
                )
            ).all()
        now = utcnow()
        claims = []
        for row in rows:
            partner_audience = row.endpoint_partner_id is not None
            event = SimpleNamespace(
                id=row.event_id,
                type=row.type,
                created_at=row.created_at,
                api_version=row.api_version,
                data=row.data,
                partner_data=row.partner_data,
                actor=row.actor,
                partner_id=row.partner_id,
            )
            # The same document as GET /v1/events/{id} gives this audience.
            body = EventOut.model_validate(
                envelope(event, partner_audience=partner_audience)  # type: ignore[arg-type]
            ).model_dump_json()
            secrets = [row.secret]
            if (
                row.previous_secret
                and row.previous_secret_expires_at
                and (row.previous_secret_expires_at > now)
            ):
                secrets.append(row.previous_secret)
            claims.append(
                Claim(
                    delivery_id=row.delivery_id,
                    endpoint_id=row.endpoint_id,
                    attempts=row.attempts,
                    token=token,
                    url=row.url,
                    secrets=secrets,
                    body=body,
                    event_id=row.event_id,
                )
            )
        return claims

    async def _send_and_queue(self, claim: Claim) -> None:
        try:
            outcome = await self.send(claim)
        except Exception as exc:  # never lose the outcome of a claimed delivery
            log.exception("send failed unexpectedly")
            outcome = Outcome(claim, utcnow(), False, error=f"internal error: {exc}")
        self.outcomes.put_nowait(outcome)

    async def _target(self, url: str) -> targets.Target:
        cached = self._targets.get(url)
        now = time.monotonic()
        if cached and now - cached[0] < TARGET_CACHE_S:
            return cached[1]
        target = await targets.resolve(
            url, allow_private=self.settings.webhook_allow_private_targets
        )
        self._targets[url] = (now, target)
        return target

    async def send(self, claim: Claim) -> Outcome:
        attempted_at = utcnow()
        started = time.perf_counter()
        timeout = self.settings.webhook_timeout_s
        try:
            # One deadline for the whole exchange, name resolution included: httpx's timeout
            # bounds each connect, read and write on its own, so a receiver sending a byte now
            # and then could hold a send open past its lease (when another worker sends again).
            async with asyncio.timeout(timeout):
                try:
                    target = await self._target(claim.url)
                except targets.TargetRefused as exc:
                    return Outcome(claim, attempted_at, False, error=f"target refused: {exc}")
                response, body = await self._post(claim, target)
        except (httpx.TimeoutException, TimeoutError):
            return Outcome(
                claim,
                attempted_at,
                False,
                latency_ms=_ms(started),
                error=f"timeout after {timeout:g} s",
            )
        except httpx.HTTPError as exc:
            return Outcome(
                claim,
                attempted_at,
                False,
                latency_ms=_ms(started),
                error=f"{type(exc).__name__}: {exc}"[:1000] or type(exc).__name__,
            )
        status = response.status_code
        ok = 200 <= status < 300
        error = None
        if 300 <= status < 400:
            error = "redirect not followed"
            if location := response.headers.get("location"):
                error += f" (Location: {location[:500]})"
        elif not ok:
            error = f"HTTP {status}"
        return Outcome(
            claim,
            attempted_at,
            ok,
            status_code=status,
            latency_ms=_ms(started),
            response_body=body,
            error=error,
            retry_after_s=retry_after_seconds(response.headers.get("retry-after")),
        )

    async def _post(self, claim: Claim, target: targets.Target) -> tuple[httpx.Response, str]:
        """POST the signed body to the checked addresses in turn (a dual-stack host whose
        first address is unreachable still gets it); returns the response and its first
        bytes."""
        msg_id = str(claim.event_id)
        signed_at = datetime.now(UTC)
        signature = " ".join(
            Webhook(secret).sign(msg_id, signed_at, claim.body) for secret in claim.secrets
        )
        headers = {
            "content-type": "application/json",
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(signed_at.timestamp())),
            "webhook-signature": signature,
            "host": target.host_header,
            "user-agent": USER_AGENT,
        }
        timeout = self.settings.webhook_timeout_s
        extensions: dict[str, Any] = {
            "timeout": {"connect": timeout, "read": timeout, "write": timeout, "pool": timeout}
        }
        if claim.url.lower().startswith("https"):
            extensions["sni_hostname"] = target.host
        content = claim.body.encode()
        http = next(self._next_client)
        for i, address in enumerate(target.addresses):
            request = httpx.Request(
                "POST",
                target.pinned_url(address),
                content=content,
                headers=headers,
                extensions=extensions,
            )
            try:
                response = await http.handle_async_request(request)
            except httpx.ConnectError:
                if i == len(target.addresses) - 1:
                    raise
                continue
            try:
                return response, await _read_capped(response, RESPONSE_BODY_LIMIT)
            finally:
                await response.aclose()
        raise AssertionError("a Target has at least one address")

    # --- recording --------------------------------------------------------------------------

    async def _record_loop(self) -> None:
        while True:
            batch = [await self.outcomes.get()]
            while len(batch) < 500:
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
            await session.execute(INSERT_ATTEMPT, attempts)
            await session.execute(APPLY_OUTCOME, applied)
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
                await session.execute(ENDPOINT_SUCCEEDED, params)
            else:
                row = (await session.execute(ENDPOINT_FAILED, params)).one_or_none()
                if row is not None and row.enabled and row.failing_since is not None:
                    failing_for = (utcnow() - row.failing_since).total_seconds()
                    if failing_for >= self.settings.webhook_disable_after_s:
                        to_disable.append((endpoint_id, "failing"))
            if any(o.gone for o in outcomes):
                to_disable.append((endpoint_id, "gone"))
        for endpoint_id, reason in dict(to_disable).items():
            await service.disable_endpoint(session, endpoint_id, reason)


async def _read_capped(response: httpx.Response, limit: int) -> str:
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit].decode("utf-8", errors="replace")


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
