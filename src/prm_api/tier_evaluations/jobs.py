"""The ``evaluate-tiers`` job (``prm-api jobs run evaluate-tiers``, and every scheduler tick).

The scheduler calls every job each minute; a tier evaluation is a daily review, so a tick
starts one only when no evaluation has started since the beginning of the current UTC day
(a vendor's ``POST /v1/tier-evaluations`` counts) and the program has tiers. Downgrades whose
grace period is over are applied on every tick, so one applies within a minute of its
``effective_at``. Safe with several processes: runs are serialized by an advisory lock (a
tick that finds one running skips it) and due downgrades are claimed ``SKIP LOCKED``.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.errors import Conflict
from prm_api.kit.time import utcnow
from prm_api.tier_evaluations import decisions, repository, service

log = logging.getLogger("prm_api.jobs")


def _day_start(now: datetime) -> datetime:
    return datetime(now.year, now.month, now.day, tzinfo=UTC)


async def run_if_due(session: AsyncSession, now: datetime, *, force: bool = False) -> int:
    """The day's scheduled evaluation, if none ran today; returns how many changes it
    recorded (0 when it did not run)."""
    if not await repository.lock_runs(session, wait=False):
        return 0  # another process is running one
    if not force:
        last = await repository.last_started_at(session)
        if last is not None and last >= _day_start(now):
            return 0
        if not await repository.tiers(session):
            return 0
    evaluation = await service.run(session, decisions.JOB, trigger="schedule", now=now)
    return 0 if evaluation is None else evaluation.upgrades + evaluation.downgrades


async def evaluate_tiers(
    sessionmaker: async_sessionmaker[AsyncSession],
    *,
    now: datetime | None = None,
    force: bool = False,
) -> int:
    """One tick: the daily evaluation when due (``force``: regardless), then the due
    downgrades. Returns the changes recorded plus the downgrades settled."""
    now = now or utcnow()
    recorded = 0
    try:
        async with sessionmaker() as session, session.begin():
            recorded = await run_if_due(session, now, force=force)
    except Conflict as exc:
        # A tier that cannot be evaluated (e.g. no exchange rate for its revenue minimum):
        # nothing is recorded; the next tick tries again, the due downgrades still apply.
        log.warning("tier evaluation skipped: %s", exc.detail, extra={"code": exc.code})
    settled = await decisions.apply_due_downgrades(sessionmaker, now)
    if recorded:
        log.info("tier evaluation recorded changes", extra={"count": recorded})
    return recorded + settled
