from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LeaderboardEntry")


@_attrs_define
class LeaderboardEntry:
    """
    Attributes:
        rank (int): 1 is first; ties share a rank (1, 2, 2, 4).
        partner_id (UUID):
        partner_name (str):
        value (float | int | None | str): A number; money as a decimal string in the base currency; null when the metric
            is undefined for the period (a rate with nothing to divide).
    """

    rank: int
    partner_id: UUID
    partner_name: str
    value: float | int | None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rank = self.rank

        partner_id = str(self.partner_id)

        partner_name = self.partner_name

        value: float | int | None | str
        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rank": rank,
                "partner_id": partner_id,
                "partner_name": partner_name,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rank = d.pop("rank")

        partner_id = UUID(d.pop("partner_id"))

        partner_name = d.pop("partner_name")

        def _parse_value(data: object) -> float | int | None | str:
            if data is None:
                return data
            return cast(float | int | None | str, data)

        value = _parse_value(d.pop("value"))

        leaderboard_entry = cls(
            rank=rank,
            partner_id=partner_id,
            partner_name=partner_name,
            value=value,
        )

        leaderboard_entry.additional_properties = d
        return leaderboard_entry

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
