"""Results that come from outside: completions from an external LMS and xAPI statements.

One table for both, because both are the same fact — "this user finished (or failed) this
course elsewhere" — recorded once per id the sender gives it: ``(source, external_id)`` is
unique, ``source`` being ``api`` (``POST /v1/enrollments/external-completions``) or ``xapi``
(the statement id of ``POST /v1/xapi/statements``). A retry finds its row and is answered
from it instead of completing the enrollment a second time.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.kit.time import utcnow
from prm_api.models.base import Base, IdMixin
from prm_api.models.training import Enrollment

EXTERNAL_SOURCES = ("api", "xapi")
EXTERNAL_OUTCOMES = ("completed", "failed")


class ExternalCompletion(IdMixin, Base):
    __tablename__ = "external_completions"

    source: Mapped[str] = mapped_column(String(10), nullable=False)
    external_id: Mapped[str] = mapped_column(String(255), nullable=False)
    #: The API client (or user) that sent it.
    sent_by: Mapped[str] = mapped_column(String(80), nullable=False)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), nullable=False
    )
    course_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("courses.id", ondelete="RESTRICT"), nullable=False
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT"), nullable=False
    )
    enrollment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), nullable=False
    )
    outcome: Mapped[str] = mapped_column(String(20), nullable=False)
    completed_at: Mapped[datetime] = mapped_column(nullable=False)
    score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    passed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    #: sha256 of the facts sent: the same id with other facts is a 409, not a silent replay.
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    #: xAPI: the statement as received (with its ``stored`` time), for an auditor.
    statement: Mapped[dict[str, Any] | None] = mapped_column(JSONB, nullable=True)
    created_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow)

    __table_args__ = (
        Index("uq_external_completions_source_external_id", "source", "external_id", unique=True),
        Index("ix_external_completions_enrollment_id", "enrollment_id"),
        Index("ix_external_completions_partner_created", "partner_id", "created_at", "id"),
    )


# The expiry job reads active enrollments past their due date: a partial index on the
# enrollments table, kept small (only active rows with a due date are in it).
Index(
    "ix_enrollments_due_active",
    Enrollment.due_at,
    postgresql_where=sql_text("status IN ('enrolled', 'in_progress') AND due_at IS NOT NULL"),
)


__all__ = ["EXTERNAL_OUTCOMES", "EXTERNAL_SOURCES", "ExternalCompletion"]
