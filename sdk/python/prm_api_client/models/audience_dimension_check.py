from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audience_dimension import AudienceDimension

T = TypeVar("T", bound="AudienceDimensionCheck")


@_attrs_define
class AudienceDimensionCheck:
    """
    Attributes:
        dimension (AudienceDimension):
        required (list[str]): The values the audience admits in this dimension.
        partner_value (None | str): The partner's current value (null: none).
        matched (bool):
    """

    dimension: AudienceDimension
    required: list[str]
    partner_value: None | str
    matched: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dimension = self.dimension.value

        required = self.required

        partner_value: None | str
        partner_value = self.partner_value

        matched = self.matched

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dimension": dimension,
                "required": required,
                "partner_value": partner_value,
                "matched": matched,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dimension = AudienceDimension(d.pop("dimension"))

        required = cast(list[str], d.pop("required"))

        def _parse_partner_value(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        partner_value = _parse_partner_value(d.pop("partner_value"))

        matched = d.pop("matched")

        audience_dimension_check = cls(
            dimension=dimension,
            required=required,
            partner_value=partner_value,
            matched=matched,
        )

        audience_dimension_check.additional_properties = d
        return audience_dimension_check

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
