"""Checks the commands run before they change anything, and the one-line errors they end with.

``serve`` checks its port, its data directory and its database before it creates the
bootstrap admin client: a start that is going to fail must fail before a one-time secret is
printed and lost. Every command turns a bad ``PRM_DATABASE_URL`` (the wrong form, refused,
wrong password, unknown host) into one line on stderr and an exit status, never a traceback:
2 for input the operator must change (the README's "invalid input"), 1 for a failure of the
environment (database unreachable, port busy, directory not writable).
"""

from __future__ import annotations

import errno
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

DRIVER = "postgresql+asyncpg"
EXAMPLE_URL = f"{DRIVER}://user:password@host:5432/database"


class StartupError(Exception):
    """A command cannot run; ``str(self)`` is the whole message, ``exit_code`` its status."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def check_database_url(url: str) -> URL:
    """Parse ``PRM_DATABASE_URL``: it must be a SQLAlchemy URL for asyncpg (exit 2 if not)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise StartupError(
            f"PRM_DATABASE_URL is not a database URL; expected {EXAMPLE_URL}", 2
        ) from None
    if parsed.drivername != DRIVER:
        shown = parsed.render_as_string(hide_password=True)
        scheme = shown.split("://", 1)[0]
        hint = shown.replace(f"{scheme}://", f"{DRIVER}://", 1)
        raise StartupError(
            f"PRM_DATABASE_URL uses {scheme}://, which this server cannot use: "
            f"write it as {DRIVER}://… (here: {hint})",
            2,
        )
    if not parsed.database:
        raise StartupError(f"PRM_DATABASE_URL names no database; expected {EXAMPLE_URL}", 2)
    return parsed


def database_failure(exc: BaseException, url: str) -> StartupError:
    """One line for a database that cannot be used: where (password hidden), and why."""
    cause: BaseException = exc
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        cause = exc.orig
    text = str(cause).strip()
    message = text.splitlines()[0] if text else type(cause).__name__
    if isinstance(cause, TimeoutError) and not text:
        message = "timed out while connecting"
    hint = " (run `prm-api migrate`)" if "does not exist" in message else ""
    try:
        where = make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        where = "(unparsable URL)"
    return StartupError(f"database {where}: {message}{hint}", 1)


@contextmanager
def database_errors(url: str) -> Iterator[None]:
    """Turn a database that cannot be reached or used into :class:`StartupError` (exit 1)."""
    try:
        yield
    except (TimeoutError, OSError, DBAPIError) as exc:
        raise database_failure(exc, url) from None


async def ping_database(url: str, timeout_s: float) -> None:
    """Connect once and run ``SELECT 1`` (so ``serve`` fails here, before it creates anything)."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url, connect_args={"timeout": timeout_s})
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    finally:
        await engine.dispose()


def check_data_dir(path: Path) -> Path:
    """The data directory exists (or can be created), is a directory, and is writable."""
    path = Path(path).expanduser()
    shown = f"PRM_DATA_DIR {str(path)!r}"
    if path.exists() and not path.is_dir():
        raise StartupError(f"{shown} is not a directory", 2)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StartupError(f"{shown} cannot be created: {exc.strerror or exc}", 1) from None
    # Create a file rather than trust os.access: it knows nothing of read-only mounts and ACLs.
    try:
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise StartupError(f"{shown} is not writable: {exc.strerror or exc}", 1) from None
    return path.resolve()


def bind_port(host: str, port: int) -> socket.socket:
    """Bind the listening socket now; ``serve`` hands it to uvicorn once everything is ready.

    Binding (not probing) leaves no window in which another process could take the port
    between the check and the start.
    """
    try:
        infos = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror as exc:
        raise StartupError(f"cannot listen on {host}:{port}: {exc.strerror}", 2) from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    # As uvicorn does: a restart may reuse the port while old connections sit in TIME_WAIT.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        # Listening at once: a second server cannot bind it too (SO_REUSEADDR allows that
        # between sockets that do not listen yet), and early clients wait in the backlog.
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise StartupError(
                f"port {port} on {host} is already in use "
                "(another prm-api? choose one with --port)",
                1,
            ) from None
        raise StartupError(f"cannot listen on {host}:{port}: {exc.strerror or exc}", 1) from None
    return sock
