from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metric_figures import MetricFigures
    from ..models.metrics_period import MetricsPeriod
    from ..models.metrics_row_dimensions import MetricsRowDimensions
    from ..models.metrics_row_metrics import MetricsRowMetrics
    from ..models.metrics_row_unconverted import MetricsRowUnconverted


T = TypeVar("T", bound="MetricsRow")


@_attrs_define
class MetricsRow:
    """
    Attributes:
        metrics (MetricsRowMetrics):
        unconverted (MetricsRowUnconverted): Per money metric, the amounts left out of its figure because no exchange
            rate converts them (see `conversion`), by currency. Empty when all converted.
        period (MetricsPeriod):
        dimensions (MetricsRowDimensions): The row's dimension values (`partner` is the partner's id, with its name in
            `partner_name`; `tier` the tier key, null for partners without a tier).
        previous (MetricFigures | None | Unset): The same figures for the previous period (with `compare`).
    """

    metrics: MetricsRowMetrics
    unconverted: MetricsRowUnconverted
    period: MetricsPeriod
    dimensions: MetricsRowDimensions
    previous: MetricFigures | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.metric_figures import MetricFigures  # noqa: PLC0415

        metrics = self.metrics.to_dict()

        unconverted = self.unconverted.to_dict()

        period = self.period.to_dict()

        dimensions = self.dimensions.to_dict()

        previous: dict[str, Any] | None | Unset
        if isinstance(self.previous, Unset):
            previous = UNSET
        elif isinstance(self.previous, MetricFigures):
            previous = self.previous.to_dict()
        else:
            previous = self.previous

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metrics": metrics,
                "unconverted": unconverted,
                "period": period,
                "dimensions": dimensions,
            }
        )
        if previous is not UNSET:
            field_dict["previous"] = previous

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metric_figures import MetricFigures  # noqa: PLC0415
        from ..models.metrics_period import MetricsPeriod  # noqa: PLC0415
        from ..models.metrics_row_dimensions import MetricsRowDimensions  # noqa: PLC0415
        from ..models.metrics_row_metrics import MetricsRowMetrics  # noqa: PLC0415
        from ..models.metrics_row_unconverted import MetricsRowUnconverted  # noqa: PLC0415

        d = dict(src_dict)
        metrics = MetricsRowMetrics.from_dict(d.pop("metrics"))

        unconverted = MetricsRowUnconverted.from_dict(d.pop("unconverted"))

        period = MetricsPeriod.from_dict(d.pop("period"))

        dimensions = MetricsRowDimensions.from_dict(d.pop("dimensions"))

        def _parse_previous(data: object) -> MetricFigures | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                previous_type_0 = MetricFigures.from_dict(data)

                return previous_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MetricFigures | None | Unset, data)

        previous = _parse_previous(d.pop("previous", UNSET))

        metrics_row = cls(
            metrics=metrics,
            unconverted=unconverted,
            period=period,
            dimensions=dimensions,
            previous=previous,
        )

        metrics_row.additional_properties = d
        return metrics_row

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
