"""Who is calling, cheaply, for middleware (rate limits, idempotency keys): the verified
token subject when a valid bearer token is present, otherwise the client address."""

from __future__ import annotations

from starlette.types import Scope

from prm_api.auth.tokens import InvalidToken, verify_access_token


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
        client = scope.get("client")
        host = client[0] if client else "unknown"
        if app.state.settings.trust_forwarded_for:
            for key, value in scope.get("headers", []):
                if key == b"x-forwarded-for":
                    host = value.decode("latin-1").split(",")[0].strip()
        result = (f"ip:{host}", False)
    state["caller_key"] = result
    return result
