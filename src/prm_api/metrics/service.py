"""The rules of the metrics API: what a caller may see, which query runs, and the shapes the
endpoints return. Partner tokens are restricted to their own partner before anything runs:
a filter or a dimension naming another partner yields only the caller's rows, totals too."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.errors import ValidationFailed, field_error
from prm_api.metrics import engine
from prm_api.metrics.definitions import BY_KEY, METRICS
from prm_api.metrics.engine import ResultRow
from prm_api.metrics.periods import Period, buckets, parse_range, previous
from prm_api.metrics.schemas import (
    MetricDefinition,
    MetricDefinitionList,
    MetricFigures,
    MetricsPeriod,
    MetricsQuery,
    MetricsResult,
    MetricsRow,
)
from prm_api.models import Partner
from prm_api.program.settings import get_settings

CONVERSION = BY_KEY["won_revenue"].formula.split(". ", 1)[1]

#: The most rows one query may return (periods × combinations of dimension values).
MAX_ROWS = 20_000


async def definitions(session: AsyncSession) -> MetricDefinitionList:
    settings = await get_settings(session)
    return MetricDefinitionList(
        base_currency=settings.base_currency,
        conversion=CONVERSION,
        data=[
            MetricDefinition(
                key=m.key,
                name=m.name,
                formula=m.formula,
                unit=m.unit,
                records=m.records,
                filters=m.filters,
                level=m.level,
                dimensions=list(m.dimensions),
            )
            for m in METRICS
        ],
    )


def scoped_filters(principal: Principal, query: MetricsQuery) -> dict[str, list[Any]]:
    """The query's filters, non-empty lists only; a partner token's partner forced in."""
    raw = query.filters.model_dump() if query.filters else {}
    filters = {name: values for name, values in raw.items() if values}
    if principal.is_partner:
        filters["partner_id"] = [principal.partner_id]
    return filters


def _check_currency(query: MetricsQuery, filters: dict[str, list[Any]]) -> None:
    uses_currency = "currency" in query.dimensions or "currency" in filters
    if not uses_currency:
        return
    unsupported = [m for m in query.metrics if "currency" not in BY_KEY[m].dimensions]
    if unsupported:
        field = "dimensions" if "currency" in query.dimensions else "filters.currency"
        raise ValidationFailed(
            "Only deal metrics can be split or filtered by currency.",
            errors=[
                field_error(
                    field,
                    "dimension_not_supported",
                    f"{', '.join(unsupported)} cannot be split or filtered by currency.",
                )
            ],
        )


async def query(session: AsyncSession, principal: Principal, body: MetricsQuery) -> MetricsResult:
    today = engine.today_utc()
    period = parse_range(body.date_range, today)
    filters = scoped_filters(principal, body)
    _check_currency(body, filters)
    settings = await get_settings(session)
    metrics = [str(m) for m in body.metrics]
    dims = tuple(str(d) for d in body.dimensions)
    await _check_size(session, period, body, filters)

    async def run(p: Period, dimensions: tuple[str, ...], interval: Any) -> list[ResultRow]:
        return await engine.run(
            session, metrics, p, interval, dimensions, filters, settings.base_currency
        )

    rows = await run(period, dims, body.interval)
    totals = (await run(period, (), None))[0]
    before: Period | None = None
    previous_rows: dict[tuple[int, tuple[str | None, ...]], ResultRow] = {}
    previous_totals = None
    if body.compare:
        before = previous(period, body.date_range)
        earlier = await run(before, dims, body.interval)
        starts = sorted({row.period.start for row in earlier})
        previous_rows = {(starts.index(r.period.start), r.dimensions): r for r in earlier}
        previous_totals = (await run(before, (), None))[0]
    names = await _partner_names(session, rows) if "partner" in dims else {}
    starts_now = sorted({row.period.start for row in rows})
    out_rows = []
    for row in rows:
        match = previous_rows.get((starts_now.index(row.period.start), row.dimensions))
        out_rows.append(
            MetricsRow(
                period=MetricsPeriod(start=row.period.start, end=row.period.end),
                dimensions=_dimension_values(dims, row.dimensions, names),
                previous=_previous(match, metrics) if body.compare else None,
                **figures(row).model_dump(),
            )
        )
    return MetricsResult(
        date_range=MetricsPeriod(start=period.start, end=period.end),
        previous_date_range=MetricsPeriod(start=before.start, end=before.end) if before else None,
        interval=body.interval,
        base_currency=settings.base_currency,
        metrics=metrics,
        dimensions=list(body.dimensions),
        rows=out_rows,
        totals=figures(totals),
        previous_totals=figures(previous_totals) if previous_totals else None,
    )


async def _check_size(
    session: AsyncSession, period: Period, body: MetricsQuery, filters: dict[str, list[Any]]
) -> None:
    """Refuse, before running it, a query whose answer would be unreasonably long."""
    periods = len(buckets(period, body.interval))
    width = 1
    if "partner" in body.dimensions:
        width = len(filters.get("partner_id", [])) or (
            await session.scalar(select(func.count()).select_from(Partner)) or 0
        )
    if periods * width > MAX_ROWS:
        raise ValidationFailed(
            f"This query could return {periods * width:,} rows (at most {MAX_ROWS:,}): use a "
            "longer interval, a shorter range or fewer partners.",
            errors=[field_error("interval", "too_many_rows", "Too many rows.")],
        )


def figures(row: ResultRow) -> MetricFigures:
    return MetricFigures(
        metrics=dict(row.values),
        unconverted={
            metric: [
                {"amount": engine.money(amount), "currency": currency}
                for currency, amount in sorted(by_currency.items())
            ]
            for metric, by_currency in row.unconverted.items()
        },
    )


def _previous(match: ResultRow | None, metrics: list[str]) -> MetricFigures:
    """The previous period's figures for a row; a row with no counterpart there (a partner
    with nothing then) has null figures."""
    if match is not None:
        return figures(match)
    return MetricFigures(metrics={m: None for m in metrics}, unconverted={})


async def _partner_names(session: AsyncSession, rows: list[ResultRow]) -> dict[str, str]:
    ids = {uuid.UUID(r.dimensions[0]) for r in rows if r.dimensions and r.dimensions[0]}
    if not ids:
        return {}
    found = await session.execute(select(Partner.id, Partner.name).where(Partner.id.in_(ids)))
    return {str(pid): name for pid, name in found}


def _dimension_values(
    dims: tuple[str, ...], values: tuple[str | None, ...], names: dict[str, str]
) -> dict[str, str | None]:
    out: dict[str, str | None] = dict(zip(dims, values, strict=True))
    if "partner" in out:
        out["partner_name"] = names.get(out["partner"] or "")
    return out
