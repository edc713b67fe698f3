"""Scheduled jobs. Each is idempotent and safe to run from several processes at once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.assets.lifecycle import publish_due_assets
from prm_api.assets.thumbnails import make_thumbnails
from prm_api.assets.tus import purge_uploads_job
from prm_api.audit.checkpoints import checkpoint_job
from prm_api.config import Settings
from prm_api.deals.expiry import expire_due_deals
from prm_api.health.snapshots import snapshot_health
from prm_api.metrics.cube import fold_job
from prm_api.tier_evaluations.jobs import evaluate_tiers
from prm_api.trainings.certification_jobs import expire_certifications
from prm_api.trainings.expiry import expire_enrollments
from prm_api.trainings.quiz_expiry import grade_expired_attempts

log = logging.getLogger("prm_api.jobs")

Job = Callable[[async_sessionmaker[AsyncSession]], Awaitable[int]]

#: Jobs by the name `prm-api jobs run NAME` knows them.
JOBS: dict[str, Job] = {
    "expire-deals": expire_due_deals,
    "evaluate-tiers": evaluate_tiers,
    "publish-assets": publish_due_assets,
    "make-thumbnails": make_thumbnails,
    "purge-uploads": purge_uploads_job,
    "audit-checkpoint": checkpoint_job,
    "expire-certifications": expire_certifications,
    "grade-expired-attempts": grade_expired_attempts,
    "expire-enrollments": expire_enrollments,
    "snapshot-health": snapshot_health,
    "fold-metric-cube": fold_job,
}


#: The job the scheduler runs on a loop of its own (``metrics_fold_interval_s``).
FOLD = "fold-metric-cube"


async def run_job(name: str, sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    return await JOBS[name](sessionmaker)


def start_scheduler(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, stop: asyncio.Event
) -> list[asyncio.Task[None]]:
    """The scheduler's loops until ``stop`` is set: the metrics fold each
    ``metrics_fold_interval_s``, every other job each ``jobs_interval_s``."""
    fold = {FOLD: JOBS[FOLD]}
    others = {name: job for name, job in JOBS.items() if name != FOLD}
    return [
        asyncio.create_task(run_periodically(sessionmaker, settings.jobs_interval_s, stop, others)),
        asyncio.create_task(
            run_periodically(sessionmaker, settings.metrics_fold_interval_s, stop, fold)
        ),
    ]


async def run_periodically(
    sessionmaker: async_sessionmaker[AsyncSession],
    interval_s: float,
    stop: asyncio.Event,
    jobs: Mapping[str, Job] = JOBS,
) -> None:
    """Run every job of ``jobs``, then sleep ``interval_s``, until ``stop`` is set. A failing
    job is logged and retried on the next round; it never stops the scheduler."""
    while not stop.is_set():
        for name, job in jobs.items():
            try:
                await job(sessionmaker)
            except Exception:
                log.exception("scheduled job failed", extra={"job": name})
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval_s)
