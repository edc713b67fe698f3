"""A partner's people: partner users and invitations.

Vendor roles manage any partner's users; a ``partner_admin`` manages its own partner's (and
adds people by invitation only); a ``partner_user`` can only list colleagues (it lacks
``partners:write``).
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.passwords import new_token, sha256_hex
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Actor, Principal
from prm_api.auth.roles import PARTNER_ROLES
from prm_api.errors import Conflict, NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit.time import utcnow
from prm_api.models import Invitation, Partner, User
from prm_api.models.partner import ACCESS_STATUSES
from prm_api.onboarding import rules as onboarding
from prm_api.partners import repository
from prm_api.partners.schemas import invitation_out
from prm_api.users import service as users
from prm_api.users.events import INVITATION_ACCEPTED, INVITATION_REVOKED, USER_INVITED

INVITATION_TTL = timedelta(days=7)


def _ensure_partner_open(partner: Partner) -> None:
    if partner.status not in ACCESS_STATUSES:
        raise Conflict(
            f"The partner is {partner.status}; it cannot get new users.", code="partner_not_open"
        )


async def members_query(
    session: AsyncSession,
    principal: Principal,
    partner_id: uuid.UUID,
    *,
    role: str | None,
    active: bool | None,
    q: str | None,
) -> Select[Any]:
    """The partner's users (404 for a partner the caller may not see)."""
    await repository.ensure_visible_partner(session, principal, partner_id)
    return repository.members_query(partner_id, role=role, active=active, q=q)


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
    await repository.get_visible_partner(session, principal, partner_id)
    user = await session.get(User, user_id, with_for_update=for_update or None)
    if user is None or user.partner_id != partner_id:
        raise NotFound(f"No user {user_id} at this partner.")
    return user


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
    partner = await repository.get_visible_partner(session, principal, partner_id)
    # Partner admins add people by invitation only. A direct create must refuse an address
    # that already has an account (emails sign users in, so they are unique), and that refusal
    # would tell a partner which addresses have accounts at other partners or on the vendor's
    # staff. An invitation gives no such signal (see :func:`invite`), and the person chooses
    # the password. Vendor staff see every account anyway, so they keep the direct create.
    require_vendor(
        principal,
        "add users directly; invite them instead (POST /v1/partners/{id}/invitations)",
    )
    _ensure_partner_open(partner)
    return await users.create_user(
        session,
        principal.actor,
        email=email,
        name=name,
        role=role,
        password=password,
        partner_id=partner.id,
    )


async def update_member(
    session: AsyncSession,
    principal: Principal,
    partner_id: uuid.UUID,
    user_id: uuid.UUID,
    changes: dict[str, Any],
    *,
    if_match: str | None,
) -> User:
    """Change a partner user's name or role (``changes`` as JSON: the role's value)."""
    user = await get_member(session, principal, partner_id, user_id, for_update=True)
    nulls = sorted(k for k, v in changes.items() if v is None)
    if nulls:
        # Sent as null is not "leave unchanged": say so instead of silently ignoring it.
        raise ValidationFailed(
            f"{', '.join(nulls)} cannot be null.",
            errors=[field_error(k, "null", "Cannot be null.") for k in nulls],
        )
    if "role" in changes and changes["role"] not in PARTNER_ROLES:
        raise ValidationFailed("Partner users are partner_admin or partner_user.")
    return await users.update_user(
        session, principal.actor, user, changes=changes, if_match=if_match
    )


async def set_active(
    session: AsyncSession,
    principal: Principal,
    partner_id: uuid.UUID,
    user_id: uuid.UUID,
    *,
    active: bool,
    if_match: str | None,
) -> User:
    """Deactivate (its tokens stop working at once) or reactivate a partner user."""
    user = await get_member(session, principal, partner_id, user_id, for_update=True)
    return await users.set_active(session, principal.actor, user, active=active, if_match=if_match)


async def invitations_query(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID
) -> Select[Any]:
    """The partner's invitations (404 for a partner the caller may not see)."""
    await repository.ensure_visible_partner(session, principal, partner_id)
    return repository.invitations_query(partner_id)


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
    partner = await repository.get_visible_partner(session, principal, partner_id)
    _ensure_partner_open(partner)
    taken, holder_partner = await repository.email_holder(session, email)
    # A partner learns only about its own people: an address that belongs to another
    # partner's user or to vendor staff is invited as usual (its acceptance then fails like
    # any unusable token). Vendor roles see every account, so they are told.
    if taken and (principal.is_vendor or holder_partner == partner.id):
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
    await record_change(
        session,
        principal.actor,
        USER_INVITED,
        invitation_out(invitation),  # never the token
        resource_id=invitation.id,
        partner_id=partner.id,
        changes={"email": email, "role": role},
    )
    return invitation, token


async def get_invitation(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID, invitation_id: uuid.UUID
) -> Invitation:
    await repository.get_visible_partner(session, principal, partner_id)
    # Locked: a revocation racing an acceptance must see the acceptance.
    inv = await session.get(Invitation, invitation_id, with_for_update=True)
    if inv is None or inv.partner_id != partner_id:
        raise NotFound(f"No invitation {invitation_id} at this partner.")
    return inv


async def revoke_invitation(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID, invitation_id: uuid.UUID
) -> Invitation:
    inv = await get_invitation(session, principal, partner_id, invitation_id)
    if inv.status != "pending":
        raise Conflict(f"The invitation is {inv.status}.", code="invitation_not_pending")
    shown_before = invitation_out(inv)
    inv.revoked_at = utcnow()
    await session.flush()
    await record_change(
        session,
        principal.actor,
        INVITATION_REVOKED,
        invitation_out(inv),
        resource_id=inv.id,
        partner_id=inv.partner_id,
        before=shown_before,
    )
    return inv


class InvalidInvitation(Conflict):
    status, code, title = 400, "invalid_invitation", "Invalid invitation"


async def accept_invitation(
    session: AsyncSession, actor: Actor, *, token: str, password: str, name: str | None
) -> User:
    """Single use: the row is locked and stamped, so a second use (even concurrent) fails."""
    inv = await repository.invitation_by_token_hash(session, sha256_hex(token))
    if inv is None or inv.status != "pending":
        # One answer for unknown, used, revoked and expired tokens: nothing to probe.
        raise InvalidInvitation("This invitation token is invalid, used or expired.")
    partner = await session.get(Partner, inv.partner_id)
    if partner is None or partner.status not in ACCESS_STATUSES:
        raise InvalidInvitation("This invitation token is invalid, used or expired.")
    try:
        user = await users.create_user(
            session,
            Actor(type="anonymous", id=None, request_id=actor.request_id, ip=actor.ip),
            email=inv.email,
            name=name or inv.name or inv.email.split("@")[0],
            role=inv.role,
            password=password,
            partner_id=inv.partner_id,
        )
    except Conflict as exc:
        if exc.code != "email_taken":
            raise
        # The address has an account (possibly at another partner, or vendor staff): the
        # holder of the token learns nothing more than from any unusable token.
        raise InvalidInvitation("This invitation token is invalid, used or expired.") from None
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
    await record_change(
        session,
        accepted_by,
        INVITATION_ACCEPTED,
        invitation_out(inv),
        resource_id=inv.id,
        partner_id=inv.partner_id,
        before=shown_before,
    )
    await onboarding.recheck(session, accepted_by, inv.partner_id, kinds=("users_invited",))
    return user
