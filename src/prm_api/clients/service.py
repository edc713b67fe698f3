"""API clients: create (secret shown once), rotate secret, revoke."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.passwords import hash_secret, new_token
from prm_api.auth.policy import is_partner_bound, require_vendor
from prm_api.auth.principal import Actor
from prm_api.auth.roles import ceiling
from prm_api.auth.scopes import ALL_SCOPES
from prm_api.clients.events import (
    API_CLIENT_CREATED,
    API_CLIENT_REVOKED,
    API_CLIENT_SECRET_ROTATED,
)
from prm_api.clients.schemas import ApiClientOut
from prm_api.errors import Conflict, NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit.etag import check_if_match
from prm_api.kit.time import utcnow
from prm_api.models import ApiClient

AUDITED_FIELDS = ("name", "role", "scopes", "active", "partner_id")
# Credentials are a vendor matter: partner_admin holds users:write for its own users, which
# must not let it mint (admin) API clients or read other partners' clients.
MANAGE_CLIENTS = "manage API clients"


def _validate_scopes(role: str, scopes: list[str] | None) -> list[str]:
    allowed = ceiling(role)
    if scopes is None:
        return sorted(allowed)
    unknown = [s for s in scopes if s not in ALL_SCOPES]
    beyond = [s for s in scopes if s in ALL_SCOPES and s not in allowed]
    if unknown or beyond:
        errs = [field_error("scopes", "unknown_scope", f"Unknown scope {s!r}.") for s in unknown]
        errs += [
            field_error("scopes", "scope_above_role", f"Role {role!r} may not hold {s!r}.")
            for s in beyond
        ]
        raise ValidationFailed("Some scopes are unknown or beyond the role's ceiling.", errors=errs)
    return sorted(set(scopes))


async def get_client(session: AsyncSession, actor: Actor, client_uuid: uuid.UUID) -> ApiClient:
    # For a partner token no API client exists (404, not 403: nothing leaks).
    client = None if is_partner_bound(actor) else await session.get(ApiClient, client_uuid)
    if client is None:
        raise NotFound(f"No API client {client_uuid}.")
    return client


async def find_client(session: AsyncSession, actor: Actor, key: str) -> ApiClient:
    """By its ``client_id`` (``prm_ci_…``) or its id: how an operator names one on the CLI."""
    require_vendor(actor, MANAGE_CLIENTS)
    try:
        client_uuid = uuid.UUID(key)
    except ValueError:
        client = await session.scalar(select(ApiClient).where(ApiClient.client_id == key))
    else:
        client = await session.get(ApiClient, client_uuid)
    if client is None:
        raise NotFound(f"No API client {key}.")
    return client


def list_query(actor: Actor, *, active: bool | None, role: str | None) -> Select[Any]:
    """API clients as plain rows (the list's read path)."""
    require_vendor(actor, MANAGE_CLIENTS)
    stmt = select(*ApiClient.__table__.columns)
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
    require_vendor(actor, MANAGE_CLIENTS)
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
    await record_change(
        session,
        actor,
        API_CLIENT_CREATED,
        ApiClientOut.model_validate(client),  # never the secret
        resource_id=client.id,
        partner_id=partner_id,
        changes=audit.diff({}, audit.snapshot(client, AUDITED_FIELDS)),
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
    await record_change(
        session,
        actor,
        API_CLIENT_SECRET_ROTATED,
        ApiClientOut.model_validate(client),
        resource_id=client.id,
        partner_id=client.partner_id,
        changes={"secret_last4": {"before": None, "after": client.secret_last4}},
        before=shown_before,
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
    await record_change(
        session,
        actor,
        API_CLIENT_REVOKED,
        ApiClientOut.model_validate(client),
        resource_id=client.id,
        partner_id=client.partner_id,
        changes={"active": {"before": True, "after": False}},
        before=shown_before,
    )
    return client
