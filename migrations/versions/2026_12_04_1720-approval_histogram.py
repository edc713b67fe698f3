"""approval_histogram: the program's approval durations by day and whole hours, so the median
time to approval of the whole program never reads the per-partner rows.

``deal_approval_hours`` (migration 0016) counts approvals per partner, decision day and whole
hours from submission: ~475k rows for 12 months at 10,000 partners, ~100 ms to sum per read.
Summed over partners, the same distribution is about a hundred rows a day (one per duration),
~35k for 12 months (``metric_approval_days``), and by month about a hundred and fifty a month
(``metric_approval_months``): a read takes its whole months from the months and the days at its
edges from the days, ~2,000 rows for 12 months.

Kept the way the metric cube (migration 0019) is: a row trigger on ``deal_approval_hours``
appends each change of ``deals`` per (day, hours) to ``metric_approval_deltas`` (append-only:
writers never wait on each other for a shared row), ``prm_fold_approval_hours()`` moves them
into ``metric_approval_days`` (under the cube's advisory lock: one fold at a time, and the
cube's fold in the same transaction already holds it), and readers add the changes not folded
yet, so a change is visible at once. ``prm_rebuild_approval_hours()`` derives both again
from ``deal_approval_hours`` (``prm-api metrics rebuild``, and this upgrade). The trigger is
off while the rollups are rebuilt (``prm.rebuilding_rollups``): the rebuild refills the days
from the rebuilt rollups afterwards.

No row of ``metric_approval_days`` or ``metric_approval_months`` holds zero deals.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04 17:20:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FUNCTIONS = """
-- A row of deal_approval_hours changed: the change of its deals, by (day, hours).
CREATE FUNCTION prm_approval_hours_to_histogram() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('prm.rebuilding_rollups', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO metric_approval_deltas (day, hours, deals)
    SELECT NEW.day, NEW.hours, NEW.deals WHERE NEW.deals <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO metric_approval_deltas (day, hours, deals)
    SELECT OLD.day, OLD.hours, -OLD.deals WHERE OLD.deals <> 0;
  ELSIF (NEW.day, NEW.hours) = (OLD.day, OLD.hours) THEN
    INSERT INTO metric_approval_deltas (day, hours, deals)
    SELECT NEW.day, NEW.hours, NEW.deals - OLD.deals WHERE NEW.deals <> OLD.deals;
  ELSE  -- the row moved to another day or duration
    INSERT INTO metric_approval_deltas (day, hours, deals)
    SELECT v.day, v.hours, v.deals
      FROM (VALUES (OLD.day, OLD.hours, -OLD.deals), (NEW.day, NEW.hours, NEW.deals))
           AS v(day, hours, deals)
     WHERE v.deals <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER deal_approval_hours_histogram AFTER INSERT OR UPDATE OR DELETE
ON deal_approval_hours FOR EACH ROW EXECUTE FUNCTION prm_approval_hours_to_histogram();

-- Fold: the changes visible now are taken out and added in one statement (one snapshot: a
-- change committed meanwhile stays for the next fold), then the rows they left at zero go.
-- One at a time (the metric cube's lock; only a fold or a rebuild writes the days). Returns
-- the changes moved.
CREATE FUNCTION prm_fold_approval_hours() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  moved integer;
  zero_days date[];
  zero_hours integer[];
  zero_months date[];
  zero_month_hours integer[];
BEGIN
  PERFORM pg_advisory_xact_lock(7163616265);
  WITH gone AS (DELETE FROM metric_approval_deltas RETURNING day, hours, deals),
  added AS (
    INSERT INTO metric_approval_days AS a (day, hours, deals)
    SELECT day, hours, sum(deals) FROM gone
     GROUP BY day, hours HAVING sum(deals) <> 0
     ORDER BY day, hours
    ON CONFLICT (day, hours) DO UPDATE SET deals = a.deals + EXCLUDED.deals
    RETURNING a.day, a.hours, a.deals
  ),
  added_months AS (
    INSERT INTO metric_approval_months AS m (month, hours, deals)
    SELECT date_trunc('month', day)::date, hours, sum(deals) FROM gone
     GROUP BY 1, 2 HAVING sum(deals) <> 0
     ORDER BY 1, 2
    ON CONFLICT (month, hours) DO UPDATE SET deals = m.deals + EXCLUDED.deals
    RETURNING m.month, m.hours, m.deals
  )
  SELECT (SELECT count(*) FROM gone), z.days, z.hours, zm.months, zm.hours
    INTO moved, zero_days, zero_hours, zero_months, zero_month_hours
    FROM (SELECT array_agg(day) FILTER (WHERE deals = 0) AS days,
                 array_agg(hours) FILTER (WHERE deals = 0) AS hours FROM added) z,
         (SELECT array_agg(month) FILTER (WHERE deals = 0) AS months,
                 array_agg(hours) FILTER (WHERE deals = 0) AS hours FROM added_months) zm;
  DELETE FROM metric_approval_days a
   USING unnest(zero_days, zero_hours) AS z(day, hours)
   WHERE a.day = z.day AND a.hours = z.hours AND a.deals = 0;
  DELETE FROM metric_approval_months m
   USING unnest(zero_months, zero_month_hours) AS z(month, hours)
   WHERE m.month = z.month AND m.hours = z.hours AND m.deals = 0;
  RETURN moved;
END $$;

-- The days from deal_approval_hours, set-based (``prm-api metrics rebuild``, and the upgrade
-- of an installation with history). The changes are dropped and the rollups read in one
-- statement (one snapshot): a change committed meanwhile is in both or in neither.
CREATE FUNCTION prm_rebuild_approval_hours() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7163616265);
  DELETE FROM metric_approval_days;
  DELETE FROM metric_approval_months;
  WITH gone AS (DELETE FROM metric_approval_deltas),
  src AS (
    SELECT day, hours, sum(deals) AS deals FROM deal_approval_hours
     GROUP BY day, hours HAVING sum(deals) <> 0
  ),
  months AS (
    INSERT INTO metric_approval_months (month, hours, deals)
    SELECT date_trunc('month', day)::date, hours, sum(deals) FROM src
     GROUP BY 1, 2 HAVING sum(deals) <> 0
     ORDER BY 1, 2
  )
  INSERT INTO metric_approval_days (day, hours, deals)
  SELECT day, hours, deals FROM src ORDER BY day, hours;
END $$;
"""

DROP = """
DROP TRIGGER IF EXISTS deal_approval_hours_histogram ON deal_approval_hours;
DROP FUNCTION IF EXISTS prm_rebuild_approval_hours();
DROP FUNCTION IF EXISTS prm_fold_approval_hours();
DROP FUNCTION IF EXISTS prm_approval_hours_to_histogram();
"""


def upgrade() -> None:
    op.create_table(
        "metric_approval_deltas",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_approval_deltas")),
    )
    op.create_index("ix_metric_approval_deltas_day", "metric_approval_deltas", ["day"])
    op.create_table(
        "metric_approval_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "hours", name=op.f("pk_metric_approval_days")),
    )
    op.create_table(
        "metric_approval_months",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "hours", name=op.f("pk_metric_approval_months")),
    )
    for statement in _statements(FUNCTIONS):
        op.execute(statement)
    # An installation with history: the days start from the rollups already there.
    op.execute("SELECT prm_rebuild_approval_hours()")


def _statements(sql: str) -> list[str]:
    """Split on the blank line between statements (function bodies hold none)."""
    return [part.strip() for part in sql.split("\n\n") if part.strip()]


def downgrade() -> None:
    for statement in DROP.strip().splitlines():
        op.execute(statement)
    op.drop_table("metric_approval_months")
    op.drop_table("metric_approval_days")
    op.drop_index("ix_metric_approval_deltas_day", table_name="metric_approval_deltas")
    op.drop_table("metric_approval_deltas")
