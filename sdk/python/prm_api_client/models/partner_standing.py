from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PartnerStanding")


@_attrs_define
class PartnerStanding:
    """
    Attributes:
        rank (int):
        of (int): How many partners are ranked.
        percentile (float): Share of the ranked partners with a lower value, in percent (0–100).
        value (float | int | None | str): A number; money as a decimal string in the base currency; null when the metric
            is undefined for the period (a rate with nothing to divide).
    """

    rank: int
    of: int
    percentile: float
    value: float | int | None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rank = self.rank

        of = self.of

        percentile = self.percentile

        value: float | int | None | str
        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rank": rank,
                "of": of,
                "percentile": percentile,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rank = d.pop("rank")

        of = d.pop("of")

        percentile = d.pop("percentile")

        def _parse_value(data: object) -> float | int | None | str:
            if data is None:
                return data
            return cast(float | int | None | str, data)

        value = _parse_value(d.pop("value"))

        partner_standing = cls(
            rank=rank,
            of=of,
            percentile=percentile,
            value=value,
        )

        partner_standing.additional_properties = d
        return partner_standing

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
