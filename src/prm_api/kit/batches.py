"""Scheduled jobs that work through what is due in batches, each batch in a transaction of its
own: a long backlog never holds one transaction (and its locks) open, and a batch that fails
rolls back alone. The batches claim their rows with ``FOR UPDATE SKIP LOCKED``, so several
workers share a backlog."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

log = logging.getLogger("prm_api.jobs")

#: One batch: how many rows it claimed, or ``(claimed, done)`` when it may claim a row and
#: then find nothing to do with it.
Batch = Callable[[AsyncSession], Awaitable[int | tuple[int, int]]]


async def in_batches(
    sessionmaker: async_sessionmaker[AsyncSession], batch: Batch, limit: int, done: str
) -> int:
    """Run ``batch`` in a transaction of its own until one claims fewer than ``limit`` rows;
    log ``done`` with the count (when there is one) and return how many rows were done."""
    total = 0
    while True:
        async with sessionmaker() as session, session.begin():
            result = await batch(session)
        claimed, handled = result if isinstance(result, tuple) else (result, result)
        total += handled
        if claimed < limit:
            break
    if total:
        log.info(done, extra={"count": total})
    return total
