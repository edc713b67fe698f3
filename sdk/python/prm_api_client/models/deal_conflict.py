from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deal_status import DealStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="DealConflict")


@_attrs_define
class DealConflict:
    """A conflict as vendor roles see it: the other registration in full.

    Attributes:
        deal_id (UUID): The deal this conflict belongs to.
        reason (str): `domain` (same customer domain) or `name` (similar name).
        score (float): 1.0 for a domain match; name similarity otherwise.
        detected_at (datetime.datetime):
        other_deal_id (None | Unset | UUID): Vendor roles only.
        other_partner_id (None | Unset | UUID): Vendor roles only.
        other_customer_name (None | str | Unset): Vendor roles only.
        other_status (DealStatus | None | Unset): Vendor roles only.
    """

    deal_id: UUID
    reason: str
    score: float
    detected_at: datetime.datetime
    other_deal_id: None | Unset | UUID = UNSET
    other_partner_id: None | Unset | UUID = UNSET
    other_customer_name: None | str | Unset = UNSET
    other_status: DealStatus | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deal_id = str(self.deal_id)

        reason = self.reason

        score = self.score

        detected_at = self.detected_at.isoformat()

        other_deal_id: None | str | Unset
        if isinstance(self.other_deal_id, Unset):
            other_deal_id = UNSET
        elif isinstance(self.other_deal_id, UUID):
            other_deal_id = str(self.other_deal_id)
        else:
            other_deal_id = self.other_deal_id

        other_partner_id: None | str | Unset
        if isinstance(self.other_partner_id, Unset):
            other_partner_id = UNSET
        elif isinstance(self.other_partner_id, UUID):
            other_partner_id = str(self.other_partner_id)
        else:
            other_partner_id = self.other_partner_id

        other_customer_name: None | str | Unset
        if isinstance(self.other_customer_name, Unset):
            other_customer_name = UNSET
        else:
            other_customer_name = self.other_customer_name

        other_status: None | str | Unset
        if isinstance(self.other_status, Unset):
            other_status = UNSET
        elif isinstance(self.other_status, DealStatus):
            other_status = self.other_status.value
        else:
            other_status = self.other_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "deal_id": deal_id,
                "reason": reason,
                "score": score,
                "detected_at": detected_at,
            }
        )
        if other_deal_id is not UNSET:
            field_dict["other_deal_id"] = other_deal_id
        if other_partner_id is not UNSET:
            field_dict["other_partner_id"] = other_partner_id
        if other_customer_name is not UNSET:
            field_dict["other_customer_name"] = other_customer_name
        if other_status is not UNSET:
            field_dict["other_status"] = other_status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        deal_id = UUID(d.pop("deal_id"))

        reason = d.pop("reason")

        score = d.pop("score")

        detected_at = datetime.datetime.fromisoformat(d.pop("detected_at"))

        def _parse_other_deal_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                other_deal_id_type_0 = UUID(data)

                return other_deal_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        other_deal_id = _parse_other_deal_id(d.pop("other_deal_id", UNSET))

        def _parse_other_partner_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                other_partner_id_type_0 = UUID(data)

                return other_partner_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        other_partner_id = _parse_other_partner_id(d.pop("other_partner_id", UNSET))

        def _parse_other_customer_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        other_customer_name = _parse_other_customer_name(d.pop("other_customer_name", UNSET))

        def _parse_other_status(data: object) -> DealStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                other_status_type_0 = DealStatus(data)

                return other_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DealStatus | None | Unset, data)

        other_status = _parse_other_status(d.pop("other_status", UNSET))

        deal_conflict = cls(
            deal_id=deal_id,
            reason=reason,
            score=score,
            detected_at=detected_at,
            other_deal_id=other_deal_id,
            other_partner_id=other_partner_id,
            other_customer_name=other_customer_name,
            other_status=other_status,
        )

        deal_conflict.additional_properties = d
        return deal_conflict

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
