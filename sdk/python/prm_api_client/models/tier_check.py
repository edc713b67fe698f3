from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.count_criterion import CountCriterion
    from ..models.money_criterion import MoneyCriterion
    from ..models.tier_ref import TierRef


T = TypeVar("T", bound="TierCheck")


@_attrs_define
class TierCheck:
    """
    Attributes:
        tier (TierRef):
        qualifies (bool): Every criterion the tier sets is met.
        won_revenue (MoneyCriterion | None): Null: the tier sets no minimum.
        won_deals (CountCriterion | None): Null: the tier sets no minimum.
        certified_users (CountCriterion | None): Null: the tier sets no minimum.
        summary (str): What is missing, criterion by criterion, or that every criterion is met.
    """

    tier: TierRef
    qualifies: bool
    won_revenue: MoneyCriterion | None
    won_deals: CountCriterion | None
    certified_users: CountCriterion | None
    summary: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.count_criterion import CountCriterion  # noqa: PLC0415
        from ..models.money_criterion import MoneyCriterion  # noqa: PLC0415

        tier = self.tier.to_dict()

        qualifies = self.qualifies

        won_revenue: dict[str, Any] | None
        if isinstance(self.won_revenue, MoneyCriterion):
            won_revenue = self.won_revenue.to_dict()
        else:
            won_revenue = self.won_revenue

        won_deals: dict[str, Any] | None
        if isinstance(self.won_deals, CountCriterion):
            won_deals = self.won_deals.to_dict()
        else:
            won_deals = self.won_deals

        certified_users: dict[str, Any] | None
        if isinstance(self.certified_users, CountCriterion):
            certified_users = self.certified_users.to_dict()
        else:
            certified_users = self.certified_users

        summary = self.summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tier": tier,
                "qualifies": qualifies,
                "won_revenue": won_revenue,
                "won_deals": won_deals,
                "certified_users": certified_users,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.count_criterion import CountCriterion  # noqa: PLC0415
        from ..models.money_criterion import MoneyCriterion  # noqa: PLC0415
        from ..models.tier_ref import TierRef  # noqa: PLC0415

        d = dict(src_dict)
        tier = TierRef.from_dict(d.pop("tier"))

        qualifies = d.pop("qualifies")

        def _parse_won_revenue(data: object) -> MoneyCriterion | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                won_revenue_type_0 = MoneyCriterion.from_dict(data)

                return won_revenue_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MoneyCriterion | None, data)

        won_revenue = _parse_won_revenue(d.pop("won_revenue"))

        def _parse_won_deals(data: object) -> CountCriterion | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                won_deals_type_0 = CountCriterion.from_dict(data)

                return won_deals_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CountCriterion | None, data)

        won_deals = _parse_won_deals(d.pop("won_deals"))

        def _parse_certified_users(data: object) -> CountCriterion | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                certified_users_type_0 = CountCriterion.from_dict(data)

                return certified_users_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CountCriterion | None, data)

        certified_users = _parse_certified_users(d.pop("certified_users"))

        summary = d.pop("summary")

        tier_check = cls(
            tier=tier,
            qualifies=qualifies,
            won_revenue=won_revenue,
            won_deals=won_deals,
            certified_users=certified_users,
            summary=summary,
        )

        tier_check.additional_properties = d
        return tier_check

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
