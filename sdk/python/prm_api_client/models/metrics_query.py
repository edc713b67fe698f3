from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.dimension import Dimension
from ..models.interval import Interval
from ..models.metric_key import MetricKey
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metrics_filters import MetricsFilters


T = TypeVar("T", bound="MetricsQuery")


@_attrs_define
class MetricsQuery:
    """
    Attributes:
        metrics (list[MetricKey]):
        date_range (list[datetime.date] | str | Unset): `Nd` (the N days ending today), `Nmo` (the N calendar months
            ending with this one, month to date), a quarter `2026-Q3`, a month `2026-07`, a year `2026`, or `[from, to]`
            (both days included, in order). At most 1,098 days (36 months); years 2000–2999. Default: '30d'.
        interval (Interval | None | Unset): Split the range into days, ISO weeks (Monday first), months or quarters (the
            first and last are clipped to the range); omitted: one period.
        dimensions (list[Dimension] | Unset): `currency` only with deal metrics (see each metric's `dimensions`).
        filters (MetricsFilters | None | Unset):
        compare (bool | Unset): Also compute the previous period of the same length (for month, quarter and year ranges,
            the same number of calendar months) and give each row's figures for it in `previous`. Default: False.
    """

    metrics: list[MetricKey]
    date_range: list[datetime.date] | str | Unset = "30d"
    interval: Interval | None | Unset = UNSET
    dimensions: list[Dimension] | Unset = UNSET
    filters: MetricsFilters | None | Unset = UNSET
    compare: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        from ..models.metrics_filters import MetricsFilters  # noqa: PLC0415

        metrics = []
        for metrics_item_data in self.metrics:
            metrics_item = metrics_item_data.value
            metrics.append(metrics_item)

        date_range: list[str] | str | Unset
        if isinstance(self.date_range, Unset):
            date_range = UNSET
        elif isinstance(self.date_range, list):
            date_range = []
            for date_range_type_1_item_data in self.date_range:
                date_range_type_1_item = date_range_type_1_item_data.isoformat()
                date_range.append(date_range_type_1_item)

        else:
            date_range = self.date_range

        interval: None | str | Unset
        if isinstance(self.interval, Unset):
            interval = UNSET
        elif isinstance(self.interval, Interval):
            interval = self.interval.value
        else:
            interval = self.interval

        dimensions: list[str] | Unset = UNSET
        if not isinstance(self.dimensions, Unset):
            dimensions = []
            for dimensions_item_data in self.dimensions:
                dimensions_item = dimensions_item_data.value
                dimensions.append(dimensions_item)

        filters: dict[str, Any] | None | Unset
        if isinstance(self.filters, Unset):
            filters = UNSET
        elif isinstance(self.filters, MetricsFilters):
            filters = self.filters.to_dict()
        else:
            filters = self.filters

        compare = self.compare

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "metrics": metrics,
            }
        )
        if date_range is not UNSET:
            field_dict["date_range"] = date_range
        if interval is not UNSET:
            field_dict["interval"] = interval
        if dimensions is not UNSET:
            field_dict["dimensions"] = dimensions
        if filters is not UNSET:
            field_dict["filters"] = filters
        if compare is not UNSET:
            field_dict["compare"] = compare

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metrics_filters import MetricsFilters  # noqa: PLC0415

        d = dict(src_dict)
        metrics = []
        _metrics = d.pop("metrics")
        for metrics_item_data in _metrics:
            metrics_item = MetricKey(metrics_item_data)

            metrics.append(metrics_item)

        def _parse_date_range(data: object) -> list[datetime.date] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                date_range_type_1 = []
                _date_range_type_1 = data
                for date_range_type_1_item_data in _date_range_type_1:
                    date_range_type_1_item = datetime.date.fromisoformat(date_range_type_1_item_data)

                    date_range_type_1.append(date_range_type_1_item)

                return date_range_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[datetime.date] | str | Unset, data)

        date_range = _parse_date_range(d.pop("date_range", UNSET))

        def _parse_interval(data: object) -> Interval | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                interval_type_0 = Interval(data)

                return interval_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Interval | None | Unset, data)

        interval = _parse_interval(d.pop("interval", UNSET))

        _dimensions = d.pop("dimensions", UNSET)
        dimensions: list[Dimension] | Unset = UNSET
        if _dimensions is not UNSET:
            dimensions = []
            for dimensions_item_data in _dimensions:
                dimensions_item = Dimension(dimensions_item_data)

                dimensions.append(dimensions_item)

        def _parse_filters(data: object) -> MetricsFilters | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                filters_type_0 = MetricsFilters.from_dict(data)

                return filters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MetricsFilters | None | Unset, data)

        filters = _parse_filters(d.pop("filters", UNSET))

        compare = d.pop("compare", UNSET)

        metrics_query = cls(
            metrics=metrics,
            date_range=date_range,
            interval=interval,
            dimensions=dimensions,
            filters=filters,
            compare=compare,
        )

        return metrics_query
