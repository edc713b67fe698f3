"""``POST /v1/metrics/query`` as CSV (``Accept: text/csv``): one line per row, the same figures
as the JSON answer."""

from __future__ import annotations

import csv
import io

from prm_api.metrics.engine import is_money
from prm_api.metrics.schemas import MetricFigures, MetricsResult


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _unconverted(figures: MetricFigures, metric: str) -> str:
    return "; ".join(f"{m.currency} {m.amount:.2f}" for m in figures.unconverted.get(metric, []))


def to_csv(result: MetricsResult) -> str:
    """Columns: period_start, period_end, each dimension (``partner`` as ``partner`` id and
    ``partner_name``), each metric, ``<metric>_unconverted`` for money metrics (``GBP 50.00;
    EUR 3.00``), and ``previous_<metric>`` with ``compare``."""
    dims = [str(d) for d in result.dimensions]
    if "partner" in dims:
        dims.insert(dims.index("partner") + 1, "partner_name")
    money = [m for m in result.metrics if is_money(m)]
    compare = result.previous_date_range is not None
    header = ["period_start", "period_end", *dims, *result.metrics]
    header += [f"{m}_unconverted" for m in money]
    if compare:
        header += [f"previous_{m}" for m in result.metrics]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in result.rows:
        line = [row.period.start.isoformat(), row.period.end.isoformat()]
        line += [_cell(row.dimensions.get(d)) for d in dims]
        line += [_cell(row.metrics.get(m)) for m in result.metrics]
        line += [_unconverted(row, m) for m in money]
        if compare:
            before = row.previous
            line += [_cell(before.metrics.get(m) if before else None) for m in result.metrics]
        writer.writerow(line)
    return out.getvalue()
