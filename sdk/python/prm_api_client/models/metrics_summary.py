from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.currency_code import CurrencyCode

if TYPE_CHECKING:
    from ..models.count import Count
    from ..models.leaderboard_entry import LeaderboardEntry
    from ..models.metric_figures import MetricFigures
    from ..models.metrics_period import MetricsPeriod
    from ..models.trend_point import TrendPoint


T = TypeVar("T", bound="MetricsSummary")


@_attrs_define
class MetricsSummary:
    """
    Attributes:
        computed_at (datetime.datetime): When these figures were read (a summary is kept for a few seconds,
            `metrics_summary_max_age_s`; `Cache-Control: no-cache` asks for a new one).
        date_range (MetricsPeriod):
        previous_date_range (MetricsPeriod):
        base_currency (CurrencyCode): ISO 4217 currency code (upper case).
        kpis (MetricFigures):
        previous (MetricFigures):
        trend (list[TrendPoint]): Won revenue, deals registered, pipeline and win rate month by month.
        partners_by_status (list[Count]): Vendor roles only (else empty).
        partners_by_tier (list[Count]): Active partners by tier, highest first (vendor roles only).
        top_partners (list[LeaderboardEntry]): The five partners with the most won revenue (vendor roles only).
    """

    computed_at: datetime.datetime
    date_range: MetricsPeriod
    previous_date_range: MetricsPeriod
    base_currency: CurrencyCode
    kpis: MetricFigures
    previous: MetricFigures
    trend: list[TrendPoint]
    partners_by_status: list[Count]
    partners_by_tier: list[Count]
    top_partners: list[LeaderboardEntry]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        computed_at = self.computed_at.isoformat()

        date_range = self.date_range.to_dict()

        previous_date_range = self.previous_date_range.to_dict()

        base_currency = self.base_currency.value

        kpis = self.kpis.to_dict()

        previous = self.previous.to_dict()

        trend = []
        for trend_item_data in self.trend:
            trend_item = trend_item_data.to_dict()
            trend.append(trend_item)

        partners_by_status = []
        for partners_by_status_item_data in self.partners_by_status:
            partners_by_status_item = partners_by_status_item_data.to_dict()
            partners_by_status.append(partners_by_status_item)

        partners_by_tier = []
        for partners_by_tier_item_data in self.partners_by_tier:
            partners_by_tier_item = partners_by_tier_item_data.to_dict()
            partners_by_tier.append(partners_by_tier_item)

        top_partners = []
        for top_partners_item_data in self.top_partners:
            top_partners_item = top_partners_item_data.to_dict()
            top_partners.append(top_partners_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "computed_at": computed_at,
                "date_range": date_range,
                "previous_date_range": previous_date_range,
                "base_currency": base_currency,
                "kpis": kpis,
                "previous": previous,
                "trend": trend,
                "partners_by_status": partners_by_status,
                "partners_by_tier": partners_by_tier,
                "top_partners": top_partners,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.count import Count  # noqa: PLC0415
        from ..models.leaderboard_entry import LeaderboardEntry  # noqa: PLC0415
        from ..models.metric_figures import MetricFigures  # noqa: PLC0415
        from ..models.metrics_period import MetricsPeriod  # noqa: PLC0415
        from ..models.trend_point import TrendPoint  # noqa: PLC0415

        d = dict(src_dict)
        computed_at = datetime.datetime.fromisoformat(d.pop("computed_at"))

        date_range = MetricsPeriod.from_dict(d.pop("date_range"))

        previous_date_range = MetricsPeriod.from_dict(d.pop("previous_date_range"))

        base_currency = CurrencyCode(d.pop("base_currency"))

        kpis = MetricFigures.from_dict(d.pop("kpis"))

        previous = MetricFigures.from_dict(d.pop("previous"))

        trend = []
        _trend = d.pop("trend")
        for trend_item_data in _trend:
            trend_item = TrendPoint.from_dict(trend_item_data)

            trend.append(trend_item)

        partners_by_status = []
        _partners_by_status = d.pop("partners_by_status")
        for partners_by_status_item_data in _partners_by_status:
            partners_by_status_item = Count.from_dict(partners_by_status_item_data)

            partners_by_status.append(partners_by_status_item)

        partners_by_tier = []
        _partners_by_tier = d.pop("partners_by_tier")
        for partners_by_tier_item_data in _partners_by_tier:
            partners_by_tier_item = Count.from_dict(partners_by_tier_item_data)

            partners_by_tier.append(partners_by_tier_item)

        top_partners = []
        _top_partners = d.pop("top_partners")
        for top_partners_item_data in _top_partners:
            top_partners_item = LeaderboardEntry.from_dict(top_partners_item_data)

            top_partners.append(top_partners_item)

        metrics_summary = cls(
            computed_at=computed_at,
            date_range=date_range,
            previous_date_range=previous_date_range,
            base_currency=base_currency,
            kpis=kpis,
            previous=previous,
            trend=trend,
            partners_by_status=partners_by_status,
            partners_by_tier=partners_by_tier,
            top_partners=top_partners,
        )

        metrics_summary.additional_properties = d
        return metrics_summary

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
