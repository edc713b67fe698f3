from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PlannedCancellation")


@_attrs_define
class PlannedCancellation:
    """
    Attributes:
        change_id (UUID):
        evaluation_id (UUID):
        partner_id (UUID):
        reason (str):
    """

    change_id: UUID
    evaluation_id: UUID
    partner_id: UUID
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        change_id = str(self.change_id)

        evaluation_id = str(self.evaluation_id)

        partner_id = str(self.partner_id)

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "change_id": change_id,
                "evaluation_id": evaluation_id,
                "partner_id": partner_id,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        change_id = UUID(d.pop("change_id"))

        evaluation_id = UUID(d.pop("evaluation_id"))

        partner_id = UUID(d.pop("partner_id"))

        reason = d.pop("reason")

        planned_cancellation = cls(
            change_id=change_id,
            evaluation_id=evaluation_id,
            partner_id=partner_id,
            reason=reason,
        )

        planned_cancellation.additional_properties = d
        return planned_cancellation

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
