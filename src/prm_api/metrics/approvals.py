"""The program's approval durations (migration 0023), for the median time to approval of the
whole program.

``deal_approval_hours`` counts approvals per partner, decision day and whole hours from
submission; summing it over 10,000 partners for a 12-month range reads ~475k rows (~100 ms,
twice per ``GET /v1/metrics/summary``: the range and the one before). Summed over partners,
the distribution is about a hundred rows a day (one per duration): ``metric_approval_days``.

It is kept as the metric cube is (``metrics.cube``): a row trigger on ``deal_approval_hours``
appends each change of its deals to ``metric_approval_deltas`` (append-only: writers never
wait on each other), :func:`fold` moves them into the days (with the cube's fold, under the
same advisory lock), and readers add the changes not folded yet, so a change is visible at
once. :func:`rebuild` derives the days again from ``deal_approval_hours`` (``prm-api metrics
rebuild``).

Only a read naming no partner (:func:`covers`: no dimension, no filter) reads it; anything else
keeps the per-partner rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

if TYPE_CHECKING:
    from prm_api.metrics.readers import Scope

#: The histogram's tables (emptied and refilled by a rebuild, compared by the tests).
TABLES = ("metric_approval_days", "metric_approval_months", "metric_approval_deltas")


def covers(scope: Scope) -> bool:
    """Whether ``scope`` can be read from the program's histogram: program-wide (no
    dimension, no filter) and cube reads on."""
    return scope.use_cube and not scope.dimensions and not scope.filters


def histogram_sql(scope: Scope) -> str:
    """Approvals per bucket and whole hours (``bucket``, ``hours``, ``deals``: the columns
    ``readers.approval_hours`` reads) over ``:start``–``:end``: the whole months of the range
    from the months, the days around them from the days, plus the changes not folded yet (one
    statement: one snapshot, so a fold in between is seen whole or not at all). Only for a
    scope :func:`covers`; its parameters are ``cube.params(scope)`` (the whole months and the
    days around them)."""
    return f"""SELECT {scope.bucket("c.day")} AS bucket, c.hours AS hours, sum(c.deals) AS deals
  FROM (SELECT m.month AS day, m.hours, m.deals FROM metric_approval_months m
         WHERE m.month = ANY(:cube_months)
        UNION ALL
        SELECT a.day, a.hours, a.deals FROM metric_approval_days a
         WHERE a.day BETWEEN :start AND :head_to OR a.day BETWEEN :tail_from AND :end
        UNION ALL
        SELECT d.day, d.hours, d.deals FROM metric_approval_deltas d
         WHERE d.day BETWEEN :start AND :end) c
 GROUP BY 1, c.hours
HAVING sum(c.deals) <> 0"""


async def fold(session: AsyncSession) -> int:
    """Move the pending changes into the days (in the caller's transaction); how many there
    were."""
    return int((await session.execute(text("SELECT prm_fold_approval_hours()"))).scalar_one())


async def rebuild(session: AsyncSession) -> None:
    """Refill the days from ``deal_approval_hours`` and drop the pending changes (set-based,
    in the caller's transaction)."""
    await session.execute(text("SELECT prm_rebuild_approval_hours()"))
