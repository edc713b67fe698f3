"""Auto-approval rules and program settings as the API speaks them."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import ConfigDict, Field, model_validator

from prm_api.kit.fields import PartnerType
from prm_api.kit.render import Shape
from prm_api.kit.schemas import (
    JSON_INTEGER,
    CurrencyCode,
    Money,
    Page,
    RequestModel,
    ResponseModel,
    StrictBool,
    Timestamp,
    patch_field,
)

if TYPE_CHECKING:
    from prm_api import models

RulePosition = Annotated[int, Field(ge=0, le=100_000), JSON_INTEGER]
Days = Annotated[int, Field(ge=1, le=3650), JSON_INTEGER]
ExtensionCount = Annotated[int, Field(ge=0, le=100), JSON_INTEGER]
WindowMonths = Annotated[int, Field(ge=1, le=36), JSON_INTEGER]
GraceDays = Annotated[int, Field(ge=0, le=365), JSON_INTEGER]
Weight = Annotated[int, Field(ge=0, le=100), JSON_INTEGER]


# --- approval rules ------------------------------------------------------------------------


class DealRule(ResponseModel):
    id: uuid.UUID
    name: str
    position: int = Field(description="Rules are tried in ascending position; first match wins.")
    enabled: bool
    max_amount: Money | None = Field(description="Matches deals up to this amount, same currency.")
    partner_tier_ids: list[uuid.UUID] = Field(description="Empty: any tier.")
    partner_types: list[PartnerType] = Field(description="Empty: any type.")
    action: str = Field(examples=["auto_approve"])
    created_at: Timestamp
    updated_at: Timestamp


class DealRuleCreate(RequestModel):
    name: str = Field(min_length=1, max_length=200, examples=["Small Gold deals"])
    position: RulePosition | None = Field(default=None, description="Default: after the last rule.")
    enabled: StrictBool = True
    max_amount: Money | None = None
    partner_tier_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)
    partner_types: list[PartnerType] = Field(default_factory=list, max_length=6)
    action: str = Field(default="auto_approve", pattern=r"^auto_approve$")


class DealRuleUpdate(RequestModel):
    name: str = patch_field(min_length=1, max_length=200)
    position: RulePosition = patch_field()
    enabled: StrictBool = patch_field()
    max_amount: Money | None = None
    partner_tier_ids: list[uuid.UUID] | None = Field(default=None, max_length=50)
    partner_types: list[PartnerType] | None = Field(default=None, max_length=6)


#: An approval rule row as the API shows it.
RULE = Shape(
    DealRule,
    max_amount=Shape(Money, when="max_amount", amount="max_amount", currency="max_amount_currency"),
)


def rule_out(rule: models.DealRule) -> DealRule:
    data = {k: getattr(rule, k) for k in DealRule.model_fields if hasattr(rule, k)}
    data["max_amount"] = (
        Money(amount=rule.max_amount, currency=rule.max_amount_currency)
        if rule.max_amount is not None
        else None
    )
    return DealRule.model_validate(data)


# --- program settings ----------------------------------------------------------------------


class TierEvaluationMode(StrEnum):
    """How tier evaluations apply: `manual` proposes, `automatic` applies."""

    manual = "manual"
    automatic = "automatic"


_HEALTH_COMPONENTS = (
    "deal_recency",
    "pipeline_trend",
    "win_rate",
    "certification_coverage",
    "engagement",
)


def _weight(description: str) -> Any:
    # A left-out component is written as absent (its default applies), never as null.
    return patch_field(description=description, exclude_if=lambda value: value is None)


class HealthWeights(RequestModel):
    """Relative weights (0–100) of the health score's components: the score is
    Σ weight × component / Σ weights × 100. A component left out keeps the formula's default
    weight (deal_recency 25, pipeline_trend 15, win_rate 20, certification_coverage 20,
    engagement 20); `{}` is the defaults. Every weight 0 is refused (nothing to divide by)."""

    # The schema says what the server refuses: all five components present and all 0.
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "not": {
                "required": list(_HEALTH_COMPONENTS),
                "properties": {name: {"const": 0} for name in _HEALTH_COMPONENTS},
            }
        },
    )

    deal_recency: Weight = _weight("Recency of the partner's last deal activity.")
    pipeline_trend: Weight = _weight("Open pipeline now against 90 days ago.")
    win_rate: Weight = _weight("Won / (won + lost) over the last 12 months.")
    certification_coverage: Weight = _weight("Share of active users with a certification.")
    engagement: Weight = _weight("Sign-ins, asset downloads and course completions.")

    @model_validator(mode="after")
    def _not_all_zero(self) -> HealthWeights:
        if all(getattr(self, name) == 0 for name in _HEALTH_COMPONENTS):
            raise ValueError("every health weight is 0: at least one must be above 0")
        return self


_BASE_CURRENCY = (
    "ISO 4217 code of the currency every money metric is reported in (default USD). Deals in "
    "other currencies convert at the exchange rates (`/v1/exchange-rates`), which are "
    "relative to it: it can change only while no exchange rate exists (`409 "
    "exchange_rates_exist`: delete the rates, change it, import rates against the new one)."
)
_TIER_EVALUATION_MODE = (
    "`manual` (default): an evaluation run proposes tier changes for a channel manager to "
    "accept or reject. `automatic`: upgrades apply at once, downgrades after "
    "`tier_downgrade_grace_days` (with a warning event first)."
)
_TIER_WINDOW_MONTHS = (
    "The rolling window, in months (1–36, default 12), over which tier criteria (won "
    "revenue, won deals) are measured."
)
_TIER_DOWNGRADE_GRACE_DAYS = (
    "Automatic mode: days (0–365, default 30) a partner below its tier's criteria keeps the "
    "tier after the warning before it is downgraded (0: at once)."
)
_HEALTH_WEIGHTS = (
    "Weights (integers 0–100) of the health score's components; a component left out keeps "
    "its default weight, `{}` is every default."
)


class ProgramSettings(ResponseModel):
    protection_days: int = Field(description="Protection granted on approval.")
    extension_days: int = Field(description="Days one extension adds.")
    max_extensions: int
    conflict_threshold: float = Field(description="Name similarity (0–1) that counts as conflict.")
    onboarding_auto_activate: bool = Field(
        description="Activate a partner as soon as every required onboarding step is done "
        "(false: partner.onboarding_completed is emitted for a channel manager to activate)."
    )
    base_currency: CurrencyCode = Field(description=_BASE_CURRENCY)
    tier_evaluation_mode: TierEvaluationMode = Field(description=_TIER_EVALUATION_MODE)
    tier_window_months: int = Field(description=_TIER_WINDOW_MONTHS)
    tier_downgrade_grace_days: int = Field(description=_TIER_DOWNGRADE_GRACE_DAYS)
    health_weights: HealthWeights = Field(description=_HEALTH_WEIGHTS)
    updated_at: Timestamp


class ProgramSettingsUpdate(RequestModel):
    protection_days: Days = patch_field()
    extension_days: Days = patch_field()
    max_extensions: ExtensionCount = patch_field()
    conflict_threshold: float = patch_field(ge=0.1, le=1.0, strict=True)
    onboarding_auto_activate: StrictBool = patch_field()
    base_currency: CurrencyCode = patch_field(description=_BASE_CURRENCY)
    tier_evaluation_mode: TierEvaluationMode = patch_field(description=_TIER_EVALUATION_MODE)
    tier_window_months: WindowMonths = patch_field(description=_TIER_WINDOW_MONTHS)
    tier_downgrade_grace_days: GraceDays = patch_field(description=_TIER_DOWNGRADE_GRACE_DAYS)
    health_weights: HealthWeights = patch_field(
        description=_HEALTH_WEIGHTS + " Replaces the whole object."
    )


class DealRuleList(Page[DealRule]):
    """A page of auto-approval rules."""


# The names server code used before the API named these schemas after the resource (it
# keeps using them where an ORM model of the same name is in scope).
DealRuleOut = DealRule
ProgramSettingsOut = ProgramSettings
