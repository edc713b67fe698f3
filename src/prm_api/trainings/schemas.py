"""Courses and their modules as the API reads and writes them.

Two views of a course, one schema: vendor staff read the quizzes' correct options, partner
tokens (and every event payload) read ``correct_option_ids: null`` (:func:`course_shape`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, cast

from pydantic import Field, StringConstraints

from prm_api.audience.schemas import AUDIENCE, Audience
from prm_api.kit.fields import SPACE_AND_NUL, ExternalIds
from prm_api.kit.languages import LanguageTag
from prm_api.kit.render import Computed, Shape
from prm_api.kit.schemas import (
    JSON_INTEGER,
    Page,
    RequestModel,
    ResponseModel,
    StrictBool,
    Timestamp,
    patch_field,
)
from prm_api.trainings.quiz_schemas import QuizSettings, QuizSettingsCreate, quiz_shape


class CourseLevel(StrEnum):
    beginner = "beginner"
    intermediate = "intermediate"
    advanced = "advanced"


class CourseStatus(StrEnum):
    draft = "draft"
    published = "published"
    archived = "archived"


class ModuleKind(StrEnum):
    content = "content"
    link = "link"
    quiz = "quiz"
    acknowledgement = "acknowledgement"


Title = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Minutes = Annotated[int, Field(ge=1, le=100_000), JSON_INTEGER]
Position = Annotated[int, Field(ge=0, le=1000), JSON_INTEGER]
ModuleUrl = Annotated[
    str,
    StringConstraints(
        max_length=2048,
        pattern=rf"^[Hh][Tt][Tt][Pp][Ss]?://[^{SPACE_AND_NUL}/?#]+(?:[/?#][^{SPACE_AND_NUL}]*)?$",
    ),
]
AckText = Annotated[str, StringConstraints(min_length=1, max_length=100_000)]


# --- modules ---------------------------------------------------------------------------------


class CourseModule(ResponseModel):
    id: uuid.UUID
    course_id: uuid.UUID
    position: int = Field(description="Order within the course (0 first).")
    kind: ModuleKind
    title: str
    required: bool = Field(description="Counts towards completing the course.")
    asset_id: uuid.UUID | None = Field(
        description="`content`: the asset; done when the user downloads it through the API."
    )
    url: str | None = Field(description="`link`: the address; done when the user says so.")
    text: str | None = Field(description="`acknowledgement`: the text the user accepts.")
    text_version: int | None = Field(
        description="`acknowledgement`: +1 whenever the text changes; acceptances record it."
    )
    quiz: QuizSettings | None = Field(description="`quiz`: its settings and questions.")
    created_at: Timestamp
    updated_at: Timestamp


class CourseModuleCreate(RequestModel):
    """A module; the fields of its `kind` only (`asset_id` for content, `url` for link,
    `text` for acknowledgement, `quiz` for quiz): another kind's field is a 422 `mismatch`."""

    kind: ModuleKind
    title: Title
    required: StrictBool = True
    position: Position | None = Field(
        default=None, description="Where to insert it (default: last); later ones move down."
    )
    asset_id: uuid.UUID | None = None
    url: ModuleUrl | None = None
    text: AckText | None = None
    quiz: QuizSettingsCreate | None = None


class CourseModuleUpdate(RequestModel):
    """Only the fields sent change; `kind` does not. `position` moves the module (the others
    shift). Changing an acknowledgement's `text` raises its `text_version`."""

    title: Title = patch_field()
    required: StrictBool = patch_field()
    position: Position = patch_field()
    asset_id: uuid.UUID = patch_field()
    url: ModuleUrl = patch_field()
    text: AckText = patch_field()
    quiz: QuizSettingsCreate = patch_field(
        description="Replaces the quiz's settings and questions."
    )


class ModuleOrder(RequestModel):
    module_ids: list[uuid.UUID] = Field(
        min_length=1,
        max_length=1000,
        description="Every module of the course, once each, in the new order.",
    )


def module_shape(*, vendor: bool) -> Shape:
    return Shape(CourseModule, quiz=quiz_shape(vendor=vendor))


MODULE = module_shape(vendor=True)
MODULE_PUBLIC = module_shape(vendor=False)


# --- courses ---------------------------------------------------------------------------------


class Course(ResponseModel):
    id: uuid.UUID
    title: str = Field(examples=["Selling the platform"])
    description: str
    level: CourseLevel
    language: str | None = Field(description="BCP 47 language tag, e.g. `en-GB`.")
    estimated_minutes: int | None
    status: CourseStatus
    content_version: int = Field(
        description="1 at the first publication, +1 at each publication after a module "
        "changed. Enrollments record the version they started on."
    )
    allow_review: bool = Field(
        description="After a quiz attempt partners see which questions they got right "
        "(never the right options)."
    )
    audience: Audience
    modules: list[CourseModule] = Field(description="In order.")
    external_ids: dict[str, str]
    published_at: Timestamp | None
    archived_at: Timestamp | None
    created_at: Timestamp
    updated_at: Timestamp


class CourseCreate(RequestModel):
    title: Title = Field(examples=["Selling the platform"])
    description: str = Field(default="", max_length=10_000)
    level: CourseLevel = CourseLevel.beginner
    language: LanguageTag | None = None
    estimated_minutes: Minutes | None = None
    allow_review: StrictBool = False
    audience: Audience = Field(
        default_factory=Audience, description="Who sees it; omitted: vendor staff only."
    )
    modules: list[CourseModuleCreate] = Field(
        default_factory=list, max_length=100, description="Modules, in order."
    )
    external_ids: ExternalIds = Field(default_factory=dict)


class CourseUpdate(RequestModel):
    """Only the fields sent change; `audience` is replaced whole. `status` changes through
    `/publish` and `/archive`, modules through their own operations."""

    title: Title = patch_field()
    description: str = patch_field(max_length=10_000)
    level: CourseLevel = patch_field()
    language: LanguageTag | None = None
    estimated_minutes: Minutes | None = None
    allow_review: StrictBool = patch_field()
    audience: Audience = patch_field()
    external_ids: ExternalIds | None = None


class CoursePublish(RequestModel):
    reset_progress: StrictBool = Field(
        default=False,
        description="When publishing a new content version: also restart the active "
        "enrollments on it (their module progress and quiz attempts are cleared). By default "
        "enrolled people keep their progress.",
    )


class CourseList(Page[Course]):
    """A page of courses."""


def _modules(context: Any, course_id: Any) -> list[dict[str, Any]]:
    return context["modules"].get(str(course_id), [])


#: A course row; ``context["modules"]``: course id → its modules, already shaped.
COURSE = Shape(Course, audience=AUDIENCE, modules=Computed(_modules, "id", context=True))


def modules_context(modules: list[Any], *, vendor: bool) -> dict[str, Any]:
    """The render context of courses whose modules are ``modules`` (rows or objects)."""
    shape = MODULE if vendor else MODULE_PUBLIC
    by_course: dict[Any, list[dict[str, Any]]] = {}
    for module in sorted(modules, key=lambda m: (m.position, m.id)):
        by_course.setdefault(str(module.course_id), []).append(shape.one(module))
    return {"modules": by_course}


def course_out(course: Any, modules: list[Any], *, vendor: bool = False) -> Course:
    """A validated ``Course`` (events, write responses); the partner view unless ``vendor``:
    events never carry correct answers."""
    return cast(Course, COURSE.validated(course, modules_context(modules, vendor=vendor)))


@dataclass(frozen=True)
class CourseFilters:
    status: list[str] | None = None
    level: list[str] | None = None
    language: str | None = None
    q: str | None = None
