from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="Tier")


@_attrs_define
class Tier:
    """
    Attributes:
        id (UUID):
        key (str):
        name (str):
        rank (int): Higher rank = higher tier.
        benefits (str):
        min_won_revenue (Money | None): Minimum won revenue over the last 12 months.
        min_won_deals (int | None):
        min_certified_users (int | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    key: str
    name: str
    rank: int
    benefits: str
    min_won_revenue: Money | None
    min_won_deals: int | None
    min_certified_users: int | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        id = str(self.id)

        key = self.key

        name = self.name

        rank = self.rank

        benefits = self.benefits

        min_won_revenue: dict[str, Any] | None
        if isinstance(self.min_won_revenue, Money):
            min_won_revenue = self.min_won_revenue.to_dict()
        else:
            min_won_revenue = self.min_won_revenue

        min_won_deals: int | None
        min_won_deals = self.min_won_deals

        min_certified_users: int | None
        min_certified_users = self.min_certified_users

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "key": key,
                "name": name,
                "rank": rank,
                "benefits": benefits,
                "min_won_revenue": min_won_revenue,
                "min_won_deals": min_won_deals,
                "min_certified_users": min_certified_users,
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

        key = d.pop("key")

        name = d.pop("name")

        rank = d.pop("rank")

        benefits = d.pop("benefits")

        def _parse_min_won_revenue(data: object) -> Money | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                min_won_revenue_type_0 = Money.from_dict(data)

                return min_won_revenue_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None, data)

        min_won_revenue = _parse_min_won_revenue(d.pop("min_won_revenue"))

        def _parse_min_won_deals(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        min_won_deals = _parse_min_won_deals(d.pop("min_won_deals"))

        def _parse_min_certified_users(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        min_certified_users = _parse_min_certified_users(d.pop("min_certified_users"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        tier = cls(
            id=id,
            key=key,
            name=name,
            rank=rank,
            benefits=benefits,
            min_won_revenue=min_won_revenue,
            min_won_deals=min_won_deals,
            min_certified_users=min_certified_users,
            created_at=created_at,
            updated_at=updated_at,
        )

        tier.additional_properties = d
        return tier

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
