"""The event outbox and webhook delivery: events, endpoints, deliveries and their attempts."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.kit.time import utcnow
from prm_api.models.base import Base, IdMixin, TimestampMixin, VersionedMixin


class Event(IdMixin, Base):
    """One state change, written in the transaction that made it (the transactional outbox)."""

    __tablename__ = "events"

    type: Mapped[str] = mapped_column(String(80), nullable=False)
    created_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow)
    api_version: Mapped[str] = mapped_column(String(20), nullable=False)
    resource_type: Mapped[str] = mapped_column(String(40), nullable=False)
    resource_id: Mapped[str] = mapped_column(String(80), nullable=False)
    # The partner whose data this is: its users and its endpoints see the event.
    partner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT"), nullable=True
    )
    actor: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    # The partner's own view when it differs from the vendor's (e.g. a conflict without the
    # other partner's identity). Partner tokens and partner endpoints get this one.
    partner_data: Mapped[dict[str, Any] | None] = mapped_column(JSONB, nullable=True)
    # Set by the worker once delivery rows exist for every matching endpoint.
    fanned_out_at: Mapped[datetime | None] = mapped_column(nullable=True)

    __table_args__ = (
        Index("ix_events_created_at_id", "created_at", "id"),
        Index("ix_events_type_created_at_id", "type", "created_at", "id"),
        Index("ix_events_partner_created_at_id", "partner_id", "created_at", "id"),
        Index("ix_events_resource_id", "resource_id", "created_at"),
        Index(
            "ix_events_pending_fan_out",
            "created_at",
            postgresql_where=text("fanned_out_at IS NULL"),
        ),
    )


class WebhookEndpoint(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "webhook_endpoints"

    url: Mapped[str] = mapped_column(String(2048), nullable=False)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Exact types or ``resource.*``; empty means every type.
    event_types: Mapped[list[str]] = mapped_column(ARRAY(String(80)), nullable=False, default=list)
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    disabled_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # Set for endpoints a partner admin registered: they receive only that partner's events.
    partner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT"), nullable=True
    )
    created_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    # Kept readable: every send is signed with it (shown to the owner only on creation/rotation).
    secret: Mapped[str] = mapped_column(String(100), nullable=False)
    previous_secret: Mapped[str | None] = mapped_column(String(100), nullable=True)
    previous_secret_expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # Health: the start of the current run of failures (None after any success).
    failing_since: Mapped[datetime | None] = mapped_column(nullable=True)
    consecutive_failures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_success_at: Mapped[datetime | None] = mapped_column(nullable=True)
    last_failure_at: Mapped[datetime | None] = mapped_column(nullable=True)

    __table_args__ = (
        Index("ix_webhook_endpoints_created_at_id", "created_at", "id"),
        Index("ix_webhook_endpoints_partner_id", "partner_id"),
    )


class WebhookDelivery(IdMixin, Base):
    """One event to one endpoint. ``pending`` until a 2xx (``succeeded``) or until the retry
    schedule is used up (``failed``). A worker holds a claim by a lease that expires."""

    __tablename__ = "webhook_deliveries"

    endpoint_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), nullable=False
    )
    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("events.id", ondelete="RESTRICT"), nullable=False
    )
    event_type: Mapped[str] = mapped_column(String(80), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="pending")
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(nullable=True)
    lease_token: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    lease_expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(nullable=True)
    last_status_code: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    succeeded_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow, onupdate=utcnow)

    __table_args__ = (
        UniqueConstraint("endpoint_id", "event_id"),
        Index("ix_webhook_deliveries_endpoint_created_at_id", "endpoint_id", "created_at", "id"),
        Index(
            "ix_webhook_deliveries_due",
            "next_attempt_at",
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_webhook_deliveries_event_id", "event_id"),
    )


class WebhookAttempt(IdMixin, Base):
    """One HTTP attempt of a delivery, as the integrator sees it in the delivery log."""

    __tablename__ = "webhook_attempts"

    delivery_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), nullable=False
    )
    # Denormalized so endpoint health (success rate over 24 h) is one index range scan.
    endpoint_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), nullable=False
    )
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    attempted_at: Mapped[datetime] = mapped_column(nullable=False)
    status_code: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    latency_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    response_body: Mapped[str | None] = mapped_column(Text, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    succeeded: Mapped[bool] = mapped_column(Boolean, nullable=False)

    __table_args__ = (
        Index("ix_webhook_attempts_delivery_number", "delivery_id", "number"),
        Index("ix_webhook_attempts_endpoint_attempted_at", "endpoint_id", "attempted_at"),
    )
