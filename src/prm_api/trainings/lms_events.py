"""The event types of part 2's enrollment rules: ``enrollment.expired`` (the due-date job).

External completions write no event of their own: they write the ones a completion inside
the product writes (``enrollment.created``, ``enrollment.completed``/``failed``), so a
webhook receiver needs no second path for results that came from another LMS."""

from __future__ import annotations

from prm_api.events.registry import define
from prm_api.trainings.enrollment_schemas import Enrollment

ENROLLMENT_EXPIRED = define(
    "enrollment.expired",
    "An assigned enrollment passed its due date unfinished (from the expiry job).",
    Enrollment,
)
