from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.partner_type import PartnerType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="DealRuleCreate")


@_attrs_define
class DealRuleCreate:
    """
    Attributes:
        name (str):
        position (int | None | Unset): Default: after the last rule.
        enabled (bool | Unset):  Default: True.
        max_amount (Money | None | Unset):
        partner_tier_ids (list[UUID] | Unset):
        partner_types (list[PartnerType] | Unset):
        action (str | Unset):  Default: 'auto_approve'.
    """

    name: str
    position: int | None | Unset = UNSET
    enabled: bool | Unset = True
    max_amount: Money | None | Unset = UNSET
    partner_tier_ids: list[UUID] | Unset = UNSET
    partner_types: list[PartnerType] | Unset = UNSET
    action: str | Unset = "auto_approve"

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        name = self.name

        position: int | None | Unset
        if isinstance(self.position, Unset):
            position = UNSET
        else:
            position = self.position

        enabled = self.enabled

        max_amount: dict[str, Any] | None | Unset
        if isinstance(self.max_amount, Unset):
            max_amount = UNSET
        elif isinstance(self.max_amount, Money):
            max_amount = self.max_amount.to_dict()
        else:
            max_amount = self.max_amount

        partner_tier_ids: list[str] | Unset = UNSET
        if not isinstance(self.partner_tier_ids, Unset):
            partner_tier_ids = []
            for partner_tier_ids_item_data in self.partner_tier_ids:
                partner_tier_ids_item = str(partner_tier_ids_item_data)
                partner_tier_ids.append(partner_tier_ids_item)

        partner_types: list[str] | Unset = UNSET
        if not isinstance(self.partner_types, Unset):
            partner_types = []
            for partner_types_item_data in self.partner_types:
                partner_types_item = partner_types_item_data.value
                partner_types.append(partner_types_item)

        action = self.action

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
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
        if action is not UNSET:
            field_dict["action"] = action

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        position = _parse_position(d.pop("position", UNSET))

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

        _partner_tier_ids = d.pop("partner_tier_ids", UNSET)
        partner_tier_ids: list[UUID] | Unset = UNSET
        if _partner_tier_ids is not UNSET:
            partner_tier_ids = []
            for partner_tier_ids_item_data in _partner_tier_ids:
                partner_tier_ids_item = UUID(partner_tier_ids_item_data)

                partner_tier_ids.append(partner_tier_ids_item)

        _partner_types = d.pop("partner_types", UNSET)
        partner_types: list[PartnerType] | Unset = UNSET
        if _partner_types is not UNSET:
            partner_types = []
            for partner_types_item_data in _partner_types:
                partner_types_item = PartnerType(partner_types_item_data)

                partner_types.append(partner_types_item)

        action = d.pop("action", UNSET)

        deal_rule_create = cls(
            name=name,
            position=position,
            enabled=enabled,
            max_amount=max_amount,
            partner_tier_ids=partner_tier_ids,
            partner_types=partner_types,
            action=action,
        )

        return deal_rule_create
