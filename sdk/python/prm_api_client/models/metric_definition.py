from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dimension import Dimension
from ..models.unit import Unit

T = TypeVar("T", bound="MetricDefinition")


@_attrs_define
class MetricDefinition:
    """
    Attributes:
        key (str):
        name (str):
        formula (str): How the figure is computed, in words.
        unit (Unit):
        records (str): The records the metric counts.
        filters (str): Which of those records, for a period.
        level (bool): True for a level read at the end of each period (pipeline, certified users); false for a sum of
            what happened during it.
        dimensions (list[Dimension]): What this metric can be split by.
    """

    key: str
    name: str
    formula: str
    unit: Unit
    records: str
    filters: str
    level: bool
    dimensions: list[Dimension]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        name = self.name

        formula = self.formula

        unit = self.unit.value

        records = self.records

        filters = self.filters

        level = self.level

        dimensions = []
        for dimensions_item_data in self.dimensions:
            dimensions_item = dimensions_item_data.value
            dimensions.append(dimensions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "name": name,
                "formula": formula,
                "unit": unit,
                "records": records,
                "filters": filters,
                "level": level,
                "dimensions": dimensions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        name = d.pop("name")

        formula = d.pop("formula")

        unit = Unit(d.pop("unit"))

        records = d.pop("records")

        filters = d.pop("filters")

        level = d.pop("level")

        dimensions = []
        _dimensions = d.pop("dimensions")
        for dimensions_item_data in _dimensions:
            dimensions_item = Dimension(dimensions_item_data)

            dimensions.append(dimensions_item)

        metric_definition = cls(
            key=key,
            name=name,
            formula=formula,
            unit=unit,
            records=records,
            filters=filters,
            level=level,
            dimensions=dimensions,
        )

        metric_definition.additional_properties = d
        return metric_definition

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
