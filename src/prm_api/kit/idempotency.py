"""``Idempotency-Key`` on POST: the first response is stored for 24 h per (caller, key).

- same key, same request → the stored response is replayed (``Idempotent-Replayed: true``);
- same key, different request → 422 ``idempotency_key_reused``;
- same key while the first request is still running → 409 ``idempotency_in_flight``.

Responses that say "try again" (401, 403, 409, 412, 429, 5xx) are not stored, so a retry after
fixing the cause runs for real.

A streamed upload (:class:`~prm_api.kit.middleware.StreamedUpload` with ``max_body``) is never
buffered: its fingerprint is taken as the body streams to the endpoint, and a retry's body is
read for its fingerprint without running the endpoint (:mod:`.idempotency_streamed`). An
upload whose body the endpoint did not read whole (a 413 while streaming) stores nothing.

A key that is already taken answers nothing before the caller passes the route's own
authentication again (:mod:`prm_api.kit.replay_auth`): a revoked token, a revoked client, a
deactivated user or a missing scope gets the same 401/403 a fresh request gets, never the
stored response (which may hold a one-time secret). Stored responses are sealed
(:mod:`prm_api.kit.sealing`) with keys kept outside the database; one that no longer opens
(its key was rotated away or lost) is answered with a 409 ``idempotency_replay_unavailable``,
never by running the request a second time.
"""

from __future__ import annotations

import json
import logging
import struct
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import anyio
from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from prm_api.auth.identity import caller_key
from prm_api.error_handlers import is_connection_error
from prm_api.kit import idempotency_fingerprint as streamed_fingerprint
from prm_api.kit.idempotency_fingerprint import MAX_JSON_DEPTH as MAX_JSON_DEPTH
from prm_api.kit.idempotency_fingerprint import _fingerprint, _is_json, json_too_deep
from prm_api.kit.middleware import StreamedUpload, header, send_problem
from prm_api.kit.replay_auth import authenticate_replay
from prm_api.kit.sealing import Sealer, Unsealable, load_keys
from prm_api.kit.time import utcnow
from prm_api.models import IdempotencyRecord

log = logging.getLogger("prm_api.idempotency")

NOT_STORED = frozenset({401, 403, 408, 409, 412, 425, 429})
REPLAYED_HEADERS = frozenset({b"content-type", b"location", b"etag", b"link"})
MAX_KEY_LENGTH = 255
# A request that holds its key longer than this is presumed dead and the key can be retaken.
IN_FLIGHT_LEASE = timedelta(minutes=5)
# FastAPI's words for a body it cannot parse, so a refused body reads the same with or without
# a key.
PARSE_ERROR_DETAIL = "There was an error parsing the body"


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, *, ttl_s: int) -> None:
        self.app = app
        self.ttl = timedelta(seconds=ttl_s)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Only POSTs to the resource API (token responses must never be stored or replayed);
        # the method first: reads pass straight through. A streamed upload (gigabytes; marked
        # by the body guard) is never buffered: its key is honoured only when the route
        # declares the bound of its body (its fingerprint is then taken as it streams).
        streamed: StreamedUpload | None = None
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or not scope["path"].startswith("/v1/")
            or (key := header(scope, b"idempotency-key")) is None
            or (
                (streamed := scope.get("state", {}).get("streamed_upload")) is not None
                and streamed.max_body is None
            )
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
        max_body = streamed.max_body if streamed is not None else None
        if max_body is not None:
            request_hash = streamed_fingerprint.placeholder(scope)
        else:
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    break
                body += message.get("body", b"")
                if not message.get("more_body"):
                    break
            is_json = _is_json(scope)
            if is_json and json_too_deep(body):
                # What the app answers the same body without a key (its parser gives up).
                await send_problem(
                    send,
                    scope,
                    400,
                    "bad_request",
                    "Bad Request",
                    "There was an error parsing the body",
                )
                return
            request_hash = _fingerprint(scope, body, is_json=is_json)
        # Before anything is claimed or run: a bad key configuration must not leave a request
        # done with no response stored.
        sealer = await _sealer(scope)
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
            if await authenticate_replay(scope, receive, send):
                if max_body is not None and claimed.status == "completed":
                    # The retry's body, read (not run) for its fingerprint: one over the
                    # route's bound cannot be the stored request.
                    limit = max_body(scope["app"].state.settings)
                    read = await streamed_fingerprint.read_fingerprint(scope, receive, limit)
                    request_hash = read or "body over the bound"
                await self._answer_existing(claimed, sealer, owner, request_hash, scope, send)
            return

        if max_body is not None:
            fingerprint = streamed_fingerprint.BodyFingerprint(
                scope, max_body(scope["app"].state.settings)
            )
            await self._run(
                scope,
                streamed_fingerprint.tee(receive, fingerprint),
                send,
                (sessionmaker, sealer, owner, key),
                lambda: fingerprint.digest,
            )
            return

        replay_sent = False

        async def replay_receive() -> Message:
            nonlocal replay_sent
            if not replay_sent:
                replay_sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self._run(
            scope, replay_receive, send, (sessionmaker, sealer, owner, key), lambda: request_hash
        )

    async def _run(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        claim: tuple[async_sessionmaker[AsyncSession], Sealer, str, str],
        request_hash: Callable[[], str | None],
    ) -> None:
        """Run the claimed request and store its response under the key, or free the key:
        for an answer that says "try again", or when the request's fingerprint is not known
        (a streamed body the endpoint did not read whole)."""
        sessionmaker, sealer, owner, key = claim
        captured: dict[str, Any] = {"status": 500, "headers": [], "body": b""}

        async def capture_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["headers"] = message.get("headers", [])
            elif message["type"] == "http.response.body":
                captured["body"] += message.get("body", b"")
            await send(message)

        try:
            await self.app(scope, receive, capture_send)
        except BaseException:
            await self._release(sessionmaker, owner, key)
            raise
        status = captured["status"]
        fingerprint = request_hash()
        if fingerprint is None or status >= 500 or status in NOT_STORED:
            await self._release(sessionmaker, owner, key)
            return
        headers = [
            [k.decode("latin-1"), v.decode("latin-1")]
            for k, v in captured["headers"]
            if k.lower() in REPLAYED_HEADERS
        ]
        sealed = sealer.seal(
            _pack(headers, captured["body"]), _bound_to(owner, key, fingerprint, status)
        )
        async with sessionmaker() as session, session.begin():
            await session.execute(
                update(IdempotencyRecord)
                .where(IdempotencyRecord.owner == owner, IdempotencyRecord.key == key)
                .values(
                    status="completed",
                    request_hash=fingerprint,
                    response_status=status,
                    # The headers travel inside the sealed body.
                    response_headers=None,
                    response_body=sealed,
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
        self,
        record: IdempotencyRecord,
        sealer: Sealer,
        owner: str,
        request_hash: str,
        scope: Scope,
        send: Send,
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
        if record.status != "completed" or record.response_status is None:
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
        status = record.response_status
        try:
            stored_headers, body = _unpack(
                sealer.open(
                    record.response_body or b"", _bound_to(owner, record.key, request_hash, status)
                )
            )
        except Unsealable as exc:
            log.warning(
                "stored idempotent response cannot be opened (%s); answering 409 instead", exc
            )
            await send_problem(
                send,
                scope,
                409,
                "idempotency_replay_unavailable",
                "Stored response unavailable",
                "A request with this Idempotency-Key was already processed, but its stored "
                "response can no longer be read. It was not run again: check the outcome "
                "(e.g. list the resource) before retrying with a new key.",
            )
            return
        headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in stored_headers]
        headers += [(b"content-length", str(len(body)).encode()), (b"idempotent-replayed", b"true")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


# --- sealing the stored response --------------------------------------------------------------


async def _sealer(scope: Scope) -> Sealer:
    """The sealer for the app's current settings (read once; the key file on a thread)."""
    state = scope["app"].state
    settings = state.settings
    cached = getattr(state, "idempotency_sealer", None)
    if cached is not None and cached[0] is settings:
        return cached[1]
    env = settings.idempotency_keys.get_secret_value() if settings.idempotency_keys else None
    keys = await anyio.to_thread.run_sync(load_keys, env, settings.data_dir)
    sealer = Sealer(keys)
    state.idempotency_sealer = (settings, sealer)
    return sealer


def _bound_to(owner: str, key: str, request_hash: str, status: int) -> bytes:
    """Associated data: a sealed response opens only in its own row, for its own request."""
    return "\x00".join(("prm-idempotency-v1", owner, key, request_hash, str(status))).encode()


def _pack(headers: list[list[str]], body: bytes) -> bytes:
    encoded = json.dumps(headers).encode()
    return struct.pack(">I", len(encoded)) + encoded + body


def _unpack(plain: bytes) -> tuple[list[list[str]], bytes]:
    (length,) = struct.unpack_from(">I", plain)
    return json.loads(plain[4 : 4 + length]), plain[4 + length :]
