"""Tier evaluations: runs that check every active partner against the tiers' criteria, and
the tier changes each run proposed or made.

A change keeps the figures that decided it (``criteria``), so a partner can be told exactly
why it moved even after its numbers or the tiers changed. Its tiers are plain ids, not
foreign keys: a tier deleted later must not take the history with it (the snapshot in
``criteria`` still names it).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.models.base import Base, IdMixin, TimestampMixin, VersionedMixin

EVALUATION_MODES = ("manual", "automatic")
#: ``proposed``: changes await a decision (manual mode); ``applied``: changes were made and
#: downgrades wait out their grace period (automatic mode); ``completed``: nothing is open.
EVALUATION_STATUSES = ("proposed", "applied", "completed")
EVALUATION_TRIGGERS = ("schedule", "request")
CHANGE_DIRECTIONS = ("upgrade", "downgrade")
CHANGE_STATUSES = ("proposed", "accepted", "rejected", "applied", "pending_grace", "cancelled")
#: A change in one of these still waits for something (a decision, or its grace period).
OPEN_CHANGE_STATUSES = ("proposed", "pending_grace")


def _count() -> Mapped[int]:
    return mapped_column(Integer, nullable=False, default=0, server_default=text("0"))


class TierEvaluation(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "tier_evaluations"

    mode: Mapped[str] = mapped_column(String(10), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    trigger: Mapped[str] = mapped_column(String(10), nullable=False)
    #: Who asked: ``user:<id>``, ``client:<id>`` or ``system:job:evaluate-tiers``.
    triggered_by: Mapped[str] = mapped_column(String(120), nullable=False)
    started_at: Mapped[datetime] = mapped_column(nullable=False)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)
    window_start: Mapped[date] = mapped_column(Date, nullable=False)
    window_end: Mapped[date] = mapped_column(Date, nullable=False)
    base_currency: Mapped[str] = mapped_column(String(3), nullable=False)
    partners_evaluated: Mapped[int] = _count()
    upgrades: Mapped[int] = _count()
    downgrades: Mapped[int] = _count()
    #: Changes of this run still ``proposed`` or ``pending_grace``.
    open_changes: Mapped[int] = _count()
    #: Open changes of earlier runs this run cancelled (superseded or no longer needed).
    cancelled_earlier: Mapped[int] = _count()

    __table_args__ = (
        Index("ix_tier_evaluations_created_at_id", "created_at", "id"),
        Index("ix_tier_evaluations_started_at", "started_at"),
    )


class TierEvaluationChange(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "tier_evaluation_changes"

    evaluation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tier_evaluations.id", ondelete="CASCADE"), nullable=False
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), nullable=False
    )
    from_tier_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    to_tier_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    direction: Mapped[str] = mapped_column(String(10), nullable=False)
    status: Mapped[str] = mapped_column(String(14), nullable=False)
    #: The figures and the tiers' criteria that decided it (``schemas.ChangeCriteria``).
    criteria: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(120), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    #: A downgrade in its grace period applies at this time (unless cancelled first).
    effective_at: Mapped[datetime | None] = mapped_column(nullable=True)
    applied_at: Mapped[datetime | None] = mapped_column(nullable=True)

    __table_args__ = (
        Index("ix_tier_evaluation_changes_evaluation_id_id", "evaluation_id", "id"),
        Index("ix_tier_evaluation_changes_partner_id", "partner_id"),
        # At most one open change per partner: a run supersedes the earlier one first.
        Index(
            "uq_tier_evaluation_changes_open_partner",
            "partner_id",
            unique=True,
            postgresql_where=text("status IN ('proposed', 'pending_grace')"),
        ),
        # The job's scan: downgrades whose grace period is over.
        Index(
            "ix_tier_evaluation_changes_grace_due",
            "effective_at",
            postgresql_where=text("status = 'pending_grace'"),
        ),
    )


__all__ = [
    "CHANGE_DIRECTIONS",
    "CHANGE_STATUSES",
    "EVALUATION_MODES",
    "EVALUATION_STATUSES",
    "EVALUATION_TRIGGERS",
    "OPEN_CHANGE_STATUSES",
    "TierEvaluation",
    "TierEvaluationChange",
]
