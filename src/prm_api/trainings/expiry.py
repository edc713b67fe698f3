"""The enrollment expiry job (``expire-enrollments``): an enrollment still ``enrolled`` or
``in_progress`` after its ``due_at`` becomes ``expired``, with ``enrollment.expired``.

Idempotent and safe with several workers, like the deal expiry: due rows are claimed with
``FOR UPDATE SKIP LOCKED`` in batches, each batch in its own transaction, and only active
rows are ever touched (a completion racing the job holds the row lock: the job skips the
row, then finds it completed). The partial index ``ix_enrollments_due_active`` keeps the
claim to the rows that can be due.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.auth.principal import Actor
from prm_api.events.recording import record_change
from prm_api.kit.batches import in_batches
from prm_api.kit.time import utcnow
from prm_api.models import Enrollment
from prm_api.models.training import ACTIVE_ENROLLMENT
from prm_api.trainings import progress
from prm_api.trainings.enrollment_schemas import ENROLLMENT
from prm_api.trainings.lms_events import ENROLLMENT_EXPIRED

EXPIRY_ACTOR = Actor(type="system", id="job:expire-enrollments")


async def expire_batch(session: AsyncSession, now: datetime, limit: int = 500) -> int:
    due = list(
        (
            await session.scalars(
                select(Enrollment)
                .where(
                    Enrollment.status.in_(ACTIVE_ENROLLMENT),
                    Enrollment.due_at.is_not(None),
                    Enrollment.due_at < now,
                )
                .order_by(Enrollment.due_at)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        ).all()
    )
    # Expiry changes no progress: one read of the batch's modules and progress serves
    # every event (two statements, not two per enrollment).
    context = await progress.progress_context(session, due)
    before = {e.id: (e.status, ENROLLMENT.validated(e, context)) for e in due}
    for enrollment in due:
        enrollment.status = "expired"
        enrollment.updated_at = now
    if due:
        await session.flush()
    for enrollment in due:
        status, shown_before = before[enrollment.id]
        await record_change(
            session,
            EXPIRY_ACTOR,
            ENROLLMENT_EXPIRED,
            ENROLLMENT.validated(enrollment, context),
            resource_id=enrollment.id,
            partner_id=enrollment.partner_id,
            changes={"status": {"before": status, "after": "expired"}},
            before=shown_before,
        )
    return len(due)


async def expire_enrollments(
    sessionmaker: async_sessionmaker[AsyncSession],
    limit: int = 500,
    *,
    now: datetime | None = None,
) -> int:
    """Expire every enrollment due at ``now`` (default: the current time); returns how many."""
    at = now or utcnow()
    return await in_batches(
        sessionmaker, lambda session: expire_batch(session, at, limit), limit, "expired enrollments"
    )
