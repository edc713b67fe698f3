"""The asset and its category as the API reads and writes them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, cast

from pydantic import Field, StringConstraints

from prm_api.audience.schemas import AUDIENCE, Audience
from prm_api.kit.fields import SPACE_AND_NUL, ExternalIds
from prm_api.kit.languages import LanguageTag
from prm_api.kit.render import Shape
from prm_api.kit.schemas import (
    JSON_INTEGER,
    Page,
    RequestModel,
    ResponseModel,
    StrictBool,
    Timestamp,
    patch_field,
)


class AssetKind(StrEnum):
    document = "document"
    presentation = "presentation"
    video = "video"
    image = "image"
    archive = "archive"
    link = "link"
    other = "other"


class AssetStatus(StrEnum):
    draft = "draft"
    published = "published"
    archived = "archived"


AssetTag = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.:-]{0,63}$")]
#: An http(s) address of the linked content (``kind: link``).
LinkUrl = Annotated[
    str,
    StringConstraints(
        max_length=2048,
        pattern=rf"^[Hh][Tt][Tt][Pp][Ss]?://[^{SPACE_AND_NUL}/?#]+(?:[/?#][^{SPACE_AND_NUL}]*)?$",
    ),
]
Title = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Position = Annotated[int, Field(ge=0, le=100_000), JSON_INTEGER]
Slug = Annotated[
    str, StringConstraints(min_length=1, max_length=100, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
]


# --- categories ------------------------------------------------------------------------------


class AssetCategory(ResponseModel):
    id: uuid.UUID
    parent_id: uuid.UUID | None = Field(description="Null for a top-level category.")
    name: str = Field(examples=["Sales enablement"])
    slug: str = Field(examples=["sales-enablement"])
    position: int = Field(description="Order among its siblings (lowest first).")
    created_at: Timestamp
    updated_at: Timestamp


class AssetCategoryCreate(RequestModel):
    name: str = Field(min_length=1, max_length=100, examples=["Sales enablement"])
    slug: Slug = Field(examples=["sales-enablement"], description="Unique across categories.")
    parent_id: uuid.UUID | None = Field(
        default=None, description="The parent category; categories nest at most 4 levels deep."
    )
    position: Position = 0


class AssetCategoryUpdate(RequestModel):
    name: str = patch_field(min_length=1, max_length=100)
    slug: Slug = patch_field()
    parent_id: uuid.UUID | None = Field(
        default=None, description="Move under another category (null: to the top level)."
    )
    position: Position = patch_field()


class AssetCategoryList(Page[AssetCategory]):
    """A page of asset categories."""


ASSET_CATEGORY = Shape(AssetCategory)


# --- assets ----------------------------------------------------------------------------------


class AssetCurrentVersion(ResponseModel):
    number: int = Field(description="Versions are numbered from 1 per asset.")
    filename: str
    content_type: str = Field(description="Detected from the bytes, not the upload's claim.")
    size_bytes: int
    sha256: str = Field(description="Hex SHA-256 of the bytes (the content's ETag).")
    uploaded_at: Timestamp


class Asset(ResponseModel):
    id: uuid.UUID
    title: str = Field(examples=["Price list 2027"])
    description: str
    kind: AssetKind
    url: str | None = Field(description="The linked address (`kind: link` only).")
    category_id: uuid.UUID | None
    tags: list[str]
    language: str | None = Field(description="BCP 47 language tag, e.g. `en-GB`.")
    status: AssetStatus
    publish_at: Timestamp | None = Field(
        description="Scheduled publication: a draft is published then (and partners see a "
        "published asset only from then on)."
    )
    expires_at: Timestamp | None = Field(
        description="Scheduled withdrawal: partners stop seeing it then, and it is archived."
    )
    published_at: Timestamp | None = Field(description="When it was last published.")
    archived_at: Timestamp | None = Field(description="When it was last archived.")
    featured: bool
    audience: Audience
    current_version: AssetCurrentVersion | None = Field(
        description="The file partners download; null until a version is uploaded."
    )
    has_thumbnail: bool
    download_count: int
    external_ids: dict[str, str]
    created_at: Timestamp
    updated_at: Timestamp


class AssetCreate(RequestModel):
    title: Title = Field(examples=["Price list 2027"])
    description: str = Field(default="", max_length=10_000)
    kind: AssetKind
    url: LinkUrl | None = Field(
        default=None, description="Required for `kind: link`, refused for every other kind."
    )
    category_id: uuid.UUID | None = None
    tags: list[AssetTag] = Field(default_factory=list, max_length=50)
    language: LanguageTag | None = None
    publish_at: Timestamp | None = None
    expires_at: Timestamp | None = Field(default=None, description="Later than `publish_at`.")
    featured: StrictBool = False
    audience: Audience = Field(
        default_factory=Audience, description="Who sees it; omitted: vendor staff only."
    )
    external_ids: ExternalIds = Field(default_factory=dict)


class AssetUpdate(RequestModel):
    """Only the fields sent change. `status` changes through the actions (`/publish`,
    `/archive`, `/unarchive`)."""

    title: Title = patch_field()
    description: str = patch_field(max_length=10_000)
    kind: AssetKind = patch_field()
    url: LinkUrl | None = None
    category_id: uuid.UUID | None = None
    tags: list[AssetTag] = patch_field(max_length=50)
    language: LanguageTag | None = None
    publish_at: Timestamp | None = None
    expires_at: Timestamp | None = None
    featured: StrictBool = patch_field()
    audience: Audience = patch_field(description="Replaces the whole audience.")
    external_ids: ExternalIds | None = None


class AssetList(Page[Asset]):
    """A page of assets."""


#: An asset row (or ORM object) as the API shows it: the audience and current version nest.
ASSET = Shape(
    Asset,
    audience=AUDIENCE,
    current_version=Shape(
        AssetCurrentVersion,
        when="current_version_number",
        number="current_version_number",
        filename="current_filename",
        content_type="current_content_type",
        size_bytes="current_size_bytes",
        sha256="current_sha256",
        uploaded_at="current_uploaded_at",
    ),
)


def asset_out(asset: Any) -> Asset:
    """An asset (ORM object or row) as a validated ``Asset`` (events, write responses)."""
    return cast(Asset, ASSET.validated(asset))


# --- versions and downloads (the objects of asset.version_added / asset.downloaded) -----------


class AssetVersion(ResponseModel):
    id: uuid.UUID
    asset_id: uuid.UUID
    number: int
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_by: str | None = Field(description="The user or client that uploaded it.")
    uploaded_at: Timestamp
    note: str | None


class AssetDownload(ResponseModel):
    id: uuid.UUID
    asset_id: uuid.UUID
    version_number: int
    partner_id: uuid.UUID | None = Field(
        description="The downloading partner (a share link's partner); null for vendor staff."
    )
    actor_type: str = Field(description="`user`, `client` or `share_link`.")
    actor_id: str | None
    share_link_id: uuid.UUID | None
    at: Timestamp


@dataclass(frozen=True)
class AssetFilters:
    """The filters of ``GET /v1/assets`` (its query parameters, already parsed)."""

    kind: list[str] | None = None
    category_id: uuid.UUID | None = None
    tag: list[str] | None = None
    language: str | None = None
    status: list[str] | None = None
    featured: bool | None = None
    updated_after: datetime | None = None
    updated_before: datetime | None = None
    q: str | None = None
