"""OAuth2 client authentication (RFC 6749 §2.3.1): HTTP Basic or form credentials, checked
against the API clients' secret hashes. Errors are Authlib's RFC 6749 error types."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from urllib.parse import unquote

from authlib.oauth2.rfc6749.errors import InvalidClientError, InvalidRequestError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.passwords import verify_secret
from prm_api.models import ApiClient


@dataclass
class ClientCredentials:
    client_id: str
    client_secret: str
    via_header: bool


def basic_auth_failed(description: str) -> InvalidClientError:
    """``invalid_client`` for credentials sent in the ``Authorization`` header: RFC 6749 §5.2
    requires 401 and a ``WWW-Authenticate`` challenge for the scheme the client used (the
    endpoints add ``Basic realm=…`` to every 401 ``invalid_client``)."""
    err = InvalidClientError(description)
    err.status_code = 401
    return err


def parse_client_credentials(
    authorization: str | None, form_id: str | None, form_secret: str | None
) -> ClientCredentials | None:
    """HTTP Basic (RFC 6749 §2.3.1, form-urlencoded id/secret) or the form body; not both.

    A Basic header that does not decode to ``id:secret`` (bad base64, not UTF-8, no colon,
    empty, an empty id) is a failed client authentication (401), exactly like a wrong secret:
    the caller chose the header, so it gets the header's answer.
    """
    scheme, _, param = (authorization or "").strip().partition(" ")
    if scheme.lower() == "basic":
        if form_secret:
            raise InvalidRequestError("Use one client authentication method, not two.")
        try:
            raw = base64.b64decode(param.strip(), validate=True).decode()
        except ValueError:  # bad base64 (binascii.Error), not ASCII, not UTF-8
            raise basic_auth_failed("Malformed HTTP Basic credentials.") from None
        cid, sep, secret = raw.partition(":")
        if not sep or not cid:
            raise basic_auth_failed("Malformed HTTP Basic credentials.")
        return ClientCredentials(unquote(cid), unquote(secret), True)
    if form_id and form_secret:
        return ClientCredentials(form_id, form_secret, False)
    return None


async def authenticate_client(session: AsyncSession, creds: ClientCredentials) -> ApiClient:
    client = await session.scalar(select(ApiClient).where(ApiClient.client_id == creds.client_id))
    ok = await verify_secret(client.secret_hash if client else None, creds.client_secret)
    if not ok or client is None or not client.active:
        if creds.via_header:
            raise basic_auth_failed("Client authentication failed.")
        raise InvalidClientError("Client authentication failed.")
    return client


async def presented_client(
    session: AsyncSession,
    authorization: str | None,
    client_id: str | None,
    client_secret: str | None,
) -> ApiClient | None:
    """The API client a token or revocation request authenticates as, or None when it
    presents no client credentials (a first-party caller); Authlib's error if they fail."""
    creds = parse_client_credentials(authorization, client_id, client_secret)
    return await authenticate_client(session, creds) if creds else None
