from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.partner_type import PartnerType

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="DealRule")


@_attrs_define
class DealRule:
    """
    Attributes:
        id (UUID):
        name (str):
        position (int): Rules are tried in ascending position; first match wins.
        enabled (bool):
        max_amount (Money | None): Matches deals up to this amount, same currency.
        partner_tier_ids (list[UUID]): Empty: any tier.
        partner_types (list[PartnerType]): Empty: any type.
        action (str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    name: str
    position: int
    enabled: bool
    max_amount: Money | None
    partner_tier_ids: list[UUID]
    partner_types: list[PartnerType]
    action: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        id = str(self.id)

        name = self.name

        position = self.position

        enabled = self.enabled

        max_amount: dict[str, Any] | None
        if isinstance(self.max_amount, Money):
            max_amount = self.max_amount.to_dict()
        else:
            max_amount = self.max_amount

        partner_tier_ids = []
        for partner_tier_ids_item_data in self.partner_tier_ids:
            partner_tier_ids_item = str(partner_tier_ids_item_data)
            partner_tier_ids.append(partner_tier_ids_item)

        partner_types = []
        for partner_types_item_data in self.partner_types:
            partner_types_item = partner_types_item_data.value
            partner_types.append(partner_types_item)

        action = self.action

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "position": position,
                "enabled": enabled,
                "max_amount": max_amount,
                "partner_tier_ids": partner_tier_ids,
                "partner_types": partner_types,
                "action": action,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        position = d.pop("position")

        enabled = d.pop("enabled")

        def _parse_max_amount(data: object) -> Money | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                max_amount_type_0 = Money.from_dict(data)

                return max_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None, data)

        max_amount = _parse_max_amount(d.pop("max_amount"))

        partner_tier_ids = []
        _partner_tier_ids = d.pop("partner_tier_ids")
        for partner_tier_ids_item_data in _partner_tier_ids:
            partner_tier_ids_item = UUID(partner_tier_ids_item_data)

            partner_tier_ids.append(partner_tier_ids_item)

        partner_types = []
        _partner_types = d.pop("partner_types")
        for partner_types_item_data in _partner_types:
            partner_types_item = PartnerType(partner_types_item_data)

            partner_types.append(partner_types_item)

        action = d.pop("action")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        deal_rule = cls(
            id=id,
            name=name,
            position=position,
            enabled=enabled,
            max_amount=max_amount,
            partner_tier_ids=partner_tier_ids,
            partner_types=partner_types,
            action=action,
            created_at=created_at,
            updated_at=updated_at,
        )

        deal_rule.additional_properties = d
        return deal_rule

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
