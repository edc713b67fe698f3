"""Auto-approval rules and program settings as the API speaks them."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from prm_api.kit.fields import PartnerType
from prm_api.kit.render import Shape
from prm_api.kit.schemas import (
    JSON_INTEGER,
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


class ProgramSettings(ResponseModel):
    protection_days: int = Field(description="Protection granted on approval.")
    extension_days: int = Field(description="Days one extension adds.")
    max_extensions: int
    conflict_threshold: float = Field(description="Name similarity (0–1) that counts as conflict.")
    onboarding_auto_activate: bool = Field(
        description="Activate a partner as soon as every required onboarding step is done "
        "(false: partner.onboarding_completed is emitted for a channel manager to activate)."
    )
    updated_at: Timestamp


class ProgramSettingsUpdate(RequestModel):
    protection_days: Days = patch_field()
    extension_days: Days = patch_field()
    max_extensions: ExtensionCount = patch_field()
    conflict_threshold: float = patch_field(ge=0.1, le=1.0, strict=True)
    onboarding_auto_activate: StrictBool = patch_field()


class DealRuleList(Page[DealRule]):
    """A page of auto-approval rules."""


# The names server code used before the API named these schemas after the resource (it
# keeps using them where an ORM model of the same name is in scope).
DealRuleOut = DealRule
ProgramSettingsOut = ProgramSettings
