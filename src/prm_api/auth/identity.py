"""Who is calling, cheaply, for middleware (rate limits, idempotency keys): the verified
token subject when a valid bearer token is present, otherwise the client address."""

from __future__ import annotations

from starlette.types import Scope

from prm_api.auth.tokens import InvalidToken, verify_access_token
from prm_api.kit.context import client_host


def caller_key(scope: Scope) -> tuple[str, bool]:
    """``("sub:<subject>", True)`` for a valid token, ``("ip:<addr>", False)`` otherwise."""
    state = scope.setdefault("state", {})
    if "caller_key" in state:
        return state["caller_key"]
    app = scope["app"]
    result: tuple[str, bool] | None = None
    for key, value in scope.get("headers", []):
        if key == b"authorization":
            raw = value.decode("latin-1")
            if raw[:7].lower() == "bearer ":
                try:
                    claims = verify_access_token(
                        app.state.key_ring, app.state.settings, raw[7:].strip()
                    )
                    result = (f"sub:{claims.sub}", True)
                except InvalidToken:
                    pass
            break
    if result is None:
        # The server's client address; X-Forwarded-For is resolved by the server from the
        # trusted proxies' side (kit.context.client_host), never read here.
        result = (f"ip:{client_host(scope)}", False)
    state["caller_key"] = result
    return result
