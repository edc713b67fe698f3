"""The onboarding plan (program-wide ordered steps) and each partner's completed steps."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.kit.time import utcnow
from prm_api.models.base import Base, IdMixin, TimestampMixin, VersionedMixin

#: Step kinds; every kind but ``custom`` is checked by the server when a change may satisfy it.
STEP_KINDS = (
    "profile_completed",
    "agreement_accepted",
    "course_completed",
    "users_invited",
    "first_deal_registered",
    "custom",
)


class OnboardingStep(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One step of the program's onboarding plan. The kind says which columns matter:
    ``profile_fields`` (profile_completed), ``module_id`` (agreement_accepted),
    ``course_id`` + ``min_count`` (course_completed), ``min_count`` (users_invited)."""

    __tablename__ = "onboarding_steps"

    position: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    required: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    profile_fields: Mapped[list[str]] = mapped_column(
        ARRAY(String(40)), nullable=False, default=list
    )
    # RESTRICT: a course or module a plan depends on cannot vanish under it.
    module_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("course_modules.id", ondelete="RESTRICT"), nullable=True
    )
    course_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("courses.id", ondelete="RESTRICT"), nullable=True
    )
    min_count: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (
        Index("ix_onboarding_steps_position_id", "position", "id"),
        Index("ix_onboarding_steps_kind", "kind"),
    )


class PartnerOnboardingStep(Base):
    """A step a partner completed (a row exists only once it is done)."""

    __tablename__ = "partner_onboarding_steps"

    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    step_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("onboarding_steps.id", ondelete="CASCADE"), primary_key=True
    )
    completed_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow)
    #: Who made it complete: the actor of the change that satisfied it (``user:<id>`` …).
    completed_by: Mapped[str | None] = mapped_column(String(80), nullable=True)

    __table_args__ = (Index("ix_partner_onboarding_steps_step_id", "step_id"),)
