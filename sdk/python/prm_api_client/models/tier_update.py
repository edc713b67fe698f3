from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="TierUpdate")


@_attrs_define
class TierUpdate:
    """
    Attributes:
        key (str | Unset):
        name (str | Unset):
        rank (int | Unset):
        benefits (str | Unset):
        min_won_revenue (Money | None | Unset):
        min_won_deals (int | None | Unset):
        min_certified_users (int | None | Unset):
    """

    key: str | Unset = UNSET
    name: str | Unset = UNSET
    rank: int | Unset = UNSET
    benefits: str | Unset = UNSET
    min_won_revenue: Money | None | Unset = UNSET
    min_won_deals: int | None | Unset = UNSET
    min_certified_users: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        key = self.key

        name = self.name

        rank = self.rank

        benefits = self.benefits

        min_won_revenue: dict[str, Any] | None | Unset
        if isinstance(self.min_won_revenue, Unset):
            min_won_revenue = UNSET
        elif isinstance(self.min_won_revenue, Money):
            min_won_revenue = self.min_won_revenue.to_dict()
        else:
            min_won_revenue = self.min_won_revenue

        min_won_deals: int | None | Unset
        if isinstance(self.min_won_deals, Unset):
            min_won_deals = UNSET
        else:
            min_won_deals = self.min_won_deals

        min_certified_users: int | None | Unset
        if isinstance(self.min_certified_users, Unset):
            min_certified_users = UNSET
        else:
            min_certified_users = self.min_certified_users

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if key is not UNSET:
            field_dict["key"] = key
        if name is not UNSET:
            field_dict["name"] = name
        if rank is not UNSET:
            field_dict["rank"] = rank
        if benefits is not UNSET:
            field_dict["benefits"] = benefits
        if min_won_revenue is not UNSET:
            field_dict["min_won_revenue"] = min_won_revenue
        if min_won_deals is not UNSET:
            field_dict["min_won_deals"] = min_won_deals
        if min_certified_users is not UNSET:
            field_dict["min_certified_users"] = min_certified_users

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key", UNSET)

        name = d.pop("name", UNSET)

        rank = d.pop("rank", UNSET)

        benefits = d.pop("benefits", UNSET)

        def _parse_min_won_revenue(data: object) -> Money | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                min_won_revenue_type_0 = Money.from_dict(data)

                return min_won_revenue_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None | Unset, data)

        min_won_revenue = _parse_min_won_revenue(d.pop("min_won_revenue", UNSET))

        def _parse_min_won_deals(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_won_deals = _parse_min_won_deals(d.pop("min_won_deals", UNSET))

        def _parse_min_certified_users(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_certified_users = _parse_min_certified_users(d.pop("min_certified_users", UNSET))

        tier_update = cls(
            key=key,
            name=name,
            rank=rank,
            benefits=benefits,
            min_won_revenue=min_won_revenue,
            min_won_deals=min_won_deals,
            min_certified_users=min_certified_users,
        )

        return tier_update
