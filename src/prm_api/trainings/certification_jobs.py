"""The ``expire-certifications`` job: the certification lifecycle over time.

For each held (``active``/``expiring``) certification, with ``now`` the job's clock:

* ``expires_at - expiring_notice_days <= now`` → ``expiring`` and ``certification.expiring``
  (once; not for one already renewed);
* ``expires_at - renewal_window_days <= now`` → the holder is enrolled again in each of the
  program's published courses they are not already enrolled in (``enrollment.created``, due at
  the expiry), once; the certification stays valid until it expires, and completing the
  courses issues a new one (``certifications.issue_for_completion``);
* ``expires_at <= now`` → ``expired`` and ``certification.expired``.

Rows are claimed with ``FOR UPDATE SKIP LOCKED`` and each step is recorded on the row, so the
job is idempotent and safe with several workers. ``now`` is a parameter: tests run it with a
controlled clock.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.auth.principal import Actor
from prm_api.events.recording import record_change
from prm_api.kit.time import utcnow
from prm_api.models import Certification, CertificationProgram, Course, Enrollment, User
from prm_api.models.certification import CURRENT_CERTIFICATION
from prm_api.trainings import certifications, progress
from prm_api.trainings.events import ENROLLMENT

log = logging.getLogger("prm_api.jobs")
JOB_ACTOR = Actor(type="system", id="job:expire-certifications")
DAY = timedelta(days=1)


def _due(now: datetime):  # type: ignore[no-untyped-def]
    """Held certifications with something to do at ``now``."""
    notice = Certification.expires_at - func.make_interval(
        0, 0, 0, CertificationProgram.expiring_notice_days
    )
    window = Certification.expires_at - func.make_interval(
        0, 0, 0, CertificationProgram.renewal_window_days
    )
    return (
        select(Certification, CertificationProgram)
        .join(CertificationProgram, CertificationProgram.id == Certification.program_id)
        .where(
            Certification.status.in_(CURRENT_CERTIFICATION),
            or_(
                Certification.expires_at <= now,
                and_(
                    Certification.status == "active",
                    Certification.renewed_by_id.is_(None),
                    notice <= now,
                ),
                and_(
                    Certification.renewal_opened_at.is_(None),
                    Certification.renewed_by_id.is_(None),
                    CertificationProgram.status == "active",
                    window <= now,
                ),
            ),
        )
        .order_by(Certification.expires_at, Certification.id)
        .with_for_update(of=Certification, skip_locked=True)
    )


def _moved(before: str, after: str) -> dict[str, Any]:
    return {"status": {"before": before, "after": after}}


async def step(
    session: AsyncSession,
    certification: Certification,
    program: CertificationProgram,
    now: datetime,
) -> None:
    """Move one certification as far as ``now`` takes it."""
    if certification.expires_at <= now:
        before = certification.status
        certification.status = "expired"
        await certifications.record(
            session,
            JOB_ACTOR,
            "expired",
            certification,
            {"status": {"before": before, "after": "expired"}},
        )
        return
    if (
        certification.renewal_opened_at is None
        and certification.renewed_by_id is None
        and program.status == "active"
        and certification.expires_at - program.renewal_window_days * DAY <= now
    ):
        certification.renewal_opened_at = now
        await open_renewal(session, certification, program)
    if (
        certification.status == "active"
        and certification.renewed_by_id is None
        and certification.expires_at - program.expiring_notice_days * DAY <= now
    ):
        certification.status = "expiring"
        certification.expiring_notified_at = now
        await certifications.record(
            session,
            JOB_ACTOR,
            "expiring",
            certification,
            {"status": {"before": "active", "after": "expiring"}},
        )
    await session.flush()


async def open_renewal(
    session: AsyncSession, certification: Certification, program: CertificationProgram
) -> int:
    """Enroll the holder again in the program's published courses (those they have no active
    enrollment in). A deactivated holder gets none."""
    user = await session.get(User, certification.user_id)
    if user is None or not user.active or user.partner_id != certification.partner_id:
        return 0
    courses = (
        await session.scalars(
            select(Course).where(Course.id.in_(program.course_ids), Course.status == "published")
        )
    ).all()
    opened = 0
    for course in courses:
        enrollment = Enrollment(
            course_id=course.id,
            user_id=user.id,
            partner_id=certification.partner_id,
            status="enrolled",
            source="assigned",
            assigned_by=JOB_ACTOR.id,
            due_at=certification.expires_at,
            course_version=course.content_version,
        )
        try:
            async with session.begin_nested():
                session.add(enrollment)
                await session.flush()
        except IntegrityError:
            continue  # already enrolled in it (an active enrollment exists)
        await record_change(
            session,
            JOB_ACTOR,
            ENROLLMENT["created"],
            await progress.enrollment_out(session, enrollment),
            resource_id=enrollment.id,
            partner_id=enrollment.partner_id,
            changes={"status": {"before": None, "after": "enrolled"}},
        )
        opened += 1
    return opened


async def expire_certifications(
    sessionmaker: async_sessionmaker[AsyncSession],
    limit: int = 200,
    *,
    now: datetime | None = None,
) -> int:
    """The ``expire-certifications`` job; returns how many certifications moved."""
    now = now or utcnow()
    total = 0
    while True:
        async with sessionmaker() as session, session.begin():
            rows = (await session.execute(_due(now).limit(limit))).all()
            for certification, program in rows:
                await step(session, certification, program, now)
        total += len(rows)
        if len(rows) < limit:
            break
    if total:
        log.info("moved certifications", extra={"count": total})
    return total


__all__ = ["expire_certifications"]
