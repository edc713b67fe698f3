from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProgressSummary")


@_attrs_define
class ProgressSummary:
    """
    Attributes:
        required_modules (int):
        completed_required_modules (int):
        percent (int): Completed required modules, in percent (100 if none).
    """

    required_modules: int
    completed_required_modules: int
    percent: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        required_modules = self.required_modules

        completed_required_modules = self.completed_required_modules

        percent = self.percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "required_modules": required_modules,
                "completed_required_modules": completed_required_modules,
                "percent": percent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        required_modules = d.pop("required_modules")

        completed_required_modules = d.pop("completed_required_modules")

        percent = d.pop("percent")

        progress_summary = cls(
            required_modules=required_modules,
            completed_required_modules=completed_required_modules,
            percent=percent,
        )

        progress_summary.additional_properties = d
        return progress_summary

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
