"""The tier's event types (``tier.*``)."""

from __future__ import annotations

from prm_api.events.registry import define_verbs
from prm_api.tiers.schemas import TierOut

_TIER = define_verbs(
    "tier",
    TierOut,
    {
        "created": "A partner tier was created.",
        "updated": "A tier's name, rank or criteria changed.",
        "deleted": "A tier was deleted (``data.object`` is its last state).",
    },
)
TIER_CREATED = _TIER["created"]
TIER_UPDATED = _TIER["updated"]
TIER_DELETED = _TIER["deleted"]
