"""Authenticating an idempotent replay exactly as the route would authenticate a fresh request.

A stored response may hold a one-time secret (an API client secret, a ``whsec_`` webhook
secret, an invitation token). The idempotency middleware answers from it only after the
caller passes the same check the route's auth alias runs —
:func:`prm_api.auth.dependencies.current_principal` (token signature and expiry, the token,
client or user still live, the partner still active) with the scopes the operation requires —
and a caller who fails it gets the same problem a fresh request gets.
"""

from __future__ import annotations

from typing import Any

from fastapi.security import SecurityScopes
from starlette.requests import Request
from starlette.routing import compile_path
from starlette.types import Receive, Scope, Send

from prm_api.auth.dependencies import current_principal


async def authenticate_replay(scope: Scope, receive: Receive, send: Send) -> bool:
    """Run the route's own authentication; on failure send what a fresh request gets.

    The scopes come from the operation's security requirement in the OpenAPI document, which
    ``auth.policy.authorize`` writes from the same list the route enforces. An operation with
    none is public and needs nothing.
    """
    app = scope["app"]
    required = _required_scopes(app, scope["path"])
    if required is None:
        return True
    request = Request(scope, receive)
    try:
        await current_principal(request, SecurityScopes(scopes=required))
    except Exception as exc:
        # Rendered by the app's own handlers: the same problem (and WWW-Authenticate) a fresh
        # request gets, and a 503 when the database is down.
        handler = _handler_for(app, exc)
        if handler is None:
            raise
        response = await handler(request, exc)
        await response(scope, receive, send)
        return False
    return True


def _handler_for(app: Any, exc: Exception) -> Any:
    handlers = app.exception_handlers
    for cls in type(exc).__mro__:
        if cls in handlers:
            return handlers[cls]
    return None


def _required_scopes(app: Any, path: str) -> list[str] | None:
    """The scopes the POST operation at ``path`` requires; ``None`` for a public one."""
    table = getattr(app.state, "idempotency_post_security", None)
    if table is None:
        table = []
        for template, item in app.openapi().get("paths", {}).items():
            operation = item.get("post")
            if operation is None:
                continue
            scopes: list[str] | None = None
            for requirement in operation.get("security") or ():
                scopes = scopes or []
                scopes += [s for names in requirement.values() for s in names if s not in scopes]
            table.append((compile_path(template)[0], scopes))
        app.state.idempotency_post_security = table
    for pattern, scopes in table:
        if pattern.match(path):
            return scopes
    # No such operation: a fresh request is a 404 whoever calls, and so was the stored one.
    return None
