"""metric_cube: program-wide rollups by partner group, so program reads never touch the
per-partner rows.

A *group* is what the query engine can split or filter a program by without naming a partner:
tier, partner type and country (as the partner has them now). The per-partner daily rollups
feed, through row triggers, an append-only table of changes by partner
(``metric_cube_deltas``: writers never wait on each other, nor on anything else, for it);
``prm_fold_metric_cube()`` (the scheduler, every round) moves the changes into the day cube
(day × currency × group) and the month cube (month × currency × rate day × group), each into
its partner's group as it is when folded. Readers add the changes not folded yet, so a change
is visible at once.

A partner whose tier, type or country changed has its history moved to its new group by the
next fold (``metric_cube_placements`` records where each partner's history sits): no trigger
on partners, no lock a tier evaluation or a deal action could wait on. Until then, program-wide
splits by tier, type or country count its past under the old group (totals are unchanged).

The month cube keeps, per currency, the date of the exchange rate that converts a day's won
amounts (the same-month rule, looked up when folded), so a month's won revenue converts exactly
as its days would. A rate added, moved or removed only marks its month
(``metric_cube_dirty_months``): the next fold derives that month's rows again from its days,
and readers meanwhile read it by day at the rates they see.

No NULL in a key: no tier is the nil UUID, no country is '', no rate is 0001-01-01, and the
engagement counters (no currency) sit in rows whose currency is ''.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 14:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ZERO = sa.text("0")
COUNTS = ("registered", "conflicted", "approved", "rejected", "won", "lost", "pipeline_delta")
AMOUNTS = ("registered_amount", "won_amount", "lost_amount", "pipeline_amount_delta")
ENGAGEMENT = ("downloads", "completions", "sign_ins")
DEAL_FIGURES = (
    "registered",
    "registered_amount",
    "conflicted",
    "approved",
    "rejected",
    "won",
    "won_amount",
    "lost",
    "lost_amount",
    "pipeline_delta",
    "pipeline_amount_delta",
)
FIGURES = (*DEAL_FIGURES, *ENGAGEMENT)
GROUP = ("tier_id", "partner_type", "country")


def _figures() -> list[sa.Column]:
    return [
        sa.Column(name, sa.Numeric(20, 2) if name in AMOUNTS else sa.Integer(), nullable=False,
                  server_default=ZERO)
        for name in FIGURES
    ]  # fmt: skip


def _group() -> list[sa.Column]:
    return [
        sa.Column("tier_id", sa.UUID(), nullable=False),
        sa.Column("partner_type", sa.String(20), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
    ]


def _list(names: Sequence[str], prefix: str = "") -> str:
    return ", ".join(f"{prefix}{n}" for n in names)


def _sums(names: Sequence[str], source: str = "") -> str:
    return ", ".join(f"sum({source}{n})" for n in names)


def _adds(table: str, names: Sequence[str]) -> str:
    return ", ".join(f"{n} = {table}.{n} + EXCLUDED.{n}" for n in names)


def _all_zero(names: Sequence[str], prefix: str = "") -> str:
    return " AND ".join(f"{prefix}{n} = 0" for n in names)


def _differences(names: Sequence[str]) -> str:
    """The change of each figure from the old rollup row ``o`` to the new ``n`` (either null)."""
    return ", ".join(f"coalesce(n.{c}, 0) - coalesce(o.{c}, 0) AS {c}" for c in names)


_NO_TIER = "'00000000-0000-0000-0000-000000000000'::uuid"

_GROUP_OF_P = f"coalesce(p.tier_id, {_NO_TIER}), p.type, coalesce(p.country, '')"

FUNCTIONS = f"""
CREATE FUNCTION prm_rate_day(cur text, d date) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT coalesce(max(e.rate_date), DATE '0001-01-01') FROM exchange_rates e
   WHERE e.currency = cur AND e.rate_date <= d AND e.rate_date >= date_trunc('month', d)::date
$$;

-- Fold: one at a time (the advisory lock; only a fold or a rebuild writes the cube, the
-- placements and the marks). Returns the changes moved.
--  1. The changes visible now are taken out (one statement: one snapshot).
--  2. Each partner's group as it is now, read once: the changes go to it, and a partner
--     placed elsewhere has its folded history moved to it. Its folded history is what the
--     cube holds of it: its rollups, less the changes still waiting, less those being folded
--     (one statement, one snapshot: a change committed meanwhile is in both or in neither).
--  3. Rows left all zero go; months whose rates changed are derived again from their days.
CREATE FUNCTION prm_fold_metric_cube() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  moved integer;
  marks bigint[];
  dirty record;
BEGIN
  PERFORM pg_advisory_xact_lock(7163616265);
  CREATE TEMP TABLE IF NOT EXISTS prm_fold_batch (LIKE metric_cube_deltas) ON COMMIT DROP;
  CREATE TEMP TABLE IF NOT EXISTS prm_fold_groups (
    partner_id uuid PRIMARY KEY, tier_id uuid, partner_type text, country text,
    old_tier uuid, old_type text, old_country text) ON COMMIT DROP;
  CREATE TEMP TABLE IF NOT EXISTS prm_fold_moves (LIKE metric_cube_days) ON COMMIT DROP;
  WITH gone AS (DELETE FROM metric_cube_deltas RETURNING *)
  INSERT INTO prm_fold_batch SELECT * FROM gone;
  GET DIAGNOSTICS moved = ROW_COUNT;
  -- The partners concerned: those with changes, and those placed in another group than now.
  INSERT INTO prm_fold_groups
  SELECT k.partner_id,
         CASE WHEN p.id IS NULL THEN pl.tier_id ELSE coalesce(p.tier_id, {_NO_TIER}) END,
         CASE WHEN p.id IS NULL THEN pl.partner_type ELSE p.type END,
         CASE WHEN p.id IS NULL THEN pl.country ELSE coalesce(p.country, '') END,
         pl.tier_id, pl.partner_type, pl.country
    FROM (SELECT DISTINCT partner_id FROM prm_fold_batch
          UNION
          SELECT pl2.partner_id FROM metric_cube_placements pl2
            JOIN partners p2 ON p2.id = pl2.partner_id
           WHERE (pl2.tier_id, pl2.partner_type, pl2.country)
                 IS DISTINCT FROM (coalesce(p2.tier_id, {_NO_TIER}), p2.type,
                                   coalesce(p2.country, ''))) k
    LEFT JOIN partners p ON p.id = k.partner_id
    LEFT JOIN metric_cube_placements pl ON pl.partner_id = k.partner_id;
  -- Folded history of the moved partners, out of the old group (-1) into the new one (+1).
  INSERT INTO prm_fold_moves (day, currency, {_list(GROUP)}, {_list(FIGURES)})
  WITH mover AS (
    SELECT * FROM prm_fold_groups
     WHERE old_tier IS NOT NULL
       AND (old_tier, old_type, old_country) IS DISTINCT FROM (tier_id, partner_type, country)
  ),
  history AS (
    SELECT r.partner_id, r.day, r.currency, {_list(DEAL_FIGURES, "r.")},
           {", ".join(f"0 AS {n}" for n in ENGAGEMENT)}
      FROM deal_daily_rollups r JOIN mover m ON m.partner_id = r.partner_id
    UNION ALL
    SELECT r.partner_id, r.day, '', {", ".join("0" for _ in DEAL_FIGURES)},
           {_list(ENGAGEMENT, "r.")}
      FROM engagement_daily_rollups r JOIN mover m ON m.partner_id = r.partner_id
    UNION ALL
    SELECT d.partner_id, d.day, d.currency, {", ".join(f"-d.{n}" for n in FIGURES)}
      FROM metric_cube_deltas d JOIN mover m ON m.partner_id = d.partner_id
    UNION ALL
    SELECT b.partner_id, b.day, b.currency, {", ".join(f"-b.{n}" for n in FIGURES)}
      FROM prm_fold_batch b JOIN mover m ON m.partner_id = b.partner_id
  ),
  held AS (
    SELECT partner_id, day, currency, {", ".join(f"sum({n}) AS {n}" for n in FIGURES)}
      FROM history GROUP BY partner_id, day, currency
  )
  SELECT h.day, h.currency, g.tier, g.ptype, g.pcountry,
         {", ".join(f"sum(g.sign * h.{n})" for n in FIGURES)}
    FROM held h JOIN mover m ON m.partner_id = h.partner_id
   CROSS JOIN LATERAL (VALUES (m.old_tier, m.old_type, m.old_country, -1),
                              (m.tier_id, m.partner_type, m.country, 1))
         AS g(tier, ptype, pcountry, sign)
   GROUP BY h.day, h.currency, g.tier, g.ptype, g.pcountry;
  -- The changes, in their partner's group as read above.
  INSERT INTO prm_fold_moves (day, currency, {_list(GROUP)}, {_list(FIGURES)})
  SELECT b.day, b.currency, g.tier_id, g.partner_type, g.country, {_sums(FIGURES, "b.")}
    FROM prm_fold_batch b JOIN prm_fold_groups g ON g.partner_id = b.partner_id
   WHERE g.tier_id IS NOT NULL  -- a partner deleted before it was ever folded: nothing held
   GROUP BY 1, 2, 3, 4, 5;
  ANALYZE prm_fold_moves;
  INSERT INTO metric_cube_days AS c (day, currency, {_list(GROUP)}, {_list(FIGURES)})
  SELECT day, currency, {_list(GROUP)}, {_sums(FIGURES)}
    FROM prm_fold_moves GROUP BY day, currency, {_list(GROUP)}
   ORDER BY day, currency, {_list(GROUP)}
  ON CONFLICT (day, currency, {_list(GROUP)}) DO UPDATE SET {_adds("c", FIGURES)};
  INSERT INTO metric_cube_months AS c
    (month, currency, rate_day, {_list(GROUP)}, {_list(FIGURES)})
  WITH rated AS (  -- one rate lookup per day and currency, not per row
    SELECT k.day, k.currency, prm_rate_day(k.currency, k.day) AS rate_day
      FROM (SELECT DISTINCT day, currency FROM prm_fold_moves) k
  )
  SELECT date_trunc('month', m.day)::date, m.currency, rated.rate_day,
         {_list(GROUP, "m.")}, {_sums(FIGURES, "m.")}
    FROM prm_fold_moves m JOIN rated ON rated.day = m.day AND rated.currency = m.currency
   GROUP BY 1, 2, 3, {_list(GROUP, "m.")}
   ORDER BY 1, 2, 3, {_list(GROUP, "m.")}
  ON CONFLICT (month, currency, rate_day, {_list(GROUP)}) DO UPDATE SET {_adds("c", FIGURES)};
  DELETE FROM metric_cube_days c USING (SELECT DISTINCT day FROM prm_fold_moves) t
   WHERE c.day = t.day AND {_all_zero(FIGURES, "c.")};
  DELETE FROM metric_cube_months c
   USING (SELECT DISTINCT date_trunc('month', day)::date AS month FROM prm_fold_moves) t
   WHERE c.month = t.month AND {_all_zero(FIGURES, "c.")};
  -- Where each partner's history now sits; a deleted partner's, once nothing of it is left.
  INSERT INTO metric_cube_placements AS pl (partner_id, {_list(GROUP)})
  SELECT partner_id, {_list(GROUP)} FROM prm_fold_groups WHERE tier_id IS NOT NULL
  ON CONFLICT (partner_id) DO UPDATE SET tier_id = EXCLUDED.tier_id,
    partner_type = EXCLUDED.partner_type, country = EXCLUDED.country;
  DELETE FROM metric_cube_placements pl
   WHERE NOT EXISTS (SELECT 1 FROM partners p WHERE p.id = pl.partner_id)
     AND NOT EXISTS (SELECT 1 FROM metric_cube_deltas d WHERE d.partner_id = pl.partner_id);
  SELECT array_agg(id) INTO marks FROM metric_cube_dirty_months;
  FOR dirty IN SELECT DISTINCT currency, month FROM metric_cube_dirty_months
                WHERE id = ANY(marks) LOOP
    DELETE FROM metric_cube_months c
     WHERE c.currency = dirty.currency AND c.month = dirty.month;
    INSERT INTO metric_cube_months (month, currency, rate_day, {_list(GROUP)}, {_list(FIGURES)})
    SELECT dirty.month, currency, prm_rate_day(currency, day), {_list(GROUP)}, {_sums(FIGURES)}
      FROM metric_cube_days
     WHERE currency = dirty.currency AND day >= dirty.month
       AND day < dirty.month + interval '1 month'
     GROUP BY currency, 3, {_list(GROUP)};
  END LOOP;
  DELETE FROM metric_cube_dirty_months WHERE id = ANY(marks);
  DROP TABLE prm_fold_batch, prm_fold_groups, prm_fold_moves;
  RETURN moved;
END $$;

-- A rollup row changed: the change, by partner (its group is read when folded).
CREATE FUNCTION prm_deal_rollups_to_cube() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n deal_daily_rollups;
  o deal_daily_rollups;
BEGIN
  IF current_setting('prm.rebuilding_rollups', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP <> 'DELETE' THEN n := NEW; END IF;
  IF TG_OP <> 'INSERT' THEN o := OLD; END IF;
  INSERT INTO metric_cube_deltas (partner_id, day, currency, {_list(DEAL_FIGURES)})
  SELECT v.partner_id, v.day, v.currency, {_list(DEAL_FIGURES, "v.")}
    FROM (SELECT coalesce(n.partner_id, o.partner_id) AS partner_id,
                 coalesce(n.day, o.day) AS day, coalesce(n.currency, o.currency) AS currency,
                 {_differences(DEAL_FIGURES)}) v
   WHERE NOT ({_all_zero(DEAL_FIGURES, "v.")});
  RETURN NULL;
END $$;

CREATE TRIGGER deal_daily_rollups_cube AFTER INSERT OR UPDATE OR DELETE ON deal_daily_rollups
FOR EACH ROW EXECUTE FUNCTION prm_deal_rollups_to_cube();

CREATE FUNCTION prm_engagement_rollups_to_cube() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n engagement_daily_rollups;
  o engagement_daily_rollups;
BEGIN
  IF current_setting('prm.rebuilding_rollups', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP <> 'DELETE' THEN n := NEW; END IF;
  IF TG_OP <> 'INSERT' THEN o := OLD; END IF;
  INSERT INTO metric_cube_deltas (partner_id, day, currency, {_list(ENGAGEMENT)})
  SELECT v.partner_id, v.day, '', {_list(ENGAGEMENT, "v.")}
    FROM (SELECT coalesce(n.partner_id, o.partner_id) AS partner_id,
                 coalesce(n.day, o.day) AS day, {_differences(ENGAGEMENT)}) v
   WHERE NOT ({_all_zero(ENGAGEMENT, "v.")});
  RETURN NULL;
END $$;

CREATE TRIGGER engagement_daily_rollups_cube
AFTER INSERT OR UPDATE OR DELETE ON engagement_daily_rollups
FOR EACH ROW EXECUTE FUNCTION prm_engagement_rollups_to_cube();

-- An exchange rate added, moved or removed changes which rate converts the days of its month
-- from its date on: the month is marked, and the next fold derives its month rows again from
-- the days (readers meanwhile read that month by day, at the rates they see). Only a mark is
-- written here: no lock, nothing a writer of the rollups waits for.
CREATE FUNCTION prm_rates_to_cube() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO metric_cube_dirty_months (currency, month)
    SELECT DISTINCT currency, date_trunc('month', rate_date)::date FROM prm_new_rates;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO metric_cube_dirty_months (currency, month)
    SELECT DISTINCT currency, date_trunc('month', rate_date)::date FROM prm_old_rates;
  END IF;
  RETURN NULL;
END $$;

-- The cubes from the per-partner rollups, set-based (``prm-api metrics rebuild``, and the
-- upgrade of an installation with history); independent of the triggers above.
CREATE FUNCTION prm_rebuild_metric_cube() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7163616265);
  DELETE FROM metric_cube_deltas;
  DELETE FROM metric_cube_dirty_months;
  DELETE FROM metric_cube_placements;
  DELETE FROM metric_cube_days;
  DELETE FROM metric_cube_months;
  INSERT INTO metric_cube_placements (partner_id, {_list(GROUP)})
  SELECT p.id, {_GROUP_OF_P} FROM partners p
   WHERE EXISTS (SELECT 1 FROM deal_daily_rollups r WHERE r.partner_id = p.id)
      OR EXISTS (SELECT 1 FROM engagement_daily_rollups r WHERE r.partner_id = p.id);
  INSERT INTO metric_cube_days (day, currency, {_list(GROUP)}, {_list(FIGURES)})
  WITH grouped AS (
    SELECT r.day, r.currency, pl.tier_id, pl.partner_type, pl.country,
           {", ".join(f"sum(r.{n}) AS {n}" for n in DEAL_FIGURES)},
           {", ".join(f"0 AS {n}" for n in ENGAGEMENT)}
      FROM deal_daily_rollups r JOIN metric_cube_placements pl ON pl.partner_id = r.partner_id
     GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT r.day, '', pl.tier_id, pl.partner_type, pl.country,
           {", ".join("0" for _ in DEAL_FIGURES)}, {_sums(ENGAGEMENT, "r.")}
      FROM engagement_daily_rollups r
      JOIN metric_cube_placements pl ON pl.partner_id = r.partner_id
     GROUP BY 1, 2, 3, 4, 5
  )
  SELECT g.day, g.currency, {_list(GROUP, "g.")}, {_list(FIGURES, "g.")}
    FROM grouped g WHERE NOT ({_all_zero(FIGURES, "g.")});
  INSERT INTO metric_cube_months (month, currency, rate_day, {_list(GROUP)}, {_list(FIGURES)})
  WITH rated AS (
    SELECT k.day, k.currency, prm_rate_day(k.currency, k.day) AS rate_day
      FROM (SELECT DISTINCT day, currency FROM metric_cube_days) k
  )
  SELECT date_trunc('month', c.day)::date, c.currency, rated.rate_day, {_list(GROUP, "c.")},
         {_sums(FIGURES, "c.")}
    FROM metric_cube_days c JOIN rated ON rated.day = c.day AND rated.currency = c.currency
   GROUP BY 1, 2, 3, {_list(GROUP, "c.")};
END $$;
"""

# PostgreSQL allows transition tables only on single-event triggers: one per event, each
# naming the tables the function reads (an INSERT has no old rows, a DELETE no new ones).
RATE_TRIGGERS = """
CREATE TRIGGER exchange_rates_cube_insert AFTER INSERT ON exchange_rates
REFERENCING NEW TABLE AS prm_new_rates FOR EACH STATEMENT EXECUTE FUNCTION prm_rates_to_cube();

CREATE TRIGGER exchange_rates_cube_update AFTER UPDATE ON exchange_rates
REFERENCING OLD TABLE AS prm_old_rates NEW TABLE AS prm_new_rates
FOR EACH STATEMENT EXECUTE FUNCTION prm_rates_to_cube();

CREATE TRIGGER exchange_rates_cube_delete AFTER DELETE ON exchange_rates
REFERENCING OLD TABLE AS prm_old_rates FOR EACH STATEMENT EXECUTE FUNCTION prm_rates_to_cube();
"""

DROP = """
DROP TRIGGER IF EXISTS exchange_rates_cube_delete ON exchange_rates;
DROP TRIGGER IF EXISTS exchange_rates_cube_update ON exchange_rates;
DROP TRIGGER IF EXISTS exchange_rates_cube_insert ON exchange_rates;
DROP TRIGGER IF EXISTS engagement_daily_rollups_cube ON engagement_daily_rollups;
DROP TRIGGER IF EXISTS deal_daily_rollups_cube ON deal_daily_rollups;
DROP FUNCTION IF EXISTS prm_rebuild_metric_cube();
DROP FUNCTION IF EXISTS prm_rates_to_cube();
DROP FUNCTION IF EXISTS prm_engagement_rollups_to_cube();
DROP FUNCTION IF EXISTS prm_deal_rollups_to_cube();
DROP FUNCTION IF EXISTS prm_fold_metric_cube();
DROP FUNCTION IF EXISTS prm_rate_day(text, date);
"""


def upgrade() -> None:
    op.create_table(
        "metric_cube_deltas",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        *_figures(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_cube_deltas")),
    )
    op.create_index("ix_metric_cube_deltas_day", "metric_cube_deltas", ["day"])
    op.create_index("ix_metric_cube_deltas_partner_id", "metric_cube_deltas", ["partner_id"])
    op.create_table(
        "metric_cube_placements",
        sa.Column("partner_id", sa.UUID(), nullable=False),
        *_group(),
        sa.PrimaryKeyConstraint("partner_id", name=op.f("pk_metric_cube_placements")),
    )
    op.create_table(
        "metric_cube_dirty_months",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_cube_dirty_months")),
    )
    op.create_table(
        "metric_cube_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        *_group(),
        *_figures(),
        sa.PrimaryKeyConstraint("day", "currency", *GROUP, name=op.f("pk_metric_cube_days")),
    )
    op.create_table(
        "metric_cube_months",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("rate_day", sa.Date(), nullable=False),
        *_group(),
        *_figures(),
        sa.PrimaryKeyConstraint(
            "month", "currency", "rate_day", *GROUP, name=op.f("pk_metric_cube_months")
        ),
    )
    for statement in _statements(FUNCTIONS) + _statements(RATE_TRIGGERS):
        op.execute(statement)
    # An installation with history: the cubes start from the rollups already there.
    op.execute("SELECT prm_rebuild_metric_cube()")


def _statements(sql: str) -> list[str]:
    """Split on the blank line between statements (function bodies hold none)."""
    return [part.strip() for part in sql.split("\n\n") if part.strip()]


def downgrade() -> None:
    for statement in DROP.strip().splitlines():
        op.execute(statement)
    for table in (
        "metric_cube_months",
        "metric_cube_days",
        "metric_cube_dirty_months",
        "metric_cube_placements",
        "metric_cube_deltas",
    ):
        op.drop_table(table)
