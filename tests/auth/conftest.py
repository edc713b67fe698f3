"""Helpers for the identity tests: talk to the token endpoint like a real OAuth2 client."""

from __future__ import annotations

import base64
from dataclasses import dataclass

import httpx
import pytest

PASSWORD = "correct horse battery staple"


def basic(client_id: str, secret: str) -> dict[str, str]:
    raw = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class OAuth:
    client: httpx.AsyncClient
    password: str = PASSWORD
    basic = staticmethod(basic)
    bearer = staticmethod(bearer)

    async def token(self, data: dict[str, str], headers: dict[str, str] | None = None):
        return await self.client.post("/oauth/token", data=data, headers=headers or {})

    async def client_token(self, client_id: str, secret: str, scope: str | None = None) -> dict:
        data = {"grant_type": "client_credentials"}
        if scope is not None:
            data["scope"] = scope
        r = await self.token(data, basic(client_id, secret))
        assert r.status_code == 200, r.text
        return r.json()

    async def login(self, email: str, password: str = PASSWORD, scope: str | None = None):
        data = {"grant_type": "password", "username": email, "password": password}
        if scope is not None:
            data["scope"] = scope
        return await self.token(data)

    async def login_ok(self, email: str, password: str = PASSWORD, scope: str | None = None):
        r = await self.login(email, password, scope)
        assert r.status_code == 200, r.text
        return r.json()

    async def refresh(self, refresh_token: str, scope: str | None = None, headers=None):
        data = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        if scope is not None:
            data["scope"] = scope
        return await self.token(data, headers)


@pytest.fixture
def oauth(client: httpx.AsyncClient) -> OAuth:
    return OAuth(client)


@pytest.fixture
def new_partner(sessionmaker):
    """``await new_partner()`` inserts an active partner and returns its id (users and API
    clients reference partners by foreign key)."""
    import uuid

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
