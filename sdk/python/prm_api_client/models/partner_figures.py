from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="PartnerFigures")


@_attrs_define
class PartnerFigures:
    """
    Attributes:
        won_revenue (Money):
        won_revenue_unconverted (list[Money]): Won amounts without an exchange rate for their close month, by currency:
            not in `won_revenue` and not counted towards a revenue criterion.
        won_deals (int):
        certified_users (int): The partner's users holding an active, unexpired certification (now).
    """

    won_revenue: Money
    won_revenue_unconverted: list[Money]
    won_deals: int
    certified_users: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        won_revenue = self.won_revenue.to_dict()

        won_revenue_unconverted = []
        for won_revenue_unconverted_item_data in self.won_revenue_unconverted:
            won_revenue_unconverted_item = won_revenue_unconverted_item_data.to_dict()
            won_revenue_unconverted.append(won_revenue_unconverted_item)

        won_deals = self.won_deals

        certified_users = self.certified_users

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "won_revenue": won_revenue,
                "won_revenue_unconverted": won_revenue_unconverted,
                "won_deals": won_deals,
                "certified_users": certified_users,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        won_revenue = Money.from_dict(d.pop("won_revenue"))

        won_revenue_unconverted = []
        _won_revenue_unconverted = d.pop("won_revenue_unconverted")
        for won_revenue_unconverted_item_data in _won_revenue_unconverted:
            won_revenue_unconverted_item = Money.from_dict(won_revenue_unconverted_item_data)

            won_revenue_unconverted.append(won_revenue_unconverted_item)

        won_deals = d.pop("won_deals")

        certified_users = d.pop("certified_users")

        partner_figures = cls(
            won_revenue=won_revenue,
            won_revenue_unconverted=won_revenue_unconverted,
            won_deals=won_deals,
            certified_users=certified_users,
        )

        partner_figures.additional_properties = d
        return partner_figures

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
