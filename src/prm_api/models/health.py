"""Partner health: one snapshot of the score per partner and day (``prm_api.health``).

The live score is computed on request; these rows are what ``GET
/v1/partners/{id}/health/history`` reads and what a band crossing is decided against.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.kit.time import utcnow
from prm_api.models.base import Base


class PartnerHealthSnapshot(Base):
    """A partner's health score as the daily job computed it for ``day`` (one row a day: a
    second run of the job the same day replaces it)."""

    __tablename__ = "partner_health_snapshots"

    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    score: Mapped[int] = mapped_column(Integer, nullable=False)
    band: Mapped[str] = mapped_column(String(10), nullable=False)
    #: The score's ``explain[]`` as the API shows it (component, raw value, normalized
    #: value, weight, points): a snapshot explains itself even after the weights change.
    components: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False)
    formula_version: Mapped[str] = mapped_column(String(20), nullable=False)
    computed_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow)

    # The job reads every partner's newest snapshot (DISTINCT ON partner ORDER BY day DESC),
    # which the primary key's index serves; this one is for pruning or reading by day.
    __table_args__ = (Index("ix_partner_health_snapshots_day", "day"),)


__all__ = ["PartnerHealthSnapshot"]
