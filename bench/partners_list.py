"""Latency of partner search and filtered lists on 10,000 partners.

Starts a throw-away embedded PostgreSQL (or uses PRM_DATABASE_URL), migrates it, bulk-loads
N partners, serves the real app with uvicorn on 127.0.0.1 and times requests over HTTP.

    python bench/partners_list.py [--partners 10000] [--requests 300]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import insert

from prm_api import migrate
from prm_api.app import create_app
from prm_api.auth.scopes import ALL_SCOPES
from prm_api.auth.tokens import issue_access_token
from prm_api.config import Settings
from prm_api.db import create_engine, create_sessionmaker, embedded_database_url
from prm_api.kit.ids import new_id
from prm_api.kit.time import utcnow
from prm_api.models import Partner, Tier, User

WORDS = [
    "North",
    "Blue",
    "Bright",
    "Iron",
    "Silver",
    "Cloud",
    "Apex",
    "Nova",
    "Delta",
    "Summit",
    "Harbor",
    "Pixel",
    "Quantum",
    "Vertex",
    "Cedar",
    "Atlas",
    "Orbit",
    "Falcon",
    "Granite",
    "Lumen",
    "Maple",
    "Meridian",
    "Nimbus",
    "Pioneer",
    "Redwood",
    "wind",
    "stone",
    "path",
    "bridge",
    "field",
    "works",
    "logic",
    "point",
    "gate",
    "line",
]
KINDS = ["Systems", "Solutions", "IT", "Consulting", "Networks", "Partners", "Digital", "Group"]
COUNTRIES = ["DE", "PL", "GB", "US", "FR", "NL", "SE", "ES", "IT", "CA", "AU", "JP"]
STATUSES = ["active"] * 6 + ["onboarding", "applied", "suspended", "terminated"]
TYPES = ["reseller", "distributor", "referral", "affiliate", "msp", "technology"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def seed(url: str, settings: Settings, n: int) -> None:
    engine = create_engine(url, settings)
    rng = random.Random(7)
    async with create_sessionmaker(engine)() as session, session.begin():
        tiers = [Tier(id=new_id(), key=f"t{i}", name=f"Tier {i}", rank=i) for i in range(4)]
        session.add_all(tiers)
        manager = User(id=new_id(), email="bench-cm@prm.example", name="CM", role="channel_manager")
        session.add(manager)
        await session.flush()
        rows = []
        now = utcnow()
        for i in range(n):
            name = f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {rng.choice(KINDS)} {i}"
            rows.append(
                {
                    "id": new_id(),
                    "name": name,
                    "domain": f"p{i}-{uuid.uuid4().hex[:6]}.example",
                    "website": None,
                    "type": rng.choice(TYPES),
                    "status": rng.choice(STATUSES),
                    "tier_id": rng.choice(tiers).id,
                    "country": rng.choice(COUNTRIES),
                    "manager_id": manager.id if rng.random() < 0.5 else None,
                    "tags": rng.sample(["cloud", "security", "smb", "enterprise"], k=2),
                    "external_ids": {"salesforce": f"001{i:012d}"},
                    "source": "vendor",
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
            )
        for start in range(0, n, 2000):
            await session.execute(insert(Partner), rows[start : start + 2000])
    async with engine.connect() as conn:
        await conn.exec_driver_sql("ANALYZE partners")
    await engine.dispose()


def serve(app, port: int) -> uvicorn.Server:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server


def timed(client: httpx.Client, path: str, count: int) -> list[float]:
    samples = []
    for _ in range(count):
        t = time.perf_counter()
        r = client.get(path)
        samples.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, r.text
    return samples


def report(label: str, samples: list[float], extra: str = "") -> None:
    s = sorted(samples)
    p99 = s[min(len(s) - 1, int(len(s) * 0.99))]
    print(
        f"{label:<52} n={len(s):<4} median={statistics.median(s):6.1f} ms  "
        f"p99={p99:6.1f} ms {extra}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--partners", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=300)
    args = ap.parse_args()

    tmp = None
    url = os.environ.get("PRM_DATABASE_URL")
    if not url:
        tmp = Path(tempfile.mkdtemp(prefix="prm-bench-"))
        url = embedded_database_url(tmp)
    settings = Settings(
        _env_file=None, database_url=url, rate_limit_per_minute=0, log_level="WARNING"
    )  # type: ignore[call-arg]
    try:
        migrate.upgrade(url)
        t0 = time.perf_counter()
        asyncio.run(seed(url, settings, args.partners))
        print(f"seeded {args.partners} partners in {time.perf_counter() - t0:.1f}s")
        app = create_app(settings, database_url=url)
        port = free_port()
        server = serve(app, port)
        ring = app.state.key_ring
        # The token's subject must exist: tokens are checked for liveness on every request.
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as c:
            c.headers["Authorization"] = f"Bearer {bootstrap_token(url, settings, ring)}"
            timed(c, "/v1/partners?limit=1", 20)  # warm up
            report(
                "GET /v1/partners?q=nortwind (typo)",
                timed(c, "/v1/partners?q=nortwind", args.requests),
            )
            report(
                "GET /v1/partners?q=quantum%20gate",
                timed(c, "/v1/partners?q=quantum%20gate", args.requests),
            )
            report(
                "GET /v1/partners?status=active&country=DE&sort=name",
                timed(c, "/v1/partners?status=active&country=DE&sort=name", args.requests),
            )
            report(
                "GET /v1/partners?tag=cloud&type=msp&limit=100",
                timed(c, "/v1/partners?tag=cloud&type=msp&limit=100", args.requests),
            )
            report(
                "GET /v1/partners (default sort, page 1)", timed(c, "/v1/partners", args.requests)
            )
        server.should_exit = True
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def bootstrap_token(url: str, settings: Settings, ring) -> str:
    from prm_api.bootstrap import bootstrap_admin_client

    async def make() -> str:
        engine = create_engine(url, settings)
        async with create_sessionmaker(engine)() as session, session.begin():
            created = await bootstrap_admin_client(session)
        await engine.dispose()
        assert created, "database already bootstrapped: use an empty database"
        client, _ = created
        token, _ = issue_access_token(
            ring,
            settings,
            sub=client.client_id,
            client_id=client.client_id,
            scopes=ALL_SCOPES,
            role="admin",
            subject_type="client",
        )
        return token

    return asyncio.run(make())


if __name__ == "__main__":
    main()
