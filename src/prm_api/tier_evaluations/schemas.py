"""Tier evaluations as the API reads and writes them, and the criteria checks they record.

The criteria check (:class:`TierCheck`) is the one explanation of a tier decision: the same
object is stored with every change, carried in ``partner.tier_changed`` events and shown as
a scorecard's progress to the next tier.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from pydantic import Field, TypeAdapter

from prm_api.kit.render import Computed, Shape
from prm_api.kit.schemas import IsoDate, Money, Page, RequestModel, ResponseModel, Timestamp
from prm_api.partners.schemas import Partner
from prm_api.tiers.schemas import TierRef


class EvaluationMode(StrEnum):
    manual = "manual"
    automatic = "automatic"


class EvaluationStatus(StrEnum):
    proposed = "proposed"
    applied = "applied"
    completed = "completed"


class EvaluationTrigger(StrEnum):
    schedule = "schedule"
    request = "request"


class ChangeDirection(StrEnum):
    upgrade = "upgrade"
    downgrade = "downgrade"


class ChangeStatus(StrEnum):
    proposed = "proposed"
    accepted = "accepted"
    rejected = "rejected"
    applied = "applied"
    pending_grace = "pending_grace"
    cancelled = "cancelled"


# --- criteria ------------------------------------------------------------------------------


class MoneyCriterion(ResponseModel):
    required: Money = Field(description="In the program's base currency.")
    actual: Money = Field(description="Won revenue in the base currency over the window.")
    missing: Money = Field(description="How much more is needed (zero when met).")
    met: bool = Field(description="`actual >= required`.")
    summary: str = Field(examples=["40,000.00 USD more won revenue"])
    converted_from: Money | None = Field(
        default=None,
        description="The tier's requirement as set, when it is in another currency than the "
        "base currency (converted at the window's last day's rate).",
    )


class CountCriterion(ResponseModel):
    required: int
    actual: int
    missing: int = Field(description="How many more are needed (zero when met).")
    met: bool = Field(description="`actual >= required`.")
    summary: str = Field(examples=["2 more certified users"])


class TierCheck(ResponseModel):
    tier: TierRef
    qualifies: bool = Field(description="Every criterion the tier sets is met.")
    won_revenue: MoneyCriterion | None = Field(description="Null: the tier sets no minimum.")
    won_deals: CountCriterion | None = Field(description="Null: the tier sets no minimum.")
    certified_users: CountCriterion | None = Field(description="Null: the tier sets no minimum.")
    summary: str = Field(
        description="What is missing, criterion by criterion, or that every criterion is met.",
        examples=["2 more certified users, 40,000.00 USD more won revenue"],
    )


class PartnerFigures(ResponseModel):
    won_revenue: Money = Field(description="Won deals by close date, in the base currency.")
    won_revenue_unconverted: list[Money] = Field(
        description="Won amounts without an exchange rate for their close month, by currency: "
        "not in `won_revenue` and not counted towards a revenue criterion."
    )
    won_deals: int
    certified_users: int = Field(
        description="The partner's users holding an active, unexpired certification (now)."
    )


class ChangeCriteria(ResponseModel):
    window_start: IsoDate
    window_end: IsoDate
    base_currency: str
    figures: PartnerFigures
    from_tier: TierCheck | None = Field(
        description="The partner's tier at the evaluation, checked (null: it had none)."
    )
    to_tier: TierCheck | None = Field(
        description="The tier it qualifies for, checked (null: it qualifies for none)."
    )


_CRITERIA = TypeAdapter(ChangeCriteria)


def criteria_json(stored: dict[str, Any]) -> Any:
    """A stored criteria snapshot as the API writes it (fields in the model's order)."""
    return _CRITERIA.dump_python(_CRITERIA.validate_python(stored), mode="json", by_alias=True)


_TIER_REF = TypeAdapter(TierRef)


def _tier_of(check: dict[str, Any] | None) -> Any:
    """The tier a stored check names, as the API writes a ``TierRef`` (JSONB keeps its own
    key order, so it is validated back into the model's)."""
    if check is None:
        return None
    return _TIER_REF.dump_python(_TIER_REF.validate_python(check["tier"]), mode="json")


# --- the change carried by partner events ---------------------------------------------------


class TierChange(ResponseModel):
    evaluation_id: uuid.UUID
    change_id: uuid.UUID
    direction: ChangeDirection
    status: ChangeStatus = Field(description="The change's status as the event was written.")
    reason: str = Field(examples=["Tier evaluation: every criterion of Gold is met."])
    effective_at: Timestamp | None = Field(
        description="A downgrade in its grace period: when it applies unless the partner "
        "qualifies again first."
    )
    criteria: ChangeCriteria


class PartnerTierChange(Partner):
    """A partner as the API returns it, with the tier change that an event is about."""

    tier_change: TierChange | None = Field(
        default=None,
        description="Set when a tier evaluation decided the change: its evaluation, reason "
        "and the criteria values that decided it. Null for a tier assigned by hand (the "
        "reason is in the audit trail).",
    )


# --- evaluations ----------------------------------------------------------------------------


class EvaluationCounts(ResponseModel):
    partners_evaluated: int = Field(description="Active partners checked.")
    upgrades: int = Field(description="Upgrades this run recorded.")
    downgrades: int = Field(description="Downgrades this run recorded.")
    open_changes: int = Field(
        description="Changes of this run still `proposed` or `pending_grace`."
    )
    cancelled_earlier: int = Field(
        description="Open changes of earlier runs this run cancelled: superseded by a fresh "
        "one, or no longer needed."
    )


class TierEvaluation(ResponseModel):
    id: uuid.UUID
    mode: EvaluationMode
    status: EvaluationStatus = Field(
        description="`proposed`: changes await a decision (manual mode); `applied`: changes "
        "were made and downgrades wait out their grace period (automatic mode); "
        "`completed`: nothing is left open."
    )
    trigger: EvaluationTrigger
    triggered_by: str = Field(examples=["user:0193a0c4-6f1e-7cc2-9d1e-3c5b7a0e4f21"])
    window_start: IsoDate = Field(description="First day of the rolling window.")
    window_end: IsoDate = Field(description="Last day of the rolling window (the run's day).")
    base_currency: str = Field(examples=["USD"])
    counts: EvaluationCounts
    started_at: Timestamp
    finished_at: Timestamp | None
    created_at: Timestamp
    updated_at: Timestamp


class TierEvaluationChange(ResponseModel):
    id: uuid.UUID
    evaluation_id: uuid.UUID
    partner_id: uuid.UUID
    partner_name: str
    from_tier: TierRef | None = Field(description="The partner's tier at the evaluation.")
    to_tier: TierRef | None = Field(description="The tier the change moves it to.")
    direction: ChangeDirection
    status: ChangeStatus
    criteria: ChangeCriteria
    reason: str | None = Field(description="The decision's reason, or why it was cancelled.")
    decided_by: str | None
    decided_at: Timestamp | None
    effective_at: Timestamp | None = Field(
        description="A downgrade in its grace period applies at this time."
    )
    applied_at: Timestamp | None
    created_at: Timestamp
    updated_at: Timestamp


class TierEvaluationList(Page[TierEvaluation]):
    """A page of tier evaluations."""


class TierEvaluationChangeList(Page[TierEvaluationChange]):
    """A page of an evaluation's changes."""


class ChangeDecision(RequestModel):
    reason: str | None = Field(
        default=None,
        min_length=1,
        max_length=1000,
        description="Why: kept with the change and in the audit trail.",
    )


# --- preview --------------------------------------------------------------------------------


class PlannedChange(ResponseModel):
    partner_id: uuid.UUID
    partner_name: str
    from_tier: TierRef | None
    to_tier: TierRef | None
    direction: ChangeDirection
    status: ChangeStatus = Field(
        description="What a run would record: `proposed` (manual mode), `applied` (an "
        "upgrade in automatic mode) or `pending_grace` (a downgrade in automatic mode)."
    )
    effective_at: Timestamp | None
    criteria: ChangeCriteria


class PlannedCancellation(ResponseModel):
    change_id: uuid.UUID
    evaluation_id: uuid.UUID
    partner_id: uuid.UUID
    reason: str


class TierEvaluationPreview(ResponseModel):
    mode: EvaluationMode
    window_start: IsoDate
    window_end: IsoDate
    base_currency: str
    partners_evaluated: int
    changes: list[PlannedChange] = Field(description="Every change a run would record now.")
    cancellations: list[PlannedCancellation] = Field(
        description="Open changes of earlier runs a run would cancel."
    )
    kept: int = Field(
        description="Downgrades already in their grace period that a run would leave as they "
        "are (same tiers: the grace period keeps running)."
    )


# --- read path ------------------------------------------------------------------------------

EVALUATION = Shape(TierEvaluation, counts=Shape(EvaluationCounts))
#: A change row joined with its partner's ``partner_name``.
CHANGE = Shape(
    TierEvaluationChange,
    criteria=Computed(criteria_json, "criteria"),
    from_tier=Computed(lambda c: _tier_of(c.get("from_tier")), "criteria"),
    to_tier=Computed(lambda c: _tier_of(c.get("to_tier")), "criteria"),
)


# The names server code uses where an ORM model of the same name is in scope.
TierEvaluationOut = TierEvaluation
TierEvaluationChangeOut = TierEvaluationChange
