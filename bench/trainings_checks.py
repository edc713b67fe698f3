"""What a module completion checks, given something to check (for ``bench/trainings.py``).

A completion that completes its enrollment runs two checks (``trainings.completion``): the
certification programs counting the course (issuing a certification when the user has now
completed every course of one), and the onboarding re-check of the partner's pending
``course_completed`` steps when the partner is in ``onboarding``. Without programs, a plan
and partners in onboarding both checks stop at their first query. This module adds them to
the bench's data, then picks completions that go through each check and says which did.

The data added (once, in one transaction; a data dir loaded before it gets it on its next run):

- certification programs over bench courses, through the programs service, and the
  certifications their past completions earned (history, as rows);
- the onboarding plan, through the onboarding service: an agreement to accept (an
  acknowledgement module of a course of its own), a course to complete, a course two of the
  partner's people complete (optional), a colleague invited, a first deal (optional) and a
  kick-off call (custom);
- one partner in ``ONBOARDING_EVERY`` approved and part-way through that plan: the agreement
  accepted (the admin's enrollment and progress), a colleague invited (an accepted
  invitation), the kick-off call checked, and the course steps done where the partner's
  completions meet them, so every step the data satisfies is completed, as the app leaves it.

The bench users enroll in 8 consecutive courses out of 200, so users whose number is
congruent mod 25 share their courses: the programs' courses sit in such blocks (some users
can hold a program, the last one nobody can), and the plan's courses in others.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from typing import Any

import asyncpg
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.config import Settings
from prm_api.db import create_engine, create_sessionmaker
from prm_api.models import CertificationProgram, Course, CourseModule
from prm_api.onboarding import service as onboarding
from prm_api.onboarding.schemas import OnboardingStepCreate
from prm_api.trainings import certification_programs, courses
from prm_api.trainings.certification_schemas import CertificationProgramCreate

#: (name, bench course numbers): every course must be completed. 0 | 8-9 | 16-18 are each in
#: one block of users' courses; 24 and 100 are in none together: checked, never issued.
PROGRAMS = (
    ("Bench Sales Associate", (0,)),
    ("Bench Technical Professional", (8, 9)),
    ("Bench Solutions Expert", (16, 17, 18)),
    ("Bench Cross-track Specialist", (24, 100)),
)
#: The plan's course_completed steps: (bench course number, min_count, required).
COURSE_STEPS = ((50, 1, True), (150, 2, False))
#: One partner in this many is in onboarding.
ONBOARDING_EVERY = 10
AGREEMENT_COURSE = "Bench partner agreement"

HELD_CERTIFICATIONS = """
INSERT INTO certifications (id, program_id, user_id, partner_id, number, status, issued_at,
                            expires_at, verification_code, created_at, updated_at, version)
SELECT gen_random_uuid(), q.program_id, q.user_id, q.partner_id,
       'CERT-' || extract(year FROM q.at)::int || '-'
         || lpad(nextval('certification_number_seq')::text, 6, '0'),
       'active', q.at, q.at + make_interval(months => q.validity_months),
       replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''),
       q.at, q.at, 1
FROM (SELECT cp.id AS program_id, cp.validity_months, e.user_id, u.partner_id,
             max(e.completed_at) AS at
      FROM certification_programs cp
      JOIN enrollments e ON e.course_id = ANY (cp.course_ids) AND e.status = 'completed'
      JOIN users u ON u.id = e.user_id
      WHERE cp.status = 'active'
      GROUP BY cp.id, cp.validity_months, e.user_id, u.partner_id
      HAVING count(DISTINCT e.course_id) = cardinality(cp.course_ids)
      ORDER BY at) q
"""

# The partners in onboarding: approved 2-90 days ago, k their rank among them.
ONBOARDING_PARTNERS = """
CREATE TEMP TABLE bench_onb ON COMMIT DROP AS
SELECT id, (n / :every)::int AS k,
       now() - make_interval(days => (2 + (n / :every) % 88)::int, hours => (n % 24)::int)
         AS approved_at
FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM partners
      WHERE status = 'active') p
WHERE n % :every = 0
"""
APPROVE = """
UPDATE partners p
SET status = 'onboarding', approved_at = o.approved_at, activated_at = NULL,
    status_changed_at = o.approved_at, status_changed_by = 'bench',
    created_at = least(p.created_at, o.approved_at - interval '14 days'),
    updated_at = o.approved_at, version = p.version + 1
FROM bench_onb o WHERE p.id = o.id
"""
# Two in three accepted the agreement: their admin's enrollment in its course, completed.
AGREEMENT_ACCEPTORS = """
CREATE TEMP TABLE bench_ack ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, u.id AS user_id, o.id AS partner_id,
       o.approved_at + (now() - o.approved_at) * (0.1 + (o.k % 5) / 10.0)::float8 AS at
FROM bench_onb o JOIN users u ON u.partner_id = o.id AND u.role = 'partner_admin'
WHERE o.k % 3 <> 0
"""
AGREEMENT_ENROLLMENTS = """
INSERT INTO enrollments (id, course_id, user_id, partner_id, status, source, course_version,
                         started_at, completed_at, created_at, updated_at, version)
SELECT a.id, CAST(:course AS uuid), a.user_id, a.partner_id, 'completed', 'self',
       CAST(:course_version AS int), a.at,
       a.at + interval '10 minutes', a.at, a.at + interval '10 minutes', 1
FROM bench_ack a
"""
AGREEMENT_PROGRESS = """
INSERT INTO module_progress (enrollment_id, module_id, partner_id, user_id, status,
                             completed_at, accepted_text_version)
SELECT a.id, m.id, a.partner_id, a.user_id, 'completed',
       a.at + make_interval(mins => 10 * m.position), m.text_version
FROM bench_ack a JOIN course_modules m ON m.course_id = :course
"""
AGREEMENT_DONE = """
INSERT INTO partner_onboarding_steps (partner_id, step_id, completed_at, completed_by)
SELECT partner_id, CAST(:step AS uuid), at, 'user:' || user_id FROM bench_ack
"""
# Three in four invited a colleague who accepted (one of its partner users).
INVITATIONS = """
INSERT INTO invitations (id, partner_id, email, name, role, token_hash, expires_at,
                         accepted_at, accepted_user_id, invited_by, created_at, updated_at)
SELECT gen_random_uuid(), o.id, u.email, u.name, u.role,
       md5(random()::text || u.id::text) || md5(u.id::text || random()::text),
       i.at + interval '6 days', i.at, u.id, 'user:' || a.id, i.at - interval '1 day', i.at
FROM bench_onb o
CROSS JOIN LATERAL (SELECT o.approved_at + (now() - o.approved_at)
                           * (0.05 + (o.k % 7) / 10.0)::float8 AS at) i
JOIN LATERAL (SELECT id, email, name, role FROM users
              WHERE partner_id = o.id AND role = 'partner_user' ORDER BY id LIMIT 1) u ON true
JOIN users a ON a.partner_id = o.id AND a.role = 'partner_admin'
WHERE o.k % 4 <> 0
"""
INVITED_DONE = """
INSERT INTO partner_onboarding_steps (partner_id, step_id, completed_at, completed_by)
SELECT i.partner_id, CAST(:step AS uuid), i.accepted_at, 'user:' || i.accepted_user_id
FROM invitations i JOIN bench_onb o ON o.id = i.partner_id
WHERE i.accepted_at IS NOT NULL
"""
# Every other kick-off call has happened (a vendor checked the step).
CUSTOM_DONE = """
INSERT INTO partner_onboarding_steps (partner_id, step_id, completed_at, completed_by)
SELECT id, CAST(:step AS uuid), approved_at + (now() - approved_at) * 0.3, 'bench' FROM bench_onb
WHERE k % 2 = 0
"""
# A course step is done where the partner's completions meet it: at the approval when they
# came before it (the approval re-checks), else when the min_count-th user completed.
COURSES_DONE = """
INSERT INTO partner_onboarding_steps (partner_id, step_id, completed_at, completed_by)
SELECT o.id, s.id,
       greatest(o.approved_at, (array_agg(e.completed_at ORDER BY e.completed_at))[s.min_count]),
       'bench'
FROM bench_onb o
JOIN enrollments e ON e.partner_id = o.id AND e.status = 'completed'
JOIN onboarding_steps s ON s.kind = 'course_completed' AND s.course_id = e.course_id
GROUP BY o.id, o.approved_at, s.id, s.min_count
HAVING count(DISTINCT e.user_id) >= s.min_count
"""


async def load_checks(url: str, settings: Settings, principal: Principal) -> bool:
    """Add the programs, the plan and the partners in onboarding unless they are there;
    returns whether it added them."""
    engine = create_engine(url, settings)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            name = PROGRAMS[0][0]
            if await session.scalar(
                select(CertificationProgram.id).where(CertificationProgram.name == name)
            ):
                return False
            titles = (
                await session.execute(
                    select(Course.title, Course.id).where(Course.title.like("Bench course %"))
                )
            ).all()
            bench = {title: course_id for title, course_id in titles}

            def course(n: int) -> uuid.UUID:
                return bench[f"Bench course {n:03d}"]

            for program, numbers in PROGRAMS:
                body = CertificationProgramCreate(
                    name=program,
                    description="Bench program.",
                    course_ids=[course(n) for n in numbers],
                    validity_months=24,
                )
                await certification_programs.create_program(session, principal, body.model_dump())
            await session.execute(text(HELD_CERTIFICATIONS))
            await _onboarding(session, principal, course)
    finally:
        await engine.dispose()
    return True


async def _onboarding(
    session: AsyncSession, principal: Principal, course: Callable[[int], uuid.UUID]
) -> None:
    agreement = await courses.create_course(
        session,
        principal,
        {
            "title": AGREEMENT_COURSE,
            "audience": {"everyone": True},
            "modules": [
                {"kind": "acknowledgement", "title": "Partner agreement", "text": "We agree."},
                {"kind": "link", "title": "Program guide", "url": "https://example.com/guide"},
            ],
        },
    )
    agreement = await courses.publish_course(
        session, principal, agreement.id, reset_progress=False, if_match=None
    )
    ack = await session.scalar(
        select(CourseModule.id).where(
            CourseModule.course_id == agreement.id, CourseModule.kind == "acknowledgement"
        )
    )
    plan: list[dict[str, Any]] = [
        {"kind": "agreement_accepted", "title": "Accept the partner agreement", "module_id": ack},
        *(
            {
                "kind": "course_completed",
                "title": f"{count} of your people complete Bench course {n:03d}",
                "course_id": course(n),
                "min_count": count,
                "required": required,
            }
            for n, count, required in COURSE_STEPS
        ),
        {"kind": "users_invited", "title": "Invite a colleague", "min_count": 1},
        {"kind": "first_deal_registered", "title": "Register your first deal", "required": False},
        {"kind": "custom", "title": "Kick-off call with your channel manager"},
    ]
    # No partner is in onboarding yet: creating a step re-checks nobody.
    steps = {}
    for body in plan:
        step = await onboarding.create_step(
            session, principal, OnboardingStepCreate.model_validate(body).model_dump()
        )
        steps[step.kind] = step.id

    async def run(sql: str, **params: Any) -> None:
        await session.execute(text(sql), params)

    await run(ONBOARDING_PARTNERS, every=ONBOARDING_EVERY)
    await run(APPROVE)
    await run(AGREEMENT_ACCEPTORS)
    await run(AGREEMENT_ENROLLMENTS, course=agreement.id, course_version=agreement.content_version)
    await run(AGREEMENT_PROGRESS, course=agreement.id)
    await run(AGREEMENT_DONE, step=steps["agreement_accepted"])
    await run(INVITATIONS)
    await run(INVITED_DONE, step=steps["users_invited"])
    await run(CUSTOM_DONE, step=steps["custom"])
    await run(COURSES_DONE)


async def describe(conn: asyncpg.Connection) -> str:
    row = await conn.fetchrow(
        """
        SELECT (SELECT count(*) FROM certification_programs WHERE status = 'active') AS programs,
               (SELECT count(*) FROM certifications) AS certifications,
               (SELECT count(*) FROM onboarding_steps) AS steps,
               (SELECT count(*) FROM partners WHERE status = 'onboarding') AS onboarding,
               (SELECT count(*) FROM partner_onboarding_steps) AS done
        """
    )
    return (
        f"{row['programs']} certification programs, {row['certifications']:,} certifications "
        f"held; a plan of {row['steps']} steps, {row['onboarding']:,} partners in onboarding "
        f"with {row['done']:,} steps done"
    )


# --- completions to time ----------------------------------------------------------------------

#: The open module ``m`` is the last required module of enrollment ``e`` not completed.
LAST = """NOT EXISTS (
    SELECT 1 FROM course_modules x
    WHERE x.course_id = e.course_id AND x.required AND x.id <> m.id
      AND NOT EXISTS (SELECT 1 FROM module_progress p WHERE p.enrollment_id = e.id
                      AND p.module_id = x.id AND p.status = 'completed'))"""
OPEN = """e.status IN ('enrolled', 'in_progress') AND NOT EXISTS (
    SELECT 1 FROM module_progress p WHERE p.enrollment_id = e.id AND p.module_id = m.id)"""
CERTIFYING_LAST = f"""
SELECT e.id AS enrollment_id, m.id AS module_id
FROM enrollments e JOIN course_modules m ON m.course_id = e.course_id AND m.required
WHERE e.course_id IN (SELECT unnest(course_ids) FROM certification_programs
                      WHERE status = 'active')
  AND {OPEN} AND {LAST}
"""
ONBOARDING_LAST = f"""
SELECT e.id AS enrollment_id, m.id AS module_id
FROM partners pa
JOIN enrollments e ON e.partner_id = pa.id
JOIN course_modules m ON m.course_id = e.course_id AND m.required
WHERE pa.status = 'onboarding' AND {OPEN} AND {LAST}
  AND (NOT $2 OR e.course_id IN (SELECT course_id FROM onboarding_steps
                                  WHERE kind = 'course_completed'))
ORDER BY random() LIMIT $1
"""
# What each completion will go through, read before any is made: ``steps`` are the pending
# onboarding steps it completes (trainings.completion -> onboarding.rules.recheck), ``issues``
# an active program whose every other course the user has completed and that it does not hold
# (certifications.issue_for_completion).
LABELS = f"""
WITH t AS (SELECT DISTINCT ON (enrollment_id) *
           FROM unnest($1::uuid[], $2::uuid[]) AS t(enrollment_id, module_id)),
c AS (SELECT t.enrollment_id, t.module_id, e.user_id, e.partner_id, e.course_id,
             pa.status = 'onboarding' AS onboarding, {LAST} AS last
      FROM t JOIN enrollments e ON e.id = t.enrollment_id
      JOIN course_modules m ON m.id = t.module_id JOIN partners pa ON pa.id = e.partner_id),
steps AS (SELECT c.enrollment_id, s.id AS step_id, s.required
          FROM c JOIN onboarding_steps s
            ON s.kind = 'course_completed' AND s.course_id = c.course_id
          WHERE c.last AND c.onboarding
            AND NOT EXISTS (SELECT 1 FROM partner_onboarding_steps d
                            WHERE d.partner_id = c.partner_id AND d.step_id = s.id)
            AND 1 + (SELECT count(DISTINCT x.user_id) FROM enrollments x
                     WHERE x.partner_id = c.partner_id AND x.course_id = c.course_id
                       AND x.status = 'completed' AND x.user_id <> c.user_id)
                >= coalesce(s.min_count, 1))
SELECT c.*,
       c.last AND EXISTS (SELECT 1 FROM certification_programs cp WHERE cp.status = 'active'
                          AND cp.course_ids @> ARRAY[c.course_id]) AS certifying,
       c.last AND EXISTS (
         SELECT 1 FROM certification_programs cp
         WHERE cp.status = 'active' AND cp.course_ids @> ARRAY[c.course_id]
           AND NOT EXISTS (SELECT 1 FROM unnest(cp.course_ids) r(id)
                           WHERE r.id <> c.course_id AND NOT EXISTS (
                             SELECT 1 FROM enrollments x WHERE x.user_id = c.user_id
                             AND x.course_id = r.id AND x.status = 'completed'))
           AND NOT EXISTS (SELECT 1 FROM certifications z
                           WHERE z.program_id = cp.id AND z.user_id = c.user_id
                             AND z.status IN ('active', 'expiring') AND z.renewed_by_id IS NULL
                             AND z.expires_at - make_interval(days => cp.renewal_window_days)
                                 > now())) AS issues,
       EXISTS (SELECT 1 FROM steps WHERE steps.enrollment_id = c.enrollment_id) AS step,
       EXISTS (SELECT 1 FROM steps WHERE steps.enrollment_id = c.enrollment_id AND required)
         AND NOT EXISTS (
           SELECT 1 FROM onboarding_steps r
           WHERE r.required
             AND NOT EXISTS (SELECT 1 FROM partner_onboarding_steps d
                             WHERE d.partner_id = c.partner_id AND d.step_id = r.id)
             AND r.id NOT IN (SELECT step_id FROM steps
                              WHERE steps.enrollment_id = c.enrollment_id)) AS finishes
FROM c
"""

ALL = "POST …/modules/{id}/complete (all)"
ISSUES = "  last module: issues a certification"
CERTIFYING = "  last module, certifying course: not yet certified"
STEP = "  onboarding partner: completes an onboarding step"
RECHECK = "  onboarding partner: last module (re-check)"
ONBOARDING_MID = "  onboarding partner: module mid-course"
LAST_PLAIN = "  active partner: last module, course in no program"
MID = "  active partner: module mid-course"
ONBOARDING = "  onboarding partner's user: any completion"
#: The order the completion lines are printed in.
COMPLETIONS = (ALL, MID, LAST_PLAIN, ISSUES, CERTIFYING, ONBOARDING, ONBOARDING_MID, RECHECK, STEP)

#: Shares of the timed completions drawn for each check (the rest as before: any open module
#: of a random bench user), each row's own user and onboarding partner.
QUOTAS: tuple[tuple[Callable[[dict[str, Any]], bool], int], ...] = (
    (lambda r: r["step"], 30),
    (lambda r: r["issues"] and not r["onboarding"], 6),
    (lambda r: r["certifying"] and not r["issues"] and not r["onboarding"], 15),
    (lambda r: r["onboarding"] and r["last"] and not r["step"] and not r["certifying"], 10),
)


def category(r: dict[str, Any]) -> str:
    if r["issues"]:
        return ISSUES
    if r["certifying"]:
        return CERTIFYING
    if r["onboarding"]:
        return STEP if r["step"] else RECHECK if r["last"] else ONBOARDING_MID
    return LAST_PLAIN if r["last"] else MID


def buckets(r: dict[str, Any]) -> list[str]:
    """The lines a completion's time goes to."""
    return [ALL, category(r), *([ONBOARDING] if r["onboarding"] else [])]


async def pick(
    conn: asyncpg.Connection, rng: random.Random, plain: list[Any], n: int
) -> list[dict[str, Any]]:
    """``n`` completions: the quotas' shares from candidates going through each check, the
    rest from ``plain`` (open modules of random users), one per user and onboarding partner
    (so what one does cannot change what another was labelled with), in random order."""
    pools = [
        *await conn.fetch(CERTIFYING_LAST),
        *await conn.fetch(ONBOARDING_LAST, n * 4, False),
        *await conn.fetch(ONBOARDING_LAST, n * 4, True),
        *plain,
    ]
    rows = await conn.fetch(
        LABELS, [r["enrollment_id"] for r in pools], [r["module_id"] for r in pools]
    )
    labelled = [dict(r) for r in rows]
    rng.shuffle(labelled)
    from_plain = {r["enrollment_id"] for r in plain}
    chosen: list[dict[str, Any]] = []
    users: set[uuid.UUID] = set()
    partners: set[uuid.UUID] = set()

    def take(wanted: Callable[[dict[str, Any]], bool], count: int) -> None:
        got = 0
        for r in labelled:
            if got >= count or len(chosen) >= n:
                return
            if r["user_id"] in users or (r["onboarding"] and r["partner_id"] in partners):
                continue
            if wanted(r):
                chosen.append(r)
                users.add(r["user_id"])
                if r["onboarding"]:
                    partners.add(r["partner_id"])
                got += 1

    for wanted, every in QUOTAS:
        take(wanted, n // every)
    take(lambda r: r["enrollment_id"] in from_plain, n)
    rng.shuffle(chosen)
    return chosen


async def outcomes(conn: asyncpg.Connection) -> dict[str, set[Any]]:
    """What the checks have left so far: certifications, steps done, onboardings finished."""
    return {
        key: {tuple(r) for r in await conn.fetch(sql)}
        for key, sql in (
            ("issued", "SELECT id, user_id FROM certifications"),
            ("steps", "SELECT partner_id, step_id FROM partner_onboarding_steps"),
            (
                "finished",
                "SELECT id, partner_id FROM events WHERE type = 'partner.onboarding_completed'",
            ),
        )
    }


def compare(before: dict[str, set[Any]], after: dict[str, set[Any]], done: list[Any]) -> str:
    """The run's certifications, steps and finished onboardings against the labels of the
    completions it made."""
    expected = {
        "issued": ("certifications issued", {r["user_id"] for r in done if r["issues"]}, 1),
        "steps": ("onboarding steps completed", {r["partner_id"] for r in done if r["step"]}, 0),
        "finished": (
            "onboardings finished",
            {r["partner_id"] for r in done if r["finishes"]},
            1,
        ),
    }
    parts = []
    for key, (what, want, column) in expected.items():
        got = [row[column] for row in after[key] - before[key]]
        matched = len(set(got) & want)
        parts.append(f"{len(got)} {what} ({len(want)} expected, {matched} of them)")
    return "during the run: " + "; ".join(parts)
