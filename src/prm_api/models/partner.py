"""The partner aggregate: partners, tiers and invitations to join a partner."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, Numeric, String, Text, text
from sqlalchemy.dialects.postgresql import ARRAY, CITEXT, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.kit.time import utcnow
from prm_api.models.base import Base, IdMixin, TimestampMixin, VersionedMixin

#: Statuses from which no action leads anywhere.
TERMINAL_STATUSES = ("declined", "terminated")
#: Statuses whose people and API clients may use the API.
ACCESS_STATUSES = frozenset({"applied", "onboarding", "active"})


class Tier(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A level of the partner program (Registered, Silver, Gold…), ordered by ``rank``."""

    __tablename__ = "tiers"

    key: Mapped[str] = mapped_column(String(40), nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    rank: Mapped[int] = mapped_column(Integer, nullable=False)
    benefits: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # Criteria the metrics work evaluates; null means "no requirement".
    min_won_revenue: Mapped[Decimal | None] = mapped_column(Numeric(18, 2), nullable=True)
    min_won_revenue_currency: Mapped[str | None] = mapped_column(String(3), nullable=True)
    min_won_deals: Mapped[int | None] = mapped_column(Integer, nullable=True)
    min_certified_users: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (
        Index("uq_tiers_key", "key", unique=True),
        Index("uq_tiers_rank", "rank", unique=True),
    )


class Partner(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "partners"

    name: Mapped[str] = mapped_column(String(200), nullable=False)
    legal_name: Mapped[str | None] = mapped_column(String(300), nullable=True)
    website: Mapped[str | None] = mapped_column(String(2048), nullable=True)
    domain: Mapped[str | None] = mapped_column(String(253), nullable=True)
    type: Mapped[str] = mapped_column(String(20), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    status_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    tier_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("tiers.id", ondelete="RESTRICT"), nullable=True
    )
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    region: Mapped[str | None] = mapped_column(String(100), nullable=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    contact_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    contact_email: Mapped[str | None] = mapped_column(CITEXT, nullable=True)
    contact_phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    address: Mapped[dict[str, Any] | None] = mapped_column(JSONB, nullable=True)
    manager_id: Mapped[uuid.UUID | None] = mapped_column(
        # users ↔ partners reference each other; create this one after both tables.
        ForeignKey("users.id", ondelete="SET NULL", use_alter=True),
        nullable=True,
    )
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(64)), nullable=False, default=list)
    external_ids: Mapped[dict[str, str]] = mapped_column(JSONB, nullable=False, default=dict)
    source: Mapped[str] = mapped_column(String(20), nullable=False, default="vendor")
    applied_at: Mapped[datetime | None] = mapped_column(nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(nullable=True)
    activated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    suspended_at: Mapped[datetime | None] = mapped_column(nullable=True)
    declined_at: Mapped[datetime | None] = mapped_column(nullable=True)
    terminated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    status_changed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    status_changed_by: Mapped[str | None] = mapped_column(String(80), nullable=True)

    __table_args__ = (
        Index("ix_partners_created_at_id", "created_at", "id"),
        Index("ix_partners_updated_at_id", "updated_at", "id"),
        Index("ix_partners_name_id", "name", "id"),
        Index("ix_partners_status", "status"),
        Index("ix_partners_tier_id", "tier_id"),
        Index("ix_partners_type", "type"),
        Index("ix_partners_country", "country"),
        Index("ix_partners_manager_id", "manager_id"),
        Index("ix_partners_tags", "tags", postgresql_using="gin"),
        Index(
            "ix_partners_external_ids",
            "external_ids",
            postgresql_using="gin",
            postgresql_ops={"external_ids": "jsonb_path_ops"},
        ),
        Index(
            "ix_partners_name_trgm",
            "name",
            postgresql_using="gin",
            postgresql_ops={"name": "gin_trgm_ops"},
        ),
        Index(
            "ix_partners_domain_trgm",
            "domain",
            postgresql_using="gin",
            postgresql_ops={"domain": "gin_trgm_ops"},
        ),
        # One live partner (or open application) per domain; declined/terminated free it.
        Index(
            "uq_partners_live_domain",
            "domain",
            unique=True,
            postgresql_where=text("status NOT IN ('declined', 'terminated')"),
        ),
    )


class Invitation(IdMixin, TimestampMixin, Base):
    """A one-time invitation to become a user of a partner. Only the token's hash is kept."""

    __tablename__ = "invitations"

    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), nullable=False
    )
    email: Mapped[str] = mapped_column(CITEXT, nullable=False)
    name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    role: Mapped[str] = mapped_column(String(32), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(nullable=False)
    accepted_at: Mapped[datetime | None] = mapped_column(nullable=True)
    accepted_user_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    invited_by: Mapped[str | None] = mapped_column(String(80), nullable=True)

    __table_args__ = (
        Index("uq_invitations_token_hash", "token_hash", unique=True),
        Index("ix_invitations_partner_id_created_at", "partner_id", "created_at"),
    )

    @property
    def status(self) -> str:
        """``pending`` until accepted, revoked or past ``expires_at`` (as the API shows it)."""
        return invitation_status(self.accepted_at, self.revoked_at, self.expires_at)


def invitation_status(
    accepted_at: datetime | None, revoked_at: datetime | None, expires_at: datetime
) -> str:
    """An invitation's status from its columns: the model's property and the rendering of a
    plain row (``partners.schemas.INVITATION``) both read it here."""
    if accepted_at:
        return "accepted"
    if revoked_at:
        return "revoked"
    if expires_at <= utcnow():
        return "expired"
    return "pending"


class PartnerExternalId(Base):
    """One ``external_ids`` entry of a partner: the primary key makes each (system, id) name
    one partner. Kept by the database (trigger ``partners_sync_external_ids``, see migration
    0006) from ``partners.external_ids``, so no writer can forget it and concurrent writers
    of one id get exactly one winner."""

    __tablename__ = "partner_external_ids"

    system: Mapped[str] = mapped_column(Text, primary_key=True)
    external_id: Mapped[str] = mapped_column(Text, primary_key=True)
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), nullable=False, index=True
    )
