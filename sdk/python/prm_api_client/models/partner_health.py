from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_band import HealthBand

if TYPE_CHECKING:
    from ..models.health_factor import HealthFactor


T = TypeVar("T", bound="PartnerHealth")


@_attrs_define
class PartnerHealth:
    """A partner's health score now, with the explanation of every point.

    Attributes:
        partner_id (UUID):
        score (int):
        band (HealthBand): `healthy` (score ≥ 70), `at_risk` (40–69) or `critical` (< 40).
        formula_version (str): Changes whenever the formula does (components, scaling, defaults).
        as_of (datetime.date): The UTC day the measurement windows end on (today).
        computed_at (datetime.datetime):
        explain (list[HealthFactor]): One entry per component, in a fixed order.
    """

    partner_id: UUID
    score: int
    band: HealthBand
    formula_version: str
    as_of: datetime.date
    computed_at: datetime.datetime
    explain: list[HealthFactor]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        partner_id = str(self.partner_id)

        score = self.score

        band = self.band.value

        formula_version = self.formula_version

        as_of = self.as_of.isoformat()

        computed_at = self.computed_at.isoformat()

        explain = []
        for explain_item_data in self.explain:
            explain_item = explain_item_data.to_dict()
            explain.append(explain_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "partner_id": partner_id,
                "score": score,
                "band": band,
                "formula_version": formula_version,
                "as_of": as_of,
                "computed_at": computed_at,
                "explain": explain,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.health_factor import HealthFactor  # noqa: PLC0415

        d = dict(src_dict)
        partner_id = UUID(d.pop("partner_id"))

        score = d.pop("score")

        band = HealthBand(d.pop("band"))

        formula_version = d.pop("formula_version")

        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        computed_at = datetime.datetime.fromisoformat(d.pop("computed_at"))

        explain = []
        _explain = d.pop("explain")
        for explain_item_data in _explain:
            explain_item = HealthFactor.from_dict(explain_item_data)

            explain.append(explain_item)

        partner_health = cls(
            partner_id=partner_id,
            score=score,
            band=band,
            formula_version=formula_version,
            as_of=as_of,
            computed_at=computed_at,
            explain=explain,
        )

        partner_health.additional_properties = d
        return partner_health

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
