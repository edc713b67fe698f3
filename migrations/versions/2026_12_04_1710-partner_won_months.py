"""program figures: the program's deal and engagement figures by day (metric_program_days), and
each partner's won revenue in the base currency by month with its running total
(partner_won_months), for the reads the program overview makes again and again.

A program-wide read with no split (the summary's KPIs and trend, a query by month alone) read
the cube's groups (tier × type × country: ~1,200 rows a day, ~13,000 for a year of months);
``metric_program_days`` holds one row per day and currency (engagement: currency ''), folded
from the cube's pending changes by the same fold (no group, so a partner's move changes
nothing in it), read by day at each day's rate like the pending changes.

Ranking 10,000 partners by won revenue over 12 months from the daily rollups reads ~1M rows
(~1.5 s). Here a partner's total over whole months is the difference of two running totals —
two rows per partner, whatever the length of the range — corrected by the few rows the cube's
readers correct by too (the range's edge days, changes not folded yet, months whose rates
changed).

Kept by the metric cube's fold: ``prm_fold_metric_cube`` calls ``prm_fold_partner_won`` with
the changes it takes out (their won amounts converted at the rate of their day) and the rate
marks it handles (those months are derived again from the rollups). Every partner with a won
amount has a row for each month from its first through ``partner_won_state.dense_through``
(the month after the fold's, pushed on by each fold), so its running total at any month up to
then is one row. The amounts are in ``partner_won_state.base_currency``: a program that changes
its base currency has them derived again by the next fold (readers read the rollups until
then). ``prm_rebuild_partner_won()`` derives everything from the rollups (``prm-api metrics
rebuild``).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04 17:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: ``rated(currency, day, rate)``: the rate converting each (currency, day) of ``src`` into the
#: base currency ``base`` by the same-month rule (null: none), one lookup per pair; and
#: ``converted(partner_id, month, amount)``: the won amounts of ``src`` so converted, by
#: partner and month (an amount without a rate converts to nothing, as in every read).
RATED = """rated AS (
    SELECT k.currency, k.day, CASE WHEN k.currency = base THEN 1 ELSE e.rate END AS rate
      FROM (SELECT DISTINCT currency, day FROM src) k
      LEFT JOIN exchange_rates e
        ON e.currency = k.currency AND e.rate_date = prm_rate_day(k.currency, k.day)
  ),
  converted AS (
    SELECT s.partner_id, date_trunc('month', s.day)::date AS month,
           coalesce(sum(s.won_amount * r.rate), 0) AS amount
      FROM src s JOIN rated r ON r.currency = s.currency AND r.day = s.day
     GROUP BY 1, 2
  )"""

#: The program's base currency and the month the rows run through (the one after today's).
DECLARE = """
  base text := coalesce((SELECT base_currency FROM program_settings WHERE id = 1), 'USD');
  through date := (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month')::date;"""

ZERO = sa.text("0")
AMOUNTS = ("registered_amount", "won_amount", "lost_amount", "pipeline_amount_delta")
FIGURES = (
    "registered", "registered_amount", "conflicted", "approved", "rejected", "won", "won_amount",
    "lost", "lost_amount", "pipeline_delta", "pipeline_amount_delta", "downloads", "completions",
    "sign_ins",
)  # fmt: skip
_LIST = ", ".join(FIGURES)
_SUMS = ", ".join(f"sum({n})" for n in FIGURES)
_ADDS = ", ".join(f"{n} = c.{n} + EXCLUDED.{n}" for n in FIGURES)
_ALL_ZERO = " AND ".join(f"c.{n} = 0" for n in FIGURES)
_DEAL_ROWS = ", ".join(("day", "currency", *FIGURES[:11], "0 AS downloads", "0 AS completions",
                        "0 AS sign_ins"))  # fmt: skip
_ENGAGEMENT_ROWS = ", ".join(("day", "''", *(f"0 AS {n}" for n in FIGURES[:11]), *FIGURES[11:]))
_NEGATED = ", ".join(("day", "currency", *(f"-{n}" for n in FIGURES)))

PROGRAM_FUNCTIONS = f"""
-- The changes the cube's fold took out (prm_fold_batch), added by day and currency.
CREATE FUNCTION prm_fold_program_days() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO metric_program_days AS c (day, currency, {_LIST})
  SELECT day, currency, {_SUMS} FROM prm_fold_batch GROUP BY day, currency
   ORDER BY day, currency
  ON CONFLICT (day, currency) DO UPDATE SET {_ADDS};
  DELETE FROM metric_program_days c USING (SELECT DISTINCT day FROM prm_fold_batch) t
   WHERE c.day = t.day AND {_ALL_ZERO};
END $$;

-- Everything again from the rollups, less the changes still waiting (one statement).
CREATE FUNCTION prm_rebuild_program_days() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM metric_program_days;
  INSERT INTO metric_program_days AS c (day, currency, {_LIST})
  SELECT day, currency, {_SUMS}
    FROM (SELECT {_DEAL_ROWS} FROM deal_daily_rollups
          UNION ALL
          SELECT {_ENGAGEMENT_ROWS} FROM engagement_daily_rollups
          UNION ALL
          SELECT {_NEGATED} FROM metric_cube_deltas) x
   GROUP BY day, currency
  HAVING NOT ({" AND ".join(f"sum({n}) = 0" for n in FIGURES)});
END $$;
"""

FUNCTIONS = f"""
-- Add the changes in prm_won_changes (partner, month, amount) and empty it: each partner
-- concerned first gets its missing months (from its first to the last of its rows, its
-- changes and `through`, each carrying the running total before it), then every month from a
-- change's on has its running total moved by it.
CREATE FUNCTION prm_apply_partner_won(through date) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO partner_won_months (partner_id, month, won_base, running)
  SELECT s.partner_id, g.m::date, 0,
         coalesce((SELECT w.running FROM partner_won_months w
                    WHERE w.partner_id = s.partner_id AND w.month < g.m
                    ORDER BY w.month DESC LIMIT 1), 0)
    FROM (SELECT c.partner_id, least(min(c.month), min(x.first)) AS first,
                 greatest(max(c.month), max(x.last), through) AS last
            FROM prm_won_changes c
            LEFT JOIN LATERAL (SELECT min(w.month) AS first, max(w.month) AS last
                                 FROM partner_won_months w
                                WHERE w.partner_id = c.partner_id) x ON true
           GROUP BY c.partner_id) s
   CROSS JOIN generate_series(s.first, s.last, interval '1 month') g(m)
   WHERE NOT EXISTS (SELECT 1 FROM partner_won_months w
                      WHERE w.partner_id = s.partner_id AND w.month = g.m);
  UPDATE partner_won_months w SET won_base = w.won_base + x.own, running = w.running + x.upto
    FROM (SELECT w2.partner_id, w2.month,
                 coalesce(sum(c.amount) FILTER (WHERE c.month = w2.month), 0) AS own,
                 sum(c.amount) AS upto
            FROM (SELECT partner_id, month, sum(amount) AS amount
                    FROM prm_won_changes GROUP BY partner_id, month) c
            JOIN partner_won_months w2 ON w2.partner_id = c.partner_id AND w2.month >= c.month
           GROUP BY w2.partner_id, w2.month) x
   WHERE w.partner_id = x.partner_id AND w.month = x.month;
  DELETE FROM prm_won_changes;
END $$;

-- Everything again from the rollups, less the changes still waiting (what the fold has
-- taken in: one statement, one snapshot). Called by the fold (first time, another base
-- currency) and by the cube's rebuild, under the cube's lock.
CREATE FUNCTION prm_rebuild_partner_won() RETURNS void LANGUAGE plpgsql AS $$
DECLARE{DECLARE}
BEGIN
  DELETE FROM partner_won_months;
  DELETE FROM partner_won_state;
  INSERT INTO partner_won_months (partner_id, month, won_base, running)
  WITH src AS (
    SELECT partner_id, day, currency, won_amount FROM deal_daily_rollups WHERE won_amount <> 0
    UNION ALL
    SELECT partner_id, day, currency, -won_amount FROM metric_cube_deltas
     WHERE currency <> '' AND won_amount <> 0
  ),
  {RATED},
  spans AS (
    SELECT partner_id, min(month) AS first, greatest(max(month), through) AS last
      FROM converted GROUP BY partner_id
  )
  SELECT s.partner_id, g.m::date, coalesce(a.amount, 0),
         sum(coalesce(a.amount, 0)) OVER (PARTITION BY s.partner_id ORDER BY g.m)
    FROM spans s CROSS JOIN generate_series(s.first, s.last, interval '1 month') g(m)
    LEFT JOIN converted a ON a.partner_id = s.partner_id AND a.month = g.m;
  INSERT INTO partner_won_state (id, base_currency, dense_through) VALUES (1, base, through);
END $$;

-- Called by prm_fold_metric_cube (its lock held) with the changes it took out
-- (prm_fold_batch) and the rate marks it handled.
CREATE FUNCTION prm_fold_partner_won(marks bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE{DECLARE}
  state partner_won_state;
BEGIN
  SELECT * INTO state FROM partner_won_state WHERE id = 1;
  IF NOT FOUND OR state.base_currency <> base THEN
    PERFORM prm_rebuild_partner_won();
    RETURN;
  END IF;
  IF state.dense_through < through THEN  -- a new month: every partner's row for it
    INSERT INTO partner_won_months (partner_id, month, won_base, running)
    SELECT w.partner_id, g.m::date, 0, w.running
      FROM partner_won_months w
     CROSS JOIN generate_series(state.dense_through + interval '1 month', through,
                                interval '1 month') g(m)
     WHERE w.month = state.dense_through
    ON CONFLICT (partner_id, month) DO NOTHING;
    UPDATE partner_won_state SET dense_through = through WHERE id = 1;
    state.dense_through := through;
  END IF;
  CREATE TEMP TABLE IF NOT EXISTS prm_won_changes (
    partner_id uuid, month date, amount numeric) ON COMMIT DROP;
  INSERT INTO prm_won_changes
  WITH src AS (
    SELECT partner_id, day, currency, won_amount FROM prm_fold_batch
     WHERE currency <> '' AND won_amount <> 0
  ),
  {RATED}
  SELECT partner_id, month, amount FROM converted;
  PERFORM prm_apply_partner_won(state.dense_through);
  -- Months whose rates changed: what they hold now (rollups less the changes still waiting,
  -- at today's rates) less what the rows say.
  INSERT INTO prm_won_changes
  WITH months AS (
    SELECT DISTINCT month FROM metric_cube_dirty_months WHERE id = ANY(marks)
  ),
  src AS (
    SELECT r.partner_id, r.day, r.currency, r.won_amount
      FROM deal_daily_rollups r JOIN months m
        ON r.day >= m.month AND r.day < m.month + interval '1 month'
     WHERE r.won_amount <> 0
    UNION ALL
    SELECT d.partner_id, d.day, d.currency, -d.won_amount
      FROM metric_cube_deltas d JOIN months m
        ON d.day >= m.month AND d.day < m.month + interval '1 month'
     WHERE d.currency <> '' AND d.won_amount <> 0
  ),
  {RATED},
  held AS (
    SELECT w.partner_id, w.month, w.won_base
      FROM partner_won_months w JOIN months m ON m.month = w.month
  )
  SELECT coalesce(f.partner_id, h.partner_id), coalesce(f.month, h.month),
         coalesce(f.amount, 0) - coalesce(h.won_base, 0)
    FROM converted f FULL JOIN held h ON h.partner_id = f.partner_id AND h.month = f.month
   WHERE coalesce(f.amount, 0) <> coalesce(h.won_base, 0);
  PERFORM prm_apply_partner_won(state.dense_through);
  -- A deleted partner's rows, once nothing of it waits.
  DELETE FROM partner_won_months w
   WHERE w.partner_id IN (SELECT partner_id FROM prm_fold_batch)
     AND NOT EXISTS (SELECT 1 FROM partners p WHERE p.id = w.partner_id)
     AND NOT EXISTS (SELECT 1 FROM metric_cube_deltas d WHERE d.partner_id = w.partner_id);
END $$;
"""

DROP = """
DROP FUNCTION IF EXISTS prm_rebuild_program_days();
DROP FUNCTION IF EXISTS prm_fold_program_days();
DROP FUNCTION IF EXISTS prm_fold_partner_won(bigint[]);
DROP FUNCTION IF EXISTS prm_rebuild_partner_won();
DROP FUNCTION IF EXISTS prm_apply_partner_won(date);
"""

#: Where the cube's fold calls the partner fold: after its own rate marks are handled, before
#: they are deleted (the fold's definition is patched in place, not written out twice).
FOLD_ANCHOR = "  DELETE FROM metric_cube_dirty_months WHERE id = ANY(marks);"
FOLD_CALL = "  PERFORM prm_fold_program_days();\n  PERFORM prm_fold_partner_won(marks);\n"


def _patch_fold(old: str, new: str) -> None:
    bind = op.get_bind()
    definition = bind.exec_driver_sql(
        "SELECT pg_get_functiondef('prm_fold_metric_cube()'::regprocedure)"
    ).scalar_one()
    if definition.count(old) != 1:
        raise RuntimeError("prm_fold_metric_cube() is not the one this revision patches")
    bind.exec_driver_sql(definition.replace(old, new))


def _figure_columns() -> list[sa.Column]:
    return [
        sa.Column(name, sa.Numeric(20, 2) if name in AMOUNTS else sa.Integer(), nullable=False,
                  server_default=ZERO)
        for name in FIGURES
    ]  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "metric_program_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        *_figure_columns(),
        sa.PrimaryKeyConstraint("day", "currency", name=op.f("pk_metric_program_days")),
    )
    op.create_table(
        "partner_won_months",
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("won_base", sa.Numeric(), nullable=False),
        sa.Column("running", sa.Numeric(), nullable=False),
        sa.PrimaryKeyConstraint("partner_id", "month", name=op.f("pk_partner_won_months")),
    )
    op.create_index(
        "ix_partner_won_months_month",
        "partner_won_months",
        ["month", "partner_id"],
        postgresql_include=["running"],
    )
    op.create_table(
        "partner_won_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("base_currency", sa.String(3), nullable=False),
        sa.Column("dense_through", sa.Date(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_partner_won_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_won_state")),
    )
    for statement in _statements(PROGRAM_FUNCTIONS + FUNCTIONS):
        op.execute(statement)
    _patch_fold(FOLD_ANCHOR, FOLD_CALL + FOLD_ANCHOR)
    op.execute("SELECT prm_rebuild_program_days()")  # an installation with history
    op.execute("SELECT prm_rebuild_partner_won()")


def _statements(sql: str) -> list[str]:
    """Split on the blank line between statements (function bodies hold none)."""
    return [part.strip() for part in sql.split("\n\n") if part.strip()]


def downgrade() -> None:
    _patch_fold(FOLD_CALL + FOLD_ANCHOR, FOLD_ANCHOR)
    for statement in DROP.strip().splitlines():
        op.execute(statement)
    op.drop_table("partner_won_state")
    op.drop_index("ix_partner_won_months_month", table_name="partner_won_months")
    op.drop_table("partner_won_months")
    op.drop_table("metric_program_days")
