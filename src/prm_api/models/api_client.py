from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.models.base import Base, IdMixin, TimestampMixin, VersionedMixin


class ApiClient(IdMixin, TimestampMixin, VersionedMixin, Base):
    """An OAuth2 confidential client (integration, CI job, backend) using client_credentials."""

    __tablename__ = "api_clients"

    client_id: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    role: Mapped[str] = mapped_column(String(32), nullable=False)
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(64)), nullable=False, default=list)
    partner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT"), nullable=True
    )
    secret_hash: Mapped[str] = mapped_column(String(256), nullable=False)
    secret_last4: Mapped[str] = mapped_column(String(8), nullable=False)
    secret_rotated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # Part of every access token (`tv`); bumping it kills all tokens issued before.
    token_version: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    __table_args__ = (
        Index("uq_api_clients_client_id", "client_id", unique=True),
        Index("ix_api_clients_created_at_id", "created_at", "id"),
    )
