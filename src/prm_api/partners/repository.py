"""Queries on partners and their people; every one a partner token runs is scoped to it."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ARRAY, Select, String, bindparam, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.policy import can_see_partner
from prm_api.auth.principal import Principal
from prm_api.errors import NotFound
from prm_api.kit.filters import escape_like
from prm_api.kit.search import fuzzy_match, ranked
from prm_api.kit.statements import FilteredList, any_of, window
from prm_api.models import Invitation, Partner, Tier, User
from prm_api.models.partner import TERMINAL_STATUSES
from prm_api.reads import fetch_row

_ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(:k)")


async def get_visible_partner(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID, *, for_update: bool = False
) -> Partner:
    """The partner, if the caller may see it; 404 otherwise (never 403: nothing leaks)."""
    if not can_see_partner(principal, partner_id):
        raise NotFound(f"No partner {partner_id}.")
    stmt = select(Partner).where(Partner.id == partner_id)
    if for_update:
        stmt = stmt.with_for_update()
    partner = await session.scalar(stmt)
    if partner is None:
        raise NotFound(f"No partner {partner_id}.")
    return partner


_PARTNER_EXISTS = select(Partner.id).where(Partner.id == bindparam("partner_id"))


async def ensure_visible_partner(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID
) -> None:
    """404 unless the partner exists and the caller may see it: the check before reading what
    belongs to it (its users, its invitations), as one plain read."""
    if not can_see_partner(principal, partner_id) or not await fetch_row(
        session, _PARTNER_EXISTS, {"partner_id": partner_id}
    ):
        raise NotFound(f"No partner {partner_id}.")


#: A partner with its tier's key, name and rank: what ``PARTNER`` renders (a read, no ORM).
_PARTNER_ROW = select(
    Partner.__table__,
    Tier.key.label("tier_key"),
    Tier.name.label("tier_name"),
    Tier.rank.label("tier_rank"),
).outerjoin(Tier, Tier.id == Partner.tier_id)


_PARTNER_BY_ID = _PARTNER_ROW.where(Partner.id == bindparam("partner_id"))


async def visible_partner_row(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID
) -> Any:
    """The partner with its tier as a plain row, if the caller may see it (else 404)."""
    if not can_see_partner(principal, partner_id):
        raise NotFound(f"No partner {partner_id}.")
    row = await fetch_row(session, _PARTNER_BY_ID, {"partner_id": partner_id})
    if row is None:
        raise NotFound(f"No partner {partner_id}.")
    return row


#: The list's filters (kit.statements): conditions on bound parameters named after them.
_LIST = FilteredList(
    _PARTNER_ROW,
    {
        "status": any_of("status", Partner.status),
        "tier_id": Partner.tier_id == bindparam("tier_id"),
        "tier_key": Partner.tier_id
        == select(Tier.id).where(Tier.key == bindparam("tier_key")).scalar_subquery(),
        "type": any_of("type", Partner.type),
        "country": any_of("country", Partner.country),
        "manager_id": Partner.manager_id == bindparam("manager_id"),
        "tag": Partner.tags.contains(bindparam("tag", type_=ARRAY(String))),
        "external_id": Partner.external_ids.contains(bindparam("external_id", type_=JSONB)),
        **window("created", Partner.created_at),
        **window("updated", Partner.updated_at),
    },
    Partner.id,
)


def partners_query(
    principal: Principal,
    *,
    status: Sequence[str] | None = None,
    tier: str | None = None,
    type_: Sequence[str] | None = None,
    country: Sequence[str] | None = None,
    manager_id: uuid.UUID | None = None,
    tag: list[str] | None = None,
    external_id: tuple[str, str] | None = None,
    q: str | None = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    updated_after: datetime | None = None,
    updated_before: datetime | None = None,
) -> tuple[Select[Any], dict[str, Any] | None]:
    """The partners a list shows, as plain rows with their tier (``_PARTNER_ROW``): the
    caller's own only for a partner token. ``tier`` is a tier's id or key; ``q`` matches name
    and domain approximately (see :mod:`kit.search`).

    With the values of its bound parameters for ``paginate``: without ``q`` the statement is
    prebuilt for the filters used (``kit.statements``); a search's is made for the request,
    its values set in it (``None`` is returned for them)."""
    candidates: dict[str, Any] = {
        "status": list(status or ()),
        "type": list(type_ or ()),
        "country": list(country or ()),
        "manager_id": manager_id,
        "tag": list(tag or ()),
        "external_id": {external_id[0]: external_id[1]} if external_id else None,
        "created_after": created_after,
        "created_before": created_before,
        "updated_after": updated_after,
        "updated_before": updated_before,
    }
    if tier:
        try:
            candidates["tier_id"] = uuid.UUID(tier)
        except ValueError:
            candidates["tier_key"] = tier
    stmt, values = _LIST.bind(principal, candidates)
    if not q:
        return stmt, values
    searched = ranked(
        stmt.where(fuzzy_match(q, Partner.name, Partner.domain)), q, Partner.name, Partner.domain
    )
    return searched.params(values), None


async def live_domain_taken(
    session: AsyncSession, domain: str, *, exclude: uuid.UUID | None = None
) -> bool:
    """A live partner or open application (not declined or terminated) has ``domain``."""
    stmt = select(Partner.id).where(
        Partner.domain == domain, Partner.status.not_in(TERMINAL_STATUSES)
    )
    if exclude is not None:
        stmt = stmt.where(Partner.id != exclude)
    return await session.scalar(stmt.limit(1)) is not None


async def external_id_taken(
    session: AsyncSession, system: str, external_id: str, *, exclude: uuid.UUID | None = None
) -> bool:
    stmt = select(Partner.id).where(Partner.external_ids.contains({system: external_id}))
    if exclude is not None:
        stmt = stmt.where(Partner.id != exclude)
    return await session.scalar(stmt.limit(1)) is not None


async def lock_external_id(session: AsyncSession, system: str, external_id: str) -> None:
    """Serialize writers of one (system, id) until the transaction ends, whether or not a
    partner has it yet (a row lock cannot cover a row that does not exist)."""
    digest = hashlib.sha256(f"{system}:{external_id}".encode()).digest()
    await session.execute(_ADVISORY_LOCK, {"k": int.from_bytes(digest[:8], "big", signed=True)})


async def partner_by_external_id(
    session: AsyncSession, system: str, external_id: str
) -> Partner | None:
    """The partner with ``external_ids[system] == external_id``, locked for update."""
    stmt = (
        select(Partner)
        .where(Partner.external_ids.contains({system: external_id}))
        .with_for_update()
        .limit(1)
    )
    return await session.scalar(stmt)


async def active_user_role(session: AsyncSession, user_id: uuid.UUID) -> str | None:
    """The role of an active user (None: no such user, or deactivated)."""
    return await session.scalar(select(User.role).where(User.id == user_id, User.active))


# --- a partner's people ---------------------------------------------------------------------


def members_query(
    partner_id: uuid.UUID, *, role: str | None, active: bool | None, q: str | None
) -> Select[Any]:
    """The partner's users, as plain rows (the list's read path)."""
    stmt = select(*User.__table__.columns).where(User.partner_id == partner_id)
    if role:
        stmt = stmt.where(User.role == role)
    if active is not None:
        stmt = stmt.where(User.active == active)
    if q:
        like = f"%{escape_like(q)}%"
        stmt = stmt.where(User.email.ilike(like, escape="\\") | User.name.ilike(like, escape="\\"))
    return stmt


def invitations_query(partner_id: uuid.UUID) -> Select[Any]:
    """The partner's invitations, as plain rows (the list's read path)."""
    return select(*Invitation.__table__.columns).where(Invitation.partner_id == partner_id)


async def email_holder(session: AsyncSession, email: str) -> tuple[bool, uuid.UUID | None]:
    """``(taken, partner_id)``: whether a user has the email, and that user's partner (None
    for vendor staff)."""
    row = (await session.execute(select(User.partner_id).where(User.email == email))).first()
    return (False, None) if row is None else (True, row[0])


async def invitation_by_token_hash(session: AsyncSession, token_hash: str) -> Invitation | None:
    """The invitation with this token, locked: a second use waits and then sees the first."""
    stmt = select(Invitation).where(Invitation.token_hash == token_hash).with_for_update()
    return await session.scalar(stmt)
