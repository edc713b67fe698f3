"""The demo's certifications (part of `prm-api serve --demo`, called by ``demo.load_demo``).

Two published courses (through the courses service), a "Certified Seller" program over both,
and for partner users of active partners: completed enrollments and certifications issued
over the past year, so the demo shows each status — ``active``, ``expiring`` (inside the
30-day notice), ``expired`` (issued over a year ago) and ``revoked`` — plus a renewal
enrollment for the expiring ones. Like the demo's downloads, this is history written as rows:
no ``certification.*`` events are emitted for it (the event log keeps real times).
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.models import Certification, CertificationProgram, Enrollment, Partner, User
from prm_api.models.certification import CERTIFICATION_NUMBER_SEQ
from prm_api.trainings import courses
from prm_api.trainings.certifications import add_months

COURSES = (
    ("Selling the platform", "Positioning, pricing and the first call."),
    ("Technical foundations", "Architecture, integrations and a demo environment."),
)
#: The status each certified user's certification is given, in turn.
MIX = ("active", "active", "active", "expiring", "expired", "active", "revoked", "expiring")


async def load_demo_certifications(
    session: AsyncSession, rng: random.Random, demo: Principal, now: datetime
) -> int:
    """Load the demo certifications; returns how many were issued."""
    course_rows = []
    for title, description in COURSES:
        body = {
            "title": title,
            "description": description,
            "audience": {"everyone": True},
            "modules": [{"kind": "link", "title": "Read", "url": "https://example.com/guide"}],
        }
        course = await courses.create_course(session, demo, body)
        course = await courses.publish_course(
            session, demo, course.id, reset_progress=False, if_match=None
        )
        course_rows.append(course)
    program = CertificationProgram(
        name="Certified Seller",
        description="Sells and demonstrates the platform.",
        course_ids=[c.id for c in course_rows],
        validity_months=12,
        renewal_window_days=60,
        expiring_notice_days=30,
        status="active",
        external_ids={},
        created_by=demo.subject_id,
    )
    session.add(program)
    await session.flush()
    users = (
        await session.scalars(
            select(User)
            .join(Partner, Partner.id == User.partner_id)
            .where(Partner.status == "active", User.active)
            .order_by(User.created_at, User.id)
        )
    ).all()
    chosen = rng.sample(list(users), k=min(len(users), 24))
    for index, user in enumerate(chosen):
        status = MIX[index % len(MIX)]
        if status == "expiring":
            issued = add_months(now, -12) + timedelta(days=rng.randint(5, 25))
        elif status == "expired":
            issued = add_months(now, -12) - timedelta(days=rng.randint(5, 40))
        else:
            issued = now - timedelta(days=rng.randint(3, 290))  # before any renewal window
        for course in course_rows:
            session.add(
                Enrollment(
                    course_id=course.id,
                    user_id=user.id,
                    partner_id=user.partner_id,
                    status="completed",
                    source="self",
                    course_version=course.content_version,
                    created_at=issued - timedelta(days=14),
                    started_at=issued - timedelta(days=13),
                    completed_at=issued,
                )
            )
        serial = await session.scalar(CERTIFICATION_NUMBER_SEQ.next_value())
        certification = Certification(
            program_id=program.id,
            user_id=user.id,
            partner_id=user.partner_id,
            number=f"CERT-{issued.year}-{serial:06d}",
            status=status,
            issued_at=issued,
            expires_at=add_months(issued, program.validity_months),
            verification_code=secrets.token_urlsafe(24),
            created_at=issued,
            updated_at=issued,
        )
        if status == "revoked":
            certification.revoked_at = issued + timedelta(days=30)
            certification.revoked_reason = "Exam taken by someone else."
            certification.revoked_by = demo.subject_id
        if status == "expiring":
            certification.expiring_notified_at = now
            certification.renewal_opened_at = now
            for course in course_rows:
                session.add(
                    Enrollment(
                        course_id=course.id,
                        user_id=user.id,
                        partner_id=user.partner_id,
                        status="enrolled",
                        source="assigned",
                        assigned_by="job:expire-certifications",
                        due_at=certification.expires_at,
                        course_version=course.content_version,
                    )
                )
        session.add(certification)
        await session.flush()
    return len(chosen)
