"""Vendor staff users: create, change, deactivate. Rules live here; endpoints stay thin."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, String, any_, bindparam, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.passwords import hash_secret
from prm_api.auth.policy import is_partner_bound, require_vendor
from prm_api.auth.principal import Actor
from prm_api.auth.roles import VENDOR_ROLES
from prm_api.db import flush_unique
from prm_api.errors import Conflict, Forbidden, NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit.etag import check_if_match
from prm_api.kit.filters import escape_like
from prm_api.kit.pagination import SortKeys
from prm_api.kit.time import utcnow
from prm_api.models import RefreshToken, User
from prm_api.reads import fetch_row
from prm_api.users.events import (
    USER_CREATED,
    USER_DEACTIVATED,
    USER_REACTIVATED,
    USER_UPDATED,
)
from prm_api.users.schemas import UserOut

AUDITED_FIELDS = ("email", "name", "role", "active", "partner_id")
# Vendor staff are managed by vendor staff: a partner_admin's users:* scopes cover its own
# partner's users only, so partner tokens never list or create vendor staff.
MANAGE_STAFF = "manage vendor staff users"
#: How lists of users (vendor staff, a partner's users) sort.
USER_SORTS = SortKeys(
    {"created_at": User.created_at, "email": User.email, "name": User.name}, "-created_at", User.id
)


#: Vendor staff, as plain rows (every column): the read path of the list and the get. The
#: roles are one array parameter (= ANY): an IN list would be rendered per execution, which
#: keeps a statement off the raw read path (``reads.fetch_plain``).
_STAFF = select(*User.__table__.columns).where(
    User.role == any_(bindparam("vendor_roles", [r.value for r in VENDOR_ROLES], ARRAY(String)))
)
_STAFF_BY_ID = _STAFF.where(User.id == bindparam("user_id"))


async def vendor_user_row(session: AsyncSession, actor: Actor, user_id: uuid.UUID) -> Any:
    """One vendor staff user as a plain row (a read: no ORM object); else 404."""
    # For a partner token vendor staff do not exist (404, not 403: nothing leaks).
    row = (
        None
        if is_partner_bound(actor)
        else await fetch_row(session, _STAFF_BY_ID, {"user_id": user_id})
    )
    if row is None:
        raise NotFound(f"No user {user_id}.")
    return row


async def get_vendor_user(session: AsyncSession, actor: Actor, user_id: uuid.UUID) -> User:
    # For a partner token vendor staff do not exist (404, not 403: nothing leaks).
    user = None if is_partner_bound(actor) else await session.get(User, user_id)
    if user is None or user.role not in VENDOR_ROLES:
        raise NotFound(f"No user {user_id}.")
    return user


def list_query(
    actor: Actor, *, role: str | None, active: bool | None, email: str | None, q: str | None
) -> Select[Any]:
    """Vendor staff as plain rows (the list's read path)."""
    require_vendor(actor, MANAGE_STAFF)
    stmt = _STAFF
    if role:
        stmt = stmt.where(User.role == role)
    if active is not None:
        stmt = stmt.where(User.active == active)
    if email:
        stmt = stmt.where(User.email == email)
    if q:
        like = f"%{escape_like(q)}%"
        stmt = stmt.where(User.email.ilike(like, escape="\\") | User.name.ilike(like, escape="\\"))
    return stmt


def _email_taken(email: str) -> Conflict:
    return Conflict(f"A user with email {email} already exists.", code="email_taken")


async def _ensure_email_free(session: AsyncSession, email: str) -> None:
    if await session.scalar(select(User.id).where(User.email == email)):
        raise _email_taken(email)


async def create_user(
    session: AsyncSession,
    actor: Actor,
    *,
    email: str,
    name: str,
    role: str,
    password: str | None,
    partner_id: uuid.UUID | None = None,
) -> User:
    if role in VENDOR_ROLES:
        require_vendor(actor, MANAGE_STAFF)
    await _ensure_email_free(session, email)
    user = User(
        email=email,
        name=name,
        role=role,
        partner_id=partner_id,
        password_hash=await hash_secret(password) if password else None,
    )
    # A concurrent request may take the email between the check above and this insert.
    await flush_unique(session, user, {"uq_users_email": _email_taken(email)})
    await record_change(
        session,
        actor,
        USER_CREATED,
        UserOut.model_validate(user),
        resource_id=user.id,
        partner_id=partner_id,
        changes=audit.diff({}, audit.snapshot(user, AUDITED_FIELDS)),
    )
    return user


async def update_user(
    session: AsyncSession,
    actor: Actor,
    user: User,
    *,
    changes: dict[str, Any],
    if_match: str | None,
) -> User:
    check_if_match(if_match, user.version)
    if actor.id == str(user.id) and "role" in changes and changes["role"] != user.role:
        message = "You cannot change your own role."
        raise ValidationFailed(message, errors=[field_error("role", "self_role_change", message)])
    shown_before = UserOut.model_validate(user)
    password = changes.pop("password", None)
    delta = audit.apply_and_diff(user, changes, AUDITED_FIELDS)
    if password:
        user.password_hash = await hash_secret(password)
        user.token_version += 1
        await revoke_refresh_tokens(session, user.id)
        delta["password"] = {"before": None, "after": "changed"}
    elif "role" in delta:
        # Access tokens carry the role: the old one must not outlive the change. Refresh
        # tokens may stay, they re-read the role (and cap scopes by it) when used.
        user.token_version += 1
    if delta:
        await session.flush()
        # A password change alone leaves previous_attributes empty: the hash is never shown.
        await record_change(
            session,
            actor,
            USER_UPDATED,
            UserOut.model_validate(user),
            resource_id=user.id,
            partner_id=user.partner_id,
            changes=delta,
            before=shown_before,
        )
    return user


async def revoke_refresh_tokens(session: AsyncSession, user_id: uuid.UUID) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


async def set_active(
    session: AsyncSession, actor: Actor, user: User, *, active: bool, if_match: str | None
) -> User:
    """Deactivation revokes every token of the user at once (checked on each request)."""
    check_if_match(if_match, user.version)
    if not active and actor.id == str(user.id):
        raise Conflict("You cannot deactivate yourself.", code="self_deactivation")
    if user.active == active:
        return user
    if active and user.deactivated_by_vendor and is_partner_bound(actor):
        # A vendor's deactivation (e.g. a person who left, a compromised account) is the
        # vendor's decision: the partner's own admins cannot lift it.
        raise Forbidden(
            "Vendor staff deactivated this user; only vendor staff can reactivate it.",
            code="deactivated_by_vendor",
        )
    shown_before = UserOut.model_validate(user)
    user.active = active
    user.deactivated_at = None if active else utcnow()
    user.deactivated_by_vendor = not active and not is_partner_bound(actor)
    if not active:
        user.token_version += 1
        await revoke_refresh_tokens(session, user.id)
    await session.flush()
    await record_change(
        session,
        actor,
        USER_REACTIVATED if active else USER_DEACTIVATED,
        UserOut.model_validate(user),
        resource_id=user.id,
        partner_id=user.partner_id,
        changes={"active": {"before": not active, "after": active}},
        before=shown_before,
    )
    return user
