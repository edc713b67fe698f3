"""Recompute every rollup from the raw records (``prm-api metrics rebuild``).

Set-based SQL written independently of the triggers that maintain the rollups (migration
0016): the triggers apply one row's contribution at a time, this groups the raw records. The
property tests hold the two to each other; a rebuild is also how a bulk load (``COPY`` with
triggers disabled) brings the rollups back in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.metrics import cube

#: The rollup tables, in the order they are emptied and refilled.
ROLLUP_TABLES = ("deal_daily_rollups", "deal_approval_hours", "engagement_daily_rollups")
#: Each partner's deal days and each user's sign-in days as multiranges (migration 0020).
SPAN_TABLES = ("partner_deal_activity", "user_activity_spans", "user_activity_bounds")

_APPROVED = (
    "d.decided_at IS NOT NULL AND d.status IN ('approved','won','lost','expired','withdrawn')"
)

#: Each deal's facts, one row per (partner, day, currency) fact; summed below.
_DEAL_FACTS = f"""
SELECT d.partner_id, prm_utc_day(d.submitted_at) AS day, d.currency,
       1 AS registered, d.amount AS registered_amount,
       CASE WHEN d.has_conflicts THEN 1 ELSE 0 END AS conflicted,
       0 AS approved, 0 AS rejected, 0 AS won, 0::numeric AS won_amount, 0 AS lost,
       0::numeric AS lost_amount, 0 AS pipeline_delta, 0::numeric AS pipeline_amount_delta
  FROM deals d WHERE d.submitted_at IS NOT NULL
UNION ALL
SELECT d.partner_id, prm_utc_day(d.decided_at), d.currency, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0
  FROM deals d WHERE d.decided_at IS NOT NULL AND d.status = 'rejected'
UNION ALL
SELECT d.partner_id, prm_utc_day(d.decided_at), d.currency, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, d.amount
  FROM deals d WHERE {_APPROVED}
UNION ALL
SELECT d.partner_id,
       greatest(prm_utc_day(d.decided_at),
                CASE d.status WHEN 'expired' THEN prm_utc_day(d.expired_at)
                              WHEN 'withdrawn' THEN prm_utc_day(d.withdrawn_at)
                              ELSE d.closed_at END),
       d.currency, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -d.amount
  FROM deals d
 WHERE {_APPROVED} AND d.status <> 'approved'
   AND CASE d.status WHEN 'expired' THEN d.expired_at IS NOT NULL
                     WHEN 'withdrawn' THEN d.withdrawn_at IS NOT NULL
                     ELSE d.closed_at IS NOT NULL END
UNION ALL
SELECT d.partner_id, d.closed_at, d.currency, 0, 0, 0, 0, 0,
       (d.status = 'won')::int, CASE WHEN d.status = 'won' THEN d.amount ELSE 0 END,
       (d.status = 'lost')::int, CASE WHEN d.status = 'lost' THEN d.amount ELSE 0 END, 0, 0
  FROM deals d WHERE d.status IN ('won', 'lost') AND d.closed_at IS NOT NULL
"""

_STATEMENTS = (
    f"""
INSERT INTO deal_daily_rollups (partner_id, day, currency, registered, registered_amount,
    conflicted, approved, rejected, won, won_amount, lost, lost_amount, pipeline_delta,
    pipeline_amount_delta)
SELECT partner_id, day, currency, sum(registered), sum(registered_amount), sum(conflicted),
       sum(approved), sum(rejected), sum(won), sum(won_amount), sum(lost), sum(lost_amount),
       sum(pipeline_delta), sum(pipeline_amount_delta)
  FROM ({_DEAL_FACTS}) facts
 GROUP BY partner_id, day, currency
""",
    f"""
INSERT INTO deal_approval_hours (partner_id, day, hours, deals)
SELECT d.partner_id, prm_utc_day(d.decided_at),
       greatest(0, floor(extract(epoch FROM d.decided_at - d.submitted_at) / 3600))::int,
       count(*)
  FROM deals d
 WHERE {_APPROVED} AND d.submitted_at IS NOT NULL
 GROUP BY 1, 2, 3
""",
    """
INSERT INTO engagement_daily_rollups (partner_id, day, downloads, completions, sign_ins)
SELECT partner_id, day, sum(downloads), sum(completions), sum(sign_ins)
  FROM (
    SELECT partner_id, prm_utc_day(at) AS day, 1 AS downloads, 0 AS completions, 0 AS sign_ins
      FROM asset_downloads WHERE partner_id IS NOT NULL
    UNION ALL
    SELECT partner_id, prm_utc_day(completed_at), 0, 1, 0
      FROM enrollments WHERE status = 'completed' AND completed_at IS NOT NULL
    UNION ALL
    SELECT partner_id, day, 0, 0, 1 FROM user_activity_days
  ) facts
 GROUP BY partner_id, day
""",
)


@dataclass(frozen=True)
class RebuildResult:
    """How many rollup rows each table holds after the rebuild."""

    rows: dict[str, int]


async def rebuild_all(session: AsyncSession) -> RebuildResult:
    """Empty the rollups and refill them from the raw records, in the caller's transaction
    (readers see the old figures until it commits, never a half-built table). The rollup
    tables are locked against concurrent trigger writes for the duration, so a change made
    meanwhile waits and is then applied on top of the rebuilt figures. The program cube is
    rebuilt from the rebuilt rollups, and the activity spans from them and the sign-in days
    (their triggers are off meanwhile: one set-based refill instead of a change per row)."""
    await session.execute(
        text(f"LOCK TABLE {', '.join(ROLLUP_TABLES)} IN SHARE ROW EXCLUSIVE MODE")
    )
    await session.execute(text("SELECT set_config('prm.rebuilding_rollups', 'on', true)"))
    for table in ROLLUP_TABLES:
        await session.execute(text(f"DELETE FROM {table}"))
    for statement in _STATEMENTS:
        await session.execute(text(statement))
    await session.execute(text("SELECT set_config('prm.rebuilding_rollups', 'off', true)"))
    await cube.rebuild(session)
    await session.execute(text("SELECT prm_rebuild_activity_spans()"))
    counts: dict[str, int] = {}
    for table in (*ROLLUP_TABLES, *cube.CUBE_TABLES, *SPAN_TABLES):
        counts[table] = (await session.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
    return RebuildResult(counts)
