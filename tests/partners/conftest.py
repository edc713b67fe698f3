"""Helpers for the partner tests: arrange partners directly, inspect rows, sign users in."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.kit.time import utcnow
from prm_api.models import AuditEvent, Invitation, Partner, Tier, User

PASSWORD = "correct horse battery staple"

#: The timestamp column a partner in each status carries when arranged directly.
STATUS_STAMPS = {
    "applied": ("applied_at",),
    "onboarding": ("applied_at", "approved_at"),
    "active": ("applied_at", "approved_at", "activated_at"),
    "suspended": ("applied_at", "approved_at", "activated_at", "suspended_at"),
    "declined": ("applied_at", "declined_at"),
    "terminated": ("applied_at", "approved_at", "activated_at", "terminated_at"),
}


def _claims_of(token_or_headers: str | dict[str, str]) -> dict[str, Any]:
    """The (unverified) payload of a JWT; enough to read `sub` and `partner_id` in tests."""
    token = token_or_headers
    if isinstance(token, dict):
        token = token["Authorization"].split(" ", 1)[1]
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def _password_token(client, email: str, password: str = PASSWORD):
    """The raw `/oauth/token` response of a password grant."""
    return await client.post(
        "/oauth/token",
        data={"grant_type": "password", "username": email, "password": password},
    )


def _recent(value: str | datetime | None, since: datetime) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return since <= value <= utcnow()


@dataclass
class Store:
    """Arranges and inspects rows in fresh sessions (so nothing is served from a stale cache)."""

    sessionmaker: async_sessionmaker[AsyncSession]
    password = PASSWORD
    claims_of = staticmethod(_claims_of)
    bearer = staticmethod(_bearer)
    password_token = staticmethod(_password_token)
    recent = staticmethod(_recent)

    async def partner(self, status: str = "active", **values: Any) -> Partner:
        n = uuid.uuid4().hex[:10]
        now = utcnow()
        data: dict[str, Any] = {
            "name": f"Partner {n}",
            "type": "reseller",
            "domain": f"p{n}.example",
            "website": f"https://p{n}.example",
            "status": status,
            "source": "vendor",
            "tags": [],
            "external_ids": {},
            "status_changed_at": now,
        }
        data.update({stamp: now for stamp in STATUS_STAMPS[status]})
        data.update(values)
        async with self.sessionmaker() as session, session.begin():
            partner = Partner(**data)
            session.add(partner)
        return partner

    async def tier(self, key: str, rank: int, **values: Any) -> Tier:
        async with self.sessionmaker() as session, session.begin():
            tier = Tier(key=key, name=key.title(), rank=rank, **values)
            session.add(tier)
        return tier

    async def get_partner(self, partner_id: uuid.UUID | str) -> Partner | None:
        async with self.sessionmaker() as session:
            return await session.get(Partner, uuid.UUID(str(partner_id)))

    async def get_user(self, user_id: uuid.UUID | str) -> User | None:
        async with self.sessionmaker() as session:
            return await session.get(User, uuid.UUID(str(user_id)))

    async def get_invitation(self, invitation_id: uuid.UUID | str) -> Invitation | None:
        async with self.sessionmaker() as session:
            return await session.get(Invitation, uuid.UUID(str(invitation_id)))

    async def set_invitation(self, invitation_id: uuid.UUID | str, **values: Any) -> None:
        async with self.sessionmaker() as session, session.begin():
            inv = await session.get(Invitation, uuid.UUID(str(invitation_id)))
            assert inv is not None
            for key, value in values.items():
                setattr(inv, key, value)

    async def set_partner(self, partner_id: uuid.UUID | str, **values: Any) -> None:
        async with self.sessionmaker() as session, session.begin():
            partner = await session.get(Partner, uuid.UUID(str(partner_id)))
            assert partner is not None
            for key, value in values.items():
                setattr(partner, key, value)

    async def audit(
        self, resource_id: uuid.UUID | str | None = None, action: str | None = None
    ) -> list[AuditEvent]:
        stmt = select(AuditEvent).order_by(AuditEvent.seq)
        if resource_id is not None:
            stmt = stmt.where(AuditEvent.resource_id == str(resource_id))
        if action is not None:
            stmt = stmt.where(AuditEvent.action == action)
        async with self.sessionmaker() as session:
            return list((await session.scalars(stmt)).all())

    async def count(self, model: type, *where: Any) -> int:
        async with self.sessionmaker() as session:
            stmt = select(func.count()).select_from(model)
            for cond in where:
                stmt = stmt.where(cond)
            return int(await session.scalar(stmt) or 0)


@pytest.fixture
def store(sessionmaker) -> Store:
    return Store(sessionmaker)
