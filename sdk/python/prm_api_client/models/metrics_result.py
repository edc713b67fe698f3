from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.currency_code import CurrencyCode
from ..models.dimension import Dimension
from ..models.interval import Interval
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metric_figures import MetricFigures
    from ..models.metrics_period import MetricsPeriod
    from ..models.metrics_row import MetricsRow


T = TypeVar("T", bound="MetricsResult")


@_attrs_define
class MetricsResult:
    """
    Attributes:
        date_range (MetricsPeriod):
        previous_date_range (MetricsPeriod | None):
        interval (Interval | None):
        base_currency (CurrencyCode): ISO 4217 currency code (upper case).
        metrics (list[str]):
        dimensions (list[Dimension]):
        rows (list[MetricsRow]):
        totals (MetricFigures):
        previous_totals (MetricFigures | None | Unset):
    """

    date_range: MetricsPeriod
    previous_date_range: MetricsPeriod | None
    interval: Interval | None
    base_currency: CurrencyCode
    metrics: list[str]
    dimensions: list[Dimension]
    rows: list[MetricsRow]
    totals: MetricFigures
    previous_totals: MetricFigures | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.metric_figures import MetricFigures  # noqa: PLC0415
        from ..models.metrics_period import MetricsPeriod  # noqa: PLC0415

        date_range = self.date_range.to_dict()

        previous_date_range: dict[str, Any] | None
        if isinstance(self.previous_date_range, MetricsPeriod):
            previous_date_range = self.previous_date_range.to_dict()
        else:
            previous_date_range = self.previous_date_range

        interval: None | str
        if isinstance(self.interval, Interval):
            interval = self.interval.value
        else:
            interval = self.interval

        base_currency = self.base_currency.value

        metrics = self.metrics

        dimensions = []
        for dimensions_item_data in self.dimensions:
            dimensions_item = dimensions_item_data.value
            dimensions.append(dimensions_item)

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        totals = self.totals.to_dict()

        previous_totals: dict[str, Any] | None | Unset
        if isinstance(self.previous_totals, Unset):
            previous_totals = UNSET
        elif isinstance(self.previous_totals, MetricFigures):
            previous_totals = self.previous_totals.to_dict()
        else:
            previous_totals = self.previous_totals

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "date_range": date_range,
                "previous_date_range": previous_date_range,
                "interval": interval,
                "base_currency": base_currency,
                "metrics": metrics,
                "dimensions": dimensions,
                "rows": rows,
                "totals": totals,
            }
        )
        if previous_totals is not UNSET:
            field_dict["previous_totals"] = previous_totals

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metric_figures import MetricFigures  # noqa: PLC0415
        from ..models.metrics_period import MetricsPeriod  # noqa: PLC0415
        from ..models.metrics_row import MetricsRow  # noqa: PLC0415

        d = dict(src_dict)
        date_range = MetricsPeriod.from_dict(d.pop("date_range"))

        def _parse_previous_date_range(data: object) -> MetricsPeriod | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                previous_date_range_type_0 = MetricsPeriod.from_dict(data)

                return previous_date_range_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MetricsPeriod | None, data)

        previous_date_range = _parse_previous_date_range(d.pop("previous_date_range"))

        def _parse_interval(data: object) -> Interval | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                interval_type_0 = Interval(data)

                return interval_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Interval | None, data)

        interval = _parse_interval(d.pop("interval"))

        base_currency = CurrencyCode(d.pop("base_currency"))

        metrics = cast(list[str], d.pop("metrics"))

        dimensions = []
        _dimensions = d.pop("dimensions")
        for dimensions_item_data in _dimensions:
            dimensions_item = Dimension(dimensions_item_data)

            dimensions.append(dimensions_item)

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = MetricsRow.from_dict(rows_item_data)

            rows.append(rows_item)

        totals = MetricFigures.from_dict(d.pop("totals"))

        def _parse_previous_totals(data: object) -> MetricFigures | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                previous_totals_type_0 = MetricFigures.from_dict(data)

                return previous_totals_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MetricFigures | None | Unset, data)

        previous_totals = _parse_previous_totals(d.pop("previous_totals", UNSET))

        metrics_result = cls(
            date_range=date_range,
            previous_date_range=previous_date_range,
            interval=interval,
            base_currency=base_currency,
            metrics=metrics,
            dimensions=dimensions,
            rows=rows,
            totals=totals,
            previous_totals=previous_totals,
        )

        metrics_result.additional_properties = d
        return metrics_result

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
