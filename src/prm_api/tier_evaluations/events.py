"""Event types of tier evaluations.

``partner.tier_changed`` itself is the partners domain's (its object carries the change in
``tier_change`` when an evaluation decided it). The downgrade warnings are partner events the
partner receives too: they are about its own tier and its own figures.
"""

from __future__ import annotations

from prm_api.events.registry import define, define_verbs
from prm_api.tier_evaluations.schemas import (
    PartnerTierChange,
    TierEvaluation,
    TierEvaluationChange,
)

TIER_EVALUATION_COMPLETED = define(
    "tier_evaluation.completed",
    "A tier evaluation run finished: its changes are recorded (proposed for a decision in "
    "manual mode; applied, or pending their grace period, in automatic mode).",
    TierEvaluation,
)
CHANGE = define_verbs(
    "tier_evaluation_change",
    TierEvaluationChange,
    {
        "accepted": "Vendor staff accepted a proposed tier change; it is applied "
        "(``partner.tier_changed`` follows).",
        "rejected": "Vendor staff rejected a proposed tier change (or a downgrade in its grace "
        "period): the partner keeps its tier.",
    },
)
PARTNER_TIER_DOWNGRADE_PENDING = define(
    "partner.tier_downgrade_pending",
    "A tier evaluation found the partner below its tier's criteria: it moves to "
    "``tier_change.criteria.to_tier`` at ``tier_change.effective_at`` unless it qualifies "
    "again before (the warning of automatic mode).",
    PartnerTierChange,
)
PARTNER_TIER_DOWNGRADE_CANCELLED = define(
    "partner.tier_downgrade_cancelled",
    "A pending downgrade was lifted: the partner qualifies again, left the evaluated "
    "partners, or vendor staff rejected it.",
    PartnerTierChange,
)
