"""Deal registration at scale: 10,000 partners and up to 1,000,000 deals.

Loads data with COPY (indexes dropped during the load and rebuilt after), then serves the real
app with uvicorn on 127.0.0.1 (in a process of its own) and times, over HTTP:

- ``POST /v1/deals/{id}/submit`` (conflict detection included) — fresh drafts, partner token;
- ``GET /v1/deals?status=approved&limit=50`` for a partner token.

It measures at each size given (default 100k then 1M) so the growth factor is visible.

    python bench/deals_scale.py [--sizes 100000,1000000] [--requests 300] [--data-dir DIR]

``--data-dir`` keeps the database between runs: a later run with the same directory reuses the
partners, users and deals already loaded and only loads what a larger size needs (the deals a
run submits stay, so reruns see a few hundred more each time).
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
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import asyncpg
import httpx
from partners_list import free_port

from prm_api import migrate
from prm_api.auth.keys import load_key_ring
from prm_api.auth.scopes import ALL_SCOPES
from prm_api.auth.tokens import issue_access_token
from prm_api.config import Settings
from prm_api.db import create_engine, create_sessionmaker, embedded_database_url
from prm_api.deals.names import name_key
from prm_api.kit.ids import new_id

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
    "Zenith",
    "Echo",
    "Polar",
    "Crimson",
    "Onyx",
    "Ember",
    "Willow",
    "Sapphire",
    "Titan",
    "Aurora",
    "Horizon",
]
KINDS = ["Systems", "Logistics", "Foods", "Bank", "Retail", "Health", "Energy", "Media", "Labs"]
# A million deals is years of registrations; only those inside their protection window are
# still open (approved for 90 days plus extensions, submitted for days). So most are closed:
# 8 % open here. (With 40 % open the conflict search scans five times more candidates.)
STATUSES = (
    ["approved"] * 6
    + ["submitted"] * 2
    + ["won"] * 30
    + ["lost"] * 25
    + ["draft"] * 5
    + ["rejected"] * 10
    + ["withdrawn"] * 7
    + ["expired"] * 15
)
# A fifth of all deals come from 10 key partners (channels are top-heavy), so the partner list
# is measured on partners whose first page is full at every size — like for like.
KEY_PARTNERS = 10
STAGES = ["qualification", "proposal", "negotiation", "commit"]


# Syllables built from onsets, vowels and codas: about as many distinct trigrams as real
# company names have. (A 40-syllable vocabulary gave only ~1,500 distinct trigrams, so every
# name shared its rarest trigrams with thousands of others — unlike real customer lists.)
ONSETS = [*"bcdfghjklmnprstvwz", "br", "cr", "dr", "gr", "pr", "st", "tr", "sh", "ch"]
VOWELS = list("aeiou") * 3 + ["y", "ea", "ou", "io", "ai"]
CODAS = [""] * 8 + ["n", "r", "s", "l", "x", "nd", "rt", "ck"]


def company_name(rng: random.Random) -> str:
    """Names like "Brondaix Kelomar Logistics": two distinctive invented words plus a common
    industry word, as real customer lists have."""

    def word() -> str:
        return "".join(
            rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
            for _ in range(rng.randint(2, 4))
        ).capitalize()

    return f"{word()} {word()} {rng.choice(KINDS)}"


def pg_params(url: str) -> dict:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    host = u.query.get("host") or u.host
    return {
        "user": u.username or "postgres",
        "database": u.database or "postgres",
        "host": host,
        "port": u.port or 5432,
    }


async def load_partners(conn: asyncpg.Connection, n: int) -> list[uuid.UUID]:
    now = datetime.now(UTC)
    ids = [new_id() for _ in range(n)]
    rows = [
        (
            pid,
            f"Partner {i}",
            f"partner{i}.example",
            "reseller",
            "active",
            "DE",
            [],
            "{}",
            "vendor",
            now,
            now,
            now,
            1,
        )
        for i, pid in enumerate(ids)
    ]
    await conn.copy_records_to_table(
        "partners",
        records=rows,
        columns=[
            "id",
            "name",
            "domain",
            "type",
            "status",
            "country",
            "tags",
            "external_ids",
            "source",
            "activated_at",
            "created_at",
            "updated_at",
            "version",
        ],
    )
    return ids


async def load_deals(
    conn: asyncpg.Connection, partners: list[uuid.UUID], count: int, rng: random.Random
) -> None:
    now = datetime.now(UTC)
    batch: list[tuple] = []
    for i in range(count):
        base = company_name(rng)
        status = rng.choice(STATUSES)
        created = now - timedelta(minutes=count - i)
        protection = created + timedelta(days=90) if status == "approved" else None
        batch.append(
            (
                new_id(),
                rng.choice(partners[:KEY_PARTNERS] if rng.random() < 0.2 else partners),
                base,
                name_key(base),
                f"{base.split()[1].lower()}.example",
                "DE",
                f"{base} deal",
                Decimal(rng.randint(1_000, 500_000)),
                "USD",
                rng.choice(STAGES),
                status,
                created if status != "draft" else None,
                protection,
                0,
                False,
                "{}",
                [],
                created,
                created,
                1,
            )
        )
        if len(batch) == 50_000:
            await _copy_deals(conn, batch)
            batch = []
    if batch:
        await _copy_deals(conn, batch)


async def _copy_deals(conn: asyncpg.Connection, rows: list[tuple]) -> None:
    await conn.copy_records_to_table(
        "deals",
        records=rows,
        columns=[
            "id",
            "partner_id",
            "customer_name",
            "customer_name_key",
            "customer_domain",
            "customer_country",
            "title",
            "amount",
            "currency",
            "stage",
            "status",
            "submitted_at",
            "protection_expires_at",
            "extensions_used",
            "has_conflicts",
            "external_ids",
            "products",
            "created_at",
            "updated_at",
            "version",
        ],
    )


async def drop_indexes(conn: asyncpg.Connection, table: str) -> list[str]:
    """Drop ``table``'s secondary indexes before a bulk load (building each once afterwards is
    far faster than maintaining it row by row) and return the statements recreating them."""
    rows = await conn.fetch(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = $1"
        " AND indexname NOT LIKE 'pk_%'",
        table,
    )
    for row in rows:
        await conn.execute(f'DROP INDEX "{row["indexname"]}"')
    return [row["indexdef"] for row in rows]


async def grow(
    url: str, partners: list[uuid.UUID] | None, target: int, current: int, rng: random.Random
) -> list[uuid.UUID]:
    conn = await asyncpg.connect(**pg_params(url))
    try:
        await conn.execute("SET maintenance_work_mem = '512MB'")
        if partners is None:
            partners = await existing_partners(conn) or await load_partners(conn, 10_000)
        if current >= target:
            return partners
        indexes = await drop_indexes(conn, "deals")
        t = time.perf_counter()
        await load_deals(conn, partners, target - current, rng)
        loaded = time.perf_counter() - t
        t = time.perf_counter()
        for statement in indexes:
            await conn.execute(statement)
        print(
            f"loaded {target - current} deals by COPY in {loaded:.1f}s, "
            f"rebuilt {len(indexes)} indexes in {time.perf_counter() - t:.1f}s"
        )
        return partners
    finally:
        await conn.close()


async def existing_partners(conn: asyncpg.Connection) -> list[uuid.UUID]:
    """The partners of an earlier run on the same data directory, in load order."""
    rows = await conn.fetch(
        "SELECT id FROM partners WHERE name ~ '^Partner [0-9]+$'"
        " ORDER BY substring(name from 9)::int"
    )
    return [r["id"] for r in rows]


async def loaded_deals(url: str) -> int:
    conn = await asyncpg.connect(**pg_params(url))
    try:
        return await conn.fetchval("SELECT count(*) FROM deals")
    finally:
        await conn.close()


async def settle(url: str) -> None:
    """Leave the database as a live one of this size would be: vacuumed and analyzed (else
    autovacuum works through the freshly loaded rows during the measurement, on the same two
    cores) and checkpointed (else the load's dirty buffers are written out meanwhile)."""
    conn = await asyncpg.connect(**pg_params(url))
    try:
        for table in ("deals", "partners", "users"):
            await conn.execute(f"VACUUM (ANALYZE) {table}")
        await conn.execute("CHECKPOINT")
    finally:
        await conn.close()


def percentile(samples: list[float], p: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, int(len(s) * p))]


def measure(
    base: str,
    ring,
    settings: Settings,
    partners: list[uuid.UUID],
    requests: int,
    rng: random.Random,
) -> dict[str, tuple[float, float]]:
    results = {}
    tokens = {}

    def headers(pid: uuid.UUID) -> dict[str, str]:
        if pid not in tokens:
            token, _ = issue_access_token(
                ring,
                settings,
                sub=str(bench_users[pid]),
                client_id="bench",
                scopes=ALL_SCOPES & {"deals:read", "deals:write"},
                role="partner_admin",
                subject_type="user",
                partner_id=pid,
            )
            tokens[pid] = {"Authorization": f"Bearer {token}"}
        return tokens[pid]

    with httpx.Client(base_url=base, timeout=30) as client:
        submit, listing = [], []
        sample = rng.sample(partners, 50)
        for i in range(requests):
            pid = sample[i % len(sample)]
            key_partner = partners[i % KEY_PARTNERS]
            base_name = company_name(rng)
            r = client.post(
                "/v1/deals",
                headers=headers(pid),
                json={
                    "customer": {"name": base_name, "domain": f"c{uuid.uuid4().hex[:8]}.example"},
                    "title": "Bench deal",
                    "amount": {"amount": "1000.00", "currency": "USD"},
                },
            )
            assert r.status_code == 201, r.text
            t = time.perf_counter()
            r = client.post(f"/v1/deals/{r.json()['id']}/submit", headers=headers(pid))
            submit.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, r.text
            t = time.perf_counter()
            r = client.get("/v1/deals?status=approved&limit=50", headers=headers(key_partner))
            listing.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, r.text
            assert len(r.json()["data"]) == 50, "a key partner's first page should be full"
        results["POST /v1/deals/{id}/submit"] = (
            statistics.median(submit),
            percentile(submit, 0.99),
        )
        results["GET /v1/deals?status=approved&limit=50 (partner)"] = (
            statistics.median(listing),
            percentile(listing, 0.99),
        )
    return results


bench_users: dict[uuid.UUID, uuid.UUID] = {}


async def make_users(url: str, partners: list[uuid.UUID]) -> None:
    conn = await asyncpg.connect(**pg_params(url))
    try:
        earlier = await conn.fetch(
            "SELECT id, partner_id FROM users WHERE email LIKE '%@bench.example'"
        )
        if earlier:
            bench_users.update({r["partner_id"]: r["id"] for r in earlier})
            return
        now = datetime.now(UTC)
        rows = []
        for pid in partners:
            uid = new_id()
            bench_users[pid] = uid
            rows.append(
                (
                    uid,
                    f"u-{uid.hex[:12]}@bench.example",
                    "Bench",
                    "partner_admin",
                    pid,
                    True,
                    0,
                    0,
                    now,
                    now,
                    1,
                )
            )
        # citext has no binary COPY codec in asyncpg: a multi-row insert is fast enough here.
        await conn.executemany(
            "INSERT INTO users (id, email, name, role, partner_id, active, failed_login_count,"
            " token_version, created_at, updated_at, version)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            rows,
        )
    finally:
        await conn.close()


def serve_process(url: str, port: int) -> subprocess.Popen:
    """The API in a process of its own, as in production (a server thread in this process
    would share the GIL with the load generator and inflate every figure)."""
    env = {
        **os.environ,
        "PRM_DATABASE_URL": url,
        "PRM_RATE_LIMIT_PER_MINUTE": "0",
        "PRM_JOBS_ENABLED": "false",
        "PRM_WEBHOOK_WORKER_ENABLED": "false",
        "PRM_LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "uvicorn", "prm_api.app:create_app", "--factory"),
            *("--port", str(port), "--log-level", "warning", "--no-access-log"),
        ],
        env=env,
    )
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the API did not start")


async def key_ring(url: str, settings: Settings):
    """The server's signing keys (created at its start-up), to mint bench tokens."""
    engine = create_engine(url, settings)
    try:
        async with create_sessionmaker(engine)() as session:
            return await load_key_ring(session)
    finally:
        await engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--data-dir", type=Path, help="keep the database here and reuse it")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    tmp = None
    url = os.environ.get("PRM_DATABASE_URL")
    if not url and args.data_dir:
        url = embedded_database_url(args.data_dir)
    elif not url:
        tmp = Path(tempfile.mkdtemp(prefix="prm-bench-deals-"))
        url = embedded_database_url(tmp)
    settings = Settings(
        _env_file=None,
        database_url=url,
        rate_limit_per_minute=0,
        jobs_enabled=False,
        log_level="WARNING",
    )  # type: ignore[call-arg]
    rng = random.Random(11)
    try:
        migrate.upgrade(url)
        partners = None
        current = asyncio.run(loaded_deals(url))
        table = []
        for size in sizes:
            partners = asyncio.run(grow(url, partners, size, current, rng))
            if not bench_users:
                asyncio.run(make_users(url, partners))
            asyncio.run(settle(url))
            current = max(current, size)
            port = free_port()
            server = serve_process(url, port)
            try:
                res = measure(
                    f"http://127.0.0.1:{port}",
                    asyncio.run(key_ring(url, settings)),
                    settings,
                    partners,
                    args.requests,
                    rng,
                )
            finally:
                server.terminate()
                server.wait(timeout=30)
            for name, (median, p99) in res.items():
                table.append((size, name, median, p99))
                print(f"{size:>9,} deals  {name:<50} median={median:6.1f} ms  p99={p99:6.1f} ms")
        if len(sizes) > 1:
            first, last = sizes[0], sizes[-1]
            for name in {t[1] for t in table}:
                a = next(t for t in table if t[0] == first and t[1] == name)
                b = next(t for t in table if t[0] == last and t[1] == name)
                print(f"growth {first:,}→{last:,}  {name:<50} median ×{b[2] / a[2]:.2f}")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
