"""Per-caller rate limiting (GCRA), with IETF ``RateLimit`` / ``RateLimit-Policy`` headers.

The default store lives in the process; a deployment with several API nodes plugs a shared
store implementing :class:`RateLimitStore`.
"""

from __future__ import annotations

import math
import time
from typing import NamedTuple, Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from prm_api.auth.identity import caller_key
from prm_api.errors import TooManyRequests
from prm_api.kit.context import client_host
from prm_api.kit.middleware import send_problem

#: Operations (health, metrics) and the API documentation: a developer reloading ``/docs`` or a
#: monitor polling ``/readyz`` is not an API caller, and these pages are static or cached.
EXEMPT_PATHS = frozenset(
    {"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
)
EXEMPT_PREFIXES = ("/docs/assets/",)

#: Public endpoints that take credentials (client secrets, passwords, invitation tokens) or
#: create something without a token. They are limited per client address under the anonymous
#: policy whatever ``Authorization`` header comes with the request: any validly signed bearer
#: token (even a revoked one) would otherwise move a password-guessing loop to that token's
#: subject and its much larger budget. ``tests/kit/test_ratelimit_hardening.py`` checks that
#: every operation the spec declares public (``security: []``) is listed here.
CREDENTIAL_PATHS = frozenset(
    {
        "/oauth/token",
        "/oauth/revoke",
        "/oauth/introspect",
        "/v1/partner-applications",
        "/v1/invitations/accept",
    }
)


#: Public paths under these prefixes are limited the same way: a share link's token is a
#: credential in the path (``GET /v1/shared/{token}``), as is a certification's verification
#: code (``GET /v1/certifications/verify/{code}``).
CREDENTIAL_PREFIXES = ("/v1/shared/", "/v1/certifications/verify/")


class Decision(NamedTuple):
    allowed: bool
    remaining: int
    reset_s: int
    retry_after_s: int


class RateLimitStore(Protocol):
    def hit(self, key: str, limit: int, window_s: float) -> Decision: ...


class MemoryStore:
    """Generic cell rate algorithm: one timestamp per key, smooth refill, bursts up to ``limit``."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self._tat: dict[str, float] = {}
        self._max_keys = max_keys

    def hit(self, key: str, limit: int, window_s: float) -> Decision:
        now = time.monotonic()
        interval = window_s / limit
        tat = max(self._tat.get(key, now), now)
        new_tat = tat + interval
        allow_at = new_tat - window_s
        if allow_at > now:
            retry = math.ceil(allow_at - now)
            remaining = 0
            reset = math.ceil(tat - now)
            return Decision(False, remaining, reset, max(retry, 1))
        if len(self._tat) >= self._max_keys:
            self._evict(now)
        self._tat[key] = new_tat
        remaining = int((window_s - (new_tat - now)) / interval)
        return Decision(True, max(remaining, 0), math.ceil(new_tat - now), 0)

    def _evict(self, now: float) -> None:
        for k in [k for k, t in self._tat.items() if t <= now]:
            del self._tat[k]
        if len(self._tat) >= self._max_keys:
            self._tat.clear()


class RateLimitMiddleware:
    def __init__(
        self, app: ASGIApp, *, store: RateLimitStore, per_minute: int, public_per_minute: int
    ) -> None:
        self.app = app
        self.store = store
        self.per_minute = per_minute
        self.public_per_minute = public_per_minute
        # ``RateLimit-Policy`` per policy: the same bytes on every response.
        self._policy_header = {
            policy: (b"ratelimit-policy", f'"{policy}";q={limit};w=60'.encode())
            for policy, limit in (("default", per_minute), ("anonymous", public_per_minute))
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.per_minute <= 0:
            await self.app(scope, receive, send)
            return
        path = _route_path(scope)
        if path in EXEMPT_PATHS or path.startswith(EXEMPT_PREFIXES):
            await self.app(scope, receive, send)
            return
        if path in CREDENTIAL_PATHS or path.startswith(CREDENTIAL_PREFIXES):
            key, authenticated = f"ip:{client_host(scope)}", False
        else:
            key, authenticated = caller_key(scope)
        limit = self.per_minute if authenticated else self.public_per_minute
        policy = "default" if authenticated else "anonymous"
        decision = self.store.hit(f"{policy}:{key}", limit, 60.0)
        headers = [
            self._policy_header[policy],
            (b"ratelimit", f'"{policy}";r={decision.remaining};t={decision.reset_s}'.encode()),
        ]
        if not decision.allowed:
            await send_problem(
                send,
                scope,
                429,
                "rate_limited",
                "Too many requests",
                f"Rate limit of {limit} requests per minute exceeded; retry in "
                f"{decision.retry_after_s} s.",
                [*headers, (b"retry-after", str(decision.retry_after_s).encode())],
            )
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _route_path(scope: Scope) -> str:
    """The path inside the app (behind a proxy that mounts the API under a prefix, the
    server's ``root_path`` is part of ``scope["path"]``)."""
    path: str = scope["path"]
    root = scope.get("root_path", "")
    if root and path.startswith(root):
        return path[len(root) :] or "/"
    return path


def enforce_limit(store: RateLimitStore, key: str, limit: int, window_s: float, what: str) -> None:
    """A limit an endpoint checks itself, on something only it can see (an account named in
    the body, say): 429 problem+json with ``Retry-After``, like the middleware's. ``limit``
    ≤ 0 turns it off."""
    if limit <= 0:
        return
    decision = store.hit(key, limit, window_s)
    if not decision.allowed:
        raise TooManyRequests(
            f"Too many {what}; retry in {decision.retry_after_s} s.",
            headers={"Retry-After": str(decision.retry_after_s)},
        )
