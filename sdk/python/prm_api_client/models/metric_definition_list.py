from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.currency_code import CurrencyCode

if TYPE_CHECKING:
    from ..models.metric_definition import MetricDefinition


T = TypeVar("T", bound="MetricDefinitionList")


@_attrs_define
class MetricDefinitionList:
    """
    Attributes:
        base_currency (CurrencyCode): ISO 4217 currency code (upper case).
        conversion (str): How amounts in other currencies are converted.
        data (list[MetricDefinition]):
    """

    base_currency: CurrencyCode
    conversion: str
    data: list[MetricDefinition]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base_currency = self.base_currency.value

        conversion = self.conversion

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "base_currency": base_currency,
                "conversion": conversion,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metric_definition import MetricDefinition  # noqa: PLC0415

        d = dict(src_dict)
        base_currency = CurrencyCode(d.pop("base_currency"))

        conversion = d.pop("conversion")

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = MetricDefinition.from_dict(data_item_data)

            data.append(data_item)

        metric_definition_list = cls(
            base_currency=base_currency,
            conversion=conversion,
            data=data,
        )

        metric_definition_list.additional_properties = d
        return metric_definition_list

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
