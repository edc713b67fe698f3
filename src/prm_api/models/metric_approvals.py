"""The program's approval durations (migration 0023): approvals per decision day and whole
hours from submission, summed over every partner, so the program-wide median time to approval
reads a few rows a day instead of one per partner (``prm_api.metrics.approvals``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, Index, Integer, PrimaryKeyConstraint
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.models.base import Base


class MetricApprovalDay(Base):
    """Approvals of the whole program decided on ``day`` that took ``hours`` whole hours: the
    per-partner ``deal_approval_hours`` summed, as of the last fold (no row of zero deals)."""

    __tablename__ = "metric_approval_days"

    day: Mapped[date] = mapped_column(Date, nullable=False)
    hours: Mapped[int] = mapped_column(Integer, nullable=False)
    deals: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = (PrimaryKeyConstraint("day", "hours"),)


class MetricApprovalMonth(Base):
    """The days summed by month: a read takes the whole months of its range from here."""

    __tablename__ = "metric_approval_months"

    month: Mapped[date] = mapped_column(Date, nullable=False)
    hours: Mapped[int] = mapped_column(Integer, nullable=False)
    deals: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = (PrimaryKeyConstraint("month", "hours"),)


class MetricApprovalDelta(Base):
    """A change to ``deal_approval_hours`` not folded into the days yet (append-only: writers
    never wait on a shared row). Readers add these to the days."""

    __tablename__ = "metric_approval_deltas"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    hours: Mapped[int] = mapped_column(Integer, nullable=False)
    deals: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = (Index("ix_metric_approval_deltas_day", "day"),)


__all__ = ["MetricApprovalDay", "MetricApprovalDelta", "MetricApprovalMonth"]
