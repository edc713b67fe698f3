"""Reads run side by side: one request's independent reads, each on a connection of its own
(``gather_reads``), for endpoints that make many small reads (the metrics summary, a
scorecard)."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from prm_api.db import AppSession


def read_alongside(session: AsyncSession) -> AsyncSession:
    """A session of its own on ``session``'s engine, for reads run at the same time as those of
    ``session`` (one connection each). For a read request this changes nothing it sees: each
    of its statements runs on its own and takes its own snapshot anyway. Close it after use."""
    other = AsyncSession(
        session.bind, expire_on_commit=False, autoflush=False, sync_session_class=AppSession
    )
    other.info["read_only"] = True
    return other


T = TypeVar("T")

#: The pools whose connections serve the reads of a :func:`gather_reads` right now.
_spreading: weakref.WeakSet[Any] = weakref.WeakSet()


async def gather_reads(
    session: AsyncSession, *reads: Callable[[AsyncSession], Awaitable[Any]]
) -> list[Any]:
    """Run ``reads`` at the same time, each on a session (a connection) of its own beside
    ``session`` (:func:`read_alongside`), when no other request of this process is doing so
    and they take at most half the pool; else one after another on ``session`` — the same
    answers. Spreading one request's reads over connections shortens it when the process has
    cores to spare; under load it only adds work (and requests holding a connection while
    they wait for more must never take the whole pool between them)."""
    pool = session.bind.sync_engine.pool if isinstance(session.bind, AsyncEngine) else None
    size = pool.size() if pool is not None and hasattr(pool, "size") else 0
    if len(reads) < 2 or pool is None or pool in _spreading or len(reads) > size // 2:
        return [await read(session) for read in reads]
    _spreading.add(pool)
    try:
        # Every read ends before the pool is given back, a failed one's siblings too.
        done = await asyncio.gather(
            *(_on_its_own(session, read) for read in reads), return_exceptions=True
        )
    finally:
        _spreading.discard(pool)
    for outcome in done:
        if isinstance(outcome, BaseException):
            raise outcome
    return list(done)


async def _on_its_own(session: AsyncSession, read: Callable[[AsyncSession], Awaitable[T]]) -> T:
    async with read_alongside(session) as own:
        return await read(own)
