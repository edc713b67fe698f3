"""Certification programs and the certifications they issue (issue 14, "Certifications").

A program names the courses that certify (all must be completed), how long a certification
is valid, when its holder is warned and when a renewal opens. A certification belongs to one
user of one partner; it is also an Open Badges 3.0 credential, signed when downloaded
(``trainings.credentials``): nothing signed is stored, so a key rotation re-signs it.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, Sequence, String, Text
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.models.base import Base, IdMixin, TimestampMixin, VersionedMixin

PROGRAM_STATUSES = ("active", "archived")
CERTIFICATION_STATUSES = ("active", "expiring", "expired", "revoked")
#: A certification in one of these is held: it counts for tiers and verifies as valid.
CURRENT_CERTIFICATION = ("active", "expiring")

#: The running number in a certification's human-readable number (``CERT-2026-000042``).
CERTIFICATION_NUMBER_SEQ = Sequence("certification_number_seq", metadata=Base.metadata)


class CertificationProgram(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "certification_programs"

    name: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: Every one of these courses must be completed (in any order) to be certified.
    course_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(PG_UUID(as_uuid=True)), nullable=False
    )
    validity_months: Mapped[int] = mapped_column(Integer, nullable=False)
    renewal_window_days: Mapped[int] = mapped_column(Integer, nullable=False)
    expiring_notice_days: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="active")
    external_ids: Mapped[dict[str, str]] = mapped_column(JSONB, nullable=False, default=dict)
    created_by: Mapped[str | None] = mapped_column(String(80), nullable=True)

    __table_args__ = (
        Index("ix_certification_programs_created_at_id", "created_at", "id"),
        Index("ix_certification_programs_name_id", "name", "id"),
        # Which programs does a completed course count for (every completion asks).
        Index("ix_certification_programs_course_ids", "course_ids", postgresql_using="gin"),
        Index(
            "ix_certification_programs_external_ids",
            "external_ids",
            postgresql_using="gin",
            postgresql_ops={"external_ids": "jsonb_path_ops"},
        ),
    )


class Certification(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "certifications"

    program_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("certification_programs.id", ondelete="RESTRICT"), nullable=False
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), nullable=False
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT"), nullable=False
    )
    number: Mapped[str] = mapped_column(String(40), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="active")
    issued_at: Mapped[datetime] = mapped_column(nullable=False)
    expires_at: Mapped[datetime] = mapped_column(nullable=False)
    #: The public lookup key of ``GET /v1/certifications/verify/{code}`` (unguessable).
    verification_code: Mapped[str] = mapped_column(String(64), nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    revoked_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    #: When ``certification.expiring`` was emitted (once).
    expiring_notified_at: Mapped[datetime | None] = mapped_column(nullable=True)
    #: When the renewal enrollments were opened (once).
    renewal_opened_at: Mapped[datetime | None] = mapped_column(nullable=True)
    #: The certification this one renews / the one that renewed it.
    renews_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("certifications.id", ondelete="SET NULL"), nullable=True
    )
    renewed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("certifications.id", ondelete="SET NULL"), nullable=True
    )

    __table_args__ = (
        Index("uq_certifications_number", "number", unique=True),
        Index("uq_certifications_verification_code", "verification_code", unique=True),
        Index("ix_certifications_created_at_id", "created_at", "id"),
        Index("ix_certifications_partner_created", "partner_id", "created_at", "id"),
        Index("ix_certifications_user_program", "user_id", "program_id"),
        # The job's scan: held certifications by expiry.
        Index(
            "ix_certifications_current_expires",
            "expires_at",
            postgresql_where=sql_text("status IN ('active', 'expiring')"),
        ),
    )


__all__ = [
    "CERTIFICATION_NUMBER_SEQ",
    "CERTIFICATION_STATUSES",
    "CURRENT_CERTIFICATION",
    "PROGRAM_STATUSES",
    "Certification",
    "CertificationProgram",
]
