"""Metrics at scale (issue 15): 10,000 partners, 1,000,000 deals, 5,000,000 engagement records.

Loads the data of ``metrics_data`` (COPY, rollup triggers off, rollups rebuilt once and the
rebuild timed), serves the real app with uvicorn on 127.0.0.1 in a process of its own
(``deals_scale.serve_process``) and measures, one request at a time (a client's latency: the
targets are p50 at concurrency 1), against the issue's targets:

- ``GET /v1/metrics/summary?date_range=12mo`` (vendor admin)             p50 < 50 ms
  (as served: kept a couple of seconds per audience; also shown read anew every time with
  ``Cache-Control: no-cache``, which is what computing one costs)
- ``GET /v1/partners/{id}/scorecard`` (vendor, a different partner each) p50 < 30 ms
- ``POST /v1/metrics/query`` won_revenue, win_rate, deals_registered by month and tier over
  12 months (vendor)                                                     p50 < 100 ms
- a full tier evaluation of every partner: ``POST /v1/tier-evaluations/preview`` over HTTP
  and ``prm-api jobs run evaluate-tiers`` (its own process)              < 30 s
- freshness under a steady stream of deal changes: a writer approves submitted deals and
  closes approved ones as won through the API at ``--rate`` per second for ``--seconds``;
  for each change a reader polls ``POST /v1/metrics/query`` filtered to that partner until its
  figures move; the time from sending the change to seeing it          p99 < 5 s

and, as information, the partner-token views, a recorded run (``POST /v1/tier-evaluations``)
and (``--concurrency N``) the reads at N concurrent clients. A read makes up to
``--requests`` requests but stops after 90 s once it has 10 (a multi-second read would hold
the run for an hour; its median is clear long before). An operation that answers 404/405
(not built yet) is reported as skipped and the rest goes on. The load average is printed with
the figures: on a shared machine they are only comparable at a similar load.

    python bench/metrics.py --data-dir /tmp/prm-bench-metrics                # full size
    python bench/metrics.py --partners 500 --deals 50000 --engagement 250000  # quick check

``--data-dir`` keeps the database between runs (the load resumes where it stopped; the deal
changes a run makes stay, taken from the open deals still left).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from deals_scale import bench_users, free_port, key_ring, percentile, pg_params, serve_process
from metrics_data import Size
from metrics_engagement import prepare
from metrics_freshness import NotAvailable
from metrics_freshness import measure as measure_freshness
from throughput import TOKEN_TTL_S, vendor_user

from prm_api import migrate
from prm_api.auth.roles import ceiling
from prm_api.auth.tokens import issue_access_token
from prm_api.config import Settings
from prm_api.db import embedded_database_url

QUERY = {
    "metrics": ["won_revenue", "win_rate", "deals_registered"],
    "date_range": "12mo",
    "interval": "month",
    "dimensions": ["tier"],
}
MISSING = (404, 405)


class Skipped(Exception):
    """The operation is not there (yet), or failed: reported, and the run goes on."""


@dataclass
class Result:
    name: str
    samples: list[float]  # milliseconds
    target: str = ""
    limit_ms: float | None = None  # the target, on p50 (or p99 with on_p99)
    on_p99: bool = False
    note: str = ""

    def row(self) -> str:
        if not self.samples:
            return f"{self.name:<58} {self.note}"
        p50, p99 = statistics.median(self.samples), percentile(self.samples, 0.99)
        verdict = ""
        if self.limit_ms is not None:
            verdict = "pass" if (p99 if self.on_p99 else p50) < self.limit_ms else "MISS"
        return (
            f"{self.name:<58} n={len(self.samples):<5} p50={fmt(p50):>9} "
            f"p99={fmt(p99):>9}  {self.target:<12} {verdict:<4} {self.note}"
        )


def fmt(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 10_000 else f"{ms:.1f} ms"


def check(r: httpx.Response, what: str) -> httpx.Response:
    if r.status_code in MISSING:
        raise Skipped(f"skipped: {what} not available ({r.status_code})")
    if r.status_code != 200:
        raise Skipped(f"error: {what} answered {r.status_code}: {r.text[:200]}")
    return r


class Tokens:
    def __init__(self, ring: Any, settings: Settings, vendor: uuid.UUID) -> None:
        self.ring, self.settings, self.vendor = ring, settings, vendor
        self.cache: dict[uuid.UUID | None, dict[str, str]] = {}

    def __call__(self, partner: uuid.UUID | None = None) -> dict[str, str]:
        """The vendor admin's headers, or (``partner``) that partner's admin's."""
        if partner not in self.cache:
            role = "partner_admin" if partner else "admin"
            token, _ = issue_access_token(
                self.ring,
                self.settings,
                sub=str(bench_users[partner] if partner else self.vendor),
                client_id="prm-first-party",
                scopes=ceiling(role),
                role=role,
                subject_type="user",
                partner_id=partner,
                ttl_s=TOKEN_TTL_S,
            )
            self.cache[partner] = {"Authorization": f"Bearer {token}"}
        return self.cache[partner]


Request = Callable[[int], tuple[str, str, dict[str, str], Any]]  # i → method, path, headers, json


#: A read stops after this many seconds once it has ``MIN_SAMPLES`` (a multi-second
#: operation would otherwise hold the run for an hour; its median is clear long before).
BUDGET_S, MIN_SAMPLES = 90.0, 10


def timed(client: httpx.Client, what: str, request: Request, n: int, warm: int = 3) -> list[float]:
    """Up to ``n`` requests one after the other (after ``warm`` uncounted ones), in ms."""
    samples: list[float] = []
    start = time.perf_counter()
    for i in range(-warm, n):
        if len(samples) >= MIN_SAMPLES and time.perf_counter() - start > BUDGET_S:
            break
        method, path, headers, body = request(i)
        t = time.perf_counter()
        r = client.request(method, path, headers=headers, json=body)
        took = (time.perf_counter() - t) * 1000
        check(r, what)
        if i >= 0:
            samples.append(took)
    return samples


async def concurrent(base: str, what: str, request: Request, n: int, c: int) -> list[float]:
    """Up to ``n`` requests from ``c`` clients at once (each waits for its answer before its
    next), within the same time budget."""
    samples: list[float] = []
    counter = iter(range(n))
    start = time.perf_counter()

    async def client_loop(client: httpx.AsyncClient) -> None:
        for i in counter:
            if len(samples) >= MIN_SAMPLES and time.perf_counter() - start > BUDGET_S:
                return
            method, path, headers, body = request(i)
            t = time.perf_counter()
            r = await client.request(method, path, headers=headers, json=body)
            samples.append((time.perf_counter() - t) * 1000)
            check(r, what)

    limits = httpx.Limits(max_connections=c)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(c)))
    return samples


def reads(
    base: str, tokens: Tokens, sample: list[uuid.UUID], args: argparse.Namespace
) -> list[Result]:
    """Summary, scorecard and query latencies (plus partner views and concurrent runs)."""
    n, pick = args.requests, lambda i: sample[i % len(sample)]
    cases: list[tuple[str, str, float | None, Request]] = [
        (
            "GET /v1/metrics/summary?date_range=12mo (vendor)",
            "p50 < 50 ms",
            50,
            lambda i: ("GET", "/v1/metrics/summary?date_range=12mo", tokens(), None),
        ),
        (
            # The summary read anew every time (not the one kept for a couple of seconds): what
            # a summary costs to compute.
            "GET /v1/metrics/summary?date_range=12mo (vendor, no-cache)",
            "",
            None,
            lambda i: (
                "GET",
                "/v1/metrics/summary?date_range=12mo",
                {**tokens(), "Cache-Control": "no-cache"},
                None,
            ),
        ),
        (
            "GET /v1/partners/{id}/scorecard (vendor)",
            "p50 < 30 ms",
            30,
            lambda i: ("GET", f"/v1/partners/{pick(i)}/scorecard", tokens(), None),
        ),
        (
            "POST /v1/metrics/query month × tier, 12mo (vendor)",
            "p50 < 100 ms",
            100,
            lambda i: ("POST", "/v1/metrics/query", tokens(), QUERY),
        ),
        (
            "GET /v1/metrics/summary?date_range=12mo (partner)",
            "",
            None,
            lambda i: ("GET", "/v1/metrics/summary?date_range=12mo", tokens(pick(i)), None),
        ),
        (
            "GET /v1/partners/{own id}/scorecard (partner)",
            "",
            None,
            lambda i: ("GET", f"/v1/partners/{pick(i)}/scorecard", tokens(pick(i)), None),
        ),
        (
            "POST /v1/metrics/query month × tier, 12mo (partner)",
            "",
            None,
            lambda i: ("POST", "/v1/metrics/query", tokens(pick(i)), QUERY),
        ),
    ]
    results = []
    with httpx.Client(base_url=base, timeout=120) as client:
        for name, target, limit, request in cases:
            try:
                results.append(Result(name, timed(client, name, request, n), target, limit))
            except Skipped as e:
                results.append(Result(name, [], note=str(e)))
            print(results[-1].row(), flush=True)
    if args.concurrency > 1:
        for name, _, _, request in [c for c in cases if c[2] is not None]:
            label = f"{name} c={args.concurrency}"
            try:
                t = time.perf_counter()
                samples = asyncio.run(concurrent(base, name, request, n, args.concurrency))
                rate = len(samples) / (time.perf_counter() - t)
                results.append(Result(label, samples, note=f"{rate:.1f} req/s (information)"))
            except Skipped as e:
                results.append(Result(label, [], note=str(e)))
            print(results[-1].row(), flush=True)
    return results


def once(base: str, headers: dict[str, str], name: str, path: str) -> Result:
    """One timed ``POST path`` of a whole tier evaluation."""
    try:
        with httpx.Client(base_url=base, timeout=600) as client:
            t = time.perf_counter()
            r = client.post(path, headers=headers)
            took = (time.perf_counter() - t) * 1000
        if r.status_code == 201:  # a run is created
            r.status_code = 200
        body = check(r, f"POST {path}").json()
        counts = body.get("counts") or {}
        evaluated = body.get("partners_evaluated", counts.get("partners_evaluated"))
        if "changes" in body:
            changes = len(body["changes"])
        else:
            changes = counts.get("upgrades", 0) + counts.get("downgrades", 0)
        note = f"{evaluated} partners evaluated, {changes} changes"
        result = Result(name, [took], "< 30 s", 30_000, note=note)
    except Skipped as e:
        result = Result(name, [], note=str(e))
    print(result.row(), flush=True)
    return result


async def evaluated_today(url: str) -> bool:
    conn = await asyncpg.connect(**pg_params(url))
    try:
        return bool(
            await conn.fetchval(
                "SELECT max(started_at) >= date_trunc('day', now() AT TIME ZONE 'UTC')"
                " AT TIME ZONE 'UTC' FROM tier_evaluations"
            )
        )
    finally:
        await conn.close()


def tier_evaluation(base: str, tokens: Tokens, url: str) -> list[Result]:
    """The preview over HTTP; the scheduled job in a process of its own (it runs one
    evaluation a day: a later run the same day has nothing to do and is not timed); a run
    started over HTTP (``POST /v1/tier-evaluations``: recorded, proposals and all)."""
    results = [
        once(
            base,
            tokens(),
            "POST /v1/tier-evaluations/preview (all partners)",
            "/v1/tier-evaluations/preview",
        )
    ]
    name = "prm-api jobs run evaluate-tiers (all partners)"
    from prm_api.worker.jobs import JOBS

    if "evaluate-tiers" not in JOBS:
        results.append(Result(name, [], note="skipped: job evaluate-tiers not available"))
    elif asyncio.run(evaluated_today(url)):
        results.append(Result(name, [], note="not timed: an evaluation already ran today"))
    else:
        env = {**os.environ, "PRM_DATABASE_URL": url, "PRM_LOG_LEVEL": "WARNING"}
        command = [sys.executable, "-m", "prm_api", "jobs", "run", "evaluate-tiers"]
        t = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        took = (time.perf_counter() - t) * 1000
        if done.returncode:
            note = f"error: exit {done.returncode}: {done.stderr[-300:]}"
            results.append(Result(name, [], note=note))
        else:
            note = f"process start included; {done.stdout.strip()[-60:]}"
            results.append(Result(name, [took], "< 30 s", 30_000, note=note))
    print(results[-1].row(), flush=True)
    results.append(
        once(
            base,
            tokens(),
            "POST /v1/tier-evaluations (a run, all partners)",
            "/v1/tier-evaluations",
        )
    )
    return results


async def active(url: str, partners: list[uuid.UUID]) -> list[uuid.UUID]:
    conn = await asyncpg.connect(**pg_params(url))
    try:
        rows = await conn.fetch("SELECT id FROM partners WHERE status = 'active'")
    finally:
        await conn.close()
    ids = {r["id"] for r in rows}
    return [p for p in partners if p in ids]


def freshness(base: str, tokens: Tokens, url: str, rate: float, seconds: float) -> Result:
    name = f"freshness: deal change → visible in the query, {rate:g}/s"
    try:
        found = asyncio.run(measure_freshness(base, tokens(), url, rate, seconds))
        result = Result(name, found.visible_ms, "p99 < 5 s", 5_000, True, found.note())
    except NotAvailable as e:
        result = Result(name, [], note=str(e))
    print(result.row(), flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--partners", type=int, default=10_000)
    ap.add_argument("--deals", type=int, default=1_000_000)
    ap.add_argument("--engagement", type=int, default=5_000_000)
    ap.add_argument("--requests", type=int, default=200, help="per read measured")
    ap.add_argument("--concurrency", type=int, default=4, help="also read with N clients (1: no)")
    ap.add_argument("--rate", type=float, default=20, help="deal changes per second")
    ap.add_argument("--seconds", type=float, default=30, help="of deal changes")
    ap.add_argument("--only", default="reads,tiers,freshness", help="or 'load': only load")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the rollups even if fresh")
    ap.add_argument("--data-dir", type=Path, help="keep the database here and reuse it")
    args = ap.parse_args()
    only = set(args.only.split(","))
    tmp = None
    url = os.environ.get("PRM_DATABASE_URL")
    if not url and args.data_dir:
        url = embedded_database_url(args.data_dir)
    elif not url:
        tmp = Path(tempfile.mkdtemp(prefix="prm-bench-metrics-"))
        url = embedded_database_url(tmp)
    settings = Settings(
        _env_file=None,
        database_url=url,
        rate_limit_per_minute=0,
        jobs_enabled=False,
        log_level="WARNING",
    )  # type: ignore[call-arg]
    size = Size(args.partners, args.deals, args.engagement)
    try:
        migrate.upgrade(url)
        partners, rebuilt_s = asyncio.run(prepare(url, settings, size, args.rebuild))
        if only == {"load"}:
            return
        vendor = asyncio.run(vendor_user(url))
        live = asyncio.run(active(url, partners))  # a suspended partner's tokens are refused
        sample = random.Random(15).sample(live, min(200, len(live)))
        port = free_port()
        server = serve_process(url, port)
        base = f"http://127.0.0.1:{port}"
        results: list[Result] = []
        if rebuilt_s is not None:
            name = "rollup rebuild from the raw records (rebuild_all)"
            results.append(Result(name, [rebuilt_s * 1000], note="information"))
        load_before = os.getloadavg()
        try:
            tokens = Tokens(asyncio.run(key_ring(url, settings)), settings, vendor)
            if "reads" in only:
                results += reads(base, tokens, sample, args)
            if "tiers" in only:
                results += tier_evaluation(base, tokens, url)
            if "freshness" in only:
                results.append(freshness(base, tokens, url, args.rate, args.seconds))
        finally:
            server.terminate()
            server.wait(timeout=30)
        load_after = os.getloadavg()
        print(
            f"\n{size.partners:,} partners, {size.deals:,} deals, {size.engagement:,} "
            f"engagement records; {os.cpu_count()} cores; load average "
            f"{load_before[0]:.2f} before, {load_after[0]:.2f} after the measurement "
            f"(1 min), {load_after[1]:.2f} (5 min)"
        )
        for result in results:
            print(result.row())
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
