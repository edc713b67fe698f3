from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CountCriterion")


@_attrs_define
class CountCriterion:
    """
    Attributes:
        required (int):
        actual (int):
        missing (int): How many more are needed (zero when met).
        met (bool): `actual >= required`.
        summary (str):
    """

    required: int
    actual: int
    missing: int
    met: bool
    summary: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        required = self.required

        actual = self.actual

        missing = self.missing

        met = self.met

        summary = self.summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "required": required,
                "actual": actual,
                "missing": missing,
                "met": met,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        required = d.pop("required")

        actual = d.pop("actual")

        missing = d.pop("missing")

        met = d.pop("met")

        summary = d.pop("summary")

        count_criterion = cls(
            required=required,
            actual=actual,
            missing=missing,
            met=met,
            summary=summary,
        )

        count_criterion.additional_properties = d
        return count_criterion

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
