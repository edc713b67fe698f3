"""A partner's people: partner users and invitations.

Vendor roles manage any partner's users; a ``partner_admin`` manages its own partner's; a
``partner_user`` can only list colleagues (it lacks ``partners:write``).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.passwords import new_token, sha256_hex
from prm_api.auth.principal import Actor, Principal
from prm_api.auth.roles import PARTNER_ROLES
from prm_api.errors import Conflict, NotFound, ValidationFailed
from prm_api.events import service as events
from prm_api.kit.time import utcnow
from prm_api.models import Invitation, Partner, User
from prm_api.models.partner import ACCESS_STATUSES
from prm_api.partners.access import get_visible_partner
from prm_api.partners.schemas import invitation_out
from prm_api.users import service as users

INVITATION_TTL = timedelta(days=7)


def invitation_status(inv: Invitation) -> str:
    if inv.accepted_at:
        return "accepted"
    if inv.revoked_at:
        return "revoked"
    if inv.expires_at <= utcnow():
        return "expired"
    return "pending"


def _ensure_partner_open(partner: Partner) -> None:
    if partner.status not in ACCESS_STATUSES:
        raise Conflict(
            f"The partner is {partner.status}; it cannot get new users.", code="partner_not_open"
        )


async def get_member(
    session: AsyncSession,
    principal: Principal,
    partner_id: uuid.UUID,
    user_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> User:
    """``for_update`` queues concurrent writers on the row, so the second one sees the first's
    version (412 on a stale If-Match) instead of failing the ORM's version check (500)."""
    await get_visible_partner(session, principal, partner_id)
    user = await session.get(User, user_id, with_for_update=for_update or None)
    if user is None or user.partner_id != partner_id:
        raise NotFound(f"No user {user_id} at this partner.")
    return user


def members_query(
    partner_id: uuid.UUID, *, role: str | None, active: bool | None, q: str | None
) -> Select[tuple[User]]:
    from prm_api.kit.filters import escape_like

    stmt = select(User).where(User.partner_id == partner_id)
    if role:
        stmt = stmt.where(User.role == role)
    if active is not None:
        stmt = stmt.where(User.active == active)
    if q:
        like = f"%{escape_like(q)}%"
        stmt = stmt.where(User.email.ilike(like, escape="\\") | User.name.ilike(like, escape="\\"))
    return stmt


async def add_member(
    session: AsyncSession,
    principal: Principal,
    partner_id: uuid.UUID,
    *,
    email: str,
    name: str,
    role: str,
    password: str | None,
) -> User:
    partner = await get_visible_partner(session, principal, partner_id)
    _ensure_partner_open(partner)
    return await _create_user(
        session,
        principal.actor,
        email=email,
        name=name,
        role=role,
        password=password,
        partner_id=partner.id,
    )


async def _create_user(session: AsyncSession, actor: Actor, **fields) -> User:
    """``users.create_user`` checks the email first, but a concurrent insert can still win at
    the unique index: the savepoint keeps the transaction usable and the loser gets 409."""
    try:
        async with session.begin_nested():
            return await users.create_user(session, actor, **fields)
    except IntegrityError as exc:
        if "uq_users_email" in str(exc.orig):
            raise Conflict(
                f"A user with email {fields['email']} already exists.", code="email_taken"
            ) from None
        raise


async def update_member(
    session: AsyncSession, principal: Principal, user: User, changes: dict, *, if_match: str | None
) -> User:
    nulls = sorted(k for k, v in changes.items() if v is None)
    if nulls:
        # Sent as null is not "leave unchanged": say so instead of silently ignoring it.
        raise ValidationFailed(
            f"{', '.join(nulls)} cannot be null.",
            errors=[
                {"field": k, "in": "body", "code": "null", "message": "Cannot be null."}
                for k in nulls
            ],
        )
    if "role" in changes and changes["role"] not in PARTNER_ROLES:
        raise ValidationFailed("Partner users are partner_admin or partner_user.")
    return await users.update_user(
        session, principal.actor, user, changes=changes, if_match=if_match
    )


async def invite(
    session: AsyncSession,
    principal: Principal,
    partner_id: uuid.UUID,
    *,
    email: str,
    name: str | None,
    role: str,
) -> tuple[Invitation, str]:
    """Create an invitation; returns it with the one-time token (only its hash is stored)."""
    partner = await get_visible_partner(session, principal, partner_id)
    _ensure_partner_open(partner)
    if await session.scalar(select(User.id).where(User.email == email)):
        raise Conflict(f"A user with email {email} already exists.", code="email_taken")
    token = new_token("inv_")
    invitation = Invitation(
        partner_id=partner.id,
        email=email,
        name=name,
        role=role,
        token_hash=sha256_hex(token),
        expires_at=utcnow() + INVITATION_TTL,
        invited_by=principal.subject_id,
    )
    session.add(invitation)
    await session.flush()
    await events.emit(
        session,
        principal.actor,
        "user.invited",  # DESIGN §6 names it so; the audit action stays invitation.created
        invitation_out(invitation),  # never the token
        resource_id=invitation.id,
        partner_id=partner.id,
    )
    await audit.record(
        session,
        principal.actor,
        "invitation.created",
        "invitation",
        invitation.id,
        changes={"email": email, "role": role},
        partner_id=partner.id,
    )
    return invitation, token


async def get_invitation(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID, invitation_id: uuid.UUID
) -> Invitation:
    await get_visible_partner(session, principal, partner_id)
    # Locked: a revocation racing an acceptance must see the acceptance.
    inv = await session.get(Invitation, invitation_id, with_for_update=True)
    if inv is None or inv.partner_id != partner_id:
        raise NotFound(f"No invitation {invitation_id} at this partner.")
    return inv


async def revoke_invitation(
    session: AsyncSession, principal: Principal, inv: Invitation
) -> Invitation:
    if invitation_status(inv) != "pending":
        raise Conflict(
            f"The invitation is {invitation_status(inv)}.", code="invitation_not_pending"
        )
    shown_before = invitation_out(inv)
    inv.revoked_at = utcnow()
    await session.flush()
    await events.emit(
        session,
        principal.actor,
        "invitation.revoked",
        invitation_out(inv),
        resource_id=inv.id,
        partner_id=inv.partner_id,
        before=shown_before,
    )
    await audit.record(
        session,
        principal.actor,
        "invitation.revoked",
        "invitation",
        inv.id,
        partner_id=inv.partner_id,
    )
    return inv


class InvalidInvitation(Conflict):
    status, code, title = 400, "invalid_invitation", "Invalid invitation"


async def accept_invitation(
    session: AsyncSession, actor: Actor, *, token: str, password: str, name: str | None
) -> User:
    """Single use: the row is locked and stamped, so a second use (even concurrent) fails."""
    inv = await session.scalar(
        select(Invitation).where(Invitation.token_hash == sha256_hex(token)).with_for_update()
    )
    if inv is None or invitation_status(inv) != "pending":
        # One answer for unknown, used, revoked and expired tokens: nothing to probe.
        raise InvalidInvitation("This invitation token is invalid, used or expired.")
    partner = await session.get(Partner, inv.partner_id)
    if partner is None or partner.status not in ACCESS_STATUSES:
        raise InvalidInvitation("This invitation token is invalid, used or expired.")
    user = await _create_user(
        session,
        Actor(type="anonymous", id=None, request_id=actor.request_id, ip=actor.ip),
        email=inv.email,
        name=name or inv.name or inv.email.split("@")[0],
        role=inv.role,
        password=password,
        partner_id=inv.partner_id,
    )
    shown_before = invitation_out(inv)
    inv.accepted_at = utcnow()
    inv.accepted_user_id = user.id
    await session.flush()
    accepted_by = Actor(
        type="user",
        id=str(user.id),
        role=user.role,
        partner_id=user.partner_id,
        request_id=actor.request_id,
        ip=actor.ip,
    )
    await events.emit(
        session,
        accepted_by,
        "invitation.accepted",
        invitation_out(inv),
        resource_id=inv.id,
        partner_id=inv.partner_id,
        before=shown_before,
    )
    await audit.record(
        session,
        accepted_by,
        "invitation.accepted",
        "invitation",
        inv.id,
        partner_id=inv.partner_id,
    )
    return user
