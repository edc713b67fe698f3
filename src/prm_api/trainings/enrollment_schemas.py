"""Enrollments and their per-module progress as the API reads and writes them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field

from prm_api.kit.render import Computed, Shape
from prm_api.kit.schemas import Page, RequestModel, ResponseModel, Timestamp


class EnrollmentStatus(StrEnum):
    enrolled = "enrolled"
    in_progress = "in_progress"
    completed = "completed"
    failed = "failed"
    expired = "expired"


class EnrollmentSource(StrEnum):
    self = "self"
    assigned = "assigned"
    external = "external"


class ModuleState(StrEnum):
    not_started = "not_started"
    completed = "completed"
    failed = "failed"


class ModuleProgress(ResponseModel):
    module_id: uuid.UUID
    kind: str
    required: bool
    status: ModuleState
    completed_at: Timestamp | None
    score: int | None = Field(description="Quizzes: the passing (or last failing) score.")
    accepted_text_version: int | None = Field(
        description="Acknowledgements: the version of the text the user accepted."
    )


class ProgressSummary(ResponseModel):
    required_modules: int
    completed_required_modules: int
    percent: int = Field(description="Completed required modules, in percent (100 if none).")


class Enrollment(ResponseModel):
    id: uuid.UUID
    course_id: uuid.UUID
    user_id: uuid.UUID
    partner_id: uuid.UUID
    status: EnrollmentStatus
    source: EnrollmentSource = Field(
        description="`self`: the user enrolled; `assigned`: a partner admin or vendor staff; "
        "`external`: created by a completion from an external LMS."
    )
    assigned_by: str | None = Field(description="The user or client that assigned it.")
    due_at: Timestamp | None
    course_version: int = Field(description="The course's `content_version` it follows.")
    started_at: Timestamp | None
    completed_at: Timestamp | None
    failed_at: Timestamp | None
    score: int | None = Field(description="The average of its quizzes' scores, once completed.")
    progress: ProgressSummary
    modules: list[ModuleProgress] = Field(description="Each module of the course, in order.")
    created_at: Timestamp
    updated_at: Timestamp


class EnrollmentCreate(RequestModel):
    """`{course_id}` alone: the caller (a partner user) enrolls themself. With `user_id`: an
    assignment — a partner admin assigns users of its own partner, vendor staff any partner
    user."""

    course_id: uuid.UUID
    user_id: uuid.UUID | None = Field(default=None, description="Assignments only.")
    due_at: Timestamp | None = Field(default=None, description="Assignments only.")


class EnrollmentList(Page[Enrollment]):
    """A page of enrollments."""


class ModuleCompletion(RequestModel):
    accepted: Literal[True] | None = Field(
        default=None, description="Acknowledgements: `true`, the user accepts the text."
    )


def _progress(context: Any, enrollment_id: Any) -> dict[str, Any]:
    return context["progress"][str(enrollment_id)]["summary"]


def _modules(context: Any, enrollment_id: Any) -> list[dict[str, Any]]:
    return context["progress"][str(enrollment_id)]["modules"]


#: An enrollment row; ``context["progress"]``: enrollment id → ``{"summary", "modules"}``
#: (built by ``trainings.progress.progress_context``).
ENROLLMENT = Shape(
    Enrollment,
    progress=Computed(_progress, "id", context=True),
    modules=Computed(_modules, "id", context=True),
)


@dataclass(frozen=True)
class EnrollmentFilters:
    course_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None
    partner_id: uuid.UUID | None = None
    status: list[str] | None = None
