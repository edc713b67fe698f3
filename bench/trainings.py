"""Trainings at scale: 10,000 partners, 50,000 partner users, 200 courses and ~1,000,000
module-progress rows (issue 14).

Loads partners by COPY (``deals_scale.load_partners``), users, enrollments and progress by
``INSERT … SELECT`` over ``generate_series`` (no API), the 200 courses (5 link modules each)
through the courses service, then serves the real app with uvicorn on 127.0.0.1 in a process
of its own and times, one request at a time (a client's latency, not throughput):

- a partner user's course list with progress: ``GET /v1/enrollments`` (its enrollments, each
  with per-module progress) and ``GET /v1/courses`` (the catalog its audience admits);
- a partner admin's team progress page: ``GET /v1/enrollments?limit=50`` as partner admin;
- recording a module completion: ``POST /v1/enrollments/{id}/modules/{module_id}/complete``
  by the enrolled user (the last module of an enrollment completes it: the completion hook,
  certification and onboarding checks included).

So that those checks have something to check, ``trainings_checks`` adds certification
programs over bench courses (with the certifications past completions earned), an onboarding
plan (through the services) and one partner in ten in ``onboarding``, part-way through it.
The completions timed are open modules of random users, as before, plus shares that issue a
certification, end a certifying course without one, and are made by onboarding partners'
users (some completing an onboarding step); each completion's time is also reported on the
line of what it went through, and the certifications and steps the run left are compared
with what was expected.

    python bench/trainings.py [--requests 300] [--data-dir DIR]

``--data-dir`` keeps the database between runs (a later run reuses what is loaded, and adds
the programs, plan and partners in onboarding to a database loaded without them; the
completions a run records stay, so each run picks modules still open).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import trainings_checks
from deals_scale import free_port, key_ring, load_partners, percentile, pg_params, serve_process

from prm_api import migrate
from prm_api.auth.principal import Principal
from prm_api.auth.scopes import ALL_SCOPES
from prm_api.auth.tokens import issue_access_token
from prm_api.config import Settings
from prm_api.db import create_engine, create_sessionmaker, embedded_database_url
from prm_api.trainings import courses

PARTNERS, USERS_PER_PARTNER, COURSES, MODULES = 10_000, 5, 200, 5
#: Enrollments per user: 8 distinct courses, 0-5 modules done each (about 2.5 on average),
#: so 50,000 users × 8 × 2.5 ≈ 1,000,000 progress rows.
PER_USER = 8
#: The tables ``trainings_checks.load_checks`` writes to.
CHECKED_TABLES = (
    "partners",
    "courses",
    "course_modules",
    "enrollments",
    "module_progress",
    "invitations",
    "certification_programs",
    "certifications",
    "onboarding_steps",
    "partner_onboarding_steps",
)
BENCH = Principal(
    subject_type="system", subject_id="bench", client_id="bench", role="admin", scopes=ALL_SCOPES
)


async def load(url: str, settings: Settings) -> None:
    conn = await asyncpg.connect(**pg_params(url))
    try:
        loaded = await conn.fetchval("SELECT count(*) FROM module_progress") >= 900_000
    finally:
        await conn.close()
    if loaded:
        print("reusing the loaded partners, users, courses and progress")
    else:
        await load_trainings(url, settings)
    t = time.perf_counter()
    added = await trainings_checks.load_checks(url, settings, BENCH)
    conn = await asyncpg.connect(**pg_params(url))
    try:
        if added:
            for table in CHECKED_TABLES:
                await conn.execute(f"VACUUM (ANALYZE) {table}")
            await conn.execute("CHECKPOINT")
            print(
                f"programs, onboarding plan and partners in onboarding in "
                f"{time.perf_counter() - t:.1f}s"
            )
        print(await trainings_checks.describe(conn))
    finally:
        await conn.close()


async def load_trainings(url: str, settings: Settings) -> None:
    conn = await asyncpg.connect(**pg_params(url))
    try:
        await conn.execute("SET maintenance_work_mem = '512MB'")
        t = time.perf_counter()
        if await conn.fetchval("SELECT count(*) FROM partners") < PARTNERS:
            await load_partners(conn, PARTNERS)
        await conn.execute(
            """
            INSERT INTO users (id, email, name, role, partner_id, active, failed_login_count,
                               token_version, created_at, updated_at, version)
            SELECT gen_random_uuid(), 'tr-' || p.n || '-' || k || '@bench-trainings.example',
                   'Bench', CASE WHEN k = 0 THEN 'partner_admin' ELSE 'partner_user' END, p.id,
                   true, 0, 0, now(), now(), 1
            FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM partners) p
            CROSS JOIN generate_series(0, $1 - 1) k
            """,
            USERS_PER_PARTNER,
        )
        print(f"partners and users in {time.perf_counter() - t:.1f}s")
    finally:
        await conn.close()

    t = time.perf_counter()
    engine = create_engine(url, settings)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            for n in range(COURSES):
                modules = [
                    {"kind": "link", "title": f"Step {m}", "url": f"https://example.com/{n}/{m}"}
                    for m in range(MODULES)
                ]
                body = {"title": f"Bench course {n:03d}", "audience": {"everyone": True}}
                course = await courses.create_course(session, BENCH, {**body, "modules": modules})
                await courses.publish_course(
                    session, BENCH, course.id, reset_progress=False, if_match=None
                )
    finally:
        await engine.dispose()
    print(f"{COURSES} courses in {time.perf_counter() - t:.1f}s")

    conn = await asyncpg.connect(**pg_params(url))
    try:
        await conn.execute("SET maintenance_work_mem = '512MB'")
        t = time.perf_counter()
        # Each user: PER_USER distinct courses, d modules done (0..5) by a stable hash.
        await conn.execute(
            """
            CREATE TEMP TABLE bench_e AS
            SELECT gen_random_uuid() AS id, c.id AS course_id, u.id AS user_id,
                   u.partner_id, (abs(hashtext(u.id::text || k)) % 6) AS done,
                   now() - make_interval(days => (abs(hashtext(k || u.id::text)) % 360)) AS at
            FROM (SELECT id, partner_id, row_number() OVER (ORDER BY id) AS n FROM users
                  WHERE email LIKE '%@bench-trainings.example') u
            CROSS JOIN generate_series(0, $1 - 1) k
            JOIN (SELECT id, row_number() OVER (ORDER BY title) - 1 AS n FROM courses
                  WHERE title LIKE 'Bench course %') c
              ON c.n = (u.n * $1 + k) % $2
            """,
            PER_USER,
            COURSES,
        )
        await conn.execute(
            """
            INSERT INTO enrollments (id, course_id, user_id, partner_id, status, source,
                                     course_version, started_at, completed_at, created_at,
                                     updated_at, version)
            SELECT id, course_id, user_id, partner_id,
                   CASE done WHEN 0 THEN 'enrolled' WHEN $1 THEN 'completed'
                        ELSE 'in_progress' END,
                   'self', 1, CASE WHEN done > 0 THEN at END,
                   CASE WHEN done = $1 THEN at + interval '5 days' END, at, at, 1
            FROM bench_e
            """,
            MODULES,
        )
        await conn.execute(
            """
            INSERT INTO module_progress (enrollment_id, module_id, partner_id, user_id, status,
                                         completed_at)
            SELECT e.id, m.id, e.partner_id, e.user_id, 'completed',
                   e.at + make_interval(days => m.position)
            FROM bench_e e JOIN course_modules m
              ON m.course_id = e.course_id AND m.position < e.done
            """
        )
        rows = await conn.fetchval("SELECT count(*) FROM module_progress")
        print(f"enrollments and {rows:,} progress rows in {time.perf_counter() - t:.1f}s")
        for table in ("partners", "users", "courses", "course_modules", "enrollments",
                      "module_progress"):  # fmt: skip
            await conn.execute(f"VACUUM (ANALYZE) {table}")
        await conn.execute("CHECKPOINT")
    finally:
        await conn.close()


async def subjects(url: str, rng: random.Random, n: int) -> dict[str, Any]:
    """Completions to make (``trainings_checks.pick``: open modules of random users, and
    shares going through each check), and partner admins, to measure with."""
    conn = await asyncpg.connect(**pg_params(url))
    try:
        open_modules = await conn.fetch(
            """
            SELECT e.id AS enrollment_id, m.id AS module_id, e.user_id, e.partner_id
            FROM enrollments e
            JOIN course_modules m ON m.course_id = e.course_id
            WHERE e.status IN ('enrolled', 'in_progress')
              AND e.user_id IN (SELECT id FROM users WHERE email LIKE '%@bench-trainings.example'
                                ORDER BY id LIMIT 20000)
              AND NOT EXISTS (SELECT 1 FROM module_progress p
                              WHERE p.enrollment_id = e.id AND p.module_id = m.id)
            ORDER BY random() LIMIT $1
            """,
            n * 4,
        )
        # One module per enrollment per run: the request measured is always a first completion.
        seen, plain = set(), []
        for r in open_modules:
            if r["enrollment_id"] not in seen:
                seen.add(r["enrollment_id"])
                plain.append(r)
        todo = await trainings_checks.pick(conn, rng, plain, n)
        admins = await conn.fetch(
            "SELECT id, partner_id FROM users WHERE role = 'partner_admin' "
            "AND email LIKE '%@bench-trainings.example' ORDER BY random() LIMIT 200"
        )
    finally:
        await conn.close()
    return {"todo": todo, "admins": list(admins)}


def measure(base: str, ring, settings: Settings, fx: dict[str, Any], requests: int) -> dict:
    tokens: dict[tuple[uuid.UUID, str], dict[str, str]] = {}

    def headers(user_id: uuid.UUID, partner_id: uuid.UUID, role: str) -> dict[str, str]:
        if (user_id, role) not in tokens:
            token, _ = issue_access_token(
                ring,
                settings,
                sub=str(user_id),
                client_id="bench",
                scopes=sorted({"trainings:read", "trainings:enroll"}),
                role=role,
                subject_type="user",
                partner_id=partner_id,
            )
            tokens[(user_id, role)] = {"Authorization": f"Bearer {token}"}
        return tokens[(user_id, role)]

    timings: dict[str, list[float]] = {}

    def timed(name: str | list[str], client: httpx.Client, method: str, path: str, h: dict) -> Any:
        t = time.perf_counter()
        r = client.request(method, path, headers=h)
        elapsed = (time.perf_counter() - t) * 1000
        for each in [name] if isinstance(name, str) else name:
            timings.setdefault(each, []).append(elapsed)
        assert r.status_code == 200, (path, r.status_code, r.text[:300])
        return r

    with httpx.Client(base_url=base, timeout=30) as client:
        todo, admins = fx["todo"], fx["admins"]
        for i in range(min(requests, len(todo))):  # warm-up passes are not separated: p50
            row = todo[i]
            user_h = headers(row["user_id"], row["partner_id"], "partner_user")
            r = timed(
                "GET /v1/enrollments (partner user)", client, "GET", "/v1/enrollments", user_h
            )
            assert r.json()["data"], "a bench user has enrollments"
            timed("GET /v1/courses (partner user)", client, "GET", "/v1/courses", user_h)
            admin = admins[i % len(admins)]
            admin_h = headers(admin["id"], admin["partner_id"], "partner_admin")
            r = timed(
                "GET /v1/enrollments?limit=50 (partner admin)",
                client,
                "GET",
                "/v1/enrollments?limit=50",
                admin_h,
            )
            path = f"/v1/enrollments/{row['enrollment_id']}/modules/{row['module_id']}/complete"
            timed(trainings_checks.buckets(row), client, "POST", path, user_h)
    order = [*(k for k in timings if k not in trainings_checks.COMPLETIONS)]
    order += [k for k in trainings_checks.COMPLETIONS if k in timings]
    return {
        name: (
            statistics.median(timings[name]),
            percentile(timings[name], 0.99),
            len(timings[name]),
        )
        for name in order
    }


async def outcomes(url: str) -> dict[str, set[Any]]:
    conn = await asyncpg.connect(**pg_params(url))
    try:
        return await trainings_checks.outcomes(conn)
    finally:
        await conn.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--data-dir", type=Path, help="keep the database here and reuse it")
    args = ap.parse_args()
    tmp = None
    url = os.environ.get("PRM_DATABASE_URL")
    if not url and args.data_dir:
        url = embedded_database_url(args.data_dir)
    elif not url:
        tmp = Path(tempfile.mkdtemp(prefix="prm-bench-trainings-"))
        url = embedded_database_url(tmp)
    settings = Settings(
        _env_file=None,
        database_url=url,
        rate_limit_per_minute=0,
        jobs_enabled=False,
        log_level="WARNING",
    )  # type: ignore[call-arg]
    rng = random.Random(14)
    try:
        migrate.upgrade(url)
        asyncio.run(load(url, settings))
        fx = asyncio.run(subjects(url, rng, args.requests))
        before = asyncio.run(outcomes(url))
        port = free_port()
        server = serve_process(url, port)
        try:
            res = measure(
                f"http://127.0.0.1:{port}",
                asyncio.run(key_ring(url, settings)),
                settings,
                fx,
                args.requests,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
        for name, (median, p99, n) in res.items():
            print(f"{name:<52} n={n:<4} p50={median:6.1f} ms  p99={p99:6.1f} ms")
        done = fx["todo"][: args.requests]
        print(trainings_checks.compare(before, asyncio.run(outcomes(url)), done))
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
