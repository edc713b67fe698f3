"""The query engine behind ``POST /v1/metrics/query``, the summary and the leaderboard:
which families to read, and how their figures become each metric's value."""

from __future__ import annotations

import statistics
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.kit.time import utcnow
from prm_api.metrics import activity, readers
from prm_api.metrics.definitions import BY_KEY, Family, Unit
from prm_api.metrics.periods import Interval, Period, buckets
from prm_api.metrics.readers import Key, Scope

CENT = Decimal("0.01")
Reader = Callable[[AsyncSession, Scope], Awaitable[Mapping[Key, Any]]]
Value = str | int | float | None


@dataclass
class ResultRow:
    period: Period
    dimensions: tuple[str | None, ...]
    values: dict[str, Value] = field(default_factory=dict)
    #: Money metrics' amounts that had no exchange rate: {metric: {currency: amount}}.
    unconverted: dict[str, dict[str, Decimal]] = field(default_factory=dict)


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def money_text(value: Decimal) -> str:
    """Money figures travel as decimal strings, like every amount in the API."""
    return f"{money(value):.2f}"


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def median_of(pairs: list[tuple[int, int]]) -> float | None:
    """The median of a distribution given as ``(value, count)`` pairs."""
    total = sum(count for _, count in pairs)
    if not total:
        return None
    wanted = [(total - 1) // 2, total // 2]  # 0-based positions of the middle value(s)
    found: list[int] = []
    seen = 0
    for value, count in sorted(pairs):
        while wanted and wanted[0] < seen + count:
            found.append(value)
            wanted.pop(0)
        seen += count
    return float(statistics.mean(found))


async def run(
    session: AsyncSession,
    metrics: list[str],
    period: Period,
    interval: Interval | None,
    dimensions: tuple[str, ...],
    filters: dict[str, list[Any]],
    base_currency: str,
    *,
    fill: bool = True,
    use_cube: bool = True,
) -> list[ResultRow]:
    """One row per period and combination of dimension values found (with ``fill``, every
    period for each combination, and every period when there are no dimensions).
    ``use_cube=False`` reads program-wide figures from the per-partner rollups too."""
    periods = buckets(period, interval)
    ends = [p.end for p in periods]
    scope = Scope(period, interval, dimensions, filters, base_currency, ends, use_cube)
    families = {BY_KEY[m].family for m in metrics}
    figures: dict[Family, dict[Key, Any]] = {}
    readers_by_family: dict[Family, Reader] = {
        Family.deal_flows: readers.deal_flows,
        Family.pipeline: readers.pipeline,
        Family.approval_time: readers.approval_hours,
        Family.deal_partners: activity.deal_partners,
        Family.engagement: readers.engagement,
        Family.active_users: activity.active_users,
        Family.partners: activity.partner_facts,
        Family.certifications: activity.certified_users,
    }
    for family in families:
        figures[family] = dict(await readers_by_family[family](session, scope))
    keys: set[Key] = set()
    for found in figures.values():
        keys.update(found)
    by_start = {p.start: p for p in periods}
    if fill:
        combos = {dims for _, dims in keys} or ({()} if not dimensions else set())
        keys = {(p.start, dims) for p in periods for dims in combos}
    rows = [
        _row(by_start[start], dims, metrics, figures)
        for start, dims in sorted(keys, key=lambda k: (k[0], tuple(v or "" for v in k[1])))
    ]
    return rows


def _row(
    period: Period,
    dims: tuple[str | None, ...],
    metrics: list[str],
    figures: dict[Family, dict[Key, Any]],
) -> ResultRow:
    key = (period.start, dims)
    row = ResultRow(period, dims)
    flow = figures.get(Family.deal_flows, {}).get(key) or readers.DealFlow()
    for metric in metrics:
        value: Value
        if metric == "won_revenue":
            value = money_text(flow.won_base)
            if flow.won_unconverted:
                row.unconverted[metric] = dict(flow.won_unconverted)
        elif metric == "won_deals":
            value = flow.won
        elif metric == "avg_deal_value":
            won = flow.won_converted
            value = money_text(flow.won_base / won) if won else None
        elif metric == "win_rate":
            value = ratio(flow.won, flow.won + flow.lost)
        elif metric == "deals_registered":
            value = flow.registered
        elif metric == "approval_rate":
            value = ratio(flow.approved, flow.approved + flow.rejected)
        elif metric == "conflict_rate":
            value = ratio(flow.conflicted, flow.registered)
        elif metric == "pipeline":
            level = figures[Family.pipeline].get(key) or readers.Level()
            value = money_text(level.amount_base)
            if level.unconverted:
                row.unconverted[metric] = {c: money(a) for c, a in level.unconverted.items()}
        elif metric == "median_time_to_approval":
            value = median_of(figures[Family.approval_time].get(key, []))
        elif metric == "active_partners":
            value = figures[Family.deal_partners].get(key, 0)
        elif metric in ("asset_downloads", "course_completions"):
            counts = figures[Family.engagement].get(key, (0, 0, 0))
            value = counts[0] if metric == "asset_downloads" else counts[1]
        elif metric == "active_users":
            value = figures[Family.active_users].get(key, 0)
        elif metric in ("new_partners", "median_time_to_onboard"):
            facts = figures[Family.partners].get(key, (0, None))
            value = facts[0] if metric == "new_partners" else facts[1]
        elif metric == "certified_users":
            value = figures[Family.certifications].get(key, 0)
        else:  # pragma: no cover - the request schema admits only catalog keys
            raise KeyError(metric)
        row.values[metric] = value
    return row


def is_money(metric: str) -> bool:
    return BY_KEY[metric].unit is Unit.MONEY


def today_utc() -> date:
    return utcnow().date()
