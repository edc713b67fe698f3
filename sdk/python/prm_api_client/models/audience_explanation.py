from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audience_decision import AudienceDecision

if TYPE_CHECKING:
    from ..models.audience_dimension_check import AudienceDimensionCheck


T = TypeVar("T", bound="AudienceExplanation")


@_attrs_define
class AudienceExplanation:
    """
    Attributes:
        partner_id (UUID):
        visible (bool): The audience admits the partner. (A partner also sees only published items within their dates;
            this answers the audience alone.)
        decided_by (AudienceDecision):
        dimensions (list[AudienceDimensionCheck]): Each dimension the audience gives, checked against the partner.
    """

    partner_id: UUID
    visible: bool
    decided_by: AudienceDecision
    dimensions: list[AudienceDimensionCheck]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        partner_id = str(self.partner_id)

        visible = self.visible

        decided_by = self.decided_by.value

        dimensions = []
        for dimensions_item_data in self.dimensions:
            dimensions_item = dimensions_item_data.to_dict()
            dimensions.append(dimensions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "partner_id": partner_id,
                "visible": visible,
                "decided_by": decided_by,
                "dimensions": dimensions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audience_dimension_check import AudienceDimensionCheck  # noqa: PLC0415

        d = dict(src_dict)
        partner_id = UUID(d.pop("partner_id"))

        visible = d.pop("visible")

        decided_by = AudienceDecision(d.pop("decided_by"))

        dimensions = []
        _dimensions = d.pop("dimensions")
        for dimensions_item_data in _dimensions:
            dimensions_item = AudienceDimensionCheck.from_dict(dimensions_item_data)

            dimensions.append(dimensions_item)

        audience_explanation = cls(
            partner_id=partner_id,
            visible=visible,
            decided_by=decided_by,
            dimensions=dimensions,
        )

        audience_explanation.additional_properties = d
        return audience_explanation

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
