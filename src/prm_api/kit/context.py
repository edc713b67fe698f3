"""Per-request context helpers: request id and client address."""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import Scope


def request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def client_host(scope: Scope) -> str:
    """The client's address: the ASGI server's ``scope["client"]``, nothing else.

    Behind a load balancer the server (``prm-api serve``, from ``PRM_TRUSTED_PROXIES``) has
    already replaced the proxy's address with the client's, walking ``X-Forwarded-For`` from
    the right and stopping at the first address that is not a trusted proxy. The headers are
    never read here: their left-most entries are whatever the client chose to send, and
    rate limits and the audit trail keyed on them would be the client's to pick.
    """
    client = scope.get("client")
    return client[0] if client else "unknown"


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None
