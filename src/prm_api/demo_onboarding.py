"""The demo's onboarding plan and checklists (part of `prm-api serve --demo`, called by
``demo.load_demo``).

A plan of every step kind (through the onboarding service, with its own short "Partner
onboarding" course holding the agreement), then each partner's progress: active partners went
through every required step between their approval and their activation; partners still in
``onboarding`` are part-way, each a different number of steps in. Like the demo's downloads and
certifications, the progress is history written as rows: no events are emitted for it.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.models import CourseModule, Partner, PartnerOnboardingStep
from prm_api.onboarding import service as onboarding
from prm_api.trainings import courses

AGREEMENT = (
    "We will represent the vendor's products honestly, register every opportunity we work "
    "on, and follow the partner program's rules."
)


async def load_demo_onboarding(
    session: AsyncSession, rng: random.Random, demo: Principal, now: datetime
) -> int:
    """Load the plan and the partners' progress; returns how many steps were completed."""
    course = await courses.create_course(
        session,
        demo,
        {
            "title": "Partner onboarding",
            "description": "The partner agreement and how the program works.",
            "audience": {"everyone": True},
            "modules": [
                {"kind": "acknowledgement", "title": "Partner agreement", "text": AGREEMENT},
                {"kind": "link", "title": "Program guide", "url": "https://example.com/program"},
            ],
        },
    )
    course = await courses.publish_course(
        session, demo, course.id, reset_progress=False, if_match=None
    )
    ack = await session.scalar(
        select(CourseModule.id).where(
            CourseModule.course_id == course.id, CourseModule.kind == "acknowledgement"
        )
    )
    plan: list[dict[str, Any]] = [
        {
            "kind": "profile_completed",
            "title": "Complete your company profile",
            "profile_fields": ["legal_name", "description", "contact_name", "contact_email"],
        },
        {"kind": "agreement_accepted", "title": "Accept the partner agreement", "module_id": ack},
        {"kind": "custom", "title": "Kick-off call with your channel manager"},
        {
            "kind": "course_completed",
            "title": "Complete partner onboarding",
            "course_id": course.id,
        },
        {"kind": "users_invited", "title": "Invite a colleague", "min_count": 1},
        {"kind": "first_deal_registered", "title": "Register your first deal", "required": False},
    ]
    steps = [await onboarding.create_step(session, demo, body) for body in plan]
    required = [s for s in steps if s.required]
    partners = (
        await session.scalars(
            select(Partner)
            .where(Partner.status.in_(("onboarding", "active")), Partner.approved_at.is_not(None))
            .order_by(Partner.created_at, Partner.id)
        )
    ).all()
    # Adding a step already completed it for partners that meet it (onboarding.service):
    # those completions stay as they are.
    existing = set(
        (
            await session.execute(
                select(PartnerOnboardingStep.partner_id, PartnerOnboardingStep.step_id)
            )
        ).all()
    )
    rows = []
    for i, partner in enumerate(partners):
        start = partner.approved_at or now
        if partner.status == "active":
            done, end = required, partner.activated_at or now
        else:
            done, end = steps[: i % len(steps)], now  # part-way: 0 to all but one step
        span = max((end - start).total_seconds(), 60.0)
        times = sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in done)
        rows += [
            PartnerOnboardingStep(
                partner_id=partner.id, step_id=step.id, completed_at=at, completed_by="demo"
            )
            for step, at in zip(done, times, strict=True)
            if (partner.id, step.id) not in existing
        ]
    session.add_all(rows)
    await session.flush()
    return len(rows)
