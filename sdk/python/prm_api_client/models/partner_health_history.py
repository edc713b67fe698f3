from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.health_snapshot import HealthSnapshot


T = TypeVar("T", bound="PartnerHealthHistory")


@_attrs_define
class PartnerHealthHistory:
    """A partner's daily health snapshots between two days (both included), oldest first.

    Attributes:
        partner_id (UUID):
        from_ (datetime.date): First day (inclusive).
        to (datetime.date): Last day (inclusive).
        data (list[HealthSnapshot]): Days with a snapshot, oldest first (a day the job did not run, or before the
            partner was active, has none).
    """

    partner_id: UUID
    from_: datetime.date
    to: datetime.date
    data: list[HealthSnapshot]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        partner_id = str(self.partner_id)

        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "partner_id": partner_id,
                "from": from_,
                "to": to,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.health_snapshot import HealthSnapshot  # noqa: PLC0415

        d = dict(src_dict)
        partner_id = UUID(d.pop("partner_id"))

        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = HealthSnapshot.from_dict(data_item_data)

            data.append(data_item)

        partner_health_history = cls(
            partner_id=partner_id,
            from_=from_,
            to=to,
            data=data,
        )

        partner_health_history.additional_properties = d
        return partner_health_history

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
