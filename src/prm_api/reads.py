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
    """The plain asyncpg connections beside an engine (see :func:`raw_pool`): up to
    ``max_size``, opened on demand, each handed to one request at a time.

    Its own few lines rather than ``asyncpg.Pool``, whose acquire and release cost ~37 µs of
    CPU per use (a holder and proxy per checkout, the release shielded in a task of its own, an
    inactivity timer re-armed, a reset query hook) — more than the query these connections
    run (~27 µs), and a list request runs two (the token's liveness, the page). Here a use is a
    list pop and append. These connections only ever run single statements outside any
    transaction, so there is no session state to reset between uses; a connection whose use
    ended in anything but a server-reported error (a cancelled request, a broken socket, a
    client-side failure) may be mid-protocol, and is closed rather than reused.
    """

    def __init__(self, connect: dict[str, Any], max_size: int, wait_s: float) -> None:
        self.connect, self.max_size, self.wait_s = connect, max_size, wait_s
        self.idle: list[asyncpg.Connection] = []
        self.opened: set[asyncpg.Connection] = set()
        self.opening = 0
        #: Requests waiting for a connection, first come first served: each future gets a
        #: connection, or ``None`` (a slot is free: open one), or the pool's timeout.
        self.waiters: collections.deque[asyncio.Future[asyncpg.Connection | None]] = (
            collections.deque()
        )
        self.closed = False

    def connections(self) -> set[asyncpg.Connection]:
        """The open connections (idle or in use)."""
        return set(self.opened)

    async def acquire(self) -> asyncpg.Connection:
        while True:
            while self.idle:
                connection = self.idle.pop()
                if not connection.is_closed():
                    return connection
                self.opened.discard(connection)
            if self.closed:
                raise asyncpg.InterfaceError("the raw pool is closed")
            if len(self.opened) + self.opening < self.max_size:
                return await self._open()
            handed = await self._wait()
            if handed is not None:
                return handed
            # ``None``: a connection was dropped, its slot is free: go round and open one.

    async def _wait(self) -> asyncpg.Connection | None:
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[asyncpg.Connection | None] = loop.create_future()
        self.waiters.append(waiter)
        timer = loop.call_later(self.wait_s, _expire, waiter)
        try:
            return await waiter
        except BaseException:
            # Timed out or cancelled after a release handed this waiter a connection: give it
            # back, so it is not lost with the request.
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                handed = waiter.result()
                if handed is not None:
                    self.release(handed, reusable=True)
                else:
                    self._wake()
            raise
        finally:
            timer.cancel()

    async def _open(self) -> asyncpg.Connection:
        self.opening += 1
        try:
            connection = await asyncpg.connect(**self.connect)
            try:
                await _init_raw_connection(connection)
            except BaseException:
                connection.terminate()
                raise
        except BaseException:
            self.opening -= 1
            self._wake()  # the slot this open held is free again
            raise
        self.opening -= 1
        self.opened.add(connection)
        return connection

    def release(self, connection: asyncpg.Connection, *, reusable: bool) -> None:
        if not reusable or self.closed or connection.is_closed():
            self.opened.discard(connection)
            if not connection.is_closed():
                connection.terminate()
            self._wake()
            return
        while self.waiters:
            waiter = self.waiters.popleft()
            if not waiter.done():
                waiter.set_result(connection)
                return
        self.idle.append(connection)

    def _wake(self) -> None:
        """Tell the first live waiter a slot is free (it opens a connection)."""
        while self.waiters:
            waiter = self.waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    async def close(self) -> None:
        self.closed = True
        idle, self.idle = self.idle, []
        for connection in idle:
            self.opened.discard(connection)
            await connection.close()
        self._wake()


def _expire(waiter: asyncio.Future[Any]) -> None:
    if not waiter.done():
        waiter.set_exception(PoolTimeoutError("every raw-pool connection stayed busy"))


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


def raw_pool(engine: AsyncEngine) -> _RawPool:
    """The small pool of plain asyncpg connections on ``engine``'s database, for the one read
    every authenticated request makes (the token-liveness check, a constant precompiled
    statement) and for list pages and gets (:func:`fetch_plain`).

    The same query through SQLAlchemy's async session costs ~0.5 ms of CPU more (a session,
    a pool checkout with its events, greenlet hops, result wrapping) — more than the query
    itself, on every request. Here it is a list pop, one prepared-statement round trip and
    an append. Connections are opened on demand (none at start) and up to
    ``PRM_DB_RAW_POOL_SIZE``; a connection the server closed is replaced on its next use.
    """
    return _raw_pools[engine.sync_engine.pool]


@asynccontextmanager
async def raw_connection(engine: AsyncEngine) -> AsyncIterator[asyncpg.Connection]:
    """A connection of the raw pool, waited for at most ``PRM_DB_POOL_TIMEOUT_S`` like the
    engine's: then the same 503 "at capacity" (a pool timeout), not a request that hangs.
    Back to the pool after use, unless the use ended in a way that may leave it
    mid-protocol (anything but an error the server reported), then closed."""
    pool = raw_pool(engine)
    connection = await pool.acquire()
    reusable = False
    try:
        yield connection
        reusable = True
    except asyncpg.PostgresError:
        reusable = True  # the server answered (an error) and is ready for the next query
        raise
    finally:
        pool.release(connection, reusable=reusable)


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
    if entry is not None:
        await entry.close()
