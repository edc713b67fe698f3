"""The deal-registration aggregate: deals, detected conflicts, approval rules, settings."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, CITEXT, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.kit.time import utcnow
from prm_api.models.base import Base, IdMixin, TimestampMixin, VersionedMixin

#: Registrations that still claim their customer (conflict candidates).
OPEN_DEAL_STATUSES = ("submitted", "approved")


class Deal(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "deals"

    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT"), nullable=False
    )
    registered_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    customer_name: Mapped[str] = mapped_column(String(200), nullable=False)
    # Normalized name (lowercase, no accents, legal suffixes dropped) for fuzzy matching.
    customer_name_key: Mapped[str] = mapped_column(String(200), nullable=False)
    customer_domain: Mapped[str | None] = mapped_column(String(253), nullable=True)
    customer_country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    customer_contact_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    customer_contact_email: Mapped[str | None] = mapped_column(CITEXT, nullable=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    products: Mapped[list[str]] = mapped_column(ARRAY(String(100)), nullable=False, default=list)
    notes: Mapped[str | None] = mapped_column(Text, nullable=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    expected_close_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    stage: Mapped[str] = mapped_column(String(20), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft")
    submitted_at: Mapped[datetime | None] = mapped_column(nullable=True)
    protection_expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    decision_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    extensions_used: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    closed_at: Mapped[date | None] = mapped_column(Date, nullable=True)
    close_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(nullable=True)
    expired_at: Mapped[datetime | None] = mapped_column(nullable=True)
    has_conflicts: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    external_ids: Mapped[dict[str, str]] = mapped_column(JSONB, nullable=False, default=dict)

    __table_args__ = (
        # Partner-scoped lists by status, newest first (the partner portal's main query).
        Index("ix_deals_partner_status_created", "partner_id", "status", "created_at", "id"),
        Index("ix_deals_partner_created", "partner_id", "created_at", "id"),
        Index("ix_deals_status_created", "status", "created_at", "id"),
        Index("ix_deals_created_at_id", "created_at", "id"),
        Index("ix_deals_updated_at_id", "updated_at", "id"),
        Index("ix_deals_amount_id", "amount", "id"),
        Index("ix_deals_expected_close_id", "expected_close_date", "id"),
        # Conflict candidates: only open registrations are indexed for matching.
        Index(
            "ix_deals_open_domain",
            "customer_domain",
            postgresql_where=text("status IN ('submitted', 'approved')"),
        ),
        # Searched on every submit: no pending list (``fastupdate``), which every search would
        # otherwise scan in full until the next vacuum (it doubled the conflict query's time).
        Index(
            "ix_deals_open_name_trgm",
            "customer_name_key",
            postgresql_using="gin",
            postgresql_ops={"customer_name_key": "gin_trgm_ops"},
            postgresql_where=text("status IN ('submitted', 'approved')"),
            postgresql_with={"fastupdate": "off"},
        ),
        Index(
            "ix_deals_customer_name_trgm",
            "customer_name",
            postgresql_using="gin",
            postgresql_ops={"customer_name": "gin_trgm_ops"},
        ),
        Index(
            "ix_deals_title_trgm",
            "title",
            postgresql_using="gin",
            postgresql_ops={"title": "gin_trgm_ops"},
        ),
        Index("ix_deals_customer_domain", "customer_domain"),
        Index(
            "ix_deals_due_expiry",
            "protection_expires_at",
            postgresql_where=text("status = 'approved'"),
        ),
        Index(
            "ix_deals_external_ids",
            "external_ids",
            postgresql_using="gin",
            postgresql_ops={"external_ids": "jsonb_path_ops"},
        ),
    )


class DealConflict(IdMixin, Base):
    """A registration that claimed the same customer when this deal was submitted."""

    __tablename__ = "deal_conflicts"

    deal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("deals.id", ondelete="CASCADE"), nullable=False
    )
    other_deal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("deals.id", ondelete="CASCADE"), nullable=False
    )
    reason: Mapped[str] = mapped_column(String(10), nullable=False)  # domain | name
    score: Mapped[float] = mapped_column(Float, nullable=False)
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("uq_deal_conflicts_pair", "deal_id", "other_deal_id", unique=True),
        Index("ix_deal_conflicts_other", "other_deal_id"),
    )


class DealRule(IdMixin, TimestampMixin, VersionedMixin, Base):
    """An auto-approval rule. Rules are tried in ``position`` order; the first match wins."""

    __tablename__ = "deal_rules"

    name: Mapped[str] = mapped_column(String(200), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    max_amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2), nullable=True)
    max_amount_currency: Mapped[str | None] = mapped_column(String(3), nullable=True)
    partner_tier_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), nullable=False, default=list
    )
    partner_types: Mapped[list[str]] = mapped_column(
        ARRAY(String(20)), nullable=False, default=list
    )
    action: Mapped[str] = mapped_column(String(20), nullable=False, default="auto_approve")

    __table_args__ = (Index("ix_deal_rules_position", "position"),)


class ProgramSettings(Base):
    """The program's deal-registration settings: a single row (id = 1)."""

    __tablename__ = "program_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    protection_days: Mapped[int] = mapped_column(Integer, nullable=False, default=90)
    extension_days: Mapped[int] = mapped_column(Integer, nullable=False, default=30)
    max_extensions: Mapped[int] = mapped_column(Integer, nullable=False, default=2)
    conflict_threshold: Mapped[float] = mapped_column(Float, nullable=False, default=0.6)
    # When a partner finishes every required onboarding step: activate it at once (true) or
    # emit partner.onboarding_completed for a channel manager to activate (false).
    onboarding_auto_activate: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=text("false")
    )
    # Metrics: the currency every money figure is reported in (deals in other currencies are
    # converted with /v1/exchange-rates), and how tiers are evaluated.
    base_currency: Mapped[str] = mapped_column(
        String(3), nullable=False, default="USD", server_default=text("'USD'")
    )
    tier_evaluation_mode: Mapped[str] = mapped_column(
        String(10), nullable=False, default="manual", server_default=text("'manual'")
    )
    tier_window_months: Mapped[int] = mapped_column(
        Integer, nullable=False, default=12, server_default=text("12")
    )
    tier_downgrade_grace_days: Mapped[int] = mapped_column(
        Integer, nullable=False, default=30, server_default=text("30")
    )
    # Health score weights by component; {} means the formula's defaults.
    health_weights: Mapped[dict[str, int]] = mapped_column(
        JSONB, nullable=False, default=dict, server_default=text("'{}'::jsonb")
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}


class DealExternalId(Base):
    """One ``external_ids`` entry of a deal, kept by the database (trigger
    ``deals_sync_external_ids``, migration 0006): the primary key makes each (system, id)
    name one deal, whatever the race."""

    __tablename__ = "deal_external_ids"

    system: Mapped[str] = mapped_column(Text, primary_key=True)
    external_id: Mapped[str] = mapped_column(Text, primary_key=True)
    deal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("deals.id", ondelete="CASCADE"), nullable=False, index=True
    )
