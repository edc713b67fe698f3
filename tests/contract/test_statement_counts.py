"""The SQL a read request runs, statement by statement: a guard against N+1 and extra round trips.

Timing tests are flaky; counting is not. Every main read endpoint is requested with several
rows present (so a query per row would show) and the statements its request sends through the
app's engine are recorded with SQLAlchemy's engine events and compared with the expected
sequence, exactly:

- ``raw liveness``: authentication's one query (``auth.dependencies.token_is_live``: the
  subject's state, the token's revocation and, for a partner token, its partner's status),
  sent on the small plain-asyncpg pool (``reads.raw_pool``), not through the engine; recorded by
  wrapping that pool's ``fetchrow``.
- ``CHECKOUT``: a connection taken from the engine's pool (a ping is sent only after 5 s
  idle, see ``db._check_on_checkout``). One per request: a second would be a second
  connection (a second session, or a helper opening its own).
- ``BEGIN`` / ``ROLLBACK``: the request's unit of work (``db.get_session``). For a read (GET)
  they are SQLAlchemy's own bookkeeping, not statements: its session runs without a
  transaction, each statement on its own, and is closed (not committed) at the end; the
  driver sends nothing for either.
- otherwise the table the statement reads (its first ``FROM``; a join counts once).

When a change legitimately removes or adds a statement (e.g. no transaction for a read, the
liveness check folded into the page query), change the expected sequence here, in the same
commit, with a comment saying why.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from unittest.mock import patch

import asyncpg
import httpx
import pytest
from factories import Auth, Factory, Store, deal_body
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from prm_api.models import WebhookEndpoint
from prm_api.reads import raw_pool

ROWS = 4  # rows of every listed kind the caller sees, at least (an N+1 adds ≥ 4 statements)

# The statement every authenticated request runs first.
OPEN = ["raw liveness"]


def on_session(*statements: str) -> list[str]:
    """Statements through the request's session: one connection, SQLAlchemy's bookkeeping."""
    return ["CHECKOUT", "BEGIN", *statements, "ROLLBACK"]


def raw(*tables: str) -> list[str]:
    """A list page on the raw pool (``reads.fetch_plain``): no session connection at all."""
    return [f"raw {t}" for t in tables]


_FROM = re.compile(r"\bFROM\s+(\w+)", re.IGNORECASE)


def kind_of(statement: str) -> str:
    if "revoked_access_tokens" in statement:
        return "liveness"
    found = _FROM.search(statement)
    return found.group(1) if found else statement.split(None, 1)[0].upper()


@asynccontextmanager
async def recorded(engine: AsyncEngine) -> AsyncIterator[list[str]]:
    """What goes through ``engine`` and its raw pool inside the block, in order (see the
    module docstring)."""
    seen: list[str] = []
    pool = raw_pool(engine)

    def raw_recording(method: Any) -> Any:
        async def run(self: asyncpg.Connection, sql: str, *args: Any, **kwargs: Any) -> Any:
            # Only the raw pool's connections: the engine's are recorded by its events.
            if self in pool.connections():
                seen.append(f"raw {kind_of(sql)}")
            return await method(self, sql, *args, **kwargs)

        return run

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(kind_of(statement))

    def marker(name: str) -> Any:
        def on_event(*_: Any) -> None:
            seen.append(name)

        return on_event

    listeners = [
        ("before_cursor_execute", on_execute),
        ("checkout", marker("CHECKOUT")),
        ("begin", marker("BEGIN")),
        ("commit", marker("COMMIT")),
        ("rollback", marker("ROLLBACK")),
    ]
    for name, fn in listeners:
        event.listen(engine.sync_engine, name, fn)
    try:
        with (
            patch.object(
                asyncpg.Connection, "fetchrow", raw_recording(asyncpg.Connection.fetchrow)
            ),
            patch.object(asyncpg.Connection, "fetch", raw_recording(asyncpg.Connection.fetch)),
            patch.object(asyncpg.Connection, "prepare", raw_recording(asyncpg.Connection.prepare)),
        ):
            yield seen
    finally:
        for name, fn in listeners:
            event.remove(engine.sync_engine, name, fn)


@pytest.fixture
async def world(
    client: httpx.AsyncClient,
    store: Store,
    factory: Factory,
    auth: Auth,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> dict[str, Any]:
    """Several rows of every kind: tiered partners, deals, events and audit rows (the deals
    are created through the API), vendor users, webhook endpoints."""
    tiers = [await store.tier(f"t{i}", i) for i in range(3)]
    partners = [await store.partner(tier_id=tiers[i % 3].id) for i in range(ROWS)]
    vendor = await auth.headers("admin")
    partner = await auth.headers("partner_admin", partner_id=partners[0].id)
    deals = []
    for i in range(ROWS):
        r = await client.post(
            "/v1/deals", json=deal_body(customer=f"Customer {i}"), headers=partner
        )
        assert r.status_code == 201, r.text
        deals.append(r.json()["id"])
    staff = [await factory.user(role="channel_manager") for _ in range(ROWS)]
    for _ in range(ROWS):
        await factory.user(role="partner_user", partner_id=partners[0].id)
    endpoints = []
    async with sessionmaker() as session, session.begin():
        for i in range(ROWS):
            endpoints.append(
                WebhookEndpoint(
                    url=f"https://hooks{i}.example/in",
                    event_types=[],
                    enabled=True,
                    secret=f"whsec_{uuid.uuid4().hex}",
                    consecutive_failures=0,
                    partner_id=partners[i].id if i % 2 else None,
                )
            )
        session.add_all(endpoints)
    events = (await client.get("/v1/events?limit=1", headers=vendor)).json()["data"]
    # Assets every partner sees, each with a current version (rendered from its own row).
    assets = [await store.asset(title=f"Sales deck {i}") for i in range(ROWS)]
    for _ in range(ROWS):
        await store.asset_category()
    return {
        "vendor": vendor,
        "partner": partner,
        "deal": deals[0],
        "partner_id": partners[0].id,
        "tier": tiers[0].id,
        "user": staff[0].id,
        "endpoint": endpoints[0].id,
        "event": events[0]["id"],
        "asset": assets[0].id,
    }


# (path, token, expected statements after OPEN, rows the answer must hold at least)
CASES = [
    # The page: every column as plain rows, one query with the limit + 1 (has_more).
    ("/v1/deals", "partner", raw("deals"), ROWS),
    ("/v1/deals", "vendor", raw("deals"), ROWS),
    # A search sets its trigram threshold on the session's connection, then ranks by
    # relevance in one query on that same connection.
    ("/v1/deals?q=Customer", "partner", on_session("SELECT", "deals"), ROWS),
    # The deal by id (partner-scoped in the same query).
    ("/v1/deals/{deal}", "partner", raw("deals"), None),
    # The page of partners with each one's tier joined in the same query (not one per row).
    ("/v1/partners", "vendor", raw("partners"), ROWS),
    # A partner token's list: its own partner only.
    ("/v1/partners", "partner", raw("partners"), 1),
    # The partner with its tier joined.
    ("/v1/partners/{partner_id}", "vendor", raw("partners"), None),
    ("/v1/events", "vendor", raw("events"), ROWS),
    # The event types a partner may read are one array parameter (= ANY), not an IN list that
    # SQLAlchemy would render per execution: the page stays on the raw read path.
    ("/v1/events", "partner", raw("events"), ROWS),
    # The signed-in user's email and name come with the token's liveness check: nothing more.
    ("/v1/me", "partner", raw(), None),
    ("/v1/users", "vendor", raw("users"), ROWS),
    # Gets by id: one plain row each, partner-scoped in the same query where it applies.
    ("/v1/users/{user}", "vendor", raw("users"), None),
    ("/v1/tiers/{tier}", "vendor", raw("tiers"), None),
    ("/v1/events/{event}", "vendor", raw("events"), None),
    ("/v1/webhook-endpoints/{endpoint}", "vendor", raw("webhook_endpoints"), None),
    # A partner's users: the partner's existence, then the page.
    ("/v1/partners/{partner_id}/users", "partner", raw("partners", "users"), ROWS),
    ("/v1/tiers", "vendor", raw("tiers"), 3),
    # Assets: a partner's page and get apply status, dates and audience in the same statement
    # (the partner's row is read by a correlated EXISTS inside it, not by a query of its own).
    ("/v1/assets", "partner", raw("assets"), ROWS),
    ("/v1/assets", "vendor", raw("assets"), ROWS),
    ("/v1/assets/{asset}", "partner", raw("assets"), None),
    ("/v1/assets?q=deck", "partner", on_session("SELECT", "assets"), ROWS),
    ("/v1/asset-categories", "partner", raw("asset_categories"), ROWS),
    ("/v1/webhook-endpoints", "vendor", raw("webhook_endpoints"), ROWS),
    ("/v1/audit-events", "vendor", raw("audit_events"), ROWS),
]


@pytest.mark.parametrize(
    ("path", "token", "expected", "rows"),
    CASES,
    ids=[f"{token}:{path}" for path, token, _, _ in CASES],
)
async def test_statements_per_read_request(
    app: Any,
    client: httpx.AsyncClient,
    world: dict[str, Any],
    path: str,
    token: str,
    expected: list[str],
    rows: int | None,
) -> None:
    url = path.format(**world)
    async with recorded(app.state.engine) as seen:
        r = await client.get(url, headers=world[token])
    assert r.status_code == 200, r.text
    if rows is not None:
        assert len(r.json()["data"]) >= rows, "too few rows to tell one query from one per row"
    want = [*OPEN, *expected]
    assert seen == want, f"{url}: ran {seen}, expected {want}"


async def test_unauthenticated_request_touches_no_database(
    app: Any, client: httpx.AsyncClient
) -> None:
    """A request without a token is refused before a connection is taken."""
    async with recorded(app.state.engine) as seen:
        r = await client.get("/v1/deals")
    assert r.status_code == 401
    assert seen == [], f"ran {seen}"
