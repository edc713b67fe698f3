"""Webhook delivery: throughput of one worker process and commit-to-delivery latency.

Three processes, like production: PostgreSQL (embedded), one ``prm-api worker`` and a local
receiver (uvicorn, answers 204 and notes when each ``webhook-id`` arrived).

- **Throughput** — a backlog of ``--events`` events is committed at once; the figure is
  deliveries per second from that commit until the receiver has every one (fan-out, claim,
  signing, HTTP, recording all included).
- **Latency** — with the queue idle, one event per transaction every ~20 ms, the way API
  requests commit them; the figure is receiver arrival time minus the commit's return.

    python bench/webhooks.py [--events 10000] [--samples 300] [--concurrency 64]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
from deals_scale import pg_params

from prm_api import API_VERSION, migrate
from prm_api.db import embedded_database_url
from prm_api.webhooks.service import new_secret

RECEIVER = """
import time
arrivals = {}

async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    if scope["method"] == "GET":
        query = scope["query_string"].decode()
        if query.startswith("id="):
            wanted = query[3:]
            out = {wanted: arrivals[wanted]} if wanted in arrivals else {}
        elif query == "all":
            out = arrivals
        else:
            out = {"count": len(arrivals)}
        body = __import__("json").dumps(out).encode()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    headers = dict(scope["headers"])
    arrivals[headers.get(b"webhook-id", b"").decode()] = time.time()
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def deal_object(i: int) -> dict:
    """About the size of a real ``deal.*`` event's object."""
    return {
        "id": str(uuid.uuid4()),
        "partner_id": str(uuid.uuid4()),
        "customer": {
            "name": f"Customer {i} GmbH",
            "domain": f"customer{i}.example",
            "country": "DE",
            "contact_name": "Ada Lovelace",
            "contact_email": "ada@customer.example",
        },
        "title": f"Deal {i}: 400 seats",
        "description": "Expansion into the EMEA region. " * 8,
        "products": ["core", "analytics"],
        "amount": {"amount": "125000.00", "currency": "EUR"},
        "stage": "proposal",
        "status": "approved",
        "decision": {"by": "rule:42", "at": datetime.now(UTC).isoformat(), "reason": None},
        "created_at": datetime.now(UTC).isoformat(),
        "updated_at": datetime.now(UTC).isoformat(),
    }


INSERT_EVENT = """
INSERT INTO events (id, type, created_at, api_version, resource_type, resource_id, actor, data)
VALUES ($1, 'deal.approved', now(), $2, 'deal', $3, '{"type": "system", "id": "bench"}', $4)
"""


async def arrivals(client: httpx.AsyncClient, url: str, query: str) -> dict:
    return (await client.get(f"{url}?{query}")).json()


async def add_endpoint(url: str, hook: str) -> None:
    conn = await asyncpg.connect(**pg_params(url))
    try:
        await conn.execute(
            "INSERT INTO webhook_endpoints (id, url, event_types, enabled, secret,"
            " consecutive_failures, created_at, updated_at, version)"
            " VALUES ($1, $2, '{}', true, $3, 0, now(), now(), 1)",
            uuid.uuid4(),
            hook,
            new_secret(),
        )
    finally:
        await conn.close()


async def run(url: str, hook: str, args: argparse.Namespace) -> None:
    conn = await asyncpg.connect(**pg_params(url))
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            for _ in range(100):
                try:
                    await client.get(hook)
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            await asyncio.sleep(2)  # the worker is up and listening

            # Throughput: one commit of N events, then wait for every delivery.
            ids = [uuid.uuid4() for _ in range(args.events)]
            rows = [
                (eid, API_VERSION, str(eid), json.dumps({"object": deal_object(i)}))
                for i, eid in enumerate(ids)
            ]
            async with conn.transaction():
                await conn.executemany(INSERT_EVENT, rows)
            committed = time.time()
            want = {str(i) for i in ids}
            for _ in range(3000):  # at most 10 minutes
                if (await arrivals(client, hook, "count"))["count"] >= len(want):
                    break
                await asyncio.sleep(0.2)
            got = await arrivals(client, hook, "all")
            last = max(got[i] for i in want)
            elapsed = last - committed
            print(
                f"throughput: {args.events} deliveries in {elapsed:.2f} s = "
                f"{args.events / elapsed:.0f} deliveries/s (one worker, concurrency "
                f"{args.concurrency})"
            )

            # Latency: idle queue, one event per transaction.
            await asyncio.sleep(1)
            latencies = []
            for i in range(args.samples):
                eid = uuid.uuid4()
                await conn.execute(
                    INSERT_EVENT, eid, API_VERSION, str(eid), json.dumps({"object": deal_object(i)})
                )
                t_commit = time.time()
                for _ in range(500):
                    await asyncio.sleep(0.002)
                    got = await arrivals(client, hook, f"id={eid}")
                    if str(eid) in got:
                        latencies.append((got[str(eid)] - t_commit) * 1000)
                        break
                await asyncio.sleep(0.02)
            latencies.sort()
            print(
                f"commit-to-delivery (idle queue, {len(latencies)} events): "
                f"median {statistics.median(latencies):.1f} ms, "
                f"p99 {latencies[int(len(latencies) * 0.99) - 1]:.1f} ms, "
                f"max {latencies[-1]:.1f} ms"
            )
    finally:
        await conn.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--samples", type=int, default=300)
    ap.add_argument("--concurrency", type=int, default=64)
    args = ap.parse_args()
    tmp = None
    url = os.environ.get("PRM_DATABASE_URL")
    if not url:
        tmp = Path(tempfile.mkdtemp(prefix="prm-bench-webhooks-"))
        url = embedded_database_url(tmp)
    migrate.upgrade(url)
    port = free_port()
    hook = f"http://127.0.0.1:{port}/hook"
    asyncio.run(add_endpoint(url, hook))
    receiver_dir = Path(tempfile.mkdtemp(prefix="prm-bench-recv-"))
    (receiver_dir / "bench_receiver.py").write_text(RECEIVER)
    receiver = subprocess.Popen(
        [
            sys.executable,
            *("-m", "uvicorn", "bench_receiver:app", "--port", str(port)),
            "--no-access-log",
        ],
        cwd=receiver_dir,
    )
    env = {
        **os.environ,
        "PRM_DATABASE_URL": url,
        "PRM_WEBHOOK_ALLOW_PRIVATE_TARGETS": "true",
        "PRM_WEBHOOK_CONCURRENCY": str(args.concurrency),
        "PRM_LOG_LEVEL": "WARNING",
    }
    # BENCH_WORKER_PREFIX="-m cProfile -o worker.prof" profiles the worker.
    prefix = os.environ.get("BENCH_WORKER_PREFIX", "").split()
    worker = subprocess.Popen([sys.executable, *prefix, "-m", "prm_api", "worker"], env=env)
    try:
        asyncio.run(run(url, hook, args))
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
        receiver.terminate()
        receiver.wait(timeout=10)
        shutil.rmtree(receiver_dir, ignore_errors=True)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
