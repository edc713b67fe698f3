from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ChecklistProgress")


@_attrs_define
class ChecklistProgress:
    """
    Attributes:
        required_steps (int):
        completed_required_steps (int):
        percent (int): Required steps done, 0–100 (100 when none is required).
    """

    required_steps: int
    completed_required_steps: int
    percent: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        required_steps = self.required_steps

        completed_required_steps = self.completed_required_steps

        percent = self.percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "required_steps": required_steps,
                "completed_required_steps": completed_required_steps,
                "percent": percent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        required_steps = d.pop("required_steps")

        completed_required_steps = d.pop("completed_required_steps")

        percent = d.pop("percent")

        checklist_progress = cls(
            required_steps=required_steps,
            completed_required_steps=completed_required_steps,
            percent=percent,
        )

        checklist_progress.additional_properties = d
        return checklist_progress

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
