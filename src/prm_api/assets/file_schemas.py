"""Asset files as the API shows them: versions, share links, download statistics.

(``AssetVersion`` and ``AssetDownload`` themselves live in ``assets/schemas.py``: they are the
objects of the ``asset.version_added`` and ``asset.downloaded`` events.)
"""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import Field

from prm_api.assets.schemas import AssetVersion
from prm_api.kit.render import Shape
from prm_api.kit.schemas import Page, RequestModel, ResponseModel, Timestamp

#: A share link lives 7 days unless asked otherwise, 90 at most.
DEFAULT_LINK_DAYS = 7
MAX_LINK_DAYS = 90
#: The longest ``note`` a version takes.
MAX_NOTE_CHARS = 2000


class AssetVersionList(Page[AssetVersion]):
    """A page of an asset's versions."""


ASSET_VERSION = Shape(AssetVersion)


# --- share links -------------------------------------------------------------------------------


class AssetShareLinkCreate(RequestModel):
    expires_at: Timestamp | None = Field(
        default=None,
        description=f"When the link stops working: in the future, at most {MAX_LINK_DAYS} "
        f"days ahead (default {DEFAULT_LINK_DAYS} days).",
    )
    partner_id: uuid.UUID | None = Field(
        default=None,
        description="Vendor roles only: the partner downloads through the link count for "
        "(its audience must admit the asset). Partner tokens: always their own partner.",
    )


class AssetShareLink(ResponseModel):
    id: uuid.UUID
    asset_id: uuid.UUID
    partner_id: uuid.UUID | None = Field(
        description="The partner downloads through the link count for (null: vendor staff's)."
    )
    created_by: str | None
    created_at: Timestamp
    expires_at: Timestamp
    revoked_at: Timestamp | None


class AssetShareLinkCreated(AssetShareLink):
    token: str = Field(
        description="The secret part of the URL. Shown once: only its hash is kept.",
        examples=["3q2-7wH1dXk0Yb5pZr8mA0F9u6cJvN4sTgKxLe2QhWo"],
    )
    url: str = Field(
        description="Downloads the asset's current version without a bearer token "
        "(`GET /v1/shared/{token}`), until it expires or is revoked.",
    )


class AssetShareLinkList(Page[AssetShareLink]):
    """A page of an asset's share links."""


ASSET_SHARE_LINK = Shape(AssetShareLink)


# --- statistics ------------------------------------------------------------------------------


class PartnerDownloads(ResponseModel):
    partner_id: uuid.UUID | None = Field(description="Null: vendor staff and vendor links.")
    downloads: int


class DayDownloads(ResponseModel):
    day: date = Field(description="UTC day.")
    downloads: int


class VersionDownloads(ResponseModel):
    version_number: int
    downloads: int


class AssetStats(ResponseModel):
    """Completed downloads of an asset in a window (a download in several range requests
    counts once)."""

    asset_id: uuid.UUID
    from_: Timestamp | None = Field(alias="from", description="Inclusive; null: no lower bound.")
    to: Timestamp | None = Field(description="Exclusive; null: up to now.")
    total: int
    by_partner: list[PartnerDownloads] = Field(description="Most downloads first.")
    by_day: list[DayDownloads] = Field(description="Days with downloads, oldest first.")
    by_version: list[VersionDownloads] = Field(description="Newest version first.")


class AssetDownloads(ResponseModel):
    asset_id: uuid.UUID
    title: str
    downloads: int


class MonthDownloads(ResponseModel):
    month: str = Field(description="UTC month, `YYYY-MM`.", examples=["2027-03"])
    downloads: int


class PartnerEngagement(ResponseModel):
    """A partner's completed asset downloads in a window."""

    partner_id: uuid.UUID
    from_: Timestamp | None = Field(alias="from", description="Inclusive; null: no lower bound.")
    to: Timestamp | None = Field(description="Exclusive; null: up to now.")
    total: int
    by_asset: list[AssetDownloads] = Field(description="Most downloaded first.")
    by_month: list[MonthDownloads] = Field(description="Months with downloads, oldest first.")
