"""Vendor staff users: create, change, deactivate. Rules live here; endpoints stay thin."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.passwords import hash_secret
from prm_api.auth.principal import Actor
from prm_api.auth.roles import VENDOR_ROLES
from prm_api.errors import Conflict, NotFound, ValidationFailed
from prm_api.kit.etag import check_if_match
from prm_api.kit.filters import escape_like
from prm_api.kit.time import utcnow
from prm_api.models import RefreshToken, User

AUDITED_FIELDS = ("email", "name", "role", "active", "partner_id")


async def get_vendor_user(session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await session.get(User, user_id)
    if user is None or user.role not in VENDOR_ROLES:
        raise NotFound(f"No user {user_id}.")
    return user


def list_query(
    *, role: str | None, active: bool | None, email: str | None, q: str | None
) -> Select[tuple[User]]:
    stmt = select(User).where(User.role.in_([r.value for r in VENDOR_ROLES]))
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


async def _ensure_email_free(session: AsyncSession, email: str) -> None:
    taken = await session.scalar(select(User.id).where(User.email == email))
    if taken:
        raise Conflict(f"A user with email {email} already exists.", code="email_taken")


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
    await _ensure_email_free(session, email)
    user = User(
        email=email,
        name=name,
        role=role,
        partner_id=partner_id,
        password_hash=await hash_secret(password) if password else None,
    )
    session.add(user)
    await session.flush()
    await audit.record(
        session,
        actor,
        "user.created",
        "user",
        user.id,
        changes=audit.diff({}, audit.snapshot(user, AUDITED_FIELDS)),
        partner_id=partner_id,
    )
    return user


async def update_user(
    session: AsyncSession,
    actor: Actor,
    user: User,
    *,
    changes: dict,
    if_match: str | None,
) -> User:
    check_if_match(if_match, user.version)
    if actor.id == str(user.id) and "role" in changes and changes["role"] != user.role:
        raise ValidationFailed(
            "You cannot change your own role.",
            errors=[
                {
                    "field": "role",
                    "in": "body",
                    "code": "self_role_change",
                    "message": "You cannot change your own role.",
                }
            ],
        )
    before = audit.snapshot(user, AUDITED_FIELDS)
    password = changes.pop("password", None)
    for key, value in changes.items():
        setattr(user, key, value)
    if password:
        user.password_hash = await hash_secret(password)
        user.tokens_valid_after = utcnow()
        await revoke_refresh_tokens(session, user.id)
    after = audit.snapshot(user, AUDITED_FIELDS)
    delta = audit.diff(before, after)
    if password:
        delta["password"] = {"before": None, "after": "changed"}
    if delta:
        await session.flush()
        await audit.record(
            session,
            actor,
            "user.updated",
            "user",
            user.id,
            changes=delta,
            partner_id=user.partner_id,
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
    user.active = active
    user.deactivated_at = None if active else utcnow()
    if not active:
        user.tokens_valid_after = utcnow()
        await revoke_refresh_tokens(session, user.id)
    await session.flush()
    await audit.record(
        session,
        actor,
        "user.reactivated" if active else "user.deactivated",
        "user",
        user.id,
        changes={"active": {"before": not active, "after": active}},
        partner_id=user.partner_id,
    )
    return user
