"""``reads.fetch_plain``: list pages read on the raw pool return exactly what SQLAlchemy returns,
and a statement shape compiled once takes each later statement's own values."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from factories import Auth, Store, deal_body
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.db import _autocommit_engine
from prm_api.models import AuditEvent, Deal, Event, Partner
from prm_api.reads import _plain_forms, fetch_plain


@pytest.fixture
async def read_session(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """A session as a GET request gets it (db.get_session): autocommit, read-only."""
    async with sessionmaker(bind=_autocommit_engine(sessionmaker)) as session:
        session.info["read_only"] = True
        yield session


async def through_sqlalchemy(
    sessionmaker: async_sessionmaker[AsyncSession], statement: Select[Any]
) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    async with sessionmaker() as session:
        result = await (await session.connection()).execute(statement)
        return tuple(result.keys()), [tuple(r) for r in result.all()]


async def arrange(store: Store) -> list[Partner]:
    partners = [await store.partner(tags=["emea", f"p{i}"]) for i in range(3)]
    for i, p in enumerate(partners):
        for n in range(i + 2):
            await store.deal(
                p.id, "submitted", customer=f"Customer {i}-{n}", amount=f"{1000 + n}.50",
                external_ids={"crm": f"{i}-{n}"}, products=["X", "Y"],
            )  # fmt: skip
    return partners


async def test_same_rows_as_sqlalchemy_for_every_column_type(
    store: Store,
    sessionmaker: async_sessionmaker[AsyncSession],
    read_session: AsyncSession,
    client: httpx.AsyncClient,
    auth: Auth,
) -> None:
    partners = await arrange(store)
    # Through the API: an event and an audit row (with the caller's address) as well.
    headers = await auth.headers("partner_admin", partner_id=partners[0].id)
    r = await client.post("/v1/deals", json=deal_body(customer="Via API"), headers=headers)
    assert r.status_code == 201, r.text
    statements = [
        # numeric, jsonb (object and list), dates, timestamps, uuids, arrays
        select(*Deal.__table__.columns).order_by(Deal.created_at, Deal.id),
        select(*Partner.__table__.columns).where(Partner.id == partners[1].id),
        select(*Event.__table__.columns).order_by(Event.created_at, Event.id),
        # inet and the audit chain's columns
        select(*AuditEvent.__table__.columns).order_by(AuditEvent.seq),
    ]
    for statement in statements:
        keys, rows = await fetch_plain(read_session, statement)
        want_keys, want_rows = await through_sqlalchemy(sessionmaker, statement)
        assert keys == want_keys
        assert [tuple(r) for r in rows] == want_rows
        assert rows, "nothing compared"


async def test_a_cached_shape_takes_each_statements_own_values(
    store: Store, sessionmaker: async_sessionmaker[AsyncSession], read_session: AsyncSession
) -> None:
    """The second statement of a shape reuses the compiled SQL: it must bind its own partner
    id, not the first one's (a stale value here would show one partner another's deals)."""
    partners = await arrange(store)
    compiled_before = len(_plain_forms)
    seen = []
    for p in partners:
        statement = select(Deal.id, Deal.partner_id).where(Deal.partner_id == p.id)
        _, rows = await fetch_plain(read_session, statement)
        assert {r[1] for r in rows} == {p.id}
        seen.append(len(rows))
    assert seen == [2, 3, 4]
    # One shape, compiled once: the three statements shared it (what makes the path cheap,
    # and what the per-partner rows above prove safe).
    assert len(_plain_forms) - compiled_before == 1


async def test_expanding_in_and_write_sessions_run_on_the_session(
    store: Store, sessionmaker: async_sessionmaker[AsyncSession], read_session: AsyncSession
) -> None:
    partners = await arrange(store)
    ids = [partners[0].id, partners[2].id]
    statement = select(Deal.partner_id).where(Deal.partner_id.in_(ids))
    keys, rows = await fetch_plain(read_session, statement)
    assert keys == ("partner_id",)
    assert sorted(r[0] for r in rows) == sorted([ids[0]] * 2 + [ids[1]] * 4)
    # A write request's reads see its own transaction's rows (not a raw connection's view).
    async with sessionmaker() as session, session.begin():
        await session.execute(
            Deal.__table__.update().where(Deal.partner_id == ids[0]).values(currency="PLN")
        )
        _, rows = await fetch_plain(session, select(Deal.currency).where(Deal.partner_id == ids[0]))
        assert {r[0] for r in rows} == {"PLN"}
        await session.rollback()


async def test_a_nul_in_a_query_value_is_a_422_on_the_raw_path(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    """asyncpg's own data errors (not wrapped by SQLAlchemy) are the client's 422, as they
    are through the engine — a NUL in a value a list compares was a 500 (schemathesis)."""
    headers = await auth.headers("admin")
    for path in [
        "/v1/audit-events?action=a%00b",
        "/v1/partners?tag=a%00b",
        "/v1/deals?currency=E%00R",
    ]:
        r = await client.get(path, headers=headers)
        assert r.status_code in (400, 422), (path, r.status_code, r.text)
        assert r.headers["content-type"] == "application/problem+json"
