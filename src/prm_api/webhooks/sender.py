"""Sending one webhook: a claimed delivery becomes a signed HTTP POST and an :class:`Outcome`.

Signed per Standard Webhooks (``webhook-id`` is the event id, stable across retries; during
a secret rotation both secrets sign), no redirects followed, one deadline for the whole
exchange, the target checked against the SSRF guard at send time and pinned to the checked
address (so a DNS answer cannot change between the check and the connection).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace, TracebackType
from typing import Any

import httpx
from sqlalchemy import Row
from standardwebhooks.webhooks import Webhook

from prm_api.config import Settings
from prm_api.events.outbox import envelope
from prm_api.events.schemas import EventOut
from prm_api.kit.time import utcnow
from prm_api.webhooks import targets
from prm_api.webhooks.retry import retry_after_seconds

RESPONSE_BODY_LIMIT = 2048
USER_AGENT = "prm-api-webhooks/1"
TARGET_CACHE_S = 10.0
CONNECTIONS_PER_CLIENT = 4


@dataclass
class Claim:
    """A delivery leased to this worker, with the body and secrets to send it."""

    delivery_id: uuid.UUID
    endpoint_id: uuid.UUID
    attempts: int
    token: uuid.UUID
    url: str
    secrets: list[str]
    body: str
    event_id: uuid.UUID

    @classmethod
    def from_row(cls, row: Row[Any], token: uuid.UUID, now: datetime) -> Claim:
        """A claimed row (see :data:`prm_api.webhooks.repository.CLAIM`) ready to send."""
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
        partner_audience = row.endpoint_partner_id is not None
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
        return cls(
            delivery_id=row.delivery_id,
            endpoint_id=row.endpoint_id,
            attempts=row.attempts,
            token=token,
            url=row.url,
            secrets=secrets,
            body=body,
            event_id=row.event_id,
        )


@dataclass
class Outcome:
    """What one attempt gave: recorded in the delivery log, and deciding the next step."""

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


class Sender:
    """Sends claims over a few shared connection pools; ``async with`` opens and closes them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._targets: dict[str, tuple[float, targets.Target]] = {}
        self._clients: list[httpx.AsyncHTTPTransport] = []
        self._next_client: Iterator[httpx.AsyncHTTPTransport] = iter(())
        self._stack = contextlib.AsyncExitStack()

    async def __aenter__(self) -> Sender:
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
        self._stack = contextlib.AsyncExitStack()
        self._clients = [
            await self._stack.enter_async_context(
                httpx.AsyncHTTPTransport(verify=tls, limits=limits)
            )
            for _ in range(shards)
        ]
        self._next_client = itertools.cycle(self._clients)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._stack.__aexit__(exc_type, exc, tb)

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
