"""OAuth2 grant logic (client_credentials, password, rotating refresh_token), revocation
and introspection. Errors are Authlib's RFC 6749 error types."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from authlib.oauth2.rfc6749.errors import (
    InvalidClientError,
    InvalidGrantError,
    InvalidRequestError,
    InvalidScopeError,
)
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.client_auth import presented_client
from prm_api.auth.keys import KeyRing
from prm_api.auth.passwords import new_token, sha256_hex, verify_secret
from prm_api.auth.roles import VENDOR_ROLES, ceiling
from prm_api.auth.scopes import parse_scope
from prm_api.auth.tokens import (
    AccessClaims,
    InvalidToken,
    issue_access_token,
    verify_access_token,
)
from prm_api.config import Settings
from prm_api.errors import Forbidden, Unauthorized
from prm_api.kit.time import utcnow
from prm_api.models import (
    ApiClient,
    Partner,
    RefreshToken,
    RevokedAccessToken,
    User,
    UserActivityDay,
)
from prm_api.models.partner import ACCESS_STATUSES

FIRST_PARTY_CLIENT = "prm-first-party"


#: The one answer for an account that may not sign in now, whatever the reason (locked after
#: failed attempts, deactivated, its partner suspended or closed): the reasons would tell a
#: caller more about the account than it needs, and a lock apart from a suspension.
ACCOUNT_CLOSED = "This account cannot sign in at the moment."


@dataclass
class TokenResult:
    access_token: str
    expires_in: int
    scope: str
    refresh_token: str | None = None

    def as_response(self) -> dict[str, Any]:
        body = {
            "access_token": self.access_token,
            "token_type": "Bearer",
            "expires_in": self.expires_in,
            "scope": self.scope,
        }
        if self.refresh_token:
            body["refresh_token"] = self.refresh_token
        return body


async def authorize_introspection(
    session: AsyncSession,
    authorization: str | None,
    client_id: str | None,
    client_secret: str | None,
    bearer: Callable[[], AccessClaims | None],
) -> None:
    """Who may introspect (RFC 7662 §2.1): a vendor API client (HTTP Basic or form) or a
    live vendor-role bearer token, whose claims ``bearer`` verifies.

    Raises Authlib's error when client authentication fails, 401 for a dead bearer token and
    403 for partner callers: the claims of other subjects (other partners' users) are not
    for partner eyes.
    """
    from prm_api.auth.dependencies import _token_is_live

    if (authorization or "").lower().startswith("bearer "):
        claims = bearer()
        if claims is None or not await _token_is_live(session, claims):
            raise Unauthorized("The access token is invalid, expired or revoked.")
        role = claims.role
    else:
        client = await presented_client(session, authorization or None, client_id, client_secret)
        if client is None:
            err = InvalidClientError("Client authentication is required.")
            err.status_code = 401
            raise err
        role = client.role
    if role not in VENDOR_ROLES:
        raise Forbidden("Only vendor API clients and vendor tokens may introspect tokens.")


def grant_scopes(requested: str | None, allowed: frozenset[str]) -> list[str]:
    """granted = requested ∩ allowed; nothing requested means everything allowed."""
    wanted = parse_scope(requested)
    if not wanted:
        return sorted(allowed)
    granted = [s for s in wanted if s in allowed]
    if not granted:
        raise InvalidScopeError("None of the requested scopes may be granted to this subject.")
    return sorted(granted)


class TokenService:
    def __init__(self, session: AsyncSession, ring: KeyRing, settings: Settings):
        self.session = session
        self.ring = ring
        self.settings = settings

    async def client_credentials(self, client: ApiClient, scope: str | None) -> TokenResult:
        await self._ensure_partner_access(client)
        allowed = frozenset(client.scopes) & ceiling(client.role)
        scopes = grant_scopes(scope, allowed)
        # Bookkeeping, not a change of the resource: a plain UPDATE leaves the row version
        # (ETag) and updated_at alone, and concurrent token requests cannot trip the ORM's
        # optimistic version check (StaleDataError → 500).
        await self.session.execute(
            update(ApiClient)
            .where(ApiClient.id == client.id)
            .values(last_used_at=utcnow(), updated_at=ApiClient.updated_at)
        )
        token, _ = issue_access_token(
            self.ring,
            self.settings,
            sub=client.client_id,
            client_id=client.client_id,
            scopes=scopes,
            role=client.role,
            subject_type="client",
            partner_id=client.partner_id,
            token_version=client.token_version,
        )
        return TokenResult(token, self.settings.access_token_ttl_s, " ".join(scopes))

    async def password(
        self, username: str | None, password: str | None, scope: str | None, client_id: str
    ) -> TokenResult:
        if not username or not password:
            raise InvalidRequestError("`username` and `password` are required.")
        user = await self.session.scalar(
            select(User).where(User.email == username.strip()).with_for_update()
        )
        now = utcnow()
        if user is not None and user.locked_until and user.locked_until > now:
            raise InvalidGrantError(ACCOUNT_CLOSED)
        ok = await verify_secret(user.password_hash if user else None, password)
        if not ok or user is None:
            if user is not None:
                failures = user.failed_login_count + 1
                locked = None
                if failures >= self.settings.login_max_failures:
                    locked = now + timedelta(seconds=self.settings.login_lockout_s)
                    failures = 0
                await self._record_sign_in(
                    user.id, failed_login_count=failures, locked_until=locked
                )
            raise InvalidGrantError("Invalid email or password.")
        if not user.active:
            raise InvalidGrantError(ACCOUNT_CLOSED)
        await self._ensure_partner_access(user)
        await self._record_sign_in(
            user.id, failed_login_count=0, locked_until=None, last_login_at=now
        )
        scopes = grant_scopes(scope, ceiling(user.role))
        return await self._issue_user_tokens(user, scopes, client_id, family_id=uuid.uuid4())

    async def refresh(
        self, refresh_token: str | None, scope: str | None, client_id: str = FIRST_PARTY_CLIENT
    ) -> TokenResult:
        """``client_id`` is the authenticated client (or the first-party app): a refresh token
        only works for the client it was issued to (RFC 6749 §6)."""
        if not refresh_token:
            raise InvalidRequestError("`refresh_token` is required.")
        row = await self.session.scalar(
            select(RefreshToken)
            .where(RefreshToken.token_hash == sha256_hex(refresh_token))
            .with_for_update()
        )
        now = utcnow()
        if row is None or row.client_id != client_id:
            raise InvalidGrantError("Unknown refresh token.")
        if row.rotated_at is not None or row.revoked_at is not None:
            # Reuse of a rotated token means it leaked: revoke the whole family.
            await self.revoke_family(row.family_id)
            raise InvalidGrantError("This refresh token was already used; its family is revoked.")
        if row.expires_at <= now:
            raise InvalidGrantError("The refresh token has expired.")
        user = await self.session.get(User, row.user_id) if row.user_id else None
        if user is None or not user.active:
            raise InvalidGrantError("The user behind this refresh token is no longer active.")
        await self._ensure_partner_access(user)
        original = frozenset(row.scope.split())
        scopes = grant_scopes(scope, original & ceiling(user.role))
        row.rotated_at = now
        return await self._issue_user_tokens(user, scopes, row.client_id, family_id=row.family_id)

    async def _record_sign_in(self, user_id: uuid.UUID, **values: object) -> None:
        """Sign-in bookkeeping is not an edit of the user: a plain UPDATE, so the row's version
        (its ETag) does not move and an admin's ``If-Match`` is not broken by a login."""
        await self.session.execute(update(User).where(User.id == user_id).values(**values))

    async def _ensure_partner_access(self, subject: User | ApiClient) -> None:
        if subject.partner_id is None:
            return
        status = await self.session.scalar(
            select(Partner.status).where(Partner.id == subject.partner_id)
        )
        if status not in ACCESS_STATUSES:
            raise InvalidGrantError(ACCOUNT_CLOSED)

    async def _issue_user_tokens(
        self, user: User, scopes: list[str], client_id: str, family_id: uuid.UUID
    ) -> TokenResult:
        token, _ = issue_access_token(
            self.ring,
            self.settings,
            sub=str(user.id),
            client_id=client_id,
            scopes=scopes,
            role=user.role,
            subject_type="user",
            partner_id=user.partner_id,
            token_version=user.token_version,
        )
        refresh = new_token("prt_")
        self.session.add(
            RefreshToken(
                token_hash=sha256_hex(refresh),
                family_id=family_id,
                user_id=user.id,
                client_id=client_id,
                scope=" ".join(scopes),
                expires_at=utcnow() + timedelta(seconds=self.settings.refresh_token_ttl_s),
            )
        )
        if user.partner_id is not None:
            # A sign-in or a renewed session is a partner user's activity that day: the
            # engagement metrics count distinct active users from these rows.
            await self.session.execute(
                insert(UserActivityDay)
                .values(user_id=user.id, day=utcnow().date(), partner_id=user.partner_id)
                .on_conflict_do_nothing()
            )
        await self.session.flush()
        return TokenResult(token, self.settings.access_token_ttl_s, " ".join(scopes), refresh)

    async def revoke_family(self, family_id: uuid.UUID) -> None:
        await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )

    async def revoke(self, token: str, hint: str | None, client_id: str | None) -> None:
        """RFC 7009: revoke a refresh or access token; unknown tokens are not an error. The hint
        only decides which kind is looked up first (§2.1: a wrong hint must not hide a token)."""
        lookups = [self._revoke_refresh, self._revoke_access]
        if hint == "access_token":
            lookups.reverse()
        for lookup in lookups:
            if await lookup(token, client_id):
                return

    async def _revoke_refresh(self, token: str, client_id: str | None) -> bool:
        row = await self.session.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(token))
        )
        if row is None:
            return False
        if client_id is None or row.client_id == client_id:
            await self.revoke_family(row.family_id)
        return True

    async def _revoke_access(self, token: str, client_id: str | None) -> bool:
        try:
            claims = verify_access_token(self.ring, self.settings, token)
        except InvalidToken:
            return False
        if client_id is None or claims.client_id == client_id:
            await self.session.execute(
                insert(RevokedAccessToken)
                .values(jti=claims.jti, expires_at=_from_ts(claims.exp))
                .on_conflict_do_nothing()
            )
        return True

    async def introspect(self, token: str) -> dict[str, Any]:
        """RFC 7662: the token's claims when active, ``{"active": false}`` otherwise."""
        from prm_api.auth.dependencies import _token_is_live

        try:
            claims = verify_access_token(self.ring, self.settings, token)
        except InvalidToken:
            row = await self.session.scalar(
                select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(token))
            )
            if (
                row
                and row.rotated_at is None
                and row.revoked_at is None
                and row.expires_at > utcnow()
            ):
                return {
                    "active": True,
                    "token_type": "refresh_token",
                    "client_id": row.client_id,
                    "scope": row.scope,
                    "sub": str(row.user_id) if row.user_id else None,
                    "exp": int(row.expires_at.timestamp()),
                }
            return {"active": False}
        if not await _token_is_live(self.session, claims):
            return {"active": False}
        raw = claims.raw
        return {
            "active": True,
            "token_type": "Bearer",
            **{
                k: raw[k]
                for k in (
                    "iss",
                    "sub",
                    "aud",
                    "exp",
                    "iat",
                    "nbf",
                    "jti",
                    "client_id",
                    "scope",
                    "role",
                    "partner_id",
                )
                if k in raw
            },
        }


def _from_ts(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, UTC)
