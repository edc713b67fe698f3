"""OAuth2 authorization-server endpoints: token, revocation, introspection, JWKS, metadata."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from authlib.oauth2.rfc6749.errors import (
    InvalidClientError,
    InvalidRequestError,
    OAuth2Error,
    UnsupportedGrantTypeError,
)
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.client_auth import presented_client
from prm_api.auth.dependencies import bearer_claims
from prm_api.auth.scopes import SCOPES
from prm_api.auth.service import FIRST_PARTY_CLIENT, TokenService, authorize_introspection
from prm_api.db import Session
from prm_api.error_handlers import problem_response
from prm_api.errors import AppError
from prm_api.kit.ratelimit import enforce_limit


def _invalid_request(description: str) -> AppError:
    return AppError(
        description,
        status=400,
        code="invalid_request",
        title="OAuth2 error",
        headers=dict(NO_STORE),
        error="invalid_request",
        error_description=description,
    )


async def check_oauth_form(request: Request) -> None:
    """The form-level rules of RFC 6749 §3.1/§3.2, before any parameter is read: a parameter
    sent more than once is an `invalid_request` (which `grant_type` or `username` would count
    is the server's guess, not the client's statement), and so is a NUL character (parameters
    are text)."""
    if request.method != "POST":
        return
    form = await request.form()
    counts = Counter(name for name, _ in form.multi_items())
    repeated = sorted(name for name, n in counts.items() if n > 1)
    if repeated:
        raise _invalid_request(
            "Parameters must not be sent more than once (RFC 6749 §3.2): "
            + ", ".join(name[:64] for name in repeated[:5])
            + ("…" if len(repeated) > 5 else "")
            + "."
        )
    if any(isinstance(v, str) and "\x00" in v for v in form.values()):
        raise _invalid_request("A parameter contains a NUL character.")


NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
#: The grants ``POST /oauth/token`` serves (also in the RFC 8414 metadata).
GRANT_TYPES = ["client_credentials", "password", "refresh_token"]
#: The form bodies' schema beyond their declared fields: other parameters are ignored
#: (RFC 6749 §3.2), but each is one value — a repeated one is refused (check_oauth_form).
ONE_VALUE_EACH: dict[str, Any] = {"additionalProperties": {"type": "string"}}


def _grant_requires(grant: str, *fields: str) -> dict[str, Any]:
    return {
        "if": {"properties": {"grant_type": {"const": grant}}, "required": ["grant_type"]},
        "then": {
            "required": list(fields),
            "properties": {name: {"type": "string", "minLength": 1} for name in fields},
        },
    }


#: What each grant needs besides client authentication (400 `invalid_request` without it).
TOKEN_REQUEST_SCHEMA: dict[str, Any] = {
    **ONE_VALUE_EACH,
    "allOf": [
        _grant_requires("password", "username", "password"),
        _grant_requires("refresh_token", "refresh_token"),
    ],
}
router = APIRouter(tags=["oauth"], dependencies=[Depends(check_oauth_form)])


class TokenResponse(BaseModel):
    access_token: str = Field(description="JWT access token (`typ: at+jwt`).")
    token_type: str = Field(examples=["Bearer"])
    expires_in: int = Field(description="Lifetime of the access token in seconds.")
    scope: str = Field(description="Space-separated scopes actually granted.")
    refresh_token: str | None = Field(
        default=None, description="Rotating refresh token (password and refresh_token grants)."
    )


class IntrospectionResponse(BaseModel):
    active: bool
    token_type: str | None = None
    iss: str | None = None
    sub: str | None = None
    aud: str | None = None
    exp: int | None = None
    iat: int | None = None
    nbf: int | None = None
    jti: str | None = None
    client_id: str | None = None
    scope: str | None = None
    role: str | None = None
    partner_id: str | None = None


class JsonWebKeySet(BaseModel):
    """RFC 7517 JSON Web Key Set: the public keys that verify access tokens."""

    keys: list[dict[str, Any]] = Field(
        description="Public JWKs (`kty`, `kid`, `use`, `alg` and the key's parameters)."
    )


class AuthorizationServerMetadata(BaseModel):
    """RFC 8414 authorization server metadata."""

    model_config = ConfigDict(extra="allow")

    issuer: str
    token_endpoint: str
    revocation_endpoint: str
    introspection_endpoint: str
    jwks_uri: str
    grant_types_supported: list[str]
    token_endpoint_auth_methods_supported: list[str]
    revocation_endpoint_auth_methods_supported: list[str]
    introspection_endpoint_auth_methods_supported: list[str]
    scopes_supported: list[str]
    response_types_supported: list[str]
    access_token_signing_alg_values_supported: list[str]


def _documented(model: type[BaseModel], description: str) -> dict[int | str, dict[str, Any]]:
    """The 200 response documented as ``model`` while the route returns its dict unchanged
    (no response model: nothing is filtered or validated on the way out)."""
    return {200: {"model": model, "description": description}}


OAUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "RFC 6749 error (`error`, `error_description`) as problem+json."},
    401: {"description": "Client authentication failed (`invalid_client`)."},
    415: {"description": "The body must be `application/x-www-form-urlencoded`."},
    429: {"description": "Too many requests."},
}


def _limit_sign_in_attempts(request: Request, username: str) -> None:
    """Per account, before the password is checked: attempts spread over many addresses
    against one account are limited too (the per-address limit cannot see them), and a
    failed attempt counts as much as a successful one. Keyed on the name as sent (trimmed,
    case-folded, as emails compare), whether or not such an account exists, so the limit
    says nothing about which accounts do."""
    settings = request.app.state.settings
    enforce_limit(
        request.app.state.rate_limit_store,
        f"sign-in:{username.strip().casefold()}",
        settings.sign_in_attempts_per_account_per_hour,
        3600.0,
        "sign-in attempts for this account",
    )


def _token_service(request: Request, session: AsyncSession) -> TokenService:
    return TokenService(session, request.app.state.key_ring, request.app.state.settings)


def oauth_error_response(request: Request, err: OAuth2Error) -> JSONResponse:
    headers = dict(NO_STORE)
    if err.status_code == 401:
        headers["WWW-Authenticate"] = 'Basic realm="prm-api"'
    return problem_response(
        request,
        status=err.status_code,
        code=err.error,
        title="OAuth2 error",
        detail=err.description or err.error,
        headers=headers,
        error=err.error,
        error_description=err.description or None,
    )


@router.post(
    "/oauth/token",
    operation_id="oauth_token",
    openapi_extra={"x-body-name": "TokenRequest", "x-body-schema": TOKEN_REQUEST_SCHEMA},
    response_model=TokenResponse,
    responses=OAUTH_ERRORS,
    summary="Issue an access token",
)
async def token(
    request: Request,
    session: Session,
    grant_type: Annotated[
        str,
        Form(
            description="`client_credentials`, `password` or `refresh_token`.",
            # Documented as an enum, parsed as text: any other grant stays the RFC 6749
            # §5.2 400 `unsupported_grant_type`, not a 422.
            json_schema_extra={"enum": GRANT_TYPES},
        ),
    ],
    scope: Annotated[str | None, Form(max_length=2048)] = None,
    username: Annotated[str | None, Form(max_length=320)] = None,
    password: Annotated[str | None, Form(max_length=1024)] = None,
    refresh_token: Annotated[str | None, Form(max_length=512)] = None,
    client_id: Annotated[str | None, Form(max_length=128)] = None,
    client_secret: Annotated[str | None, Form(max_length=512)] = None,
) -> Any:
    """OAuth2 token endpoint (RFC 6749), form-encoded.

    - `client_credentials`: API clients authenticate with HTTP Basic or `client_id` +
      `client_secret` in the body.
    - `password`: users sign in with `username` (email) and `password`; repeated failures lock
      the account for a while.
    - `refresh_token`: rotate a refresh token; presenting an already-rotated token revokes the
      whole token family.

    Granted scopes are the requested ones intersected with the subject's role ceiling; omit
    `scope` to receive everything the role allows.

    Limits: every request counts against its client address (the anonymous policy, whatever
    `Authorization` header it carries), and password attempts also against the account named
    by `username`, failed or not; over either limit → 429 with `Retry-After`.
    """
    if grant_type == "password" and username:
        _limit_sign_in_attempts(request, username)
    service = _token_service(request, session)
    try:
        client = await presented_client(
            session, request.headers.get("authorization"), client_id, client_secret
        )
        if grant_type == "client_credentials":
            if client is None:
                raise InvalidClientError("client_credentials requires client authentication.")
            result = await service.client_credentials(client, scope)
        elif grant_type == "password":
            # An unauthenticated caller is the first-party app; it may not claim another id.
            if client is None and client_id not in (None, FIRST_PARTY_CLIENT):
                raise InvalidClientError("Unknown public client; authenticate the client.")
            cid = client.client_id if client else FIRST_PARTY_CLIENT
            result = await service.password(username, password, scope, cid)
        elif grant_type == "refresh_token":
            cid = client.client_id if client else FIRST_PARTY_CLIENT
            result = await service.refresh(refresh_token, scope, cid)
        else:
            raise UnsupportedGrantTypeError(f"Unsupported grant_type {grant_type!r}.")
    except OAuth2Error as err:
        # Keep the failed-login counter (and a revoked family) even though the grant failed.
        await session.commit()
        return oauth_error_response(request, err)
    return JSONResponse(result.as_response(), headers=NO_STORE)


@router.post(
    "/oauth/revoke",
    operation_id="oauth_revoke",
    openapi_extra={"x-body-name": "RevocationRequest", "x-body-schema": ONE_VALUE_EACH},
    status_code=200,
    responses=OAUTH_ERRORS,
    summary="Revoke a token",
)
async def revoke(
    request: Request,
    session: Session,
    token: Annotated[str, Form(max_length=4096)],
    token_type_hint: Annotated[str | None, Form(max_length=32)] = None,
    client_id: Annotated[str | None, Form(max_length=128)] = None,
    client_secret: Annotated[str | None, Form(max_length=512)] = None,
) -> Any:
    """Revoke an access or refresh token (RFC 7009). Always 200, even for unknown tokens.

    Confidential clients authenticate and may only revoke their own tokens; a first-party user
    may revoke a token by presenting it.
    """
    try:
        client = await presented_client(
            session, request.headers.get("authorization"), client_id, client_secret
        )
        await _token_service(request, session).revoke(
            token, token_type_hint, client.client_id if client else None
        )
    except OAuth2Error as err:
        return oauth_error_response(request, err)
    return JSONResponse({}, headers=NO_STORE)


@router.post(
    "/oauth/introspect",
    operation_id="oauth_introspect",
    openapi_extra={"x-body-name": "IntrospectionRequest", "x-body-schema": ONE_VALUE_EACH},
    response_model=IntrospectionResponse,
    responses=OAUTH_ERRORS,
    summary="Introspect a token",
)
async def introspect(
    request: Request,
    session: Session,
    token: Annotated[str, Form(max_length=4096)],
    token_type_hint: Annotated[str | None, Form(max_length=32)] = None,
    client_id: Annotated[str | None, Form(max_length=128)] = None,
    client_secret: Annotated[str | None, Form(max_length=512)] = None,
) -> Any:
    """Token introspection (RFC 7662). The caller authenticates as a vendor API client (HTTP
    Basic or form) or with a live vendor-role bearer token; partner callers get 403."""
    try:
        await authorize_introspection(
            session,
            request.headers.get("authorization"),
            client_id,
            client_secret,
            lambda: bearer_claims(request),
        )
    except (OAuth2Error, InvalidRequestError) as err:
        return oauth_error_response(request, err)
    result = await _token_service(request, session).introspect(token)
    return JSONResponse(result, headers=NO_STORE)


@router.get(
    "/.well-known/jwks.json",
    operation_id="oauth_jwks",
    summary="JSON Web Key Set",
    response_model=None,
    responses=_documented(JsonWebKeySet, "The public keys that verify access tokens."),
)
async def jwks(request: Request) -> dict[str, Any]:
    """Public keys that verify access tokens."""
    return request.app.state.key_ring.public_jwks()


@router.get(
    "/.well-known/oauth-authorization-server",
    operation_id="oauth_metadata",
    summary="Authorization server metadata",
    response_model=None,
    responses=_documented(AuthorizationServerMetadata, "RFC 8414 metadata."),
)
async def metadata(request: Request) -> dict[str, Any]:
    """RFC 8414 authorization server metadata."""
    settings = request.app.state.settings
    base = settings.issuer.rstrip("/")
    return {
        "issuer": settings.issuer,
        "token_endpoint": f"{base}/oauth/token",
        "revocation_endpoint": f"{base}/oauth/revoke",
        "introspection_endpoint": f"{base}/oauth/introspect",
        "jwks_uri": f"{base}/.well-known/jwks.json",
        "grant_types_supported": GRANT_TYPES,
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "revocation_endpoint_auth_methods_supported": [
            "client_secret_basic",
            "client_secret_post",
            "none",
        ],
        "introspection_endpoint_auth_methods_supported": [
            "client_secret_basic",
            "client_secret_post",
            "bearer",
        ],
        "scopes_supported": sorted(SCOPES),
        "response_types_supported": [],
        "access_token_signing_alg_values_supported": [request.app.state.key_ring.alg],
    }
