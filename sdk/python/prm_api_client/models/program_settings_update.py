from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.currency_code import CurrencyCode
from ..models.tier_evaluation_mode import TierEvaluationMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.health_weights import HealthWeights


T = TypeVar("T", bound="ProgramSettingsUpdate")


@_attrs_define
class ProgramSettingsUpdate:
    """
    Attributes:
        protection_days (int | Unset):
        extension_days (int | Unset):
        max_extensions (int | Unset):
        conflict_threshold (float | Unset):
        onboarding_auto_activate (bool | Unset):
        base_currency (CurrencyCode | Unset): ISO 4217 currency code (upper case).
        tier_evaluation_mode (TierEvaluationMode | Unset): How tier evaluations apply: `manual` proposes, `automatic`
            applies.
        tier_window_months (int | Unset): The rolling window, in months (1–36, default 12), over which tier criteria
            (won revenue, won deals) are measured.
        tier_downgrade_grace_days (int | Unset): Automatic mode: days (0–365, default 30) a partner below its tier's
            criteria keeps the tier after the warning before it is downgraded (0: at once).
        health_weights (HealthWeights | Unset): Relative weights (0–100) of the health score's components: the score is
            Σ weight × component / Σ weights × 100. A component left out keeps the formula's default
            weight (deal_recency 25, pipeline_trend 15, win_rate 20, certification_coverage 20,
            engagement 20); `{}` is the defaults. Every weight 0 is refused (nothing to divide by).
    """

    protection_days: int | Unset = UNSET
    extension_days: int | Unset = UNSET
    max_extensions: int | Unset = UNSET
    conflict_threshold: float | Unset = UNSET
    onboarding_auto_activate: bool | Unset = UNSET
    base_currency: CurrencyCode | Unset = UNSET
    tier_evaluation_mode: TierEvaluationMode | Unset = UNSET
    tier_window_months: int | Unset = UNSET
    tier_downgrade_grace_days: int | Unset = UNSET
    health_weights: HealthWeights | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        protection_days = self.protection_days

        extension_days = self.extension_days

        max_extensions = self.max_extensions

        conflict_threshold = self.conflict_threshold

        onboarding_auto_activate = self.onboarding_auto_activate

        base_currency: str | Unset = UNSET
        if not isinstance(self.base_currency, Unset):
            base_currency = self.base_currency.value

        tier_evaluation_mode: str | Unset = UNSET
        if not isinstance(self.tier_evaluation_mode, Unset):
            tier_evaluation_mode = self.tier_evaluation_mode.value

        tier_window_months = self.tier_window_months

        tier_downgrade_grace_days = self.tier_downgrade_grace_days

        health_weights: dict[str, Any] | Unset = UNSET
        if not isinstance(self.health_weights, Unset):
            health_weights = self.health_weights.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if protection_days is not UNSET:
            field_dict["protection_days"] = protection_days
        if extension_days is not UNSET:
            field_dict["extension_days"] = extension_days
        if max_extensions is not UNSET:
            field_dict["max_extensions"] = max_extensions
        if conflict_threshold is not UNSET:
            field_dict["conflict_threshold"] = conflict_threshold
        if onboarding_auto_activate is not UNSET:
            field_dict["onboarding_auto_activate"] = onboarding_auto_activate
        if base_currency is not UNSET:
            field_dict["base_currency"] = base_currency
        if tier_evaluation_mode is not UNSET:
            field_dict["tier_evaluation_mode"] = tier_evaluation_mode
        if tier_window_months is not UNSET:
            field_dict["tier_window_months"] = tier_window_months
        if tier_downgrade_grace_days is not UNSET:
            field_dict["tier_downgrade_grace_days"] = tier_downgrade_grace_days
        if health_weights is not UNSET:
            field_dict["health_weights"] = health_weights

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.health_weights import HealthWeights  # noqa: PLC0415

        d = dict(src_dict)
        protection_days = d.pop("protection_days", UNSET)

        extension_days = d.pop("extension_days", UNSET)

        max_extensions = d.pop("max_extensions", UNSET)

        conflict_threshold = d.pop("conflict_threshold", UNSET)

        onboarding_auto_activate = d.pop("onboarding_auto_activate", UNSET)

        _base_currency = d.pop("base_currency", UNSET)
        base_currency: CurrencyCode | Unset
        if isinstance(_base_currency, Unset):
            base_currency = UNSET
        else:
            base_currency = CurrencyCode(_base_currency)

        _tier_evaluation_mode = d.pop("tier_evaluation_mode", UNSET)
        tier_evaluation_mode: TierEvaluationMode | Unset
        if isinstance(_tier_evaluation_mode, Unset):
            tier_evaluation_mode = UNSET
        else:
            tier_evaluation_mode = TierEvaluationMode(_tier_evaluation_mode)

        tier_window_months = d.pop("tier_window_months", UNSET)

        tier_downgrade_grace_days = d.pop("tier_downgrade_grace_days", UNSET)

        _health_weights = d.pop("health_weights", UNSET)
        health_weights: HealthWeights | Unset
        if isinstance(_health_weights, Unset):
            health_weights = UNSET
        else:
            health_weights = HealthWeights.from_dict(_health_weights)

        program_settings_update = cls(
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
        )

        return program_settings_update
