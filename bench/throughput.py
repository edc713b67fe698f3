"""Read throughput of the product against naive and bare reference apps (issue 11).

Loads (or reuses, with ``--data-dir``) a database of 10,000 partners, 1,000,000 deals,
50,000 events and 10,000 assets with mixed audience rules (issue 13: everyone, tiers, partner
types, countries, regions, combinations, named partners, exclusions, vendor-only; drafts,
archived and scheduled ones among them; most file assets with a current version), migrated
first (an older data directory gains the asset tables), then starts, each in a process of its
own, on the same database:

- the product as ``prm-api serve`` runs it by default: JSON logs at INFO (to a file), the
  webhook worker and the jobs in-process, the rate limiter active with a limit far above the
  load (not disabled);
- ``/work/shared/bench/ceiling.py`` bare (ASGI + asyncpg + orjson) and naive FastAPI apps for a
  partner's deal list (``CEILING_DSN``, ``CEILING_PARTNER``);
- ``bench/reference_apps.py``: naive FastAPI apps for the other shapes (partners, events,
  a deal by id, the signed-in user, and the key partner's first page of assets running the
  SQL the product's list query compiles to).

It waits until the API process and the database are idle (``serve`` catches up on its jobs at
start, in-process), checks that each pair returns the same rows, then runs
``wrk -t1 -c32 -d8s --latency`` against every target in rounds (the order alternates between
rounds, so a burst of noise from the rest of the machine does not always hit the same server)
and prints req/s, p50 and p99
per target and round, the ratios issues 11 and 13 set targets for (each computed within a round,
then summarized over the rounds) and the API process's RSS after each round.

    python bench/throughput.py --data-dir /tmp/prm-bench-1m            # load once, measure
    python bench/throughput.py --data-dir /tmp/prm-bench-1m --rounds 3 --duration 8
    python bench/throughput.py --data-dir /tmp/prm-bench-1m --only deals,me --rounds 5
    python bench/throughput.py --data-dir /tmp/prm-bench-1m --only assets --rounds 3

Without ``--data-dir`` the database lives in a temporary directory deleted at the end (the
load of 1M deals takes several minutes; keep a data directory to measure again). ``--deals``
makes a smaller database for a quick check. ``PYTHONPATH=<other checkout>/src`` measures that
checkout's code on the same data (the servers inherit it). Needs wrk (``apt-get install wrk``;
without it the script says so and exits 0), asyncpg, orjson (the bare app), psutil.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import psutil
from deals_scale import (
    bench_users,
    company_name,
    grow,
    key_ring,
    loaded_deals,
    make_users,
    pg_params,
)
from partners_list import free_port

from prm_api import API_VERSION, migrate
from prm_api.auth.roles import ceiling
from prm_api.auth.tokens import issue_access_token
from prm_api.config import Settings
from prm_api.db import embedded_database_url, stop_embedded_servers
from prm_api.kit.ids import new_id

BENCH = Path(__file__).resolve().parent
CEILING = Path(os.environ.get("PRM_CEILING", BENCH.parent.parent / "shared/bench/ceiling.py"))
if not CEILING.exists():
    CEILING = Path("/work/shared/bench/ceiling.py")
VENDOR_EMAIL = "bench-admin@bench.vendor"
# Far above what two cores serve in a minute: the limiter runs on every request, never denies.
RATE_LIMIT = 100_000_000
TOKEN_TTL_S = 12 * 3600


# --- data ----------------------------------------------------------------------------------


async def load_events(url: str, partners: list[uuid.UUID], target: int) -> None:
    """``target`` deal events across the partners (already fanned out, so the in-process
    worker has nothing to deliver), each carrying a deal as the API renders it."""
    conn = await asyncpg.connect(**pg_params(url))
    try:
        current = await conn.fetchval("SELECT count(*) FROM events")
        if current >= target:
            return
        rng = random.Random(13)
        now = datetime.now(UTC)
        rows = []
        for i in range(target - current):
            pid = rng.choice(partners)
            deal_id = str(uuid.uuid4())
            at = now - timedelta(seconds=(target - i) * 30)
            obj = {
                "id": deal_id,
                "partner_id": str(pid),
                "customer": {
                    "name": f"Customer {i}",
                    "domain": f"c{i}.example",
                    "country": "DE",
                    "name_key": f"customer {i}",
                },
                "title": f"Customer {i} renewal",
                "amount": {"amount": f"{rng.randint(1000, 500000)}.00", "currency": "USD"},
                "stage": "qualification",
                "status": "draft",
                "products": [],
                "external_ids": {},
                "expected_close_date": None,
                "has_conflicts": False,
                "created_at": at.isoformat(),
                "updated_at": at.isoformat(),
                "version": 1,
            }
            actor = {
                "type": "user",
                "id": str(uuid.uuid4()),
                "role": "partner_admin",
                "partner_id": str(pid),
                "client_id": "prm-first-party",
            }
            rows.append(
                (
                    new_id(),
                    "deal.created",
                    at,
                    API_VERSION,
                    "deal",
                    deal_id,
                    pid,
                    json.dumps(actor),
                    json.dumps({"object": obj}),
                    at,
                )
            )
        await conn.copy_records_to_table(
            "events",
            records=rows,
            columns=[
                "id",
                "type",
                "created_at",
                "api_version",
                "resource_type",
                "resource_id",
                "partner_id",
                "actor",
                "data",
                "fanned_out_at",
            ],
        )
        print(f"loaded {len(rows)} events")
    finally:
        await conn.close()


async def ensure_tiers(url: str) -> None:
    """Four tiers, spread over the partners (a partner page then presents tier references)."""
    conn = await asyncpg.connect(**pg_params(url))
    try:
        if await conn.fetchval("SELECT count(*) FROM tiers WHERE key LIKE 'bench-%'"):
            return
        now = datetime.now(UTC)
        ids = [new_id() for _ in range(4)]
        await conn.executemany(
            "INSERT INTO tiers (id, key, name, rank, benefits, created_at, updated_at, version)"
            " VALUES ($1, $2, $3, $4, '', $5, $5, 1)",
            [(t, f"bench-{i}", f"Bench tier {i}", 100 + i, now) for i, t in enumerate(ids)],
        )
        await conn.execute(
            "UPDATE partners SET tier_id = ($1::uuid[])[1 + abs(hashtext(id::text)) % 4]"
            " WHERE tier_id IS NULL",
            ids,
        )
    finally:
        await conn.close()


# The asset library (issue 13): its kinds, the content type of a file kind's current version
# (a PNG/JPEG/PDF is marked as having its thumbnail, so the in-process make-thumbnails job finds
# nothing to render), and the audience rules spread over the assets.
ASSET_KINDS = {
    "document": ("application/pdf", "pdf"),
    "presentation": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
    ),
    "video": ("video/mp4", "mp4"),
    "image": ("image/png", "png"),
    "archive": ("application/zip", "zip"),
    "link": (None, None),
    "other": ("application/octet-stream", "bin"),
}
ASSET_TAGS = ("pricing", "battle-card", "onboarding", "logo", "campaign", "q3", "datasheet")
ASSET_LANGUAGES = ("en", "en-GB", "de", "de-AT", "fr", "pl", None)
PARTNER_TYPES = ("reseller", "distributor", "referral", "affiliate", "msp", "technology")
COUNTRIES = ("DE", "AT", "CH", "FR", "PL", "US", "GB", "NL")
REGIONS = ("DACH", "EMEA", "North America")
ASSET_MARK = "bench"  # assets.created_by of the loaded assets


#: The audience columns' values, in COLUMNS order (everyone, tiers, types, countries,
#: regions, named partners, excluded partners).
AudienceValues = tuple[
    bool, list[uuid.UUID], list[str], list[str], list[str], list[uuid.UUID], list[uuid.UUID]
]


def _audience(
    rng: random.Random, tiers: list[uuid.UUID], partners: list[uuid.UUID], key: uuid.UUID
) -> AudienceValues:
    """One asset's audience: everyone, tiers, types, countries, regions, a combination of
    them, named partners or nobody (vendor only), with exclusions on some. The key partner
    (a reseller in DE, no region, one of the bench tiers) is named on some and excluded from
    some, so every rule decides some of its first page."""
    everyone = False
    tier_ids: list[uuid.UUID] = []
    types: list[str] = []
    countries: list[str] = []
    regions: list[str] = []
    named: list[uuid.UUID] = []
    roll = rng.random()
    if roll < 0.20:
        everyone = True
    elif roll < 0.40:
        tier_ids = rng.sample(tiers, rng.randint(1, 2))
    elif roll < 0.52:
        types = rng.sample(PARTNER_TYPES, rng.randint(1, 3))
    elif roll < 0.64:
        countries = rng.sample(COUNTRIES, rng.randint(1, 3))
    elif roll < 0.70:
        regions = rng.sample(REGIONS, 1)
    elif roll < 0.82:  # a combination: e.g. gold resellers in the DACH countries
        tier_ids = rng.sample(tiers, rng.randint(1, 3))
        types = rng.sample(PARTNER_TYPES, rng.randint(1, 2))
        countries = rng.sample(COUNTRIES, rng.randint(2, 4))
    elif roll < 0.95:
        named = rng.sample(partners, rng.randint(1, 20))
        if rng.random() < 0.3:
            named.append(key)
    # else: no rule (vendor staff only)
    excluded = rng.sample(partners, rng.randint(1, 5)) if rng.random() < 0.15 else []
    if rng.random() < 0.03:
        excluded.append(key)
    return everyone, tier_ids, types, countries, regions, named, excluded


async def load_assets(url: str, partners: list[uuid.UUID], key: uuid.UUID, target: int) -> None:
    """``target`` assets (``created_by = 'bench'``) with mixed audiences over the bench tiers
    and partners: ~85% published (a few scheduled for later, some expiring in weeks: nothing
    the publish job would change during a run), the rest drafts and archived; ~70% of the file
    assets with a current version (1–3 version rows, the asset's ``current_*`` columns filled
    as ``versions.set_current_version`` fills them), link assets with their url, categories,
    tags, languages, download counts; ``updated_at`` spread over a year. Idempotent."""
    conn = await asyncpg.connect(**pg_params(url))
    try:
        current = await conn.fetchval(
            "SELECT count(*) FROM assets WHERE created_by = $1", ASSET_MARK
        )
        if current >= target:
            return
        tiers = [r["id"] for r in await conn.fetch("SELECT id FROM tiers WHERE key LIKE 'bench-%'")]
        rng = random.Random(17 + current)
        now = datetime.now(UTC)
        categories = []
        async with conn.transaction():
            for i, name in enumerate(("Sales", "Marketing", "Technical", "Training")):
                cid = await conn.fetchval(
                    "SELECT id FROM asset_categories WHERE slug = $1", f"bench-{i}"
                )
                if cid is None:
                    cid = new_id()
                    await conn.execute(
                        "INSERT INTO asset_categories (id, parent_id, name, slug, position,"
                        " created_at, updated_at, version)"
                        " VALUES ($1, NULL, $2, $3, $4, $5, $5, 1)",
                        cid,
                        f"Bench {name}",
                        f"bench-{i}",
                        i,
                        now,
                    )
                categories.append(cid)
            assets, versions = [], []
            for i in range(target - current):
                aid = new_id()
                kind = rng.choice(list(ASSET_KINDS))
                content_type, ext = ASSET_KINDS[kind]
                status = rng.choices(("published", "draft", "archived"), (85, 10, 5))[0]
                updated = now - timedelta(minutes=rng.randint(1, 525_600))
                created = updated - timedelta(days=rng.randint(0, 90))
                publish_at = expires_at = published_at = archived_at = None
                if status == "published":
                    published_at = updated
                    if rng.random() < 0.1:
                        expires_at = now + timedelta(days=rng.randint(14, 365))
                    if rng.random() < 0.02:  # published, live for partners only later
                        publish_at = now + timedelta(days=rng.randint(14, 60))
                elif status == "draft" and rng.random() < 0.2:
                    publish_at = now + timedelta(days=rng.randint(14, 60))
                elif status == "archived":
                    archived_at = updated
                title = f"{company_name(rng)} {kind} {current + i}"
                tags = rng.sample(ASSET_TAGS, rng.randint(0, 3))
                number = filename = sha = size = uploaded = None
                if content_type is not None and rng.random() < 0.7:
                    number = rng.randint(1, 3)
                    filename = f"{title.lower().replace(' ', '-')}.{ext}"
                    for n in range(1, number + 1):
                        sha = uuid.uuid4().hex + uuid.uuid4().hex
                        size = rng.randint(10_000, 500_000_000)
                        uploaded = created + timedelta(hours=n)
                        versions.append(
                            (new_id(), aid, n, filename, content_type, size, sha, "bench", uploaded)
                        )
                audience = _audience(rng, tiers, partners, key)
                assets.append(
                    (
                        aid,
                        title,
                        f"Bench asset {current + i}: {' '.join(tags)}",
                        kind,
                        f"https://example.com/assets/{current + i}" if kind == "link" else None,
                        rng.choice(categories) if rng.random() < 0.8 else None,
                        tags,
                        rng.choice(ASSET_LANGUAGES),
                        status,
                        publish_at,
                        expires_at,
                        published_at,
                        archived_at,
                        rng.random() < 0.05,
                        ASSET_MARK,
                        number,
                        filename,
                        content_type if number else None,
                        size,
                        sha,
                        uploaded,
                        bool(number) and content_type in ("application/pdf", "image/png"),
                        rng.randint(0, 5000),
                        json.dumps({"dam": f"D{current + i}"} if rng.random() < 0.2 else {}),
                        f"{title} {' '.join(tags)} {filename or ''}",
                        *audience,
                        created,
                        updated,
                        rng.randint(1, 5),
                    )
                )
            await conn.copy_records_to_table(
                "assets",
                records=assets,
                columns=[
                    "id",
                    "title",
                    "description",
                    "kind",
                    "url",
                    "category_id",
                    "tags",
                    "language",
                    "status",
                    "publish_at",
                    "expires_at",
                    "published_at",
                    "archived_at",
                    "featured",
                    "created_by",
                    "current_version_number",
                    "current_filename",
                    "current_content_type",
                    "current_size_bytes",
                    "current_sha256",
                    "current_uploaded_at",
                    "has_thumbnail",
                    "download_count",
                    "external_ids",
                    "search_source",
                    "audience_everyone",
                    "audience_tier_ids",
                    "audience_partner_types",
                    "audience_countries",
                    "audience_regions",
                    "audience_partner_ids",
                    "audience_excluded_partner_ids",
                    "created_at",
                    "updated_at",
                    "version",
                ],
            )
            await conn.copy_records_to_table(
                "asset_versions",
                records=versions,
                columns=[
                    "id",
                    "asset_id",
                    "number",
                    "filename",
                    "content_type",
                    "size_bytes",
                    "sha256",
                    "uploaded_by",
                    "uploaded_at",
                ],
            )
            # The two tables reference each other: the current version's id goes in last.
            await conn.execute(
                "UPDATE assets a SET current_version_id = v.id FROM asset_versions v"
                " WHERE v.asset_id = a.id AND v.number = a.current_version_number"
                " AND a.created_by = $1 AND a.current_version_id IS NULL",
                ASSET_MARK,
            )
        print(f"loaded {len(assets)} assets with {len(versions)} versions")
    finally:
        await conn.close()


async def vendor_user(url: str) -> uuid.UUID:
    conn = await asyncpg.connect(**pg_params(url))
    try:
        found = await conn.fetchval("SELECT id FROM users WHERE email = $1", VENDOR_EMAIL)
        if found:
            return found
        uid, now = new_id(), datetime.now(UTC)
        await conn.execute(
            "INSERT INTO users (id, email, name, role, partner_id, active, failed_login_count,"
            " token_version, created_at, updated_at, version)"
            " VALUES ($1, $2, 'Bench admin', 'admin', NULL, true, 0, 0, $3, $3, 1)",
            uid,
            VENDOR_EMAIL,
            now,
        )
        return uid
    finally:
        await conn.close()


async def settle(url: str) -> None:
    """Vacuumed, analyzed and checkpointed, so no maintenance runs during the measurement."""
    conn = await asyncpg.connect(**pg_params(url))
    try:
        for table in ("deals", "partners", "users", "events", "tiers", "assets", "asset_versions"):
            await conn.execute(f"VACUUM (ANALYZE) {table}")
        await conn.execute("CHECKPOINT")
    finally:
        await conn.close()


@dataclass
class Fixture:
    partner: uuid.UUID  # a key partner: its first page of deals is full
    partner_user: uuid.UUID
    vendor_user: uuid.UUID
    deal: uuid.UUID  # one of the key partner's deals


def prepare(url: str, deals: int, events: int, assets: int) -> Fixture:
    # First: an older database gains the tables the loaders below fill (assets).
    migrate.upgrade(url)
    current = asyncio.run(loaded_deals(url))
    partners = asyncio.run(grow(url, None, deals, current, random.Random(11)))
    asyncio.run(make_users(url, partners))
    asyncio.run(ensure_tiers(url))
    asyncio.run(load_events(url, partners, events))
    asyncio.run(load_assets(url, partners, partners[0], assets))
    admin = asyncio.run(vendor_user(url))
    asyncio.run(settle(url))
    partner = partners[0]
    assert partner in bench_users, "the key partner has no bench user"

    async def newest_deal() -> uuid.UUID:
        conn = await asyncpg.connect(**pg_params(url))
        try:
            return await conn.fetchval(
                "SELECT id FROM deals WHERE partner_id = $1 ORDER BY created_at DESC LIMIT 1",
                partner,
            )
        finally:
            await conn.close()

    return Fixture(partner, bench_users[partner], admin, asyncio.run(newest_deal()))


# --- servers -------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    proc: subprocess.Popen[bytes]
    base: str


def _wait_ready(server: Server, path: str, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(f"{server.name} exited during start-up:\n{tail}")
        try:
            if httpx.get(server.base + path, timeout=5).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.proc.kill()
    raise RuntimeError(f"{server.name} did not start")


def start(
    name: str, argv: list[str], env: dict[str, str], port: int, path: str, logs: Path
) -> Server:
    log = logs / f"{name}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, env={**os.environ, **env}, stdout=out, stderr=out)
    server = Server(name, proc, f"http://127.0.0.1:{port}")
    _wait_ready(server, path, log)
    return server


def start_product(url: str, logs: Path) -> Server:
    """``prm-api serve`` with its defaults: only the database and the rate limit are set."""
    port = free_port()
    env = {
        # Nothing from the caller's environment changes the defaults.
        **{k: v for k, v in os.environ.items() if not k.startswith("PRM_")},
        "PRM_DATABASE_URL": url,
        "PRM_RATE_LIMIT_PER_MINUTE": str(RATE_LIMIT),
    }
    argv = [sys.executable, "-m", "prm_api", "serve", "--port", str(port), "--no-migrate"]
    log = logs / "api.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            # cwd: no stray .env of the checkout is read.
            argv,
            env=env,
            stdout=out,
            stderr=out,
            cwd=str(logs),
        )
    server = Server("api", proc, f"http://127.0.0.1:{port}")
    _wait_ready(server, "/healthz", log)
    return server


def wait_idle(procs: list[psutil.Process], timeout_s: float, window_s: float = 3.0) -> None:
    """Wait until the API process and the database are idle (together under 5 % of a core over
    ``window_s``): at start ``serve`` runs its jobs' catch-up (deal expiry, tier evaluation,
    health snapshots, the audit checkpoint) in-process, and a profile taken during a first
    round found ~30 % of the server's CPU there, not in the requests being measured. The
    jobs keep running on their schedule afterwards, as in production; only the start-up
    backlog is waited out."""
    t0 = time.perf_counter()
    while True:
        before = sum(cpu_seconds(procs + postgres_processes()).values())
        time.sleep(window_s)
        busy = (sum(cpu_seconds(procs + postgres_processes()).values()) - before) / window_s
        waited = time.perf_counter() - t0
        if busy < 0.05 or waited > timeout_s:
            state = "idle" if busy < 0.05 else f"still {busy:.0%} of a core busy, measuring anyway"
            print(f"API and database {state} after {waited:.0f}s (start-up jobs settled)")
            return


def libpq_dsn(url: str) -> str:
    p = pg_params(url)
    return f"postgresql://{p['user']}@/{p['database']}?host={p['host']}&port={p['port']}"


def start_references(url: str, fx: Fixture, logs: Path) -> list[Server]:
    env = {
        "CEILING_DSN": libpq_dsn(url),
        "CEILING_PARTNER": str(fx.partner),
        "REF_USER": str(fx.partner_user),
    }
    servers = []
    for kind in ("bare", "fastapi"):
        port = free_port()
        argv = [sys.executable, str(CEILING), "serve", kind, str(port)]
        servers.append(start(kind, argv, env, port, "/deals" if kind == "fastapi" else "/", logs))
    port = free_port()
    argv = [sys.executable, str(BENCH / "reference_apps.py"), str(port)]
    servers.append(start("naive", argv, env, port, "/me", logs))
    return servers


def stop(servers: list[Server]) -> None:
    for s in servers:
        if s.proc.poll() is None:
            s.proc.terminate()
    for s in servers:
        try:
            s.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            s.proc.kill()


# --- targets and checks --------------------------------------------------------------------


@dataclass
class Target:
    key: str  # e.g. "deals/api"
    shape: str
    server: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        shown = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "{id}", self.path)
        return f"{self.server:<8} {shown}"


SHAPES = ("deals", "partners", "events", "deal", "me", "assets")


def targets(fx: Fixture, partner_h: dict[str, str], vendor_h: dict[str, str]) -> list[Target]:
    deal = f"/deals/{fx.deal}"
    return [
        Target("deals/api", "deals", "api", "/v1/deals?limit=50", partner_h),
        Target("deals/naive", "deals", "fastapi", "/deals"),
        Target("deals/bare", "deals", "bare", "/"),
        Target("partners/api", "partners", "api", "/v1/partners?limit=50", vendor_h),
        Target("partners/naive", "partners", "naive", "/partners"),
        Target("events/api", "events", "api", "/v1/events?limit=100", vendor_h),
        Target("events/naive", "events", "naive", "/events"),
        Target("deal/api", "deal", "api", f"/v1{deal}", partner_h),
        Target("deal/naive", "deal", "naive", deal),
        Target("me/api", "me", "api", "/v1/me", partner_h),
        Target("me/naive", "me", "naive", "/me"),
        Target("me/healthz", "me", "api", "/healthz"),
        Target("assets/api", "assets", "api", "/v1/assets?limit=50", partner_h),
        Target("assets/naive", "assets", "naive", "/assets"),
    ]


def ids_of(body: Any) -> list[str]:
    if isinstance(body, dict) and "data" in body:
        return [str(row["id"]) for row in body["data"]]
    if isinstance(body, dict) and "status" in body and "id" not in body:
        return []  # /healthz
    return [str(body["id"])]


def check_same_rows(bases: dict[str, str], chosen: list[Target]) -> None:
    """Each product endpoint answers 200 with the rows its reference apps return."""
    by_shape: dict[str, dict[str, list[str]]] = {}
    for t in chosen:
        r = httpx.get(bases[t.server] + t.path, headers=t.headers, timeout=30)
        if r.status_code != 200:
            raise SystemExit(f"{t.key}: {t.path} answered {r.status_code}: {r.text[:500]}")
        if t.key != "me/healthz":
            by_shape.setdefault(t.shape, {})[t.key] = ids_of(r.json())
    for shape, answers in by_shape.items():
        distinct = {tuple(v) for v in answers.values()}
        if len(distinct) != 1:
            raise SystemExit(f"{shape}: the servers return different rows: {answers}")
        size = len(next(iter(distinct)))
        print(f"  {shape:<9} same {size} row(s) from {', '.join(answers)}")


# --- wrk -----------------------------------------------------------------------------------


@dataclass
class Sample:
    rps: float
    p50_ms: float
    p99_ms: float
    non2xx: int  # answers other than 2xx/3xx (a 429 would mean the limiter got in the way)
    socket_errors: int  # connect/read/write errors and timeouts (the server fell behind)
    requests: int = 0
    server_cpu_us: float = 0.0  # CPU of the server process per request (µs)
    db_cpu_us: float = 0.0  # CPU of every PostgreSQL process per request (µs)

    @property
    def problems(self) -> str:
        out = [f"{self.non2xx} non-2xx"] if self.non2xx else []
        return ", ".join(
            out + ([f"{self.socket_errors} socket errors"] if self.socket_errors else [])
        )


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    assert m, text
    return float(m.group(1)) * UNITS[m.group(2)]


def wrk(url: str, headers: dict[str, str], duration: float, connections: int) -> Sample:
    # --timeout: on a busy machine a slow answer is a latency to report, not an error.
    argv = ["wrk", "-t1", f"-c{connections}", f"-d{duration:g}s", "--latency", "--timeout", "10s"]
    for k, v in headers.items():
        argv += ["-H", f"{k}: {v}"]
    out = subprocess.run([*argv, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    done = re.search(r"(\d+) requests in", out)
    assert p50 and p99 and done, out
    return Sample(
        rps,
        _ms(p50.group(1)),
        _ms(p99.group(1)),
        int(non2xx.group(1)) if non2xx else 0,
        sum(int(g) for g in sock.groups()) if sock else 0,
        int(done.group(1)),
    )


def cpu_seconds(procs: list[psutil.Process]) -> dict[int, float]:
    """CPU seconds so far per pid (a process gone by now is left out)."""
    seconds = {}
    for p in procs:
        try:
            t = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        seconds[p.pid] = t.user + t.system
    return seconds


def postgres_processes() -> list[psutil.Process]:
    """The PostgreSQL server and its backends (the benchmark's database is the only one)."""
    return [
        p for p in psutil.process_iter(["name"]) if p.info["name"] in ("postgres", "postmaster")
    ]


def measured(server: psutil.Process, run: Callable[[], Sample]) -> Sample:
    """``run()`` with the CPU the server process and PostgreSQL spent on it, per request:
    where a request's cost lies (the database's share is the same for every app). A backend
    started during the run counts from zero; one that ended during it is left out."""
    s0, d0 = cpu_seconds([server]), cpu_seconds(postgres_processes())
    sample = run()
    s1, d1 = cpu_seconds([server]), cpu_seconds(postgres_processes())
    n = max(sample.requests, 1)
    sample.server_cpu_us = sum(s1.values()) - sum(s0.values())
    sample.server_cpu_us *= 1e6 / n
    sample.db_cpu_us = sum(t - d0.get(pid, 0.0) for pid, t in d1.items()) * 1e6 / n
    return sample


# --- report --------------------------------------------------------------------------------

# (label, numerator target, denominator target, kind, target value)
RATIOS: list[tuple[str, str, str, str, float | None]] = [
    ("deals list vs naive FastAPI (req/s)", "deals/api", "deals/naive", "rps", 1.0),
    ("deals list vs bare ASGI (req/s)", "deals/api", "deals/bare", "rps", 0.5),
    ("deals list p99 vs naive p99", "deals/api", "deals/naive", "p99", 2.0),
    ("partners list vs naive (req/s)", "partners/api", "partners/naive", "rps", 1.0),
    ("events list vs naive (req/s)", "events/api", "events/naive", "rps", 1.0),
    # No target for these two (the issue bounds lists, and /v1/me against /healthz): shown
    # because their fixed cost is mostly authentication, which the naive app does not do.
    ("deal by id vs naive (req/s)", "deal/api", "deal/naive", "rps", None),
    ("/v1/me vs naive (req/s)", "me/api", "me/naive", "rps", None),
    ("/v1/me vs /healthz (req/s)", "me/api", "me/healthz", "rps", 0.5),
    ("assets list vs naive (req/s)", "assets/api", "assets/naive", "rps", 1.0),
]
# (label, target, target value in ms): latencies issue 13 sets an upper bound for. A latency is
# what one client waits: measured with one connection (``LATENCY_CONNECTIONS``), not at the
# concurrency of the throughput runs, where every server's p50 is mostly queueing (32
# connections over ~300 req/s is ~100 ms for the naive app as much as for the product).
LATENCIES = [("assets list p50, 1 connection (ms)", "assets/api", 20.0)]
LATENCY_CONNECTIONS = 1


def latency_key(key: str) -> str:
    return f"{key}@{LATENCY_CONNECTIONS}"


def report(results: dict[str, list[Sample]], chosen: list[Target], rss: list[int]) -> None:
    rounds = max(len(v) for v in results.values())
    head = (
        f"{'target (medians over rounds)':<36} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'cpu µs/req: server':>18} {'db':>5}"
    )
    print(f"\n{head}  req/s per round")
    for t in chosen:
        samples = results[t.key]
        rps = "/".join(f"{s.rps:.0f}" for s in samples)
        med = statistics.median(s.rps for s in samples)
        p50 = statistics.median(s.p50_ms for s in samples)
        p99 = statistics.median(s.p99_ms for s in samples)
        problems = "; ".join(s.problems for s in samples if s.problems)
        flag = f"  ({problems})" if problems else ""
        server_cpu = statistics.median(s.server_cpu_us for s in samples)
        db_cpu = statistics.median(s.db_cpu_us for s in samples)
        print(
            f"{t.label:<36} {med:>7.0f} {p50:>8.1f} {p99:>8.1f} {server_cpu:>18.0f} {db_cpu:>5.0f}"
            f"  {rps}{flag}"
        )
    print(f"\n{'ratio (within a round; median [min–max])':<40} {'value':>20}  target")
    for label, num, den, kind, goal in RATIOS:
        if num not in results or den not in results:
            continue
        per_round = []
        for a, b in zip(results[num], results[den], strict=False):
            per_round.append(a.rps / b.rps if kind == "rps" else a.p99_ms / b.p99_ms)
        med = statistics.median(per_round)
        span = f"{med:.2f}× [{min(per_round):.2f}–{max(per_round):.2f}]"
        if goal is None:
            print(f"{label:<40} {span:>20}  (no target)")
            continue
        ok = med >= goal if kind == "rps" else med <= goal
        sign = "≥" if kind == "rps" else "≤"
        verdict = "ok" if ok else "MISSED"
        print(f"{label:<40} {span:>20}  {sign} {goal:.1f}×  {verdict}")
    for label, key, bound in LATENCIES:
        if latency_key(key) not in results:
            continue
        per_round = [s.p50_ms for s in results[latency_key(key)]]
        med = statistics.median(per_round)
        span = f"{med:.1f} [{min(per_round):.1f}–{max(per_round):.1f}]"
        verdict = "ok" if med < bound else "MISSED"
        print(f"{label:<40} {span:>20}  < {bound:.0f}    {verdict}")
    mib = [f"{r / 2**20:.0f}" for r in rss]
    growth = (rss[-1] - rss[0]) / 2**20 if len(rss) > 1 else 0.0
    print(
        f"\nAPI process RSS after each round (MiB): {' → '.join(mib)}"
        f"  (last − first: {growth:+.1f} MiB over {rounds} rounds)"
    )


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, help="keep the database here and reuse it")
    ap.add_argument("--deals", type=int, default=1_000_000)
    ap.add_argument("--events", type=int, default=50_000)
    ap.add_argument("--assets", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", type=float, default=8.0, help="seconds per wrk run")
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--warmup", type=float, default=2.0, help="seconds per target, not counted")
    ap.add_argument("--only", help=f"comma-separated shapes of {','.join(SHAPES)}")
    ap.add_argument(
        "--settle-timeout", type=float, default=300.0, help="seconds to wait for idle at start"
    )
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        print("throughput: wrk is not installed (apt-get install wrk); nothing measured.")
        return
    shapes = set(args.only.split(",")) if args.only else set(SHAPES)
    if unknown := shapes - set(SHAPES):
        ap.error(f"unknown shapes {sorted(unknown)}")

    tmp = None
    if args.data_dir:
        data_dir = args.data_dir.resolve()
    else:
        tmp = data_dir = Path(tempfile.mkdtemp(prefix="prm-bench-throughput-"))
    logs = data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    servers: list[Server] = []
    try:
        url = embedded_database_url(data_dir)
        t0 = time.perf_counter()
        fx = prepare(url, args.deals, args.events, args.assets)
        print(f"data ready in {time.perf_counter() - t0:.0f}s ({data_dir})")
        api = start_product(url, logs)
        servers.append(api)
        wait_idle([psutil.Process(api.proc.pid)], args.settle_timeout)
        servers += start_references(url, fx, logs)
        bases = {s.name: s.base for s in servers}
        settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
        ring = asyncio.run(key_ring(url, settings))

        def headers(sub: uuid.UUID, role: str, partner: uuid.UUID | None) -> dict[str, str]:
            token, _ = issue_access_token(
                ring,
                settings,
                sub=str(sub),
                client_id="prm-first-party",
                scopes=ceiling(role),
                role=role,
                subject_type="user",
                partner_id=partner,
                ttl_s=TOKEN_TTL_S,
            )
            return {"Authorization": f"Bearer {token}"}

        chosen = [
            t
            for t in targets(
                fx,
                headers(fx.partner_user, "partner_admin", fx.partner),
                headers(fx.vendor_user, "admin", None),
            )
            if t.shape in shapes
        ]
        print("checking the answers:")
        check_same_rows(bases, chosen)
        if args.warmup > 0:
            for t in chosen:
                wrk(bases[t.server] + t.path, t.headers, args.warmup, args.connections)
        proc = psutil.Process(api.proc.pid)
        server_procs = {s.name: psutil.Process(s.proc.pid) for s in servers}
        results: dict[str, list[Sample]] = {t.key: [] for t in chosen}
        rss = []
        for r in range(args.rounds):
            # Alternate the order: a noisy stretch of the machine hits different targets.
            order = chosen if r % 2 == 0 else list(reversed(chosen))
            for t in order:
                s = measured(
                    server_procs[t.server],
                    lambda t=t: wrk(  # type: ignore[misc]
                        bases[t.server] + t.path, t.headers, args.duration, args.connections
                    ),
                )
                results[t.key].append(s)
                print(
                    f"round {r + 1}  {t.label:<36} {s.rps:8.0f} req/s  p50 {s.p50_ms:6.1f} ms"
                    f"  p99 {s.p99_ms:6.1f} ms  cpu/req server {s.server_cpu_us:5.0f} µs"
                    f" db {s.db_cpu_us:5.0f} µs" + (f"  ({s.problems})" if s.problems else ""),
                    flush=True,
                )
            for _label, key, _bound in LATENCIES:
                t = next((t for t in chosen if t.key == key), None)
                if t is None:
                    continue
                s = wrk(bases[t.server] + t.path, t.headers, args.duration, LATENCY_CONNECTIONS)
                results.setdefault(latency_key(key), []).append(s)
                print(
                    f"round {r + 1}  {t.label:<36} p50 {s.p50_ms:6.1f} ms  p99 {s.p99_ms:6.1f} ms"
                    f"  at {LATENCY_CONNECTIONS} connection",
                    flush=True,
                )
            rss.append(proc.memory_info().rss)
            print(f"round {r + 1}  API RSS {rss[-1] / 2**20:.1f} MiB", flush=True)
        report(results, chosen, rss)
    finally:
        stop(servers)
        stop_embedded_servers()  # before its directory goes (a kept one just stops)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
