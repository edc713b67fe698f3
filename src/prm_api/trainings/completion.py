"""What a completed enrollment sets off, in the same transaction as the completion.

One place for it, so the enrollment rules (``progress.settle``, external completions) do not
each know every consequence: certifications whose requirements are now met are issued, and
onboarding steps that count course completions are re-checked. A failure here rolls the
completion back with everything else.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Actor
from prm_api.models import Enrollment
from prm_api.onboarding import rules as onboarding
from prm_api.trainings import certifications


async def enrollment_completed(session: AsyncSession, actor: Actor, enrollment: Enrollment) -> None:
    """Called once per enrollment, right after it became ``completed`` (and its event)."""
    await onboarding.recheck(session, actor, enrollment.partner_id, kinds=("course_completed",))
    await certifications.issue_for_completion(session, actor, enrollment)
