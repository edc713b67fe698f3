"""The audience columns a model mixes in (``class Asset(AudienceMixin, …, Base)``).

Arrays, not a join table: an item's audience is read and written as one value, and the
partner-list predicate (:func:`prm_api.audience.rules.admits`) tests a partner against an
item's own row without a second table per dimension. Empty arrays mean "not given".
"""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, String
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import Mapped, mapped_column


class AudienceMixin:
    audience_everyone: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    audience_tier_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), nullable=False, default=list
    )
    audience_partner_types: Mapped[list[str]] = mapped_column(
        ARRAY(String(20)), nullable=False, default=list
    )
    audience_countries: Mapped[list[str]] = mapped_column(
        ARRAY(String(2)), nullable=False, default=list
    )
    audience_regions: Mapped[list[str]] = mapped_column(
        ARRAY(String(100)), nullable=False, default=list
    )
    audience_partner_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), nullable=False, default=list
    )
    audience_excluded_partner_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), nullable=False, default=list
    )


#: The API field → its column, in the schema's order.
COLUMNS: dict[str, str] = {
    "everyone": "audience_everyone",
    "tier_ids": "audience_tier_ids",
    "partner_types": "audience_partner_types",
    "countries": "audience_countries",
    "regions": "audience_regions",
    "partner_ids": "audience_partner_ids",
    "excluded_partner_ids": "audience_excluded_partner_ids",
}
