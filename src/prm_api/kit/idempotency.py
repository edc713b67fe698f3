"""``Idempotency-Key`` on POST: the first response is stored for 24 h per (caller, key).

- same key, same request → the stored response is replayed (``Idempotent-Replayed: true``);
- same key, different request → 422 ``idempotency_key_reused``;
- same key while the first request is still running → 409 ``idempotency_in_flight``.

Responses that say "try again" (401, 403, 409, 412, 429, 5xx) are not stored, so a retry after
fixing the cause runs for real.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from prm_api.auth.identity import caller_key
from prm_api.error_handlers import is_connection_error
from prm_api.kit.middleware import header, send_problem
from prm_api.kit.time import utcnow
from prm_api.models import IdempotencyRecord

NOT_STORED = frozenset({401, 403, 408, 409, 412, 425, 429})
REPLAYED_HEADERS = frozenset({b"content-type", b"location", b"etag", b"link"})
MAX_KEY_LENGTH = 255
# A request that holds its key longer than this is presumed dead and the key can be retaken.
IN_FLIGHT_LEASE = timedelta(minutes=5)


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, *, ttl_s: int) -> None:
        self.app = app
        self.ttl = timedelta(seconds=ttl_s)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Only POSTs to the resource API (token responses must never be stored or replayed);
        # the method first: reads pass straight through.
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or not scope["path"].startswith("/v1/")
            or (key := header(scope, b"idempotency-key")) is None
        ):
            await self.app(scope, receive, send)
            return
        key = key.strip()
        if not key or len(key) > MAX_KEY_LENGTH:
            await send_problem(
                send,
                scope,
                400,
                "invalid_idempotency_key",
                "Invalid Idempotency-Key",
                f"Idempotency-Key must be 1–{MAX_KEY_LENGTH} characters.",
            )
            return

        body = b""
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        request_hash = _fingerprint(scope, body)
        owner = caller_key(scope)[0]
        sessionmaker = scope["app"].state.sessionmaker

        try:
            claimed = await self._claim(sessionmaker, owner, key, scope, request_hash)
        except Exception as exc:
            # Raised outside the app's exception handlers: render the 503 here, not a 500.
            if not is_connection_error(exc):
                raise
            await send_problem(
                send,
                scope,
                503,
                "service_unavailable",
                "Service unavailable",
                "The database is not reachable right now; retry shortly.",
                [(b"retry-after", b"5")],
            )
            return
        if isinstance(claimed, IdempotencyRecord):
            await self._answer_existing(claimed, request_hash, scope, send)
            return

        replay_sent = False

        async def replay_receive() -> Message:
            nonlocal replay_sent
            if not replay_sent:
                replay_sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        captured: dict[str, Any] = {"status": 500, "headers": [], "body": b""}

        async def capture_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["headers"] = message.get("headers", [])
            elif message["type"] == "http.response.body":
                captured["body"] += message.get("body", b"")
            await send(message)

        try:
            await self.app(scope, replay_receive, capture_send)
        except BaseException:
            await self._release(sessionmaker, owner, key)
            raise
        status = captured["status"]
        if status >= 500 or status in NOT_STORED:
            await self._release(sessionmaker, owner, key)
        else:
            headers = {
                k.decode("latin-1"): v.decode("latin-1")
                for k, v in captured["headers"]
                if k.lower() in REPLAYED_HEADERS
            }
            async with sessionmaker() as session, session.begin():
                await session.execute(
                    update(IdempotencyRecord)
                    .where(IdempotencyRecord.owner == owner, IdempotencyRecord.key == key)
                    .values(
                        status="completed",
                        response_status=status,
                        response_headers=headers,
                        response_body=captured["body"],
                        locked_until=None,
                    )
                )

    async def _claim(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        owner: str,
        key: str,
        scope: Scope,
        request_hash: str,
    ) -> IdempotencyRecord | None:
        """Insert an in-flight row; return the existing row when the key is already taken."""
        now = utcnow()
        async with sessionmaker() as session, session.begin():
            # Expired or abandoned keys can be taken again.
            await session.execute(
                delete(IdempotencyRecord).where(
                    IdempotencyRecord.owner == owner,
                    IdempotencyRecord.key == key,
                    (IdempotencyRecord.expires_at < now)
                    | (
                        (IdempotencyRecord.status == "in_flight")
                        & (IdempotencyRecord.locked_until < now)
                    ),
                )
            )
            inserted = await session.scalar(
                insert(IdempotencyRecord)
                .values(
                    owner=owner,
                    key=key,
                    method=scope["method"],
                    path=scope["path"],
                    request_hash=request_hash,
                    status="in_flight",
                    created_at=now,
                    locked_until=now + IN_FLIGHT_LEASE,
                    expires_at=now + self.ttl,
                )
                .on_conflict_do_nothing()
                .returning(IdempotencyRecord.key)
            )
            if inserted is not None:
                return None
            return await session.scalar(
                select(IdempotencyRecord).where(
                    IdempotencyRecord.owner == owner, IdempotencyRecord.key == key
                )
            )

    async def _release(
        self, sessionmaker: async_sessionmaker[AsyncSession], owner: str, key: str
    ) -> None:
        async with sessionmaker() as session, session.begin():
            await session.execute(
                delete(IdempotencyRecord).where(
                    IdempotencyRecord.owner == owner,
                    IdempotencyRecord.key == key,
                    IdempotencyRecord.status == "in_flight",
                )
            )

    async def _answer_existing(
        self, record: IdempotencyRecord, request_hash: str, scope: Scope, send: Send
    ) -> None:
        if record.request_hash != request_hash:
            await send_problem(
                send,
                scope,
                422,
                "idempotency_key_reused",
                "Idempotency-Key reused",
                "This Idempotency-Key was already used with a different request.",
            )
            return
        if record.status != "completed":
            await send_problem(
                send,
                scope,
                409,
                "idempotency_in_flight",
                "Request in progress",
                "A request with this Idempotency-Key is still being processed; retry later.",
                [(b"retry-after", b"1")],
            )
            return
        body = record.response_body or b""
        headers = [(k.encode(), v.encode()) for k, v in (record.response_headers or {}).items()]
        headers += [(b"content-length", str(len(body)).encode()), (b"idempotent-replayed", b"true")]
        await send(
            {"type": "http.response.start", "status": record.response_status, "headers": headers}
        )
        await send({"type": "http.response.body", "body": body})


def _fingerprint(scope: Scope, body: bytes) -> str:
    canonical_body = body
    try:
        canonical_body = json.dumps(json.loads(body), sort_keys=True).encode() if body else b""
    except (ValueError, UnicodeDecodeError):
        pass
    h = hashlib.sha256()
    for part in (
        scope["method"].encode(),
        scope["path"].encode(),
        scope.get("query_string", b""),
        canonical_body,
    ):
        h.update(part + b"\x00")
    return h.hexdigest()
