"""Pure-ASGI middleware: request id, access log and metrics, body size limit and content-type
checks; the client address behind a proxy; relative trailing-slash redirects.

Pure ASGI (not ``BaseHTTPMiddleware``) so streaming bodies and exceptions pass through intact.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from os import urandom
from typing import Any, cast
from urllib.parse import quote

from starlette.responses import RedirectResponse
from starlette.routing import Match, Router
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from prm_api.errors import PROBLEM_JSON
from prm_api.ops.metrics import HttpMetrics

log = logging.getLogger("prm_api.access")

_REQUEST_ID_OK = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _problem(
    status: int,
    code: str,
    title: str,
    detail: str,
    path: str,
    request_id: str | None,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> tuple[dict[str, Any], bytes]:
    body = json.dumps(
        {
            "type": f"https://prm-api.dev/problems/{code}",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": path,
            "code": code,
            "request_id": request_id,
        }
    ).encode()
    hdrs = [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode())]
    if request_id:
        hdrs.append((b"x-request-id", request_id.encode()))
    hdrs.extend(headers or [])
    return {"type": "http.response.start", "status": status, "headers": hdrs}, body


async def send_problem(
    send: Send,
    scope: Scope,
    status: int,
    code: str,
    title: str,
    detail: str,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    request_id = scope.get("state", {}).get("request_id")
    start, body = _problem(status, code, title, detail, scope.get("path", ""), request_id, headers)
    await send(start)
    await send({"type": "http.response.body", "body": body})


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class RequestContextMiddleware:
    """Accepts or creates ``X-Request-ID``, echoes it, writes one access-log line and, given
    ``metrics``, counts the request and its latency by route template and status; given
    ``after_write``, calls it once a request of another method than GET, HEAD or OPTIONS has
    been answered (its transaction is over by then).

    One layer for the three: each pure-ASGI layer costs every request a coroutine and a
    ``send`` wrapper, and these three observe the same things (status, duration, route).
    """

    def __init__(
        self,
        app: ASGIApp,
        metrics: HttpMetrics | None = None,
        after_write: Callable[[], None] | None = None,
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.after_write = after_write

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = header(scope, b"x-request-id")
        # 128 random bits in hex, as uuid4().hex was, without building a UUID object.
        request_id = incoming if incoming and _REQUEST_ID_OK.match(incoming) else urandom(16).hex()
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                if not any(k == b"x-request-id" for k, _ in headers):
                    headers.append((b"x-request-id", request_id.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None)
            method = scope.get("method", "")
            if self.metrics is not None:
                self.metrics.observe(method, route or "unmatched", status, elapsed)
            if self.after_write is not None and method not in _READ_METHODS:
                self.after_write()
            if log.isEnabledFor(logging.INFO):
                # ``log.info`` would walk the stack for the caller's file and line (a third of
                # the line's cost); the access log never shows them.
                log.handle(
                    log.makeRecord(
                        log.name, logging.INFO, "", 0, "request", (), None,
                        extra={
                            "request_id": request_id,
                            "method": method,
                            "path": scope.get("path"),
                            "route": route,
                            "status": status,
                            "duration_ms": round(elapsed * 1000, 2),
                        },
                    )
                )  # fmt: skip


@dataclass(frozen=True)
class StreamedUpload:
    """A route whose endpoint reads its body as a stream and enforces its own size limit
    while reading (file uploads of up to gigabytes). The body guard checks only its media
    type, and marks the request (``scope["state"]["streamed_upload"]``: this declaration) so
    that the idempotency layer does not buffer the body either. Router modules declare theirs in
    ``STREAMED_UPLOADS`` (collected by :func:`prm_api.domains.streamed_uploads`)."""

    method: str
    #: A regular expression the whole path must match.
    path: str
    media_types: tuple[str, ...]
    #: The most the endpoint reads of a body, from the app's settings. Declared, it lets the
    #: idempotency layer honour ``Idempotency-Key`` on the route (a POST) by fingerprinting
    #: the body as it streams (:mod:`prm_api.kit.idempotency_streamed`), and bounds what it
    #: reads of a retry's body; undeclared, the key is not honoured there.
    max_body: Callable[[Any], int] | None = None


class BodyGuardMiddleware:
    """413 for bodies over the limit (declared or streamed); 415 for the wrong content type.

    ``/oauth/*`` takes form-encoded bodies; ``/v1/*`` takes JSON, except the paths listed in
    ``multipart_paths`` (uploads) and the ``streamed`` uploads, which take their own media
    types and are not held to the limit (their endpoints enforce theirs while streaming).
    """

    def __init__(
        self,
        app: ASGIApp,
        max_body_bytes: int,
        multipart_paths: tuple[str, ...] = (),
        streamed: Sequence[StreamedUpload] = (),
    ) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.multipart_paths = tuple(re.compile(p) for p in multipart_paths)
        self.streamed = tuple((u, re.compile(u.path)) for u in streamed)

    def _streamed(self, scope: Scope) -> StreamedUpload | None:
        """The streamed upload the request is; one without media types when its path is an
        upload's but the method is not (the router answers 405, not this layer a 415)."""
        found = None
        for upload, path in self.streamed:
            if path.fullmatch(scope["path"]):
                if scope["method"] == upload.method:
                    return upload
                found = StreamedUpload(upload.method, upload.path, ())
        return found

    def _expected_media(self, path: str) -> tuple[str, ...] | None:
        if path.startswith("/oauth/"):
            return ("application/x-www-form-urlencoded",)
        if path.startswith("/v1/"):
            if any(p.match(path) for p in self.multipart_paths):
                return ("multipart/form-data",)
            return ("application/json",)
        return None

    async def _too_large(self, send: Send, scope: Scope) -> None:
        await send_problem(
            send,
            scope,
            413,
            "payload_too_large",
            "Payload too large",
            f"The request body exceeds {self.max_body} bytes.",
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        length_header = header(scope, b"content-length")
        declared = int(length_header) if length_header and length_header.isdigit() else None
        upload = self._streamed(scope) if self.streamed else None
        streamed = upload.media_types if upload is not None else None
        if declared is not None and declared > self.max_body and not streamed:
            await self._too_large(send, scope)
            return
        has_body = (declared or 0) > 0 or header(scope, b"transfer-encoding") is not None
        expected = streamed if streamed is not None else self._expected_media(scope["path"])
        if has_body and expected:
            ctype = (header(scope, b"content-type") or "").split(";")[0].strip().lower()
            json_like = ctype.endswith("+json") and "application/json" in expected
            if ctype not in expected and not json_like:
                await send_problem(
                    send,
                    scope,
                    415,
                    "unsupported_media_type",
                    "Unsupported media type",
                    f"Send the body as {' or '.join(expected)} (got {ctype or 'no content type'}).",
                    [(b"accept-post", ", ".join(expected).encode())],
                )
                return
        if streamed:
            # The endpoint streams the body and enforces its own limit as it reads.
            scope.setdefault("state", {})["streamed_upload"] = upload
            await self.app(scope, receive, send)
            return

        received = 0
        too_large = False
        replaced = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # Stop reading; whatever the app answers is replaced by a 413 below.
                    too_large = True
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal replaced
            if too_large:
                if not replaced:
                    replaced = True
                    await self._too_large(send, scope)
                return
            await send(message)

        await self.app(scope, limited_receive, guarded_send)


class PeerAsProxyMiddleware:
    """The deprecated ``PRM_TRUST_FORWARDED_FOR=true``: the directly connected peer, whatever
    its address, is one trusted proxy, so the client is the right-most ``X-Forwarded-For``
    entry (the one that peer appended), never one the client wrote itself.

    uvicorn's ``ProxyHeadersMiddleware`` does the walk, with the peer as its trusted host; one
    instance per peer address (a handful of load balancers), the cache bounded.
    """

    _MAX_PEERS = 256

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._by_peer: dict[str, ASGIApp] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        if scope["type"] == "lifespan" or not client:
            await self.app(scope, receive, send)
            return
        peer = client[0]
        layer = self._by_peer.get(peer)
        if layer is None:
            if len(self._by_peer) >= self._MAX_PEERS:
                self._by_peer.clear()
            # uvicorn types ASGI more narrowly than Starlette; the protocol is the same.
            layer = cast(ASGIApp, ProxyHeadersMiddleware(cast(Any, self.app), trusted_hosts=[peer]))
            self._by_peer[peer] = layer
        await layer(scope, receive, send)


def relative_slash_redirects(router: Router) -> None:
    """Redirect ``/v1/deals/`` to ``/v1/deals`` (and the reverse) with a relative ``Location``.

    Starlette's own ``redirect_slashes`` writes an absolute URL built from the request's
    ``Host`` header, so ``Host: evil.example`` got ``Location: http://evil.example/v1/deals``:
    a redirect to a host the server does not own. The same redirect here names only a path
    (RFC 9110 §10.2.2 allows a relative reference), so it stays on whatever host the client
    reached. It runs only when no route matched (the router's fallback), so matched requests
    pay nothing.
    """
    router.redirect_slashes = False
    not_found = router.default

    async def fallback(scope: Scope, receive: Receive, send: Send) -> None:
        location = _slash_twin(router, scope) if scope["type"] == "http" else None
        if location is None:
            await not_found(scope, receive, send)
            return
        await RedirectResponse(location, status_code=307)(scope, receive, send)

    router.default = fallback


def _slash_twin(router: Router, scope: Scope) -> str | None:
    """The relative URL of the route this path names with or without its trailing slash."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    route_path = path[len(root) :] if root and path.startswith(root) else path
    if route_path in ("", "/"):
        return None
    twin = dict(scope)
    twin["path"] = path.rstrip("/") if path.endswith("/") else path + "/"
    if not any(route.matches(twin)[0] is not Match.NONE for route in router.routes):
        return None
    # From the decoded path, escaped again: an escaped "?", "#" or "%" stays escaped.
    location = quote(twin["path"], safe="/:@!$&'()*+,;=")
    # "//host/…" or "/\\host/…" would be read by browsers as another host.
    if not location.startswith("/") or location[1:2] in ("/", "\\"):
        return None
    query = scope.get("query_string", b"")
    return f"{location}?{query.decode('latin-1')}" if query else location
