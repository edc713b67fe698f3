from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="ScorecardKpis")


@_attrs_define
class ScorecardKpis:
    """
    Attributes:
        won_revenue (Money):
        won_revenue_unconverted (list[Money]): Won amounts with no exchange rate for their close month, per currency:
            not in `won_revenue` (never summed silently).
        won_deals (int):
        lost_deals (int):
        win_rate (float | None): won / (won + lost); null when nothing closed.
        avg_deal_value (Money | None): `won_revenue` / `won_deals`; null when nothing was won, or when some won amounts
            have no exchange rate (the average of part of the deals would mislead).
        pipeline (Money):
        pipeline_deals (int):
        pipeline_unconverted (list[Money]):
        deals_registered (int): Deals submitted in the period.
        deals_approved (int):
        deals_rejected (int):
        approval_rate (float | None): approved / (approved + rejected) of the period's decisions; null when none.
        asset_downloads (int):
        course_completions (int):
        active_users (int): Distinct partner users who signed in.
        sign_ins (int):
    """

    won_revenue: Money
    won_revenue_unconverted: list[Money]
    won_deals: int
    lost_deals: int
    win_rate: float | None
    avg_deal_value: Money | None
    pipeline: Money
    pipeline_deals: int
    pipeline_unconverted: list[Money]
    deals_registered: int
    deals_approved: int
    deals_rejected: int
    approval_rate: float | None
    asset_downloads: int
    course_completions: int
    active_users: int
    sign_ins: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        won_revenue = self.won_revenue.to_dict()

        won_revenue_unconverted = []
        for won_revenue_unconverted_item_data in self.won_revenue_unconverted:
            won_revenue_unconverted_item = won_revenue_unconverted_item_data.to_dict()
            won_revenue_unconverted.append(won_revenue_unconverted_item)

        won_deals = self.won_deals

        lost_deals = self.lost_deals

        win_rate: float | None
        win_rate = self.win_rate

        avg_deal_value: dict[str, Any] | None
        if isinstance(self.avg_deal_value, Money):
            avg_deal_value = self.avg_deal_value.to_dict()
        else:
            avg_deal_value = self.avg_deal_value

        pipeline = self.pipeline.to_dict()

        pipeline_deals = self.pipeline_deals

        pipeline_unconverted = []
        for pipeline_unconverted_item_data in self.pipeline_unconverted:
            pipeline_unconverted_item = pipeline_unconverted_item_data.to_dict()
            pipeline_unconverted.append(pipeline_unconverted_item)

        deals_registered = self.deals_registered

        deals_approved = self.deals_approved

        deals_rejected = self.deals_rejected

        approval_rate: float | None
        approval_rate = self.approval_rate

        asset_downloads = self.asset_downloads

        course_completions = self.course_completions

        active_users = self.active_users

        sign_ins = self.sign_ins

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "won_revenue": won_revenue,
                "won_revenue_unconverted": won_revenue_unconverted,
                "won_deals": won_deals,
                "lost_deals": lost_deals,
                "win_rate": win_rate,
                "avg_deal_value": avg_deal_value,
                "pipeline": pipeline,
                "pipeline_deals": pipeline_deals,
                "pipeline_unconverted": pipeline_unconverted,
                "deals_registered": deals_registered,
                "deals_approved": deals_approved,
                "deals_rejected": deals_rejected,
                "approval_rate": approval_rate,
                "asset_downloads": asset_downloads,
                "course_completions": course_completions,
                "active_users": active_users,
                "sign_ins": sign_ins,
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

        lost_deals = d.pop("lost_deals")

        def _parse_win_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        win_rate = _parse_win_rate(d.pop("win_rate"))

        def _parse_avg_deal_value(data: object) -> Money | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                avg_deal_value_type_0 = Money.from_dict(data)

                return avg_deal_value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None, data)

        avg_deal_value = _parse_avg_deal_value(d.pop("avg_deal_value"))

        pipeline = Money.from_dict(d.pop("pipeline"))

        pipeline_deals = d.pop("pipeline_deals")

        pipeline_unconverted = []
        _pipeline_unconverted = d.pop("pipeline_unconverted")
        for pipeline_unconverted_item_data in _pipeline_unconverted:
            pipeline_unconverted_item = Money.from_dict(pipeline_unconverted_item_data)

            pipeline_unconverted.append(pipeline_unconverted_item)

        deals_registered = d.pop("deals_registered")

        deals_approved = d.pop("deals_approved")

        deals_rejected = d.pop("deals_rejected")

        def _parse_approval_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        approval_rate = _parse_approval_rate(d.pop("approval_rate"))

        asset_downloads = d.pop("asset_downloads")

        course_completions = d.pop("course_completions")

        active_users = d.pop("active_users")

        sign_ins = d.pop("sign_ins")

        scorecard_kpis = cls(
            won_revenue=won_revenue,
            won_revenue_unconverted=won_revenue_unconverted,
            won_deals=won_deals,
            lost_deals=lost_deals,
            win_rate=win_rate,
            avg_deal_value=avg_deal_value,
            pipeline=pipeline,
            pipeline_deals=pipeline_deals,
            pipeline_unconverted=pipeline_unconverted,
            deals_registered=deals_registered,
            deals_approved=deals_approved,
            deals_rejected=deals_rejected,
            approval_rate=approval_rate,
            asset_downloads=asset_downloads,
            course_completions=course_completions,
            active_users=active_users,
            sign_ins=sign_ins,
        )

        scorecard_kpis.additional_properties = d
        return scorecard_kpis

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
