"""``Idempotency-Key`` on POST: the first response is stored for 24 h per (caller, key).

- same key, same request → the stored response is replayed (``Idempotent-Replayed: true``);
- same key, different request → 422 ``idempotency_key_reused``;
- same key while the first request is still running → 409 ``idempotency_in_flight``.

Responses that say "try again" (401, 403, 409, 412, 429, 5xx) are not stored, so a retry after
fixing the cause runs for real.

A key that is already taken answers nothing before the caller passes the route's own
authentication again (:mod:`prm_api.kit.replay_auth`): a revoked token, a revoked client, a
deactivated user or a missing scope gets the same 401/403 a fresh request gets, never the
stored response (which may hold a one-time secret). Stored responses are sealed
(:mod:`prm_api.kit.sealing`) with keys kept outside the database; one that no longer opens
(its key was rotated away or lost) is answered with a 409 ``idempotency_replay_unavailable``,
never by running the request a second time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import struct
from datetime import timedelta
from typing import Any

import anyio
from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from prm_api.auth.identity import caller_key
from prm_api.error_handlers import is_connection_error
from prm_api.kit.middleware import header, send_problem
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
# No request of this API nests JSON beyond a handful of levels. Deeper bodies are refused
# before they are parsed: parsing is recursive, and a body of 50,000 ``[`` exhausted the stack.
MAX_JSON_DEPTH = 128
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
        # by the body guard) is never buffered here: its key is not honoured.
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or not scope["path"].startswith("/v1/")
            or (key := header(scope, b"idempotency-key")) is None
            or scope.get("state", {}).get("streamed_upload")
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
        # Before anything is claimed or run: a bad key configuration must not leave a request
        # done with no response stored.
        sealer = await _sealer(scope)
        request_hash = _fingerprint(scope, body, is_json=is_json)
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
                await self._answer_existing(claimed, sealer, owner, request_hash, scope, send)
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
            headers = [
                [k.decode("latin-1"), v.decode("latin-1")]
                for k, v in captured["headers"]
                if k.lower() in REPLAYED_HEADERS
            ]
            sealed = sealer.seal(
                _pack(headers, captured["body"]), _bound_to(owner, key, request_hash, status)
            )
            async with sessionmaker() as session, session.begin():
                await session.execute(
                    update(IdempotencyRecord)
                    .where(IdempotencyRecord.owner == owner, IdempotencyRecord.key == key)
                    .values(
                        status="completed",
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


# --- fingerprint ------------------------------------------------------------------------------

_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPENING = frozenset(b"[{")


def _is_json(scope: Scope) -> bool:
    ctype = (header(scope, b"content-type") or "").split(";")[0].strip().lower()
    return ctype == "application/json" or ctype.endswith("+json")


def json_too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether ``body`` nests arrays/objects deeper than ``limit``, found without parsing
    (and without recursion): brackets inside strings do not count."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth = 0
    for byte in _JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKETS):
        if byte in _OPENING:
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _fingerprint(scope: Scope, body: bytes, *, is_json: bool = True) -> str:
    """The request's identity: method, path, query and body — JSON canonicalized, so key
    order and whitespace do not matter. Over-deep or invalid JSON is hashed as sent."""
    canonical_body = body
    if body and is_json and not json_too_deep(body):
        try:
            canonical_body = json.dumps(json.loads(body), sort_keys=True).encode()
        except (ValueError, UnicodeDecodeError, RecursionError):
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
