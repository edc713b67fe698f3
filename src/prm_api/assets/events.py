"""The asset's event types (``asset.*``, ``asset_category.*``).

An asset belongs to no partner, and who may see it changes with its audience and with the
partners' own tiers and countries: an event recorded now cannot know who may read it later.
So asset events carry no ``partner_id`` and are delivered to vendor staff only (the event
log, vendor webhook endpoints); partners learn about content through ``GET /v1/assets``
(``updated_after``), which applies the audience at read time.
"""

from __future__ import annotations

from prm_api.assets.schemas import Asset, AssetCategory, AssetDownload, AssetVersion
from prm_api.events.registry import define, define_verbs

ASSET = define_verbs(
    "asset",
    Asset,
    {
        "created": "An asset was created (as a draft).",
        "updated": "An asset's fields or audience changed (``previous_attributes`` has the "
        "old values).",
        "published": "An asset was published, by a person or at its ``publish_at``.",
        "archived": "An asset was archived, by a person or at its ``expires_at``.",
        "unarchived": "An archived asset became a draft again.",
    },
)
ASSET_VERSION_ADDED = define(
    "asset.version_added",
    "A new file version was uploaded; it is the asset's current version.",
    AssetVersion,
)
ASSET_DOWNLOADED = define(
    "asset.downloaded",
    "A download of an asset's file completed (once per download, not per range request).",
    AssetDownload,
)
ASSET_CATEGORY = define_verbs(
    "asset_category",
    AssetCategory,
    {
        "created": "An asset category was created.",
        "updated": "An asset category was renamed, moved or reordered.",
        "deleted": "An empty asset category was deleted (``data.object`` is its last state).",
    },
)
