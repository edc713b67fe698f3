"""First start of `prm-api serve`: one admin client, credentials handed out exactly once."""

from __future__ import annotations

from sqlalchemy import func, select

from prm_api.bootstrap import bootstrap_admin_client
from prm_api.models import ApiClient


async def _bootstrap(sessionmaker):
    async with sessionmaker() as session, session.begin():
        return await bootstrap_admin_client(session)


async def test_first_start_creates_one_admin_client_and_never_again(sessionmaker, client):
    created = await _bootstrap(sessionmaker)
    assert created is not None
    admin, secret = created
    assert admin.role == "admin"
    assert await _bootstrap(sessionmaker) is None
    assert await _bootstrap(sessionmaker) is None
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(ApiClient)) == 1

    r = await client.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, auth=(admin.client_id, secret)
    )
    assert r.status_code == 200, r.text


async def test_no_bootstrap_client_when_an_admin_already_exists(sessionmaker, factory):
    await factory.user(role="admin")
    assert await _bootstrap(sessionmaker) is None
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(ApiClient)) == 0


async def test_a_channel_manager_alone_does_not_count_as_bootstrapped(sessionmaker, factory):
    await factory.api_client(role="channel_manager")
    assert await _bootstrap(sessionmaker) is not None
