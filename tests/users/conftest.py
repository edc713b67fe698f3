"""Helpers for the users / API clients tests."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from prm_api.models import AuditEvent


@pytest.fixture
def new_partner(sessionmaker):
    """``await new_partner()`` inserts an active partner and returns its id."""
    from prm_api.models import Partner

    async def make(status: str = "active") -> uuid.UUID:
        async with sessionmaker() as session, session.begin():
            partner = Partner(
                name=f"Partner {uuid.uuid4().hex[:6]}", type="reseller", status=status
            )
            session.add(partner)
            await session.flush()
            return partner.id

    return make


@pytest.fixture
def audit_rows(sessionmaker):
    """``await audit_rows(resource_id=...)``: the audit rows of a resource, oldest first."""

    async def fetch(**filters: object) -> list[AuditEvent]:
        async with sessionmaker() as session:
            stmt = select(AuditEvent).order_by(AuditEvent.seq)
            for name, value in filters.items():
                stmt = stmt.where(getattr(AuditEvent, name) == str(value))
            return list((await session.scalars(stmt)).all())

    return fetch


@pytest.fixture
def oauth_login(client):
    """``await oauth_login(email, password)`` → the token response (asserts success)."""

    async def login(email: str, password: str) -> dict:
        r = await client.post(
            "/oauth/token",
            data={"grant_type": "password", "username": email, "password": password},
        )
        assert r.status_code == 200, r.text
        return r.json()

    return login
