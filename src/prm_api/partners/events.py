"""The partner's event types (``partner.*``)."""

from __future__ import annotations

from prm_api.events.registry import define, define_verbs
from prm_api.partners.schemas import PartnerOut
from prm_api.tier_evaluations.schemas import PartnerTierChange

PARTNER = define_verbs(
    "partner",
    PartnerOut,
    {
        "applied": "A company applied through the public partner application form.",
        "created": "A vendor role or an integration created a partner.",
        "updated": "A partner's profile changed (``previous_attributes``: old values).",
        "approved": "An application was approved (status ``approved``).",
        "declined": "An application was declined.",
        "activated": "A partner became active and may register deals.",
        "suspended": "A partner was suspended; its users and clients lost access.",
        "reinstated": "A suspended partner is active again.",
        "terminated": "A partner left the program for good.",
    },
)
# Its object is the partner plus ``tier_change`` (null for a tier assigned by hand): the
# evaluation, reason and criteria values that decided it.
PARTNER["tier_changed"] = define(
    "partner.tier_changed", "A partner was moved to another tier.", PartnerTierChange
)
PARTNER_APPLIED = PARTNER["applied"]
PARTNER_CREATED = PARTNER["created"]
PARTNER_UPDATED = PARTNER["updated"]
PARTNER_TIER_CHANGED = PARTNER["tier_changed"]
