"""The demo's courses and enrollments (part of `prm-api serve --demo`, called by
``demo.load_demo``; certifications and onboarding have their own modules).

Four published courses that together hold every module kind — ``content`` (a published asset
of the demo library), ``link``, ``quiz`` (server-graded, with attempts, a cool-down and a
review) and ``acknowledgement`` — plus a draft and an archived course for the vendor's views.
Then enrollments of users of active partners in every state: ``enrolled``, ``in_progress``
(some modules done), ``completed`` (every required module, quiz attempts that passed),
``failed`` (a required quiz failed with no attempt left), ``expired`` (assigned, past its due
date), and a few results from an external LMS (``source: external``, with their
``external_completions`` row) — created over the past year. Like the demo's downloads, this
is history written as rows: no ``enrollment.*`` events are emitted for it.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.models import (
    Asset,
    Course,
    CourseModule,
    Enrollment,
    ExternalCompletion,
    ModuleProgress,
    Partner,
    QuizAttempt,
    User,
)
from prm_api.trainings import courses
from prm_api.trainings.schemas import CourseCreate

QUESTIONS = [
    {
        "id": "q1",
        "kind": "single_choice",
        "prompt": "Who registers a deal first gets?",
        "options": [{"id": "a", "text": "Protection"}, {"id": "b", "text": "Nothing"}],
        "correct_option_ids": ["a"],
        "points": 2,
    },
    {
        "id": "q2",
        "kind": "multiple_choice",
        "prompt": "Which are partner types?",
        "options": [
            {"id": "x", "text": "Reseller"},
            {"id": "y", "text": "MSP"},
            {"id": "z", "text": "Banana"},
        ],
        "correct_option_ids": ["x", "y"],
        "points": 1,
    },
    {
        "id": "q3",
        "kind": "true_false",
        "prompt": "Approved deals expire when their protection ends.",
        "options": [{"id": "t", "text": "True"}, {"id": "f", "text": "False"}],
        "correct_option_ids": ["t"],
        "points": 1,
    },
]
RIGHT = {"q1": ["a"], "q2": ["x", "y"], "q3": ["t"]}
WRONG = {"q1": ["b"], "q2": ["x"], "q3": ["f"]}


def _quiz(**settings: Any) -> dict[str, Any]:
    return {
        "kind": "quiz",
        "title": "Check your knowledge",
        "quiz": {"passing_score": 75, "questions": QUESTIONS, **settings},
    }


def _catalog(asset_ids: list[uuid.UUID]) -> list[dict[str, Any]]:
    """The demo courses: (body, status)."""
    content = [
        {"kind": "content", "title": "Read the brochure", "asset_id": str(a)} for a in asset_ids
    ]
    return [
        {
            "title": "Partner program essentials",
            "description": "How the program works: tiers, deal registration, enablement.",
            "level": "beginner",
            "language": "en",
            "estimated_minutes": 45,
            "allow_review": True,
            "external_ids": {"docebo": "ESS-101"},
            "modules": [
                {
                    "kind": "acknowledgement",
                    "title": "Program agreement",
                    "text": "I have read and accept the partner program agreement.",
                },
                *content[:1],
                {"kind": "link", "title": "Program guide", "url": "https://example.com/guide"},
                _quiz(max_attempts=3, cooldown_seconds=3600),
            ],
        },
        {
            "title": "Deal registration in practice",
            "description": "Registering, protecting and winning deals.",
            "level": "intermediate",
            "language": "en",
            "estimated_minutes": 30,
            "modules": [
                {"kind": "link", "title": "Walkthrough video", "url": "https://example.com/video"},
                *content[1:2],
                _quiz(max_attempts=2, time_limit_seconds=900),
                {
                    "kind": "link",
                    "title": "Further reading",
                    "url": "https://example.com/more",
                    "required": False,
                },
            ],
        },
        {
            "title": "Technical onboarding for engineers",
            "description": "Architecture, integrations and running a proof of concept.",
            "level": "advanced",
            "language": "en",
            "estimated_minutes": 120,
            "modules": [
                *content[2:3],
                {"kind": "link", "title": "API reference", "url": "https://example.com/api"},
                _quiz(),
            ],
        },
        {
            "title": "Vendre la plateforme",
            "description": "Positionnement et premier rendez-vous.",
            "level": "beginner",
            "language": "fr",
            "estimated_minutes": 20,
            "modules": [
                {"kind": "link", "title": "Guide de vente", "url": "https://example.com/fr"},
                {"kind": "acknowledgement", "title": "Charte", "text": "J'accepte la charte."},
            ],
        },
    ]


#: The state of each enrollment, in turn (every state, weighted like a real program).
MIX = (
    "completed", "in_progress", "completed", "enrolled", "failed", "completed",
    "in_progress", "expired", "completed", "external", "enrolled", "completed",
)  # fmt: skip


async def load_demo_trainings(
    session: AsyncSession, rng: random.Random, demo: Principal, now: datetime
) -> int:
    """Load the demo courses and enrollments; returns how many enrollments."""
    asset_ids = list(
        (
            await session.scalars(
                select(Asset.id)
                .where(Asset.status == "published", Asset.current_version_id.is_not(None))
                .order_by(Asset.created_at, Asset.id)
                .limit(3)
            )
        ).all()
    )
    published: list[Course] = []
    for body in _catalog(asset_ids):
        data = CourseCreate.model_validate(body).model_dump(exclude_unset=True)
        course = await courses.create_course(session, demo, data)
        course = await courses.publish_course(
            session, demo, course.id, reset_progress=False, if_match=None
        )
        published.append(course)
    draft = await courses.create_course(
        session,
        demo,
        CourseCreate.model_validate(
            {"title": "Services partner track (draft)", "audience": {"everyone": True},
             "modules": [{"kind": "link", "title": "Outline", "url": "https://example.com/s"}]}
        ).model_dump(exclude_unset=True),
    )  # fmt: skip
    old = await courses.create_course(
        session,
        demo,
        CourseCreate.model_validate(
            {"title": "Legacy product basics", "audience": {"everyone": True},
             "modules": [{"kind": "link", "title": "Legacy", "url": "https://example.com/l"}]}
        ).model_dump(exclude_unset=True),
    )  # fmt: skip
    await courses.publish_course(session, demo, old.id, reset_progress=False, if_match=None)
    await courses.archive_course(session, demo, old.id, if_match=None)
    for course in (*published, draft, old):  # authored over the past year
        course.created_at = now - timedelta(days=rng.randint(330, 364))
        course.updated_at = course.created_at + timedelta(days=2)
        if course.published_at is not None:
            course.published_at = course.updated_at

    modules: dict[uuid.UUID, list[CourseModule]] = {c.id: [] for c in published}
    for m in (
        await session.scalars(
            select(CourseModule)
            .where(CourseModule.course_id.in_(list(modules)))
            .order_by(CourseModule.position)
        )
    ).all():
        modules[m.course_id].append(m)
    users = (
        await session.scalars(
            select(User)
            .join(Partner, Partner.id == User.partner_id)
            .where(Partner.status == "active", User.active)
            .order_by(User.created_at, User.id)
        )
    ).all()
    count = 0
    # No ORM relationships: the unit of work does not order inserts across tables, so the
    # rows that reference an enrollment are added once the enrollments are in.
    later: list[Any] = []
    for index, user in enumerate(rng.sample(list(users), k=min(len(users), 60))):
        for course in rng.sample(published, k=rng.randint(1, 2)):
            state = MIX[(index + count) % len(MIX)]
            _enroll(session, later, rng, now, user, course, modules[course.id], state)
            count += 1
    await session.flush()
    session.add_all(later)
    await session.flush()
    return count


def _enroll(
    session: AsyncSession,
    later: list[Any],
    rng: random.Random,
    now: datetime,
    user: User,
    course: Course,
    modules: list[CourseModule],
    state: str,
) -> None:
    # Progress follows within ~16 days: an enrollment with progress began at least 20 ago.
    earliest = 2 if state == "enrolled" else 20
    created = now - timedelta(days=rng.randint(earliest, 350), minutes=rng.randint(0, 1440))
    assigned = state == "expired" or rng.random() < 0.3
    enrollment = Enrollment(
        id=uuid.uuid4(),
        course_id=course.id,
        user_id=user.id,
        partner_id=user.partner_id,
        status="completed" if state == "external" else state,
        source="external" if state == "external" else ("assigned" if assigned else "self"),
        assigned_by="demo" if assigned or state == "external" else None,
        course_version=course.content_version,
        created_at=created,
        updated_at=created,
    )
    if assigned:  # still open: due ahead (the expiry job would have expired it otherwise)
        enrollment.due_at = created + timedelta(days=30)
        if state in ("enrolled", "in_progress", "failed"):
            enrollment.due_at = max(enrollment.due_at, now + timedelta(days=rng.randint(5, 60)))
    if state == "expired":  # due a while ago, as the job would have found it
        enrollment.created_at = created = min(created, now - timedelta(days=45))
        enrollment.due_at = created + timedelta(days=30)
        enrollment.updated_at = enrollment.due_at + timedelta(minutes=1)
    session.add(enrollment)
    required = [m for m in modules if m.required]
    if state == "enrolled":
        return
    at = created + timedelta(hours=rng.randint(1, 48))
    enrollment.started_at = at
    if state == "external":
        done = at + timedelta(days=rng.randint(1, 10))
        score = rng.randint(70, 100)
        enrollment.completed_at, enrollment.score, enrollment.updated_at = done, score, done
        later.append(
            ExternalCompletion(
                source="api",
                external_id=f"docebo-{enrollment.id.hex[:12]}",
                sent_by="demo-lms",
                user_id=user.id,
                course_id=course.id,
                partner_id=user.partner_id,
                enrollment_id=enrollment.id,
                outcome="completed",
                completed_at=done,
                score=score,
                passed=True,
                fingerprint=enrollment.id.hex * 2,
                created_at=done,
            )
        )
        return
    quizzes = [i for i, m in enumerate(required) if m.kind == "quiz"]
    if state == "failed" and not quizzes:  # nothing to fail in this course
        state = enrollment.status = "in_progress"
    if state in ("in_progress", "expired"):
        todo = required[: max(1, len(required) // 2)]
    elif state == "failed":  # up to the quiz failed for good
        todo = required[: quizzes[0] + 1]
    else:
        todo = required
    scores: list[int] = []
    for module in todo:
        at += timedelta(hours=rng.randint(1, 72))
        outcome = "completed"
        score_of: int | None = None
        if module.kind == "quiz":
            fail = state == "failed"
            score_of = _attempts(later, rng, enrollment, module, at, fail)
            outcome = "failed" if fail else "completed"
            scores.append(score_of)
        later.append(
            ModuleProgress(
                enrollment_id=enrollment.id,
                module_id=module.id,
                partner_id=user.partner_id,
                user_id=user.id,
                status=outcome,
                completed_at=at,
                score=score_of,
                accepted_text_version=module.text_version
                if module.kind == "acknowledgement"
                else None,
            )
        )
    if state == "completed":
        enrollment.completed_at = enrollment.updated_at = at
        enrollment.score = round(sum(scores) / len(scores)) if scores else None
    elif state == "failed":
        enrollment.failed_at = enrollment.updated_at = at
    elif state == "in_progress":
        enrollment.updated_at = at


def _attempts(
    later: list[Any],
    rng: random.Random,
    enrollment: Enrollment,
    module: CourseModule,
    at: datetime,
    fail: bool,
) -> int:
    """Graded attempts ending at ``at``: failed ones (all of them when ``fail``, up to the
    module's maximum) then, unless ``fail``, one that passed. Returns the last score."""
    limit = module.max_attempts or 3
    failures = limit if fail else rng.randint(0, limit - 1)
    outcomes = [False] * failures + ([] if fail else [True])
    score = 0
    for number, passed in enumerate(outcomes, start=1):
        started = at - timedelta(hours=2 * (len(outcomes) - number), minutes=10)
        answers = RIGHT if passed else WRONG
        score = 100 if passed else rng.choice((0, 25, 50))
        later.append(
            QuizAttempt(
                enrollment_id=enrollment.id,
                module_id=module.id,
                user_id=enrollment.user_id,
                partner_id=enrollment.partner_id,
                number=number,
                status="submitted",
                started_at=started,
                submitted_at=started + timedelta(minutes=8),
                deadline_at=started + timedelta(seconds=module.time_limit_seconds)
                if module.time_limit_seconds
                else None,
                answers=answers,
                score=score,
                passed=passed,
                results={q: passed for q in answers},
            )
        )
    return score
