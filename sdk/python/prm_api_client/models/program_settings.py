from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.currency_code import CurrencyCode
from ..models.tier_evaluation_mode import TierEvaluationMode

if TYPE_CHECKING:
    from ..models.health_weights import HealthWeights


T = TypeVar("T", bound="ProgramSettings")


@_attrs_define
class ProgramSettings:
    """
    Attributes:
        protection_days (int): Protection granted on approval.
        extension_days (int): Days one extension adds.
        max_extensions (int):
        conflict_threshold (float): Name similarity (0–1) that counts as conflict.
        onboarding_auto_activate (bool): Activate a partner as soon as every required onboarding step is done (false:
            partner.onboarding_completed is emitted for a channel manager to activate).
        base_currency (CurrencyCode): ISO 4217 currency code (upper case).
        tier_evaluation_mode (TierEvaluationMode): How tier evaluations apply: `manual` proposes, `automatic` applies.
        tier_window_months (int): The rolling window, in months (1–36, default 12), over which tier criteria (won
            revenue, won deals) are measured.
        tier_downgrade_grace_days (int): Automatic mode: days (0–365, default 30) a partner below its tier's criteria
            keeps the tier after the warning before it is downgraded (0: at once).
        health_weights (HealthWeights): Relative weights (0–100) of the health score's components: the score is
            Σ weight × component / Σ weights × 100. A component left out keeps the formula's default
            weight (deal_recency 25, pipeline_trend 15, win_rate 20, certification_coverage 20,
            engagement 20); `{}` is the defaults. Every weight 0 is refused (nothing to divide by).
        updated_at (datetime.datetime):
    """

    protection_days: int
    extension_days: int
    max_extensions: int
    conflict_threshold: float
    onboarding_auto_activate: bool
    base_currency: CurrencyCode
    tier_evaluation_mode: TierEvaluationMode
    tier_window_months: int
    tier_downgrade_grace_days: int
    health_weights: HealthWeights
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        protection_days = self.protection_days

        extension_days = self.extension_days

        max_extensions = self.max_extensions

        conflict_threshold = self.conflict_threshold

        onboarding_auto_activate = self.onboarding_auto_activate

        base_currency = self.base_currency.value

        tier_evaluation_mode = self.tier_evaluation_mode.value

        tier_window_months = self.tier_window_months

        tier_downgrade_grace_days = self.tier_downgrade_grace_days

        health_weights = self.health_weights.to_dict()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "protection_days": protection_days,
                "extension_days": extension_days,
                "max_extensions": max_extensions,
                "conflict_threshold": conflict_threshold,
                "onboarding_auto_activate": onboarding_auto_activate,
                "base_currency": base_currency,
                "tier_evaluation_mode": tier_evaluation_mode,
                "tier_window_months": tier_window_months,
                "tier_downgrade_grace_days": tier_downgrade_grace_days,
                "health_weights": health_weights,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.health_weights import HealthWeights  # noqa: PLC0415

        d = dict(src_dict)
        protection_days = d.pop("protection_days")

        extension_days = d.pop("extension_days")

        max_extensions = d.pop("max_extensions")

        conflict_threshold = d.pop("conflict_threshold")

        onboarding_auto_activate = d.pop("onboarding_auto_activate")

        base_currency = CurrencyCode(d.pop("base_currency"))

        tier_evaluation_mode = TierEvaluationMode(d.pop("tier_evaluation_mode"))

        tier_window_months = d.pop("tier_window_months")

        tier_downgrade_grace_days = d.pop("tier_downgrade_grace_days")

        health_weights = HealthWeights.from_dict(d.pop("health_weights"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        program_settings = cls(
            protection_days=protection_days,
            extension_days=extension_days,
            max_extensions=max_extensions,
            conflict_threshold=conflict_threshold,
            onboarding_auto_activate=onboarding_auto_activate,
            base_currency=base_currency,
            tier_evaluation_mode=tier_evaluation_mode,
            tier_window_months=tier_window_months,
            tier_downgrade_grace_days=tier_downgrade_grace_days,
            health_weights=health_weights,
            updated_at=updated_at,
        )

        program_settings.additional_properties = d
        return program_settings

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
