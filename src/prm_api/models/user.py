from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, text
from sqlalchemy.dialects.postgresql import CITEXT
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.models.base import Base, IdMixin, TimestampMixin, VersionedMixin


class User(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A person who signs in with email and password: vendor staff or a partner's user."""

    __tablename__ = "users"

    email: Mapped[str] = mapped_column(CITEXT, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    role: Mapped[str] = mapped_column(String(32), nullable=False)
    partner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT"), nullable=True
    )
    password_hash: Mapped[str | None] = mapped_column(String(256), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    deactivated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    #: Deactivated by vendor staff (or the system): only vendor staff may lift it.
    deactivated_by_vendor: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=text("false")
    )
    failed_login_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(nullable=True)
    last_login_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # Part of every access token (`tv`); bumping it kills all tokens issued before.
    token_version: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    __table_args__ = (
        Index("uq_users_email", "email", unique=True),
        Index("ix_users_created_at_id", "created_at", "id"),
        Index("ix_users_partner_id", "partner_id", postgresql_where=text("partner_id IS NOT NULL")),
    )
