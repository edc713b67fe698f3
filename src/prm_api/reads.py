"""The raw read path: a small asyncpg pool beside the engine, and list pages read on it.

Every authenticated request checks its token (``auth.dependencies.token_is_live``) and most
read one page: through SQLAlchemy's async session each costs a session, a pool checkout with
its events, greenlet hops and result wrapping — more CPU than the query itself. Here the
same statements (compiled by SQLAlchemy, once per shape) run on plain asyncpg connections.
Writes, and every read inside a write request, stay on the request's session (``db``).
"""

from __future__ import annotations

import asyncio
import collections
import functools
import weakref
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, cast

import asyncpg
import pydantic_core
from sqlalchemy import Select
from sqlalchemy.engine import Compiled
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.types import ARRAY
from sqlalchemy.util import LRUCache


class _RawPool:
    """The plain asyncpg pool beside an engine (see :func:`raw_pool`), opened on first use."""

    def __init__(self, connect: dict[str, Any], max_size: int, wait_s: float) -> None:
        self.connect, self.max_size, self.wait_s = connect, max_size, wait_s
        self.pool: asyncpg.Pool | None = None
        self.lock = asyncio.Lock()
        #: Connections held or being acquired through :func:`raw_connection` (the only way in).
        self.claimed = 0


_raw_pools: weakref.WeakKeyDictionary[Any, _RawPool] = weakref.WeakKeyDictionary()


async def _init_raw_connection(connection: asyncpg.Connection) -> None:
    # The codecs SQLAlchemy's asyncpg dialect sets up, so a statement compiled by it runs here
    # unchanged: JSON goes out as the text its bind processor wrote and comes back parsed
    # (by pydantic-core, like the engine's), inet/cidr as text.
    for name in ("json", "jsonb"):
        await connection.set_type_codec(
            name,
            encoder=_as_text,
            decoder=pydantic_core.from_json,
            schema="pg_catalog",
            format="text",
        )
    for name in ("inet", "cidr"):
        await connection.set_type_codec(
            name, encoder=_as_text, decoder=_as_text, schema="pg_catalog", format="text"
        )


def _as_text(value: Any) -> Any:
    return value


async def _keep_session_state(_connection: asyncpg.Connection) -> None:
    """Returning a raw connection to its pool resets nothing more than asyncpg always does
    (a stray transaction is rolled back): these connections only ever run single read
    statements, so the default reset query would be a round trip on every release."""


async def raw_pool(engine: AsyncEngine) -> asyncpg.Pool:
    """A small asyncpg pool on ``engine``'s database, for the one read every authenticated
    request makes (the token-liveness check) as a constant, precompiled statement.

    The same query through SQLAlchemy's async session costs ~0.5 ms of CPU more (a session,
    a pool checkout with its events, greenlet hops, result wrapping) — more than the query
    itself, on every request. Here it is an acquire, one prepared-statement round trip and
    a release. Connections are opened on demand (none at start) and up to
    ``PRM_DB_RAW_POOL_SIZE``; like the engine's, a connection the server closed is replaced
    on its next use.
    """
    entry = _raw_pools[engine.sync_engine.pool]
    if entry.pool is None:
        async with entry.lock:
            if entry.pool is None:
                entry.pool = await asyncpg.create_pool(
                    **entry.connect,
                    min_size=0,
                    max_size=entry.max_size,
                    init=_init_raw_connection,
                    reset=_keep_session_state,
                )
    return entry.pool


@asynccontextmanager
async def raw_connection(engine: AsyncEngine) -> AsyncIterator[asyncpg.Connection]:
    """A connection of the raw pool, waited for at most ``PRM_DB_POOL_TIMEOUT_S`` like the
    engine's: then the same 503 "at capacity" (a pool timeout), not a request that hangs."""
    entry = _raw_pools[engine.sync_engine.pool]
    pool = entry.pool or await raw_pool(engine)
    # While fewer are claimed than the pool holds, a connection is free (or opened at once):
    # acquire without asyncio's timeout machinery, a timer armed and cancelled twice per
    # request for nothing. Only a request that may have to wait is given the deadline.
    may_wait = entry.claimed >= entry.max_size
    entry.claimed += 1
    try:
        try:
            connection = await (pool.acquire(timeout=entry.wait_s) if may_wait else pool.acquire())
        except TimeoutError:
            raise PoolTimeoutError("every raw-pool connection stayed busy") from None
        try:
            yield connection
        finally:
            await pool.release(connection)
    finally:
        entry.claimed -= 1


@dataclass(frozen=True)
class _PlainForm:
    """A read statement as asyncpg runs it (see :func:`fetch_plain`)."""

    sql: str
    names: tuple[str, ...]  # the bind parameters, in $1, $2… order
    binds: tuple[Callable[[Any], Any] | None, ...]  # SQLAlchemy's bind processors, per name
    compiled: Compiled
    keys: tuple[str, ...]  # the result's column names
    types: tuple[Any, ...]  # the selected columns' types (result processors need the OIDs)


def _result_processor(type_: Any, dialect: Any, oid: int) -> Callable[[Any], Any] | None:
    """SQLAlchemy's result processor for a column, or ``None`` where it would change nothing:
    a one-dimensional array of plain items, which asyncpg already reads as a list (the
    processor would copy every array of every row into a new list)."""
    if (
        isinstance(type_, ARRAY)
        and not type_.as_tuple
        and (type_.dimensions or 1) == 1
        and not getattr(type_, "_against_native_enum", False)
        and type_.item_type.dialect_impl(dialect).result_processor(dialect, oid) is None
    ):
        return None
    return cast(Callable[[Any], Any] | None, type_.result_processor(dialect, oid))


class _PlainRows:
    """Result processing for one statement shape: usually for a column or two (arrays), so
    only those columns are touched; a row without them is returned as asyncpg read it."""

    def __init__(self, processors: Sequence[Callable[[Any], Any] | None]) -> None:
        self.processed = [(i, p) for i, p in enumerate(processors) if p is not None]

    def __call__(self, records: Sequence[Any]) -> Sequence[Any]:
        if not self.processed:
            return records
        rows = []
        for record in records:
            row = list(record)
            for i, process in self.processed:
                if (value := row[i]) is not None:
                    row[i] = process(value)
            rows.append(row)
        return rows


#: Read statements already compiled for asyncpg, by SQLAlchemy's cache key (``None``: one
#: that needs SQLAlchemy at run time, e.g. an expanding ``IN``). Bounded like its own cache.
_plain_forms: LRUCache[Any, _PlainForm | None] = LRUCache(500)
_plain_rows: LRUCache[Any, _PlainRows] = LRUCache(500)


def _plain_form(statement: Select[*tuple[Any, ...]], dialect: Any) -> tuple[_PlainForm | None, Any]:
    key = statement._generate_cache_key()
    if key is None:
        return None, None
    found = _plain_forms.get(key.key, _MISSING)
    if found is _MISSING:
        found = _plain_forms[key.key] = _compile_plain(statement, dialect, key)
    return found, key


_MISSING: Any = object()


def _compile_plain(
    statement: Select[*tuple[Any, ...]], dialect: Any, key: Any
) -> _PlainForm | None:
    # With its cache key, as SQLAlchemy compiles for its cache: the compiled form then takes
    # the bound values of any later statement of the same shape (construct_params).
    compiled = statement.compile(dialect=dialect, cache_key=key)
    if compiled.post_compile_params or (not compiled.positiontup and compiled.binds):
        return None  # expanding IN / literal-execute parameters: rendered per execution
    names = tuple(compiled.positiontup or ())
    binds = tuple(
        compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    )
    columns = list(statement.selected_columns)
    return _PlainForm(
        str(compiled),
        names,
        binds,
        compiled,
        tuple(statement.selected_columns.keys()),
        tuple(c.type.dialect_impl(dialect) for c in columns),
    )


#: ``session.info`` key: the session's connection holds settings (``set_config``) that the
#: request's next statements rely on, so they must run on it, not on the raw pool.
CONNECTION_SETTINGS = "connection_settings"


async def fetch_plain(
    session: AsyncSession,
    statement: Select[*tuple[Any, ...]],
    params: dict[str, Any] | None = None,
) -> tuple[tuple[str, ...], Sequence[Any]]:
    """The rows of a read-only ``statement`` as plain rows (read by position) with their
    column names: the read path of list pages.

    In a read request (GET, HEAD) it runs on the raw pool (:func:`raw_pool`) as the SQL
    SQLAlchemy compiled for it — compiled once per statement shape, by SQLAlchemy's own cache
    key — with SQLAlchemy's bind and result processors applied, so rows hold the same values
    the engine returns. That skips a pool checkout, the session's and the connection's
    execution layers and the result wrapping: about 0.4 ms of CPU per page. A statement
    SQLAlchemy must render per execution (an expanding ``IN``), every read inside a write
    request (it must see the transaction's own writes) and every read after a connection
    setting (:data:`CONNECTION_SETTINGS`, e.g. a search threshold) runs on the session as
    Core. ``params``: values for the statement's bind parameters that have none (the
    prebuilt statements of gets by id).
    """
    engine = cast(AsyncEngine, session.bind)
    form, key = (None, None)
    if session.info.get("read_only") and not session.info.get(CONNECTION_SETTINGS):
        form, key = _plain_form(statement, engine.dialect)
    if form is None or key is None:
        result = await (await session.connection()).execute(statement, params)
        return tuple(result.keys()), result.all()
    values = (
        form.compiled.construct_params(params=params, extracted_parameters=key.bindparams) or {}
    )
    args = [
        value if process is None or value is None else process(value)
        for process, value in zip(form.binds, (values[n] for n in form.names), strict=True)
    ]
    rows = _plain_rows.get(key.key)
    async with raw_connection(engine) as connection:
        if rows is None:
            # The first run of this shape: learn the result's column types once (their
            # result processors depend on them), then run from asyncpg's statement cache.
            prepared = await connection.prepare(form.sql)
            records = await prepared.fetch(*args)
            oids = [a.type.oid for a in prepared.get_attributes()]
            rows = _plain_rows[key.key] = _PlainRows(
                [
                    _result_processor(t, engine.dialect, oid)
                    for t, oid in zip(form.types, oids, strict=True)
                ]
            )
        else:
            records = await connection.fetch(form.sql, *args)
    return form.keys, rows(records)


@functools.cache
def _row_type(keys: tuple[str, ...]) -> Any:
    return collections.namedtuple("PlainRow", keys)


async def fetch_rows(
    session: AsyncSession,
    statement: Select[*tuple[Any, ...]],
    params: dict[str, Any] | None = None,
) -> list[Any]:
    """Every row of a read-only ``statement`` (:func:`fetch_plain`) as named tuples (columns
    by name, and ``_fields`` for :class:`kit.render.Shape`): small reads beside a page."""
    keys, rows = await fetch_plain(session, statement, params)
    make = _row_type(keys)._make
    return [make(row) for row in rows]


async def fetch_row(
    session: AsyncSession,
    statement: Select[*tuple[Any, ...]],
    params: dict[str, Any] | None = None,
) -> Any | None:
    """The first row of a read-only ``statement`` (:func:`fetch_plain`), or ``None``: the read
    path of gets by id. The row is a named tuple — its columns by name (``row.version``) and
    ``_fields``, which is all :class:`kit.render.Shape` needs — not an ORM object."""
    keys, rows = await fetch_plain(session, statement, params)
    return _row_type(keys)._make(rows[0]) if rows else None


def register_raw_pool(
    engine: AsyncEngine, connect: dict[str, Any], size: int, wait_s: float
) -> None:
    """Give ``engine`` its raw pool (opened on first use): asyncpg's connect arguments, its
    size and how long a request waits for one of its connections."""
    _raw_pools[engine.sync_engine.pool] = _RawPool(connect, size, wait_s)


async def close_raw_pool(engine: AsyncEngine) -> None:
    entry = _raw_pools.pop(engine.sync_engine.pool, None)
    if entry is not None and entry.pool is not None:
        await entry.pool.close()
