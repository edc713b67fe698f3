from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.partner_type import PartnerType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="DealRuleUpdate")


@_attrs_define
class DealRuleUpdate:
    """
    Attributes:
        name (str | Unset):
        position (int | Unset):
        enabled (bool | Unset):
        max_amount (Money | None | Unset):
        partner_tier_ids (list[UUID] | None | Unset):
        partner_types (list[PartnerType] | None | Unset):
    """

    name: str | Unset = UNSET
    position: int | Unset = UNSET
    enabled: bool | Unset = UNSET
    max_amount: Money | None | Unset = UNSET
    partner_tier_ids: list[UUID] | None | Unset = UNSET
    partner_types: list[PartnerType] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        name = self.name

        position = self.position

        enabled = self.enabled

        max_amount: dict[str, Any] | None | Unset
        if isinstance(self.max_amount, Unset):
            max_amount = UNSET
        elif isinstance(self.max_amount, Money):
            max_amount = self.max_amount.to_dict()
        else:
            max_amount = self.max_amount

        partner_tier_ids: list[str] | None | Unset
        if isinstance(self.partner_tier_ids, Unset):
            partner_tier_ids = UNSET
        elif isinstance(self.partner_tier_ids, list):
            partner_tier_ids = []
            for partner_tier_ids_type_0_item_data in self.partner_tier_ids:
                partner_tier_ids_type_0_item = str(partner_tier_ids_type_0_item_data)
                partner_tier_ids.append(partner_tier_ids_type_0_item)

        else:
            partner_tier_ids = self.partner_tier_ids

        partner_types: list[str] | None | Unset
        if isinstance(self.partner_types, Unset):
            partner_types = UNSET
        elif isinstance(self.partner_types, list):
            partner_types = []
            for partner_types_type_0_item_data in self.partner_types:
                partner_types_type_0_item = partner_types_type_0_item_data.value
                partner_types.append(partner_types_type_0_item)

        else:
            partner_types = self.partner_types

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if position is not UNSET:
            field_dict["position"] = position
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if max_amount is not UNSET:
            field_dict["max_amount"] = max_amount
        if partner_tier_ids is not UNSET:
            field_dict["partner_tier_ids"] = partner_tier_ids
        if partner_types is not UNSET:
            field_dict["partner_types"] = partner_types

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        position = d.pop("position", UNSET)

        enabled = d.pop("enabled", UNSET)

        def _parse_max_amount(data: object) -> Money | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                max_amount_type_0 = Money.from_dict(data)

                return max_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None | Unset, data)

        max_amount = _parse_max_amount(d.pop("max_amount", UNSET))

        def _parse_partner_tier_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                partner_tier_ids_type_0 = []
                _partner_tier_ids_type_0 = data
                for partner_tier_ids_type_0_item_data in _partner_tier_ids_type_0:
                    partner_tier_ids_type_0_item = UUID(partner_tier_ids_type_0_item_data)

                    partner_tier_ids_type_0.append(partner_tier_ids_type_0_item)

                return partner_tier_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        partner_tier_ids = _parse_partner_tier_ids(d.pop("partner_tier_ids", UNSET))

        def _parse_partner_types(data: object) -> list[PartnerType] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                partner_types_type_0 = []
                _partner_types_type_0 = data
                for partner_types_type_0_item_data in _partner_types_type_0:
                    partner_types_type_0_item = PartnerType(partner_types_type_0_item_data)

                    partner_types_type_0.append(partner_types_type_0_item)

                return partner_types_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PartnerType] | None | Unset, data)

        partner_types = _parse_partner_types(d.pop("partner_types", UNSET))

        deal_rule_update = cls(
            name=name,
            position=position,
            enabled=enabled,
            max_amount=max_amount,
            partner_tier_ids=partner_tier_ids,
            partner_types=partner_types,
        )

        return deal_rule_update
