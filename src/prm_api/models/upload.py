"""A resumable (tus 1.0.0) upload of an asset file, while it is received and for a while after.

The bytes received so far live under ``uploads/<upload id>/`` in the blob storage: on object
storage as *parts* (one object per stretch of bytes committed, see
:mod:`prm_api.storage.partial`), on local storage as one file written in place (``parts`` stays
empty, see :mod:`prm_api.storage.upload_file`). This row is the truth about which parts make
the upload and how far it got (``offset``). A part object that no row lists, or file bytes
past the offset (a process died between writing them and committing them), are garbage,
removed or overwritten; the upload's objects go when it completes, is terminated or expires.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from prm_api.models.base import Base, IdMixin, TimestampMixin


class AssetUpload(IdMixin, TimestampMixin, Base):
    __tablename__ = "asset_uploads"

    asset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assets.id", ondelete="CASCADE"), nullable=False
    )
    #: ``Upload-Length``: the file's size, declared at creation.
    length: Mapped[int] = mapped_column(BigInteger, nullable=False)
    #: ``Upload-Offset``: bytes durably received (on object storage the sum of ``parts``'
    #: lengths).
    offset: Mapped[int] = mapped_column("upload_offset", BigInteger, nullable=False, default=0)
    #: ``Upload-Metadata`` as sent, decoded (``{"filename": "…", "filetype": "…"}``; a key
    #: without a value maps to null).
    upload_metadata: Mapped[dict[str, Any]] = mapped_column(
        "metadata", JSONB, nullable=False, default=dict
    )
    #: The sanitized filename the version will carry.
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    #: ``[[start, length, key], …]`` in offset order: the committed part objects (object
    #: storage; local storage writes one file in place and lists none).
    parts: Mapped[list[list[Any]]] = mapped_column(JSONB, nullable=False, default=list)
    created_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    #: Unfinished: purged after this (moved on with every committed part). Finished: the row
    #: is kept until then, so a client asking about its upload again (HEAD) hears it is done.
    expires_at: Mapped[datetime] = mapped_column(nullable=False)
    completed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    #: The version the finished upload became.
    version_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("asset_versions.id", ondelete="SET NULL"), nullable=True
    )

    __table_args__ = (
        Index("ix_asset_uploads_asset_id", "asset_id"),
        # The purge job's question: which uploads are past their expiry.
        Index("ix_asset_uploads_expires_at", "expires_at"),
    )


__all__ = ["AssetUpload"]
