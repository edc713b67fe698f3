"""API clients: create (secret shown once), rotate secret, revoke."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.passwords import hash_secret, new_token
from prm_api.auth.principal import Actor
from prm_api.auth.roles import PARTNER_ROLES, ceiling
from prm_api.auth.scopes import ALL_SCOPES
from prm_api.clients.schemas import ApiClientOut
from prm_api.errors import Conflict, Forbidden, NotFound, ValidationFailed
from prm_api.events import service as events
from prm_api.kit.etag import check_if_match
from prm_api.kit.time import utcnow
from prm_api.models import ApiClient

AUDITED_FIELDS = ("name", "role", "scopes", "active", "partner_id")


def _validate_scopes(role: str, scopes: list[str] | None) -> list[str]:
    allowed = ceiling(role)
    if scopes is None:
        return sorted(allowed)
    unknown = [s for s in scopes if s not in ALL_SCOPES]
    beyond = [s for s in scopes if s in ALL_SCOPES and s not in allowed]
    if unknown or beyond:
        errs = [
            {
                "field": "scopes",
                "in": "body",
                "code": "unknown_scope",
                "message": f"Unknown scope {s!r}.",
            }
            for s in unknown
        ] + [
            {
                "field": "scopes",
                "in": "body",
                "code": "scope_above_role",
                "message": f"Role {role!r} may not hold {s!r}.",
            }
            for s in beyond
        ]
        raise ValidationFailed("Some scopes are unknown or beyond the role's ceiling.", errors=errs)
    return sorted(set(scopes))


def ensure_vendor_actor(actor: Actor) -> None:
    """Credentials are a vendor matter: partner_admin holds users:write for its own users, which
    must not let it mint (admin) API clients or read other partners' clients."""
    if actor.role in PARTNER_ROLES:
        raise Forbidden("API clients are managed by vendor staff only.")


async def get_client(session: AsyncSession, actor: Actor, client_uuid: uuid.UUID) -> ApiClient:
    # For a partner token no API client exists (404, not 403: nothing leaks).
    client = None if actor.role in PARTNER_ROLES else await session.get(ApiClient, client_uuid)
    if client is None:
        raise NotFound(f"No API client {client_uuid}.")
    return client


def list_query(actor: Actor, *, active: bool | None, role: str | None) -> Select[tuple[ApiClient]]:
    ensure_vendor_actor(actor)
    stmt = select(ApiClient)
    if active is not None:
        stmt = stmt.where(ApiClient.active == active)
    if role:
        stmt = stmt.where(ApiClient.role == role)
    return stmt


async def create_client(
    session: AsyncSession,
    actor: Actor,
    *,
    name: str,
    role: str,
    scopes: list[str] | None,
    partner_id: uuid.UUID | None = None,
) -> tuple[ApiClient, str]:
    """Returns the client and its secret; only a hash of the secret is stored."""
    ensure_vendor_actor(actor)
    granted = _validate_scopes(role, scopes)
    secret = new_token("prm_sk_")
    client = ApiClient(
        client_id=new_token("prm_ci_", 12),
        name=name,
        role=role,
        scopes=granted,
        partner_id=partner_id,
        secret_hash=await hash_secret(secret),
        secret_last4=secret[-4:],
        created_by=actor.id,
    )
    session.add(client)
    await session.flush()
    await events.emit(
        session,
        actor,
        "api_client.created",
        ApiClientOut.model_validate(client),  # never the secret
        resource_id=client.id,
        partner_id=partner_id,
    )
    await audit.record(
        session,
        actor,
        "api_client.created",
        "api_client",
        client.id,
        changes=audit.diff({}, audit.snapshot(client, AUDITED_FIELDS)),
        partner_id=partner_id,
    )
    return client, secret


async def rotate_secret(
    session: AsyncSession, actor: Actor, client: ApiClient, *, if_match: str | None
) -> tuple[ApiClient, str]:
    """A new secret replaces the old one at once; tokens already issued stay valid until expiry."""
    check_if_match(if_match, client.version)
    if not client.active:
        raise Conflict("A revoked client cannot get a new secret.", code="client_revoked")
    shown_before = ApiClientOut.model_validate(client)
    secret = new_token("prm_sk_")
    client.secret_hash = await hash_secret(secret)
    client.secret_last4 = secret[-4:]
    client.secret_rotated_at = utcnow()
    await session.flush()
    await events.emit(
        session,
        actor,
        "api_client.secret_rotated",
        ApiClientOut.model_validate(client),
        resource_id=client.id,
        partner_id=client.partner_id,
        before=shown_before,
    )
    await audit.record(
        session,
        actor,
        "api_client.secret_rotated",
        "api_client",
        client.id,
        changes={"secret_last4": {"before": None, "after": client.secret_last4}},
        partner_id=client.partner_id,
    )
    return client, secret


async def revoke_client(
    session: AsyncSession, actor: Actor, client: ApiClient, *, if_match: str | None
) -> ApiClient:
    """Revocation is final and immediate: the client's live tokens fail their next request."""
    check_if_match(if_match, client.version)
    if not client.active:
        return client
    shown_before = ApiClientOut.model_validate(client)
    now = utcnow()
    client.active = False
    client.revoked_at = now
    client.token_version += 1
    await session.flush()
    await events.emit(
        session,
        actor,
        "api_client.revoked",
        ApiClientOut.model_validate(client),
        resource_id=client.id,
        partner_id=client.partner_id,
        before=shown_before,
    )
    await audit.record(
        session,
        actor,
        "api_client.revoked",
        "api_client",
        client.id,
        changes={"active": {"before": True, "after": False}},
        partner_id=client.partner_id,
    )
    return client
