from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.partner_figures import PartnerFigures
    from ..models.tier_check import TierCheck
    from ..models.tier_ref import TierRef


T = TypeVar("T", bound="TierProgress")


@_attrs_define
class TierProgress:
    """
    Attributes:
        window_start (datetime.date): The tier window (program `tier_window_months`).
        window_end (datetime.date):
        figures (PartnerFigures):
        current_tier (None | TierCheck): The partner's tier checked against its own criteria (a tier it no longer meets
            is what an evaluation would downgrade); null without a tier.
        qualified_tier (None | TierRef): The tier an evaluation run now would give it (null: none).
        next_tier (None | TierCheck): The tier above its current one, criterion by criterion: what is missing
            (`missing`, `summary`). Null at the top tier.
        summary (str):
    """

    window_start: datetime.date
    window_end: datetime.date
    figures: PartnerFigures
    current_tier: None | TierCheck
    qualified_tier: None | TierRef
    next_tier: None | TierCheck
    summary: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.tier_check import TierCheck  # noqa: PLC0415
        from ..models.tier_ref import TierRef  # noqa: PLC0415

        window_start = self.window_start.isoformat()

        window_end = self.window_end.isoformat()

        figures = self.figures.to_dict()

        current_tier: dict[str, Any] | None
        if isinstance(self.current_tier, TierCheck):
            current_tier = self.current_tier.to_dict()
        else:
            current_tier = self.current_tier

        qualified_tier: dict[str, Any] | None
        if isinstance(self.qualified_tier, TierRef):
            qualified_tier = self.qualified_tier.to_dict()
        else:
            qualified_tier = self.qualified_tier

        next_tier: dict[str, Any] | None
        if isinstance(self.next_tier, TierCheck):
            next_tier = self.next_tier.to_dict()
        else:
            next_tier = self.next_tier

        summary = self.summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "window_start": window_start,
                "window_end": window_end,
                "figures": figures,
                "current_tier": current_tier,
                "qualified_tier": qualified_tier,
                "next_tier": next_tier,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.partner_figures import PartnerFigures  # noqa: PLC0415
        from ..models.tier_check import TierCheck  # noqa: PLC0415
        from ..models.tier_ref import TierRef  # noqa: PLC0415

        d = dict(src_dict)
        window_start = datetime.date.fromisoformat(d.pop("window_start"))

        window_end = datetime.date.fromisoformat(d.pop("window_end"))

        figures = PartnerFigures.from_dict(d.pop("figures"))

        def _parse_current_tier(data: object) -> None | TierCheck:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_tier_type_0 = TierCheck.from_dict(data)

                return current_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierCheck, data)

        current_tier = _parse_current_tier(d.pop("current_tier"))

        def _parse_qualified_tier(data: object) -> None | TierRef:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                qualified_tier_type_0 = TierRef.from_dict(data)

                return qualified_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierRef, data)

        qualified_tier = _parse_qualified_tier(d.pop("qualified_tier"))

        def _parse_next_tier(data: object) -> None | TierCheck:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_tier_type_0 = TierCheck.from_dict(data)

                return next_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierCheck, data)

        next_tier = _parse_next_tier(d.pop("next_tier"))

        summary = d.pop("summary")

        tier_progress = cls(
            window_start=window_start,
            window_end=window_end,
            figures=figures,
            current_tier=current_tier,
            qualified_tier=qualified_tier,
            next_tier=next_tier,
            summary=summary,
        )

        tier_progress.additional_properties = d
        return tier_progress

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
