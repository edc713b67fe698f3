"""The training aggregate: courses and their ordered modules, enrollments, per-module
progress and quiz attempts (issue 14).

A quiz's questions, correct options included, live in the module's ``questions`` JSON: they
are read and written with the module, and the correct options never leave the server for a
partner (``trainings.schemas`` has the partner shapes).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Computed,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import (
    text as sql_text,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.audience.columns import AudienceMixin
from prm_api.kit.time import utcnow
from prm_api.models.base import Base, IdMixin, TimestampMixin, VersionedMixin

COURSE_LEVELS = ("beginner", "intermediate", "advanced")
COURSE_STATUSES = ("draft", "published", "archived")
MODULE_KINDS = ("content", "link", "quiz", "acknowledgement")
ENROLLMENT_STATUSES = ("enrolled", "in_progress", "completed", "failed", "expired")
#: An enrollment in one of these is "active": at most one per (course, user).
ACTIVE_ENROLLMENT = ("enrolled", "in_progress")

# As assets: generated accent- and case-free search columns over ``search_source`` (title
# and description, written by the service); ``f_unaccent`` comes from the assets migration.
SEARCH_TEXT = "f_unaccent(lower(search_source))"
SEARCH_VECTOR = "to_tsvector('simple'::regconfig, f_unaccent(lower(search_source)))"


class Course(IdMixin, TimestampMixin, VersionedMixin, AudienceMixin, Base):
    __tablename__ = "courses"

    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    level: Mapped[str] = mapped_column(String(20), nullable=False, default="beginner")
    language: Mapped[str | None] = mapped_column(String(35), nullable=True)
    estimated_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft")
    #: +1 on each publish after a module changed (the first publish is version 1).
    content_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    #: A module was added, edited, moved or removed since the course was last published.
    modules_changed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    allow_review: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    external_ids: Mapped[dict[str, str]] = mapped_column(JSONB, nullable=False, default=dict)
    created_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(nullable=True)
    archived_at: Mapped[datetime | None] = mapped_column(nullable=True)
    search_source: Mapped[str] = mapped_column(Text, nullable=False, default="")
    search_text: Mapped[str] = mapped_column(Text, Computed(SEARCH_TEXT, persisted=True))
    search_vector: Mapped[Any] = mapped_column(TSVECTOR, Computed(SEARCH_VECTOR, persisted=True))

    __table_args__ = (
        Index("ix_courses_created_at_id", "created_at", "id"),
        Index("ix_courses_updated_at_id", "updated_at", "id"),
        Index("ix_courses_title_id", "title", "id"),
        Index("ix_courses_status_updated", "status", "updated_at", "id"),
        Index(
            "ix_courses_external_ids",
            "external_ids",
            postgresql_using="gin",
            postgresql_ops={"external_ids": "jsonb_path_ops"},
        ),
        Index(
            "ix_courses_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
        Index("ix_courses_search_vector", "search_vector", postgresql_using="gin"),
    )


class CourseModule(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One step of a course; which columns mean something depends on ``kind``."""

    __tablename__ = "course_modules"

    course_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("courses.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    required: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    # content
    asset_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("assets.id", ondelete="SET NULL"), nullable=True
    )
    # link
    url: Mapped[str | None] = mapped_column(String(2048), nullable=True)
    # acknowledgement: the text and its version (+1 whenever the text changes)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    text_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # quiz
    passing_score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    time_limit_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    max_attempts: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cooldown_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False, default=list)

    __table_args__ = (
        Index("ix_course_modules_course_position", "course_id", "position"),
        Index(
            "ix_course_modules_asset_id",
            "asset_id",
            postgresql_where=sql_text("asset_id IS NOT NULL"),
        ),
    )


class Enrollment(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "enrollments"

    course_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("courses.id", ondelete="RESTRICT"), nullable=False
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), nullable=False
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT"), nullable=False
    )
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="enrolled")
    source: Mapped[str] = mapped_column(String(20), nullable=False, default="self")
    assigned_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    due_at: Mapped[datetime | None] = mapped_column(nullable=True)
    course_version: Mapped[int] = mapped_column(Integer, nullable=False)
    started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    failed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    score: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (
        # One active enrollment per person and course (a second is a 409).
        Index(
            "uq_enrollments_active_course_user",
            "course_id",
            "user_id",
            unique=True,
            postgresql_where=sql_text("status IN ('enrolled', 'in_progress')"),
        ),
        Index("ix_enrollments_created_at_id", "created_at", "id"),
        Index("ix_enrollments_partner_created", "partner_id", "created_at", "id"),
        Index("ix_enrollments_user_created", "user_id", "created_at", "id"),
        Index("ix_enrollments_course_status", "course_id", "status"),
    )


class ModuleProgress(Base):
    """A module done (or a quiz failed for good) within one enrollment."""

    __tablename__ = "module_progress"

    enrollment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), primary_key=True
    )
    module_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("course_modules.id", ondelete="CASCADE"), primary_key=True
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT"), nullable=False
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), nullable=False
    )
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    completed_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow)
    score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    accepted_text_version: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (
        # A partner's team progress page reads its rows by partner, newest first.
        Index("ix_module_progress_partner_completed", "partner_id", "completed_at"),
        Index("ix_module_progress_module_id", "module_id"),
    )


class QuizAttempt(IdMixin, Base):
    __tablename__ = "quiz_attempts"

    enrollment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), nullable=False
    )
    module_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("course_modules.id", ondelete="CASCADE"), nullable=False
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), nullable=False
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT"), nullable=False
    )
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="in_progress")
    started_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow)
    deadline_at: Mapped[datetime | None] = mapped_column(nullable=True)
    submitted_at: Mapped[datetime | None] = mapped_column(nullable=True)
    #: question id → the option ids chosen.
    answers: Mapped[dict[str, list[str]]] = mapped_column(JSONB, nullable=False, default=dict)
    score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    passed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    #: question id → answered right (kept for review; shown only if the course allows it).
    results: Mapped[dict[str, bool] | None] = mapped_column(JSONB, nullable=True)

    __table_args__ = (
        UniqueConstraint("enrollment_id", "module_id", "number"),
        Index("ix_quiz_attempts_partner_id", "partner_id"),
    )


__all__ = [
    "ACTIVE_ENROLLMENT",
    "COURSE_LEVELS",
    "COURSE_STATUSES",
    "ENROLLMENT_STATUSES",
    "MODULE_KINDS",
    "Course",
    "CourseModule",
    "Enrollment",
    "ModuleProgress",
    "QuizAttempt",
]
