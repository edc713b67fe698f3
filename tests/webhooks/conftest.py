"""Webhook test harness: a real receiver on 127.0.0.1 and the real delivery worker running in
the test's event loop against the test database, with a short retry schedule; and
``worker_process`` for a real ``prm-api worker`` process (to kill it mid-send, or to run two
workers in parallel)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from factories import settings_overridden
from webhook_support import Receiver

from prm_api.config import Settings
from prm_api.webhooks.worker import DeliveryWorker

FAST = {
    "webhook_allow_private_targets": True,
    "webhook_retry_schedule_s": [0, 0.2, 0.2, 0.2, 0.2],
    "webhook_poll_interval_s": 0.1,
    "webhook_lease_s": 2.0,
    "webhook_timeout_s": 2.0,
    "webhook_concurrency": 8,
    # A worker process runs the scheduled jobs too; the webhook tests count deliveries, so an
    # audit checkpoint's event must not appear in them (tests/webhooks/test_worker_jobs.py).
    "jobs_enabled": False,
}


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver().start()
    try:
        yield r
    finally:
        r.stop()


@pytest.fixture
def fast_settings(app) -> Iterator[Settings]:
    """The app's settings with private targets allowed and a short retry schedule (the API
    reads them per request, so endpoint creation accepts 127.0.0.1)."""
    with settings_overridden(app, **FAST) as settings:
        yield settings


@pytest.fixture
async def start_worker(app, fast_settings) -> AsyncIterator[Callable[..., DeliveryWorker]]:
    """``start_worker(**overrides)`` runs a DeliveryWorker until the test ends."""
    running: list[tuple[asyncio.Event, asyncio.Task]] = []

    def start(**overrides: object) -> DeliveryWorker:
        settings = fast_settings.model_copy(update=overrides)
        worker = DeliveryWorker(app.state.engine, app.state.sessionmaker, settings)
        stop = asyncio.Event()
        running.append((stop, asyncio.create_task(worker.run(stop))))
        return worker

    yield start
    for stop, _ in running:
        stop.set()
    for _, task in running:
        await asyncio.wait_for(task, timeout=10)


class WorkerProcess:
    """``python -m prm_api worker`` against the test database; its output goes to a file."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.proc: asyncio.subprocess.Process | None = None

    @property
    def output(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    async def start(self, within: float = 20.0) -> WorkerProcess:
        with self.log.open("w") as out:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "prm_api", "worker",
                env=self.env, stdout=out, stderr=out, cwd=self.log.parent,
            )  # fmt: skip
        deadline = time.monotonic() + within
        while "running" not in self.output:
            assert self.proc.returncode is None, f"worker exited:\n{self.output}"
            assert time.monotonic() < deadline, f"worker not running:\n{self.output}"
            await asyncio.sleep(0.05)
        return self

    async def kill(self) -> None:
        """SIGKILL: no clean-up, no outcome recorded, leases left behind."""
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.kill()
        await self.proc.wait()

    async def stop(self) -> None:
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.wait(), timeout=15)
            except TimeoutError:
                await self.kill()


@pytest.fixture
async def worker_process(database_url, tmp_path) -> AsyncIterator[Callable[..., WorkerProcess]]:
    """``await worker_process(**settings).start()``: a separate ``prm-api worker`` process with
    the FAST settings (overridable, e.g. ``webhook_lease_s=1.0``); stopped after the test."""
    started: list[WorkerProcess] = []

    def make(**overrides: object) -> WorkerProcess:
        values = {**FAST, **overrides}
        env = {k: v for k, v in os.environ.items() if not k.startswith("PRM_")}
        env.update(
            {
                "PRM_DATABASE_URL": database_url,
                "PRM_LOG_LEVEL": "WARNING",
                **{f"PRM_{k.upper()}": json.dumps(v) for k, v in values.items()},
            }
        )
        wp = WorkerProcess(env, tmp_path / f"worker-{len(started)}.log")
        started.append(wp)
        return wp

    yield make
    for wp in started:
        if wp.proc is not None:
            await wp.stop()
