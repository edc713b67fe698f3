from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.scorecard_kpis import ScorecardKpis
    from ..models.scorecard_period import ScorecardPeriod


T = TypeVar("T", bound="ScorecardFigures")


@_attrs_define
class ScorecardFigures:
    """
    Attributes:
        period (ScorecardPeriod):
        kpis (ScorecardKpis):
    """

    period: ScorecardPeriod
    kpis: ScorecardKpis
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        period = self.period.to_dict()

        kpis = self.kpis.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "period": period,
                "kpis": kpis,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scorecard_kpis import ScorecardKpis  # noqa: PLC0415
        from ..models.scorecard_period import ScorecardPeriod  # noqa: PLC0415

        d = dict(src_dict)
        period = ScorecardPeriod.from_dict(d.pop("period"))

        kpis = ScorecardKpis.from_dict(d.pop("kpis"))

        scorecard_figures = cls(
            period=period,
            kpis=kpis,
        )

        scorecard_figures.additional_properties = d
        return scorecard_figures

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
