"""``/v1/metrics``: the catalog of metrics, the query API (JSON or CSV), the program summary
and the leaderboard. Every figure is read from rollups kept in step with each change."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response

from prm_api.auth.policy import MetricsRead
from prm_api.db import Session
from prm_api.kit.openapi import errors
from prm_api.metrics import leaderboard as leaderboard_service
from prm_api.metrics import service
from prm_api.metrics import summary as summary_service
from prm_api.metrics.csv_export import to_csv
from prm_api.metrics.periods import DATE_RANGE_PATTERN
from prm_api.metrics.schemas import (
    Leaderboard,
    MetricDefinitionList,
    MetricKey,
    MetricsQuery,
    MetricsResult,
    MetricsSummary,
)

router = APIRouter(prefix="/v1/metrics", tags=["metrics"])

DateRange = Annotated[
    str,
    Query(
        pattern=DATE_RANGE_PATTERN,
        description="`Nd`, `Nmo`, `2026-Q3`, `2026-07` or `2026` (see the query API).",
    ),
]


@router.get(
    "/definitions",
    operation_id="metrics_definitions_list",
    summary="List the metrics and how each is computed",
    response_model=MetricDefinitionList,
    responses=errors(401, 403),
)
async def definitions(session: Session, principal: MetricsRead) -> MetricDefinitionList:
    """Every metric the API computes: its formula in words, its unit, the records it counts
    and which of them fall in a period, whether it is a level (read at the end of a period)
    or a flow, and the dimensions it can be split by. Also the program's base currency and
    the exchange-rate rule money metrics follow."""
    return await service.definitions(session)


@router.post(
    "/query",
    operation_id="metrics_query",
    summary="Query metrics by period and dimension",
    response_model=MetricsResult,
    responses={
        **errors(400, 401, 403, 422),
        200: {
            "description": "The rows, as JSON or (with `Accept: text/csv`) as CSV.",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
    },
)
async def query(
    body: MetricsQuery,
    session: Session,
    principal: MetricsRead,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    """Metrics over a date range, optionally split into periods (`interval`) and by
    `dimensions`, filtered, and compared with the previous period — the shape analytics APIs
    use: each row is `{period, dimensions, metrics}`; `totals` covers the whole range.

    Money is in the program's base currency; amounts no exchange rate converts are reported
    per currency in `unconverted`, never summed in. Partner tokens see only their own
    partner's figures: a `partner` filter or dimension naming another partner yields only
    the caller's rows, and totals are the caller's. With `Accept: text/csv` the rows come as
    CSV (columns: `period_start`, `period_end`, the dimensions, the metrics, then
    `<metric>_unconverted` and, with `compare`, `previous_<metric>`).
    """
    result = await service.query(session, principal, body)
    if accept and "text/csv" in accept and "application/json" not in accept:
        return Response(
            to_csv(result),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="metrics.csv"'},
        )
    return Response(result.model_dump_json(), media_type="application/json")


@router.get(
    "/summary",
    operation_id="metrics_summary_get",
    summary="Get the program overview",
    response_model=MetricsSummary,
    responses=errors(400, 401, 403, 422),
)
async def summary(
    request: Request,
    session: Session,
    principal: MetricsRead,
    date_range: DateRange = "12mo",
    cache_control: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> MetricsSummary:
    """The program's home page in one call: every metric for the period and the previous
    one, a monthly trend, partners by status and by tier, and the five partners with the most
    won revenue. A partner token gets its own partner's figures and trend only (the partner
    lists are empty).

    A summary computed less than a couple of seconds ago for the same audience is answered
    again (`computed_at` says when it was read; a change shows within 5 s, as in every
    metric); `Cache-Control: no-cache` asks for one read now."""
    fresh = cache_control is not None and "no-cache" in cache_control.lower()
    return await summary_service.summary(
        session, principal, date_range, cache=request.app.state.summary_cache, fresh=fresh
    )


@router.get(
    "/leaderboard",
    operation_id="metrics_leaderboard_get",
    summary="Rank partners by a metric",
    response_model=Leaderboard,
    responses=errors(400, 401, 403, 422),
)
async def leaderboard(
    session: Session,
    principal: MetricsRead,
    metric: Annotated[MetricKey, Query(description="The metric to rank by.")],
    period: DateRange = "12mo",
    limit: Annotated[int, Query(ge=1, le=100, description="How many entries (vendors).")] = 10,
) -> Leaderboard:
    """Every active partner ranked by `metric` over `period`, highest first (ties share a
    rank; partners with no value rank last). Vendor roles get the top `limit` entries. A
    partner token gets only its own standing in `you` — rank, how many are ranked, and the
    share of partners below it — never another partner's name or figures."""
    return await leaderboard_service.leaderboard(session, principal, str(metric), period, limit)
