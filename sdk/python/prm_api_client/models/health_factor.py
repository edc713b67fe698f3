from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_component import HealthComponent

if TYPE_CHECKING:
    from ..models.health_factor_figures import HealthFactorFigures


T = TypeVar("T", bound="HealthFactor")


@_attrs_define
class HealthFactor:
    """One component of a health score: what was measured, how it scored and how many of the
    score's points it gave. The points of every component add up to the score.

        Attributes:
            component (HealthComponent): A component of the health score (`GET /v1/partners/{id}/health`, `explain[]`).
            raw_value (float | None): What was measured, in `unit`; null when there was nothing to measure (`description`
                says which value applied instead).
            unit (str): `days`, `ratio` (0–1 or a growth factor) or `activities`.
            description (str): The measurement and its scoring in one sentence.
            figures (HealthFactorFigures): The numbers behind it, by name (money amounts as decimal strings).
            normalized (float): The component's score, 0–1.
            weight (int): The component's weight in the program's settings.
            points (int): The component's share of the score: weight × normalized / Σ weights × 100, rounded so that the
                points of all components add up to the score exactly (largest remainder).
    """

    component: HealthComponent
    raw_value: float | None
    unit: str
    description: str
    figures: HealthFactorFigures
    normalized: float
    weight: int
    points: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        component = self.component.value

        raw_value: float | None
        raw_value = self.raw_value

        unit = self.unit

        description = self.description

        figures = self.figures.to_dict()

        normalized = self.normalized

        weight = self.weight

        points = self.points

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "component": component,
                "raw_value": raw_value,
                "unit": unit,
                "description": description,
                "figures": figures,
                "normalized": normalized,
                "weight": weight,
                "points": points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.health_factor_figures import HealthFactorFigures  # noqa: PLC0415

        d = dict(src_dict)
        component = HealthComponent(d.pop("component"))

        def _parse_raw_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        raw_value = _parse_raw_value(d.pop("raw_value"))

        unit = d.pop("unit")

        description = d.pop("description")

        figures = HealthFactorFigures.from_dict(d.pop("figures"))

        normalized = d.pop("normalized")

        weight = d.pop("weight")

        points = d.pop("points")

        health_factor = cls(
            component=component,
            raw_value=raw_value,
            unit=unit,
            description=description,
            figures=figures,
            normalized=normalized,
            weight=weight,
            points=points,
        )

        health_factor.additional_properties = d
        return health_factor

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
