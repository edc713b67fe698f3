from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EvaluationCounts")


@_attrs_define
class EvaluationCounts:
    """
    Attributes:
        partners_evaluated (int): Active partners checked.
        upgrades (int): Upgrades this run recorded.
        downgrades (int): Downgrades this run recorded.
        open_changes (int): Changes of this run still `proposed` or `pending_grace`.
        cancelled_earlier (int): Open changes of earlier runs this run cancelled: superseded by a fresh one, or no
            longer needed.
    """

    partners_evaluated: int
    upgrades: int
    downgrades: int
    open_changes: int
    cancelled_earlier: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        partners_evaluated = self.partners_evaluated

        upgrades = self.upgrades

        downgrades = self.downgrades

        open_changes = self.open_changes

        cancelled_earlier = self.cancelled_earlier

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "partners_evaluated": partners_evaluated,
                "upgrades": upgrades,
                "downgrades": downgrades,
                "open_changes": open_changes,
                "cancelled_earlier": cancelled_earlier,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        partners_evaluated = d.pop("partners_evaluated")

        upgrades = d.pop("upgrades")

        downgrades = d.pop("downgrades")

        open_changes = d.pop("open_changes")

        cancelled_earlier = d.pop("cancelled_earlier")

        evaluation_counts = cls(
            partners_evaluated=partners_evaluated,
            upgrades=upgrades,
            downgrades=downgrades,
            open_changes=open_changes,
            cancelled_earlier=cancelled_earlier,
        )

        evaluation_counts.additional_properties = d
        return evaluation_counts

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
