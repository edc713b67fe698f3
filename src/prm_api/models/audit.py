from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Identity, Index, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.models.base import Base, IdMixin


class AuditEvent(Base):
    """One append-only, hash-chained audit row. ``seq`` orders the chain."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(nullable=False, unique=True)
    occurred_at: Mapped[datetime] = mapped_column(nullable=False)
    actor_type: Mapped[str] = mapped_column(String(16), nullable=False)
    actor_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    actor_role: Mapped[str | None] = mapped_column(String(32), nullable=True)
    actor_partner_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    client_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    action: Mapped[str] = mapped_column(String(80), nullable=False)
    resource_type: Mapped[str] = mapped_column(String(48), nullable=False)
    resource_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    partner_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    changes: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, default=dict)
    request_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)

    __table_args__ = (
        Index("ix_audit_events_resource", "resource_type", "resource_id"),
        Index("ix_audit_events_actor_id", "actor_id"),
        Index("ix_audit_events_occurred_at", "occurred_at"),
        Index("ix_audit_events_partner_id", "partner_id"),
    )


class AuditCheckpoint(IdMixin, Base):
    """A signed statement of the chain's head at one moment: ``jws`` (ES256/RS256 with the
    service's JWT signing key) carries ``seq``, ``hash`` and ``count``; the columns repeat them
    for queries. Append-only like the chain, and one per head: ``seq`` is unique."""

    __tablename__ = "audit_checkpoints"

    seq: Mapped[int] = mapped_column(BigInteger, nullable=False, unique=True)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)
    # Rows in the chain up to ``seq`` (``count`` in the JWS; not ``count``: a Row method).
    row_count: Mapped[int] = mapped_column(BigInteger, nullable=False)
    created_at: Mapped[datetime] = mapped_column(nullable=False)
    kid: Mapped[str] = mapped_column(String(64), nullable=False)
    jws: Mapped[str] = mapped_column(Text, nullable=False)
    actor_type: Mapped[str] = mapped_column(String(16), nullable=False)
    actor_id: Mapped[str | None] = mapped_column(String(80), nullable=True)

    __table_args__ = (Index("ix_audit_checkpoints_created_at_id", "created_at", "id"),)
