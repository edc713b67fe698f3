"""The data of ``bench/metrics.py``, part one: a partner program of ``partners`` partners in
four tiers and ``deals`` deals over the last 15 months in every status (``metrics_engagement``
adds the engagement records), deterministic (seeded).

Loaded by COPY with the rollup triggers disabled and the secondary indexes dropped (``bulk``);
``bench/metrics.py`` then rebuilds the rollups once and prints how long that took. The load
resumes: deals in seeded chunks of ``CHUNK`` (a later run loads the chunks still missing, so a
larger ``--deals`` only adds deals), the other tables as a whole when their count falls short.
What must survive an interruption — the dropped indexes' definitions, and that the rollups
need a rebuild — is kept in the table ``bench.state`` of the same database; each run first
restores it (``recover``: indexes recreated, triggers enabled; the rebuild follows the mark).

Reused: partners and partner admins (``deals_scale``), company names and the deal status mix,
countries and partner types (``throughput``).
"""

from __future__ import annotations

import json
import math
import random
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import asyncpg
from deals_scale import (
    STAGES,
    STATUSES,
    company_name,
    drop_indexes,
    existing_partners,
    load_partners,
    make_users,
)
from throughput import COUNTRIES, PARTNER_TYPES

from prm_api.deals.names import name_key

CHUNK = 50_000
HISTORY_DAYS = 456  # 15 months
TRIGGERS = {
    "deals": "deals_rollup",
    "asset_downloads": "asset_downloads_rollup",
    "enrollments": "enrollments_rollup",
    "user_activity_days": "user_activity_days_rollup",
}
USER_MAIL = "@bench-metrics.example"  # the two partner users added per partner
#: (key, name, rank, weight quantile the tier starts at, certified users required).
TIERS = [
    ("bench-registered", "Registered", 10, 0.0, None),
    ("bench-silver", "Silver", 20, 0.5, 1),
    ("bench-gold", "Gold", 30, 0.8, 2),
    ("bench-platinum", "Platinum", 40, 0.95, 3),
]
#: Deal amounts: log-uniform between these (mean ~80,000).
LOG_MIN, LOG_MAX = math.log(1_000), math.log(500_000)


@dataclass(frozen=True)
class Size:
    partners: int
    deals: int
    engagement: int

    @property
    def downloads(self) -> int:
        return self.engagement // 2

    @property
    def activity_days(self) -> int:
        return self.engagement * 3 // 10

    @property
    def completions(self) -> int:
        return self.engagement - self.downloads - self.activity_days


def columns(names: str) -> list[str]:
    """A COPY column list, written as words."""
    return names.split()


def partner_weights(n: int) -> list[float]:
    """How much business each partner (in load order) does: log-normal, so a few partners
    bring a large share of the deals, as in real channels."""
    rng = random.Random("partner-weights")
    return [rng.lognormvariate(0, 1.3) for _ in range(n)]


def quantiles(weights: list[float]) -> list[float]:
    order = sorted(range(len(weights)), key=weights.__getitem__)
    q = [0.0] * len(weights)
    for rank, i in enumerate(order):
        q[i] = rank / len(weights)
    return q


# --- state that survives an interruption -----------------------------------------------------


async def state(conn: asyncpg.Connection, key: str) -> str | None:
    return await conn.fetchval("SELECT value FROM bench.state WHERE key = $1", key)


async def set_state(conn: asyncpg.Connection, key: str, value: str | None) -> None:
    if value is None:
        await conn.execute("DELETE FROM bench.state WHERE key = $1", key)
    else:
        await conn.execute(
            "INSERT INTO bench.state VALUES ($1, $2)"
            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            key,
            value,
        )


async def recover(conn: asyncpg.Connection) -> None:
    """Undo what an interrupted run left: dropped indexes, disabled triggers."""
    await conn.execute("CREATE SCHEMA IF NOT EXISTS bench")
    await conn.execute("CREATE TABLE IF NOT EXISTS bench.state (key text PRIMARY KEY, value text)")
    for table in TRIGGERS:
        if saved := await state(conn, f"indexes:{table}"):
            for statement in json.loads(saved):
                await conn.execute(
                    statement.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1).replace(
                        "CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ", 1
                    )
                )
            await set_state(conn, f"indexes:{table}", None)
            print(f"recreated the indexes of {table} an interrupted run had dropped")
    for table, trigger in TRIGGERS.items():
        await conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")


async def bulk(conn: asyncpg.Connection, table: str, load: Callable[[], Awaitable[None]]) -> None:
    """Run ``load`` with ``table``'s rollup trigger disabled and its indexes dropped, the
    rollups marked for a rebuild first."""
    await set_state(conn, "rollups", "stale")
    async with conn.transaction():
        statements = await drop_indexes(conn, table)
        await set_state(conn, f"indexes:{table}", json.dumps(statements))
    await conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER {TRIGGERS[table]}")
    t = time.perf_counter()
    await load()
    loaded = time.perf_counter() - t
    await conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER {TRIGGERS[table]}")
    t = time.perf_counter()
    for statement in statements:
        await conn.execute(statement)
    await set_state(conn, f"indexes:{table}", None)
    print(
        f"  {table}: loaded in {loaded:.1f}s, {len(statements)} indexes in "
        f"{time.perf_counter() - t:.1f}s"
    )


# --- partners, tiers, users, rates -------------------------------------------------------------


async def ensure_partners(conn: asyncpg.Connection, n: int, per_partner: float) -> list[uuid.UUID]:
    """``n`` partners (reused when loaded), their type, country, status, dates and tier set
    from their weight: the top 5 % Platinum, the next 15 % Gold, 30 % Silver, the rest
    Registered, 15 % of them one tier off (so an evaluation proposes changes)."""
    partners = await existing_partners(conn)
    if len(partners) >= n:
        return partners[:n]
    if partners:
        raise SystemExit(f"the database holds {len(partners)} partners, not {n}: use another dir")
    partners = await load_partners(conn, n)
    now = datetime.now(UTC)
    tiers = await ensure_tiers(conn, partner_weights(n), per_partner)
    rng = random.Random("partners")
    rows = []
    for pid, q in zip(partners, quantiles(partner_weights(n)), strict=True):
        level = max(i for i, t in enumerate(TIERS) if q >= t[3])
        if rng.random() < 0.15:
            level = min(3, max(0, level + rng.choice((-1, 1))))
        country = rng.choice(COUNTRIES)
        region = (
            "DACH"
            if country in ("DE", "AT", "CH")
            else "North America"
            if country == "US"
            else "EMEA"
        )
        roll = rng.random()
        status = "active" if roll < 0.90 else "onboarding" if roll < 0.96 else "suspended"
        created = now - timedelta(days=rng.uniform(20, 1500))
        approved = created + timedelta(days=rng.uniform(1, 20))
        activated = (
            approved + timedelta(days=rng.uniform(3, 90)) if status != "onboarding" else None
        )
        if activated and activated > now:
            activated = now - timedelta(days=1)
        rows.append(
            (
                pid,
                rng.choice(PARTNER_TYPES),
                country,
                region,
                tiers[level],
                status,
                created,
                approved,
                activated,
            )
        )
    await conn.execute(
        """
        UPDATE partners p SET type = v.type, country = v.country, region = v.region,
               tier_id = v.tier_id, status = v.status, created_at = v.created,
               applied_at = v.created, approved_at = v.approved, activated_at = v.activated,
               status_changed_at = coalesce(v.activated, v.approved),
               suspended_at = CASE WHEN v.status = 'suspended' THEN now() END
          FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[],
                      $7::timestamptz[], $8::timestamptz[], $9::timestamptz[])
               AS v(id, type, country, region, tier_id, status, created, approved, activated)
         WHERE p.id = v.id
        """,
        *([r[i] for r in rows] for i in range(9)),
    )
    return partners


async def ensure_tiers(
    conn: asyncpg.Connection, weights: list[float], per_partner: float
) -> list[uuid.UUID]:
    """The four tiers, their revenue and won-deal minimums at what a partner at the tier's
    starting weight quantile wins in 12 months on average (so a fair share qualifies)."""
    ordered = sorted(weights)
    mean = sum(weights) / len(weights)
    won_per_partner = per_partner * 0.30 * 12 / 15  # × won share × 12 of the 15 months
    avg_amount = (math.exp(LOG_MAX) - math.exp(LOG_MIN)) / (LOG_MAX - LOG_MIN)
    now, ids = datetime.now(UTC), []
    for key, name, rank, q, users in TIERS:
        w = ordered[int(q * (len(ordered) - 1))] / mean
        deals = round(won_per_partner * w) if q else None
        revenue = Decimal(round(won_per_partner * w * avg_amount, -4)) if q else None
        ids.append(
            await conn.fetchval(
                "INSERT INTO tiers (id, key, name, rank, benefits, min_won_revenue,"
                " min_won_revenue_currency, min_won_deals, min_certified_users, created_at,"
                " updated_at, version) VALUES ($1, $2, $3, $4, '', $5, $6, $7, $8, $9, $9, 1)"
                " ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name RETURNING id",
                uuid.uuid4(),
                key,
                name,
                rank,
                revenue,
                "USD" if revenue else None,
                deals,
                users,
                now,
            )
        )
    return ids


async def ensure_users(conn: asyncpg.Connection, url: str, partners: list[uuid.UUID]) -> None:
    """Three users per partner: the partner admin ``deals_scale.make_users`` makes (bench
    tokens are minted for it) and two partner users."""
    await make_users(url, partners)
    if await conn.fetchval("SELECT count(*) FROM users WHERE email LIKE $1", f"%{USER_MAIL}"):
        return
    await conn.execute(
        """
        INSERT INTO users (id, email, name, role, partner_id, active, failed_login_count,
                           token_version, created_at, updated_at, version)
        SELECT gen_random_uuid(), 'm-' || n || '-' || k || $2, 'Bench user', 'partner_user',
               id, true, 0, 0, now(), now(), 1
          FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, n) CROSS JOIN generate_series(1, 2) k
        """,
        partners,
        USER_MAIL,
    )


async def ensure_rates(conn: asyncpg.Connection) -> None:
    """A rate on the first of each month for EUR and GBP (base USD), 17 months back."""
    first = date.today().replace(day=1)
    now, rows = datetime.now(UTC), []
    for m in range(18):
        index = first.year * 12 + first.month - 1 - m
        day = date(index // 12, index % 12 + 1, 1)
        for currency, rate in (
            ("EUR", 1.08 + 0.04 * math.sin(index / 3)),
            ("GBP", 1.26 + 0.03 * math.cos(index / 4)),
        ):
            rows.append((uuid.uuid4(), currency, day, Decimal(f"{rate:.4f}"), "bench", now))
    await conn.executemany(
        "INSERT INTO exchange_rates (id, currency, rate_date, rate, source, created_at,"
        " updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $6, 1)"
        " ON CONFLICT (currency, rate_date) DO NOTHING",
        rows,
    )


# --- deals -----------------------------------------------------------------------------------

DEAL_COLUMNS = columns(
    "id partner_id customer_name customer_name_key customer_domain customer_country title"
    " amount currency stage status submitted_at protection_expires_at decided_by decided_at"
    " extensions_used closed_at withdrawn_at expired_at has_conflicts external_ids products"
    " created_at updated_at version"
)


def close_day(rng: random.Random, today: date) -> date:
    """A close date in the last 15 months, a third more likely in a quarter's last month."""
    while True:
        day = today - timedelta(days=int(rng.uniform(0, HISTORY_DAYS)))
        if day.month % 3 == 0 or rng.random() < 0.75:
            return day


def deal_rows(chunk: int, partners: list[uuid.UUID], cum: list[float]) -> Iterator[tuple]:
    """Chunk ``chunk`` of the deals: the same rows for the same chunk and partners."""
    rng = random.Random(f"deals-{chunk}")
    now, today = datetime.now(UTC), date.today()
    owners = rng.choices(partners, cum_weights=cum, k=CHUNK)

    def ago(lo: float, hi: float) -> datetime:
        return now - timedelta(days=rng.uniform(lo, hi))

    for owner in owners:
        status, name = rng.choice(STATUSES), company_name(rng)
        roll = rng.random()
        currency = "USD" if roll < 0.80 else "EUR" if roll < 0.95 else "GBP"
        submitted = decided = withdrawn = expired = protection = None
        closed: date | None = None
        if status in ("won", "lost"):
            closed = close_day(rng, today)
            noon = datetime(closed.year, closed.month, closed.day, 12, tzinfo=UTC)
            decided = min(noon, now) - timedelta(days=rng.uniform(3, 120))
        elif status == "approved":
            decided = ago(0, 85)
        elif status == "expired":
            expired = ago(0, HISTORY_DAYS)
            decided = protection = expired - timedelta(days=90)
        elif status == "withdrawn":
            withdrawn = ago(0, HISTORY_DAYS)
            if rng.random() < 0.5:  # after approval, else while still submitted
                decided = withdrawn - timedelta(days=rng.uniform(1, 60))
            else:
                submitted = withdrawn - timedelta(days=rng.uniform(0.1, 5))
        elif status == "rejected":
            decided = ago(0, HISTORY_DAYS)
        elif status == "submitted":
            submitted = ago(0, 7)
        if decided is not None and submitted is None:
            submitted = decided - timedelta(hours=rng.uniform(0.5, 96))
        if decided is not None and status != "rejected" and protection is None:
            protection = decided + timedelta(days=90)
        created = submitted - timedelta(days=rng.uniform(0, 3)) if submitted else ago(0, 60)
        updated = max(t for t in (created, submitted, decided, withdrawn, expired) if t)
        yield (
            uuid.UUID(int=rng.getrandbits(128), version=4),
            owner,
            name,
            name_key(name),
            f"{name.split()[1].lower()}.example",
            rng.choice(COUNTRIES),
            f"{name} deal",
            Decimal(int(math.exp(rng.uniform(LOG_MIN, LOG_MAX)))),
            currency,
            rng.choice(STAGES),
            status,
            submitted,
            protection,
            "bench" if decided else None,
            decided,
            0,
            closed,
            withdrawn,
            expired,
            rng.random() < 0.03 and submitted is not None,
            "{}",
            [],
            created,
            updated,
            1,
        )


async def ensure_deals(conn: asyncpg.Connection, partners: list[uuid.UUID], n: int) -> None:
    current = await conn.fetchval("SELECT count(*) FROM deals")
    if current >= n:
        return
    weights = partner_weights(len(partners))
    cum = [0.0] * len(weights)
    for i, w in enumerate(weights):
        cum[i] = (cum[i - 1] if i else 0.0) + w

    async def load() -> None:
        for chunk in range(current // CHUNK, math.ceil(n / CHUNK)):
            rows = list(deal_rows(chunk, partners, cum))
            rows = rows[max(0, current - chunk * CHUNK) : n - chunk * CHUNK]
            await conn.copy_records_to_table("deals", records=rows, columns=DEAL_COLUMNS)
            print(f"    deals: {chunk * CHUNK + len(rows):,}/{n:,}", flush=True)

    await bulk(conn, "deals", load)
