"""The metrics API's request and response models."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from prm_api.kit.fields import PartnerType
from prm_api.kit.schemas import (
    CountryCode,
    CurrencyCode,
    IsoDate,
    Money,
    RequestModel,
    ResponseModel,
    StrictBool,
    Timestamp,
)
from prm_api.metrics.definitions import METRIC_KEYS, Unit
from prm_api.metrics.periods import DATE_RANGE_PATTERN, Interval

MetricKey = StrEnum("MetricKey", {key: key for key in METRIC_KEYS})  # type: ignore[misc]
MetricKey.__doc__ = "A metric of `GET /v1/metrics/definitions`."


class Dimension(StrEnum):
    """What rows are split by. Partner attributes are the partner's as they are now."""

    partner = "partner"
    tier = "tier"
    partner_type = "partner_type"
    country = "country"
    currency = "currency"


DateRangeText = Annotated[str, StringConstraints(pattern=DATE_RANGE_PATTERN)]
TierKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]


class MetricDefinition(ResponseModel):
    key: str = Field(examples=["won_revenue"])
    name: str
    formula: str = Field(description="How the figure is computed, in words.")
    unit: Unit = Field(
        description="`money`: base currency, a decimal string; `count`; `ratio` (0–1); "
        "`hours`; `days`."
    )
    records: str = Field(description="The records the metric counts.")
    filters: str = Field(description="Which of those records, for a period.")
    level: bool = Field(
        description="True for a level read at the end of each period (pipeline, certified "
        "users); false for a sum of what happened during it."
    )
    dimensions: list[Dimension] = Field(description="What this metric can be split by.")


class MetricDefinitionList(ResponseModel):
    base_currency: CurrencyCode = Field(description="The currency money metrics are in.")
    conversion: str = Field(description="How amounts in other currencies are converted.")
    data: list[MetricDefinition]


class MetricsFilters(RequestModel):
    """Only the records of partners (and, for deal metrics, currencies) listed; each list
    empty or omitted means no restriction. A partner token is always restricted to its own
    partner, whatever is asked here."""

    partner_id: list[uuid.UUID] = Field(default_factory=list, max_length=100)
    tier: list[TierKey] = Field(default_factory=list, max_length=20)
    partner_type: list[PartnerType] = Field(default_factory=list, max_length=6)
    country: list[CountryCode] = Field(default_factory=list, max_length=50)
    currency: list[CurrencyCode] = Field(
        default_factory=list, max_length=20, description="Deal metrics only."
    )


class MetricsQuery(RequestModel):
    metrics: list[MetricKey] = Field(
        min_length=1,
        max_length=16,
        examples=[["won_revenue"]],
        json_schema_extra={"uniqueItems": True},
    )
    date_range: DateRangeText | Annotated[list[IsoDate], Field(min_length=2, max_length=2)] = Field(
        default="30d",
        description="`Nd` (the N days ending today), `Nmo` (the N calendar months ending "
        "with this one, month to date), a quarter `2026-Q3`, a month `2026-07`, a year "
        "`2026`, or `[from, to]` (both days included, in order). At most 1,098 days (36 "
        "months); years 2000–2999.",
        examples=["12mo"],
    )
    interval: Interval | None = Field(
        default=None,
        description="Split the range into days, ISO weeks (Monday first), months or quarters "
        "(the first and last are clipped to the range); omitted: one period.",
    )
    dimensions: list[Dimension] = Field(
        default_factory=list,
        max_length=3,
        description="`currency` only with deal metrics (see each metric's `dimensions`).",
        json_schema_extra={"uniqueItems": True},
    )
    filters: MetricsFilters | None = None
    compare: StrictBool = Field(
        default=False,
        description="Also compute the previous period of the same length (for month, quarter "
        "and year ranges, the same number of calendar months) and give each row's figures "
        "for it in `previous`.",
    )

    @model_validator(mode="after")
    def _distinct(self) -> MetricsQuery:
        if len(set(self.metrics)) != len(self.metrics):
            raise ValueError("metrics: each metric once")
        if len(set(self.dimensions)) != len(self.dimensions):
            raise ValueError("dimensions: each dimension once")
        return self


MetricValue = Annotated[
    float | int | str | None,
    Field(
        description="A number; money as a decimal string in the base currency; null when "
        "the metric is undefined for the period (a rate with nothing to divide)."
    ),
]


class MetricsPeriod(ResponseModel):
    start: IsoDate
    end: IsoDate = Field(description="Included.")


class MetricFigures(ResponseModel):
    metrics: dict[str, MetricValue]
    unconverted: dict[str, list[Money]] = Field(
        description="Per money metric, the amounts left out of its figure because no "
        "exchange rate converts them (see `conversion`), by currency. Empty when all converted."
    )


class MetricsRow(MetricFigures):
    period: MetricsPeriod
    dimensions: dict[str, str | None] = Field(
        description="The row's dimension values (`partner` is the partner's id, with its name "
        "in `partner_name`; `tier` the tier key, null for partners without a tier)."
    )
    previous: MetricFigures | None = Field(
        default=None, description="The same figures for the previous period (with `compare`)."
    )


class MetricsResult(ResponseModel):
    date_range: MetricsPeriod
    previous_date_range: MetricsPeriod | None
    interval: Interval | None
    base_currency: CurrencyCode
    metrics: list[str]
    dimensions: list[Dimension]
    rows: list[MetricsRow]
    totals: MetricFigures = Field(
        description="The whole range, all rows together (within what the caller may see)."
    )
    previous_totals: MetricFigures | None = None


class LeaderboardEntry(ResponseModel):
    rank: int = Field(description="1 is first; ties share a rank (1, 2, 2, 4).")
    partner_id: uuid.UUID
    partner_name: str
    value: MetricValue


class PartnerStanding(ResponseModel):
    rank: int
    of: int = Field(description="How many partners are ranked.")
    percentile: float = Field(
        description="Share of the ranked partners with a lower value, in percent (0–100)."
    )
    value: MetricValue


class Leaderboard(ResponseModel):
    metric: str
    date_range: MetricsPeriod
    base_currency: CurrencyCode
    ranked: int = Field(description="How many partners are ranked (every active partner).")
    entries: list[LeaderboardEntry] = Field(
        description="The top of the ranking (vendor roles); empty for partner tokens."
    )
    you: PartnerStanding | None = Field(
        description="The caller's own partner's standing (partner tokens); null for vendors."
    )


class TrendPoint(MetricFigures):
    period: MetricsPeriod


class Count(ResponseModel):
    key: str | None = Field(description="The status, or the tier key (null: no tier).")
    name: str | None = Field(default=None, description="The tier's name.")
    count: int


class MetricsSummary(ResponseModel):
    computed_at: Timestamp = Field(
        description="When these figures were read (a summary is kept for a few seconds, "
        "`metrics_summary_max_age_s`; `Cache-Control: no-cache` asks for a new one)."
    )
    date_range: MetricsPeriod
    previous_date_range: MetricsPeriod
    base_currency: CurrencyCode
    kpis: MetricFigures = Field(description="Every metric of the catalog for the period.")
    previous: MetricFigures = Field(description="The same for the previous period.")
    trend: list[TrendPoint] = Field(
        description="Won revenue, deals registered, pipeline and win rate month by month."
    )
    partners_by_status: list[Count] = Field(description="Vendor roles only (else empty).")
    partners_by_tier: list[Count] = Field(
        description="Active partners by tier, highest first (vendor roles only)."
    )
    top_partners: list[LeaderboardEntry] = Field(
        description="The five partners with the most won revenue (vendor roles only)."
    )
