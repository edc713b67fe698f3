"""The deal's event types (``deal.*``)."""

from __future__ import annotations

from prm_api.deals.schemas import ConflictOut, DealOut
from prm_api.events.registry import define, define_verbs

DEAL = define_verbs(
    "deal",
    DealOut,
    {
        "created": "A deal registration was created as a draft.",
        "updated": "A deal's fields changed (``previous_attributes`` has the old values).",
        "submitted": "A deal was submitted for review; conflict detection has run.",
        "approved": "A deal was approved, by a person or by a rule (``decision.by``).",
        "rejected": "A deal was rejected; ``decision.reason`` says why.",
        "withdrawn": "The partner withdrew its registration.",
        "won": "An approved deal was closed as won.",
        "lost": "An approved deal was closed as lost.",
        "expired": "An approved deal's protection ended.",
        "extended": "An approved deal's protection was extended.",
        "returned_to_review": "An approved deal's terms changed beyond what its approval "
        "covered (a rule no longer accepts them, or a partner raised the amount or changed the "
        "currency of a deal a person approved): it is ``submitted`` again, its decision and "
        "protection cleared, and awaits a vendor's decision.",
    },
)
DEAL_CREATED = DEAL["created"]
DEAL_UPDATED = DEAL["updated"]
DEAL_EXPIRED = DEAL["expired"]
DEAL_RETURNED_TO_REVIEW = DEAL["returned_to_review"]
DEAL_CONFLICT_DETECTED = define(
    "deal.conflict_detected",
    "Submitting a deal found another open registration for the same customer. The "
    "partner's own view carries only the reason and score.",
    ConflictOut,
)
