from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.partner_figures import PartnerFigures
    from ..models.tier_check import TierCheck


T = TypeVar("T", bound="ChangeCriteria")


@_attrs_define
class ChangeCriteria:
    """
    Attributes:
        window_start (datetime.date):
        window_end (datetime.date):
        base_currency (str):
        figures (PartnerFigures):
        from_tier (None | TierCheck): The partner's tier at the evaluation, checked (null: it had none).
        to_tier (None | TierCheck): The tier it qualifies for, checked (null: it qualifies for none).
    """

    window_start: datetime.date
    window_end: datetime.date
    base_currency: str
    figures: PartnerFigures
    from_tier: None | TierCheck
    to_tier: None | TierCheck
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.tier_check import TierCheck  # noqa: PLC0415

        window_start = self.window_start.isoformat()

        window_end = self.window_end.isoformat()

        base_currency = self.base_currency

        figures = self.figures.to_dict()

        from_tier: dict[str, Any] | None
        if isinstance(self.from_tier, TierCheck):
            from_tier = self.from_tier.to_dict()
        else:
            from_tier = self.from_tier

        to_tier: dict[str, Any] | None
        if isinstance(self.to_tier, TierCheck):
            to_tier = self.to_tier.to_dict()
        else:
            to_tier = self.to_tier

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "window_start": window_start,
                "window_end": window_end,
                "base_currency": base_currency,
                "figures": figures,
                "from_tier": from_tier,
                "to_tier": to_tier,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.partner_figures import PartnerFigures  # noqa: PLC0415
        from ..models.tier_check import TierCheck  # noqa: PLC0415

        d = dict(src_dict)
        window_start = datetime.date.fromisoformat(d.pop("window_start"))

        window_end = datetime.date.fromisoformat(d.pop("window_end"))

        base_currency = d.pop("base_currency")

        figures = PartnerFigures.from_dict(d.pop("figures"))

        def _parse_from_tier(data: object) -> None | TierCheck:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                from_tier_type_0 = TierCheck.from_dict(data)

                return from_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierCheck, data)

        from_tier = _parse_from_tier(d.pop("from_tier"))

        def _parse_to_tier(data: object) -> None | TierCheck:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                to_tier_type_0 = TierCheck.from_dict(data)

                return to_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierCheck, data)

        to_tier = _parse_to_tier(d.pop("to_tier"))

        change_criteria = cls(
            window_start=window_start,
            window_end=window_end,
            base_currency=base_currency,
            figures=figures,
            from_tier=from_tier,
            to_tier=to_tier,
        )

        change_criteria.additional_properties = d
        return change_criteria

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
