"""The trainings event types (``course.*``, ``enrollment.*``, ``quiz.*``).

No payload carries a quiz's correct options: a course's object is its partner view
(``correct_option_ids: null``), an attempt's shows per-question results only when the course
allows review. Courses belong to no partner (like assets: vendor staff receive their
events); enrollments and attempts carry their partner's id.
"""

from __future__ import annotations

from prm_api.events.registry import define, define_verbs
from prm_api.trainings.enrollment_schemas import Enrollment
from prm_api.trainings.quiz_schemas import QuizAttempt
from prm_api.trainings.schemas import Course

COURSE = define_verbs(
    "course",
    Course,
    {
        "created": "A course was created (as a draft).",
        "updated": "A course's fields, audience or modules changed.",
        "published": "A course was published (``content_version`` says which version).",
        "archived": "A course was archived: no new enrollments.",
        "deleted": "A draft course was deleted (``data.object`` is its last state).",
    },
)
ENROLLMENT = define_verbs(
    "enrollment",
    Enrollment,
    {
        "created": "A user enrolled in a course, or was assigned one.",
        "completed": "Every required module of the enrollment's course is done.",
        "failed": "A required quiz was failed with no attempt left.",
    },
)
QUIZ_ATTEMPT_SUBMITTED = define(
    "quiz.attempt_submitted",
    "A quiz attempt was submitted and graded (score, passed; no correct answers).",
    QuizAttempt,
)
