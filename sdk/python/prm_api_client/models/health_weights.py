from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="HealthWeights")


@_attrs_define
class HealthWeights:
    """Relative weights (0–100) of the health score's components: the score is
    Σ weight × component / Σ weights × 100. A component left out keeps the formula's default
    weight (deal_recency 25, pipeline_trend 15, win_rate 20, certification_coverage 20,
    engagement 20); `{}` is the defaults. Every weight 0 is refused (nothing to divide by).

        Attributes:
            deal_recency (int | Unset): Recency of the partner's last deal activity.
            pipeline_trend (int | Unset): Open pipeline now against 90 days ago.
            win_rate (int | Unset): Won / (won + lost) over the last 12 months.
            certification_coverage (int | Unset): Share of active users with a certification.
            engagement (int | Unset): Sign-ins, asset downloads and course completions.
    """

    deal_recency: int | Unset = UNSET
    pipeline_trend: int | Unset = UNSET
    win_rate: int | Unset = UNSET
    certification_coverage: int | Unset = UNSET
    engagement: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        deal_recency = self.deal_recency

        pipeline_trend = self.pipeline_trend

        win_rate = self.win_rate

        certification_coverage = self.certification_coverage

        engagement = self.engagement

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if deal_recency is not UNSET:
            field_dict["deal_recency"] = deal_recency
        if pipeline_trend is not UNSET:
            field_dict["pipeline_trend"] = pipeline_trend
        if win_rate is not UNSET:
            field_dict["win_rate"] = win_rate
        if certification_coverage is not UNSET:
            field_dict["certification_coverage"] = certification_coverage
        if engagement is not UNSET:
            field_dict["engagement"] = engagement

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        deal_recency = d.pop("deal_recency", UNSET)

        pipeline_trend = d.pop("pipeline_trend", UNSET)

        win_rate = d.pop("win_rate", UNSET)

        certification_coverage = d.pop("certification_coverage", UNSET)

        engagement = d.pop("engagement", UNSET)

        health_weights = cls(
            deal_recency=deal_recency,
            pipeline_trend=pipeline_trend,
            win_rate=win_rate,
            certification_coverage=certification_coverage,
            engagement=engagement,
        )

        return health_weights
