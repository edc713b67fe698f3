"""When the database is unreachable the API answers 503 problem+json (never 500), and it
recovers by itself once the database is back."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from prm_api.app import create_app
from prm_api.db import create_engine, create_sessionmaker, dispose_engine
from prm_api.reads import raw_connection


def assert_unavailable(r: httpx.Response) -> dict:
    assert r.status_code == 503, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == "service_unavailable"
    assert body["status"] == 503
    assert body["request_id"] == r.headers["x-request-id"]
    assert int(r.headers["retry-after"]) > 0
    # No driver or SQL details leak.
    for leak in ("asyncpg", "Errno", "socket", "sqlalchemy", "OSError", "Connection"):
        assert leak not in r.text
    return body


@contextlib.asynccontextmanager
async def client_for(application):
    transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


# --- a database that was never there -------------------------------------------------------


@pytest.fixture(params=["unix-socket", "tcp-port-1"])
async def dead_app(request, app, settings, tmp_path):
    """An app whose engine points at a database that cannot be reached.

    Its lifespan is not run (it would need the database to create the signing key); the
    engine, sessionmaker and the session app's key ring are set by hand instead.
    """
    if request.param == "unix-socket":
        url = f"postgresql+asyncpg://postgres@/prm_test?host={tmp_path / 'no-such-dir'}"
    else:
        url = "postgresql+asyncpg://postgres@127.0.0.1:1/prm_test"
    dead_settings = settings.model_copy(update={"db_connect_timeout_s": 1})
    app2 = create_app(dead_settings, database_url=url)
    app2.state.engine = create_engine(url, dead_settings)
    app2.state.sessionmaker = create_sessionmaker(app2.state.engine)
    app2.state.key_ring = app.state.key_ring
    try:
        yield app2
    finally:
        await app2.state.engine.dispose()


async def test_authenticated_read_is_503(dead_app, auth):
    headers = await auth.headers("admin")
    async with client_for(dead_app) as c:
        assert_unavailable(await c.get("/v1/me", headers=headers))
        assert_unavailable(await c.get("/v1/users", headers=headers))
        assert_unavailable(await c.get("/v1/audit-events", headers=headers))


async def test_write_is_503(dead_app, auth):
    headers = await auth.headers("admin")
    body = {"email": f"{uuid.uuid4().hex[:8]}@example.com", "name": "N", "role": "admin"}
    async with client_for(dead_app) as c:
        assert_unavailable(await c.post("/v1/users", headers=headers, json=body))


async def test_write_with_idempotency_key_is_503(dead_app, auth):
    headers = {**await auth.headers("admin"), "Idempotency-Key": "db-down"}
    body = {"email": f"{uuid.uuid4().hex[:8]}@example.com", "name": "N", "role": "admin"}
    async with client_for(dead_app) as c:
        assert_unavailable(await c.post("/v1/users", headers=headers, json=body))


async def test_readyz_is_503_and_healthz_stays_200(dead_app):
    async with client_for(dead_app) as c:
        ready = await c.get("/readyz")
        health = await c.get("/healthz")
    assert ready.status_code == 503
    assert ready.headers["content-type"] == "application/problem+json"
    body = ready.json()
    assert body["code"] == "not_ready"
    assert body["checks"]["database"].startswith("unavailable")
    assert "migrations" not in body["checks"]
    assert health.status_code == 200


async def test_token_problems_do_not_need_the_database(dead_app):
    async with client_for(dead_app) as c:
        r = await c.get("/v1/me")
        bad = await c.get("/v1/me", headers={"Authorization": "Bearer nope"})
    assert r.status_code == bad.status_code == 401


# --- a database that goes away and comes back ----------------------------------------------


class UnixSocketProxy:
    """A PostgreSQL Unix-socket proxy the test can cut and restore."""

    def __init__(self, target: Path) -> None:
        self.target = target
        # Keep the path short: Unix socket paths are limited to ~100 bytes.
        self.dir = Path(tempfile.mkdtemp(prefix="pgp-"))
        self.path = self.dir / target.name
        self.server: asyncio.AbstractServer | None = None
        self.writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_unix_server(self._serve, path=str(self.path))

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in list(self.writers):
            writer.transport.abort()
        self.writers.clear()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        self.server = None

    def cleanup(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_unix_connection(str(self.target))
        except OSError:
            writer.transport.abort()
            return
        self.writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (OSError, asyncio.IncompleteReadError):
                pass
            finally:
                dst.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self.writers -= {writer, up_writer}


@pytest.fixture
async def proxy(database_url):
    host = parse_qs(urlsplit(database_url).query)["host"][0]
    sockets = [s for s in os.listdir(host) if s.startswith(".s.PGSQL.") and "lock" not in s]
    assert sockets, f"no PostgreSQL socket in {host}"
    p = UnixSocketProxy(Path(host) / sorted(sockets)[0])
    await p.start()
    try:
        yield p
    finally:
        if p.server is not None:
            await p.stop()
        p.cleanup()


async def test_outage_is_503_and_recovers(proxy, database_url, settings, auth):
    database = urlsplit(database_url).path.lstrip("/")
    port = proxy.target.name.rsplit(".", 1)[1]
    url = f"postgresql+asyncpg://postgres@/{database}?host={proxy.dir}&port={port}"
    app2 = create_app(settings.model_copy(update={"db_connect_timeout_s": 1}), database_url=url)
    headers = await auth.headers("admin")
    async with app2.router.lifespan_context(app2), client_for(app2) as c:
        ok = await c.get("/v1/me", headers=headers)
        assert ok.status_code == 200, ok.text
        assert (await c.get("/readyz")).status_code == 200

        await proxy.stop()
        assert_unavailable(await c.get("/v1/me", headers=headers))
        assert_unavailable(await c.get("/v1/users", headers=headers))
        assert (await c.get("/readyz")).status_code == 503

        await proxy.start()
        back = await c.get("/v1/me", headers=headers)
        assert back.status_code == 200, back.text
        assert back.json()["role"] == "admin"
        assert (await c.get("/readyz")).status_code == 200


# --- a pool with every connection busy -----------------------------------------------------


async def test_pool_exhausted_is_503_and_recovers(app, settings, database_url, auth):
    """Every pooled connection busy for longer than PRM_DB_POOL_TIMEOUT_S: the request gets
    a 503 with Retry-After (not a 500), and the next one succeeds once a connection is free."""
    small = settings.model_copy(
        update={"db_pool_size": 1, "db_max_overflow": 0, "db_pool_timeout_s": 0.2}
    )
    app2 = create_app(small, database_url=database_url)
    app2.state.engine = create_engine(database_url, small)
    app2.state.sessionmaker = create_sessionmaker(app2.state.engine)
    app2.state.key_ring = app.state.key_ring
    headers = await auth.headers("admin")
    try:
        async with client_for(app2) as c:
            held = await app2.state.engine.connect()

            def new_user() -> dict[str, str]:
                return {
                    "email": f"{uuid.uuid4().hex[:8]}@example.com",
                    "name": "N",
                    "role": "admin",
                }

            try:
                # A write: it needs a connection of the engine's pool (reads use the raw pool).
                r = await c.post("/v1/users", json=new_user(), headers=headers)
                body = assert_unavailable(r)
                assert "capacity" in body["detail"]
            finally:
                await held.close()
            r = await c.post("/v1/users", json=new_user(), headers=headers)
            assert r.status_code == 201, r.text
    finally:
        await dispose_engine(app2.state.engine)


async def test_raw_pool_exhausted_is_503_and_recovers(app, settings, database_url, auth):
    """The raw pool (authentication, list pages) busy: the same 503, not a request that hangs."""
    small = settings.model_copy(update={"db_raw_pool_size": 1, "db_pool_timeout_s": 0.2})
    app2 = create_app(small, database_url=database_url)
    app2.state.engine = create_engine(database_url, small)
    app2.state.sessionmaker = create_sessionmaker(app2.state.engine)
    app2.state.key_ring = app.state.key_ring
    headers = await auth.headers("admin")
    try:
        async with client_for(app2) as c:
            # Held the way every use of the pool holds one (the only way in).
            async with raw_connection(app2.state.engine):
                body = assert_unavailable(await c.get("/v1/deals", headers=headers))
                assert "capacity" in body["detail"]
            r = await c.get("/v1/deals", headers=headers)
            assert r.status_code == 200, r.text
    finally:
        await dispose_engine(app2.state.engine)
