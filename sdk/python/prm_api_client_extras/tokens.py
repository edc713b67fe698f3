"""Get an access token with an API client's credentials (OAuth2 ``client_credentials``)."""

from __future__ import annotations

from typing import Any

import httpx

from .problems import unwrap


def client_credentials_token(
    base_url: str,
    client_id: str,
    client_secret: str,
    *,
    scope: str | None = None,
    timeout: float = 10.0,
    verify: Any = True,
) -> dict[str, Any]:
    """``POST /oauth/token`` with ``grant_type=client_credentials``; returns the token response.

    The result holds ``access_token`` (pass it as ``AuthenticatedClient(..., token=...)``),
    ``expires_in`` (seconds) and the granted ``scope`` (space-separated; ask for fewer with ``scope``).
    Wrong credentials raise ``ProblemError`` (401, code ``invalid_client``).
    """
    with httpx.Client(base_url=base_url, timeout=timeout, verify=verify) as http:
        response = http.post("/oauth/token", data=_form(scope), auth=(client_id, client_secret))
    return unwrap(response)  # type: ignore[no-any-return]


async def aclient_credentials_token(
    base_url: str,
    client_id: str,
    client_secret: str,
    *,
    scope: str | None = None,
    timeout: float = 10.0,
    verify: Any = True,
) -> dict[str, Any]:
    """Async ``client_credentials_token``."""
    async with httpx.AsyncClient(base_url=base_url, timeout=timeout, verify=verify) as http:
        response = await http.post("/oauth/token", data=_form(scope), auth=(client_id, client_secret))
    return unwrap(response)  # type: ignore[no-any-return]


def _form(scope: str | None) -> dict[str, str]:
    # The secret goes in the Authorization header (HTTP Basic), never in the form body.
    form = {"grant_type": "client_credentials"}
    if scope is not None:
        form["scope"] = scope
    return form
