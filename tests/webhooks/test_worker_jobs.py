"""`prm-api worker` runs the scheduled jobs as `serve` does (DESIGN §9: one scheduler inside
both), so a deployment with API nodes started with PRM_JOBS_ENABLED=false still expires deals."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from sqlalchemy import text

from prm_api.kit.time import utcnow


async def test_worker_process_runs_the_jobs(store, worker_process) -> None:
    partner = await store.partner()
    due = await store.deal(
        partner.id, "approved", customer="Due", protection_expires_at=utcnow() - timedelta(1)
    )
    proc = await worker_process(jobs_enabled=True, jobs_interval_s=0.2).start()
    deadline = time.monotonic() + 20
    while (await store.state(due.id))["status"] != "expired":
        assert time.monotonic() < deadline, f"the worker never expired the deal:\n{proc.output}"
        await asyncio.sleep(0.1)


async def test_jobs_can_be_left_to_other_processes(store, worker_process) -> None:
    partner = await store.partner()
    due = await store.deal(
        partner.id, "approved", customer="Due", protection_expires_at=utcnow() - timedelta(1)
    )
    await worker_process(jobs_enabled=False, jobs_interval_s=0.2).start()
    await asyncio.sleep(1.5)
    assert (await store.state(due.id))["status"] == "approved"


async def pending_metric_changes(sessionmaker) -> int:
    async with sessionmaker() as session:
        found = await session.execute(text("SELECT count(*) FROM metric_cube_deltas"))
        return int(found.scalar_one())


async def test_metric_changes_are_folded_every_few_seconds(store, sessionmaker, worker_process):
    """The scheduler folds the metric changes waiting every ``metrics_fold_interval_s``, not
    only when the other jobs run (here an hour apart)."""
    partner = await store.partner()
    proc = await worker_process(
        jobs_enabled=True, jobs_interval_s=3600, metrics_fold_interval_s=0.2
    ).start()
    await asyncio.sleep(1.5)  # past the first jobs round: the next is an hour away
    await store.deal(partner.id, "won", amount="10.00", currency="USD")
    assert await pending_metric_changes(sessionmaker) > 0
    deadline = time.monotonic() + 20
    while await pending_metric_changes(sessionmaker):
        assert time.monotonic() < deadline, f"the changes were never folded:\n{proc.output}"
        await asyncio.sleep(0.1)
