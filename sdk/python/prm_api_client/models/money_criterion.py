from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="MoneyCriterion")


@_attrs_define
class MoneyCriterion:
    """
    Attributes:
        required (Money):
        actual (Money):
        missing (Money):
        met (bool): `actual >= required`.
        summary (str):
        converted_from (Money | None | Unset): The tier's requirement as set, when it is in another currency than the
            base currency (converted at the window's last day's rate).
    """

    required: Money
    actual: Money
    missing: Money
    met: bool
    summary: str
    converted_from: Money | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        required = self.required.to_dict()

        actual = self.actual.to_dict()

        missing = self.missing.to_dict()

        met = self.met

        summary = self.summary

        converted_from: dict[str, Any] | None | Unset
        if isinstance(self.converted_from, Unset):
            converted_from = UNSET
        elif isinstance(self.converted_from, Money):
            converted_from = self.converted_from.to_dict()
        else:
            converted_from = self.converted_from

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
        if converted_from is not UNSET:
            field_dict["converted_from"] = converted_from

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        required = Money.from_dict(d.pop("required"))

        actual = Money.from_dict(d.pop("actual"))

        missing = Money.from_dict(d.pop("missing"))

        met = d.pop("met")

        summary = d.pop("summary")

        def _parse_converted_from(data: object) -> Money | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                converted_from_type_0 = Money.from_dict(data)

                return converted_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None | Unset, data)

        converted_from = _parse_converted_from(d.pop("converted_from", UNSET))

        money_criterion = cls(
            required=required,
            actual=actual,
            missing=missing,
            met=met,
            summary=summary,
            converted_from=converted_from,
        )

        money_criterion.additional_properties = d
        return money_criterion

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
