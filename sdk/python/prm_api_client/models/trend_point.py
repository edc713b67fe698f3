from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.metrics_period import MetricsPeriod
    from ..models.trend_point_metrics import TrendPointMetrics
    from ..models.trend_point_unconverted import TrendPointUnconverted


T = TypeVar("T", bound="TrendPoint")


@_attrs_define
class TrendPoint:
    """
    Attributes:
        metrics (TrendPointMetrics):
        unconverted (TrendPointUnconverted): Per money metric, the amounts left out of its figure because no exchange
            rate converts them (see `conversion`), by currency. Empty when all converted.
        period (MetricsPeriod):
    """

    metrics: TrendPointMetrics
    unconverted: TrendPointUnconverted
    period: MetricsPeriod
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metrics = self.metrics.to_dict()

        unconverted = self.unconverted.to_dict()

        period = self.period.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metrics": metrics,
                "unconverted": unconverted,
                "period": period,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metrics_period import MetricsPeriod  # noqa: PLC0415
        from ..models.trend_point_metrics import TrendPointMetrics  # noqa: PLC0415
        from ..models.trend_point_unconverted import TrendPointUnconverted  # noqa: PLC0415

        d = dict(src_dict)
        metrics = TrendPointMetrics.from_dict(d.pop("metrics"))

        unconverted = TrendPointUnconverted.from_dict(d.pop("unconverted"))

        period = MetricsPeriod.from_dict(d.pop("period"))

        trend_point = cls(
            metrics=metrics,
            unconverted=unconverted,
            period=period,
        )

        trend_point.additional_properties = d
        return trend_point

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
