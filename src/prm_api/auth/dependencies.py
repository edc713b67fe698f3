"""FastAPI dependencies that authenticate the bearer token and enforce scopes.

Routes do not use these directly: they declare an alias from :mod:`prm_api.auth.policy`
(``principal: DealsRead``), which is the OAuth2 scheme (:data:`oauth2_scheme`, whose call is
:func:`current_principal`) with the required scopes.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import Request
from fastapi.openapi.models import OAuthFlowClientCredentials, OAuthFlowPassword, OAuthFlows
from fastapi.security import OAuth2, SecurityScopes
from sqlalchemy import Select, bindparam, exists, select
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from starlette.requests import HTTPConnection

from prm_api.auth.principal import Principal
from prm_api.auth.scopes import SCOPES
from prm_api.auth.tokens import AccessClaims, InvalidToken, verify_access_token
from prm_api.errors import InsufficientScope, Unauthorized
from prm_api.kit.context import client_ip, request_id
from prm_api.kit.filters import check_repeated_query_params
from prm_api.models import ApiClient, Partner, RevokedAccessToken, User
from prm_api.models.partner import ACCESS_STATUSES
from prm_api.reads import raw_connection


class BearerOAuth2(OAuth2):
    """The OAuth2 scheme of the OpenAPI document, and the dependency that authenticates: its
    call is :func:`current_principal`.

    Being the scheme itself (rather than a dependency that depends on a scheme) saves FastAPI
    a level of dependency solving on every authenticated request (~20 µs of ~230 for
    ``/v1/me``); the document's security requirements are the same.
    """

    def __init__(self) -> None:
        flows = OAuthFlows(
            clientCredentials=OAuthFlowClientCredentials(tokenUrl="/oauth/token", scopes=SCOPES),
            password=OAuthFlowPassword(tokenUrl="/oauth/token", scopes=SCOPES),
        )
        super().__init__(
            flows=flows,
            scheme_name="OAuth2",
            description="JWT access tokens from `POST /oauth/token`.",
            auto_error=False,
        )

    async def __call__(  # type: ignore[override]
        self, request: Request, security_scopes: SecurityScopes
    ) -> Principal:
        return await current_principal(request, security_scopes)


oauth2_scheme = BearerOAuth2()


def _bearer_token(request: HTTPConnection) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized(
            "The Authorization header must be `Bearer <token>`.", error="invalid_request"
        )
    return token.strip()


def bearer_claims(request: Request) -> AccessClaims | None:
    """Verify the bearer token's signature and claims (no database); cached on the request."""
    if hasattr(request.state, "claims"):
        return request.state.claims
    token = _bearer_token(request)
    claims = None
    if token is not None:
        try:
            claims = verify_access_token(
                request.app.state.key_ring, request.app.state.settings, token
            )
        except InvalidToken:
            request.state.claims = None
            raise Unauthorized("The access token is invalid or has expired.") from None
    request.state.claims = claims
    return claims


def _liveness_query(
    model: type[User] | type[ApiClient], partner_bound: bool
) -> Select[*tuple[Any, ...]]:
    """The subject's state, the token's revocation and (partner tokens) the partner's status.

    Built once per shape with bound parameters: building a statement costs more than running
    this one, and it runs on every authenticated request.
    """
    key_column = User.id if model is User else ApiClient.client_id
    columns: list[Any] = [
        model.active,
        model.token_version,
        exists().where(RevokedAccessToken.jti == bindparam("jti")).label("revoked"),
    ]
    if model is User:
        # Read in the same round trip for the principal: ``/v1/me`` answers from it alone.
        columns += [User.email, User.name]
    if partner_bound:
        # A partner-bound token also dies with its partner's access (suspended, terminated…).
        columns.append(
            select(Partner.status)
            .where(Partner.id == bindparam("partner_id"))
            .scalar_subquery()
            .label("partner_status")
        )
    return select(*columns).where(key_column == bindparam("subject"))


_LIVENESS = {
    (model, bound): _liveness_query(model, bound)
    for model in (User, ApiClient)
    for bound in (False, True)
}


def _compiled(statement: Select[*tuple[Any, ...]]) -> tuple[str, tuple[str, ...]]:
    compiled = statement.compile(dialect=asyncpg_dialect())
    return str(compiled), tuple(compiled.positiontup or ())


#: The same statements as SQL for asyncpg, with their parameters' order (compiled once).
_LIVENESS_SQL = {key: _compiled(statement) for key, statement in _LIVENESS.items()}


def _liveness_params(claims: AccessClaims) -> tuple[tuple[Any, bool], dict[str, Any]] | None:
    """Which liveness statement ``claims`` need and its parameters (``None``: a subject that
    cannot exist, so the token is dead)."""
    model = User if claims.subject_type == "user" else ApiClient
    try:
        subject = uuid.UUID(claims.sub) if model is User else claims.sub
    except ValueError:
        return None
    params: dict[str, Any] = {"jti": claims.jti, "subject": subject}
    if claims.partner_id:
        params["partner_id"] = claims.partner_id
    return (model, claims.partner_id is not None), params


def _alive(row: Any, claims: AccessClaims) -> bool:
    if row is None or not row["active"] or row["revoked"]:
        return False
    if claims.partner_id and row["partner_status"] not in ACCESS_STATUSES:
        return False
    return bool(row["token_version"] == claims.token_version)


async def token_is_live(engine: AsyncEngine, claims: AccessClaims) -> bool:
    """One round trip on the raw pool (:func:`prm_api.reads.raw_pool`): the subject still
    active, the token not revoked or issued before a reset, a partner token's partner still
    admitted. Every authenticated request runs it, outside the request's own session and
    transaction: at READ COMMITTED a statement sees what was committed before it started,
    there or here, so a revocation committed by any process is seen at once."""
    return await _live_subject(engine, claims) is not None


async def _live_subject(engine: AsyncEngine, claims: AccessClaims) -> Any | None:
    """:func:`token_is_live`'s row when the token is live (a user's holds its ``email`` and
    ``name``), else ``None``."""
    found = _liveness_params(claims)
    if found is None:
        return None
    key, params = found
    sql, order = _LIVENESS_SQL[key]
    async with raw_connection(engine) as connection:
        row = await connection.fetchrow(sql, *(params[name] for name in order))
    return row if _alive(row, claims) else None


async def _token_is_live(session: AsyncSession, claims: AccessClaims) -> bool:
    """:func:`token_is_live` inside ``session``'s transaction (introspection and revocation
    read it there: they may have written in that transaction)."""
    found = _liveness_params(claims)
    if found is None:
        return False
    key, params = found
    # On the session's connection, as Core: the ORM's execution path (it looks for entities
    # to load; there are none) costs more CPU than the query's round trip.
    connection = await session.connection()
    row = (await connection.execute(_LIVENESS[key], params)).mappings().first()
    return _alive(row, claims)


async def current_principal(request: Request, security_scopes: SecurityScopes) -> Principal:
    """The caller of ``request``, authenticated, holding ``security_scopes`` (else a 401/403
    problem). Routes reach it through the scheme (:data:`oauth2_scheme`), with the scopes an
    alias of :mod:`prm_api.auth.policy` declares."""
    claims = bearer_claims(request)
    if claims is None:
        raise Unauthorized("This operation requires a bearer access token.", error="")
    subject = await _live_subject(request.app.state.engine, claims)
    if subject is None:
        raise Unauthorized("The access token has been revoked.")
    missing = [s for s in security_scopes.scopes if s not in claims.scopes]
    if missing:
        raise InsufficientScope(missing)
    principal = Principal(
        subject_type=claims.subject_type,
        subject_id=claims.sub,
        client_id=claims.client_id,
        role=claims.role,
        scopes=claims.scopes,
        partner_id=claims.partner_id,
        token_jti=claims.jti,
        request_id=request_id(request),
        ip=client_ip(request),
        email=subject["email"] if claims.subject_type == "user" else None,
        name=subject["name"] if claims.subject_type == "user" else None,
    )
    request.state.principal = principal
    check_repeated_query_params(request)  # after authentication: a bad token stays a 401
    return principal
