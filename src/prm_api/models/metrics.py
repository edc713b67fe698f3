"""Metrics: exchange rates and the daily per-partner rollups the KPIs are read from.

Rollups are maintained incrementally in the transaction of each change, by row triggers on the
raw records (migration 0016: deals, asset downloads, enrollments, user activity days), so no
code path that writes a deal — an endpoint, a job, a bulk flag, a cascade — can leave them
behind. ``prm-api metrics rebuild`` recomputes them from the raw records with set-based SQL
written independently of the triggers; the property tests hold the two to each other.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Computed,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    String,
    text,
)
from sqlalchemy.dialects.postgresql import DATEMULTIRANGE, Range
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.models.base import Base, IdMixin, TimestampMixin, VersionedMixin


class ExchangeRate(IdMixin, TimestampMixin, VersionedMixin, Base):
    """How many units of the program's base currency one unit of ``currency`` was worth on
    ``rate_date``. A deal converts at the newest rate of its currency dated on or before its
    close date within the same calendar month (a month without a rate converts nothing)."""

    __tablename__ = "exchange_rates"

    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    rate_date: Mapped[date] = mapped_column(Date, nullable=False)
    rate: Mapped[Decimal] = mapped_column(Numeric(24, 10), nullable=False)
    source: Mapped[str | None] = mapped_column(String(100), nullable=True)

    __table_args__ = (
        Index("uq_exchange_rates_currency_date", "currency", "rate_date", unique=True),
    )


def _count() -> Mapped[int]:
    return mapped_column(Integer, nullable=False, default=0, server_default=text("0"))


def _money() -> Mapped[Decimal]:
    return mapped_column(Numeric(20, 2), nullable=False, default=0, server_default=text("0"))


class _DealFigures:
    """What a deal rollup row counts (the daily rows, the cube)."""

    registered: Mapped[int] = _count()
    registered_amount: Mapped[Decimal] = _money()
    conflicted: Mapped[int] = _count()
    approved: Mapped[int] = _count()
    rejected: Mapped[int] = _count()
    won: Mapped[int] = _count()
    won_amount: Mapped[Decimal] = _money()
    lost: Mapped[int] = _count()
    lost_amount: Mapped[Decimal] = _money()
    # Approved deals entering (+) and leaving (−) the open pipeline that day; the pipeline
    # on a day is the running sum up to it.
    pipeline_delta: Mapped[int] = _count()
    pipeline_amount_delta: Mapped[Decimal] = _money()


class DealDailyRollup(_DealFigures, Base):
    """Per partner, day and deal currency: what that day's deals did (by the day each fact
    happened: submitted, decided, closed, left the pipeline)."""

    __tablename__ = "deal_daily_rollups"

    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)

    __table_args__ = (Index("ix_deal_daily_rollups_day", "day"),)


class DealApprovalHours(Base):
    """Per partner and decision day: how many approvals took ``hours`` whole hours from
    submission (the median time to approval is read from these counts)."""

    __tablename__ = "deal_approval_hours"

    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    hours: Mapped[int] = mapped_column(Integer, primary_key=True)
    deals: Mapped[int] = _count()

    __table_args__ = (Index("ix_deal_approval_hours_day", "day"),)


class EngagementDailyRollup(Base):
    """Per partner and day: asset downloads, course completions and sign-ins."""

    __tablename__ = "engagement_daily_rollups"

    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    downloads: Mapped[int] = _count()
    completions: Mapped[int] = _count()
    sign_ins: Mapped[int] = _count()

    __table_args__ = (Index("ix_engagement_daily_rollups_day", "day"),)


class UserActivityDay(Base):
    """A raw record, not a rollup: a partner user signed in (or renewed a session) on ``day``.
    Kept one row per user and day — the history ``users.last_login_at`` cannot give — so
    distinct active users can be counted over any period."""

    __tablename__ = "user_activity_days"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), nullable=False
    )

    __table_args__ = (Index("ix_user_activity_days_partner_day", "partner_id", "day"),)


class _CubeFigures(_DealFigures):
    """What a cube row counts: the deal rollups' figures and the engagement counters, for one
    partner group — tier, partner type, country as the partners have them now. No NULL in a
    key: no tier is the nil UUID (it joins no tier), no country is ''. Engagement counts sit
    in rows of currency '' (migration 0019)."""

    tier_id: Mapped[uuid.UUID] = mapped_column(nullable=False)
    partner_type: Mapped[str] = mapped_column(String(20), nullable=False)
    country: Mapped[str] = mapped_column(String(2), nullable=False)
    downloads: Mapped[int] = _count()
    completions: Mapped[int] = _count()
    sign_ins: Mapped[int] = _count()


class MetricCubeDay(_CubeFigures, Base):
    """Program-wide figures per day, currency and partner group."""

    __tablename__ = "metric_cube_days"

    day: Mapped[date] = mapped_column(Date, nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)

    __table_args__ = (
        PrimaryKeyConstraint("day", "currency", "tier_id", "partner_type", "country"),
    )


class MetricCubeMonth(_CubeFigures, Base):
    """The day cube summed by month, kept apart by ``rate_day``, the date of the exchange rate
    converting each day (0001-01-01: none), so a month's won revenue converts exactly as its
    days."""

    __tablename__ = "metric_cube_months"

    month: Mapped[date] = mapped_column(Date, nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    rate_day: Mapped[date] = mapped_column(Date, nullable=False)

    __table_args__ = (
        PrimaryKeyConstraint("month", "currency", "rate_day", "tier_id", "partner_type", "country"),
    )


class MetricCubeDelta(_DealFigures, Base):
    """A change to a partner's rollups not folded into the cubes yet (append-only: writers
    never wait on a shared row; the fold puts it in the partner's group of the moment).
    Readers add these to the cubes."""

    __tablename__ = "metric_cube_deltas"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    partner_id: Mapped[uuid.UUID] = mapped_column(nullable=False)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    downloads: Mapped[int] = _count()
    completions: Mapped[int] = _count()
    sign_ins: Mapped[int] = _count()

    __table_args__ = (
        Index("ix_metric_cube_deltas_day", "day"),
        Index("ix_metric_cube_deltas_partner_id", "partner_id"),
    )


class MetricCubePlacement(Base):
    """The group a partner's folded history sits under in the cubes: a partner now in another
    group has it moved by the next fold (no foreign key: a deleted partner's row stays until
    its history is out)."""

    __tablename__ = "metric_cube_placements"

    partner_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    tier_id: Mapped[uuid.UUID] = mapped_column(nullable=False)
    partner_type: Mapped[str] = mapped_column(String(20), nullable=False)
    country: Mapped[str] = mapped_column(String(2), nullable=False)


class MetricCubeDirtyMonth(Base):
    """A month of a currency whose exchange rates changed: the next fold derives its month
    rows again, and readers read it by day until then (append-only, like the changes)."""

    __tablename__ = "metric_cube_dirty_months"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    month: Mapped[date] = mapped_column(Date, nullable=False)


class MetricProgramDay(_DealFigures, Base):
    """The program's figures per day and currency, no split (migration 0022): what program-wide
    reads without a dimension read. Engagement counts sit in rows of currency ''."""

    __tablename__ = "metric_program_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    downloads: Mapped[int] = _count()
    completions: Mapped[int] = _count()
    sign_ins: Mapped[int] = _count()


class UserActivityBounds(Base):
    """A user span's first and last sign-in day and its longest gap (most days in a row without
    a sign-in), kept narrow beside the wide span by a trigger on it (migration 0021): active
    users are counted from these; only a span that straddles a period with a gap as long as
    the period reads its multirange."""

    __tablename__ = "user_activity_bounds"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    first_day: Mapped[date] = mapped_column(Date, nullable=False)
    last_day: Mapped[date] = mapped_column(Date, nullable=False)
    longest_gap: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = (Index("ix_user_activity_bounds_partner_id", "partner_id"),)


class UserInSeveralPartners(Base):
    """A user that ever had sign-in days under two partners (migration 0021: a trigger on the
    spans). A user's partner never changes through the API, so none normally: while there is
    none, active users are counted by their spans, without a distinct sort."""

    __tablename__ = "users_in_several_partners"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )


class PartnerWonMonth(Base):
    """A partner's won revenue of one month in the base currency (``won_base``) and its running
    total through that month (migration 0022): a partner's total over whole months is the
    difference of two running totals. Kept by the cube's fold; every partner with a won amount
    has a row for each month from its first through ``PartnerWonState.dense_through`` (no
    foreign key: a deleted partner's rows go once its last changes are folded)."""

    __tablename__ = "partner_won_months"

    partner_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    won_base: Mapped[Decimal] = mapped_column(Numeric, nullable=False)
    running: Mapped[Decimal] = mapped_column(Numeric, nullable=False)

    __table_args__ = (
        Index("ix_partner_won_months_month", "month", "partner_id", postgresql_include=["running"]),
    )


class PartnerWonState(Base):
    """What ``partner_won_months`` holds: amounts in ``base_currency``, every partner's months
    through ``dense_through`` (a single row, id = 1)."""

    __tablename__ = "partner_won_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    base_currency: Mapped[str] = mapped_column(String(3), nullable=False)
    dense_through: Mapped[date] = mapped_column(Date, nullable=False)

    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)


def _first_day() -> Mapped[date | None]:
    """A span's first active day, stored beside its multirange (migration 0021): with the last
    one it decides most spans of a period without reading the multirange. Null only for an
    empty span, which the triggers delete at once."""
    return mapped_column(Date, Computed("lower(days)", persisted=True), nullable=True)


def _last_day() -> Mapped[date | None]:
    """A span's last active day: the multirange's upper bound is exclusive (canonical ``[)``)."""
    return mapped_column(Date, Computed("upper(days) - 1", persisted=True), nullable=True)


class PartnerDealActivity(Base):
    """The days a partner registered or won a deal, as one multirange (active partners over any
    range read one row per partner)."""

    __tablename__ = "partner_deal_activity"

    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    days: Mapped[list[Range[date]]] = mapped_column(DATEMULTIRANGE, nullable=False)
    first_day: Mapped[date | None] = _first_day()
    last_day: Mapped[date | None] = _last_day()


class UserActivitySpan(Base):
    """The days a partner user signed in, as one multirange (``user_activity_days`` folded)."""

    __tablename__ = "user_activity_spans"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    days: Mapped[list[Range[date]]] = mapped_column(DATEMULTIRANGE, nullable=False)
    first_day: Mapped[date | None] = _first_day()
    last_day: Mapped[date | None] = _last_day()

    __table_args__ = (Index("ix_user_activity_spans_partner_id", "partner_id"),)


__all__ = [
    "DealApprovalHours",
    "DealDailyRollup",
    "EngagementDailyRollup",
    "ExchangeRate",
    "MetricCubeDay",
    "MetricCubeDelta",
    "MetricCubeDirtyMonth",
    "MetricCubeMonth",
    "MetricCubePlacement",
    "MetricProgramDay",
    "PartnerDealActivity",
    "PartnerWonMonth",
    "PartnerWonState",
    "UserActivityBounds",
    "UserActivityDay",
    "UserActivitySpan",
    "UserInSeveralPartners",
]
