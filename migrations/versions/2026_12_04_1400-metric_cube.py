"""metric_cube: program-wide rollups by partner group, so program reads never touch the
per-partner rows.

A *group* is what the query engine can split or filter a program by without naming a partner:
tier, partner type and country (as the partner has them now). The per-partner daily rollups
feed, through row triggers, an append-only table of changes (``metric_cube_deltas``: writers
never wait on each other for a shared row); ``prm_fold_metric_cube()`` (the scheduler, every
round) moves the changes into the day cube (day × currency × group) and the month cube
(month × currency × rate day × group). Readers add the changes not folded yet, so a change is
visible at once.

The month cube keeps, per currency, the date of the exchange rate that converts a day's won
amounts (the same-month rule, looked up when folded), so a month's won revenue converts exactly
as its days would. A rate added, moved or removed only marks its month
(``metric_cube_dirty_months``): the next fold derives that month's rows again from its days,
and readers meanwhile read it by day at the rates they see. A partner changing tier, type or
country moves its whole history between groups in its transaction; the partner's row orders
it with the transactions writing its rollups (they take it FOR SHARE). Nothing here locks a
table: a writer only ever waits for a move of its own partner.

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

FUNCTIONS = f"""
CREATE FUNCTION prm_rate_day(cur text, d date) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT coalesce(max(e.rate_date), DATE '0001-01-01') FROM exchange_rates e
   WHERE e.currency = cur AND e.rate_date <= d AND e.rate_date >= date_trunc('month', d)::date
$$;

-- Move every change not folded yet into the day and month cubes (a month row keeps apart the
-- days its rate date converts, looked up now); rows left all zero go. Then the months a rate
-- change marked are derived again from their days. One fold at a time (the advisory lock);
-- only a fold or a rebuild writes the cubes. Returns the changes moved.
CREATE FUNCTION prm_fold_metric_cube() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  touched date[];
  moved integer;
  marks bigint[];
  dirty record;
BEGIN
  PERFORM pg_advisory_xact_lock(7163616265);
  WITH gone AS (DELETE FROM metric_cube_deltas RETURNING *),
  into_days AS (
    INSERT INTO metric_cube_days AS c (day, currency, {_list(GROUP)}, {_list(FIGURES)})
    SELECT day, currency, {_list(GROUP)}, {_sums(FIGURES)}
      FROM gone GROUP BY day, currency, {_list(GROUP)}
     ORDER BY day, currency, {_list(GROUP)}
    ON CONFLICT (day, currency, {_list(GROUP)}) DO UPDATE SET {_adds("c", FIGURES)}
  ),
  into_months AS (
    INSERT INTO metric_cube_months AS c
      (month, currency, rate_day, {_list(GROUP)}, {_list(FIGURES)})
    SELECT date_trunc('month', day)::date, currency, prm_rate_day(currency, day),
           {_list(GROUP)}, {_sums(FIGURES)}
      FROM gone GROUP BY 1, 2, 3, {_list(GROUP)}
     ORDER BY 1, 2, 3, {_list(GROUP)}
    ON CONFLICT (month, currency, rate_day, {_list(GROUP)}) DO UPDATE SET {_adds("c", FIGURES)}
  )
  SELECT array_agg(DISTINCT day), count(*) INTO touched, moved FROM gone;
  IF moved > 0 THEN
    DELETE FROM metric_cube_days WHERE day = ANY(touched) AND {_all_zero(FIGURES)};
    DELETE FROM metric_cube_months
     WHERE month IN (SELECT date_trunc('month', t)::date FROM unnest(touched) t)
       AND {_all_zero(FIGURES)};
  END IF;
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
  RETURN moved;
END $$;

-- A partner's rollups into (sign 1) or out of (sign -1) a group, as changes.
CREATE FUNCTION prm_cube_move_partner(pid uuid, tier uuid, ptype text, pcountry text,
                                      sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO metric_cube_deltas (day, currency, {_list(GROUP)}, {_list(FIGURES)})
  SELECT r.day, r.currency, coalesce(tier, {_NO_TIER}), ptype, coalesce(pcountry, ''),
         {", ".join(f"sign * r.{n}" for n in DEAL_FIGURES)}, 0, 0, 0
    FROM deal_daily_rollups r WHERE r.partner_id = pid
  UNION ALL
  SELECT r.day, '', coalesce(tier, {_NO_TIER}), ptype, coalesce(pcountry, ''),
         {", ".join("0" for _ in DEAL_FIGURES)}, {", ".join(f"sign * r.{n}" for n in ENGAGEMENT)}
    FROM engagement_daily_rollups r WHERE r.partner_id = pid
$$;

CREATE FUNCTION prm_deal_rollups_to_cube() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n deal_daily_rollups;
  o deal_daily_rollups;
  p record;
BEGIN
  IF current_setting('prm.rebuilding_rollups', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP <> 'DELETE' THEN n := NEW; END IF;
  IF TG_OP <> 'INSERT' THEN o := OLD; END IF;
  -- FOR SHARE: a move of this partner (prm_partners_to_cube) waits for this transaction, or
  -- this waits for the move and then reads the new group.
  SELECT tier_id, type, country INTO p
    FROM partners WHERE id = coalesce(n.partner_id, o.partner_id) FOR SHARE;
  IF NOT FOUND THEN
    RETURN NULL;  -- the partner is being deleted: prm_partners_to_cube took its part out
  END IF;
  INSERT INTO metric_cube_deltas (day, currency, {_list(GROUP)}, {_list(DEAL_FIGURES)})
  SELECT v.day, v.currency, coalesce(p.tier_id, {_NO_TIER}), p.type, coalesce(p.country, ''),
         {_list(DEAL_FIGURES, "v.")}
    FROM (SELECT coalesce(n.day, o.day) AS day, coalesce(n.currency, o.currency) AS currency,
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
  p record;
BEGIN
  IF current_setting('prm.rebuilding_rollups', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP <> 'DELETE' THEN n := NEW; END IF;
  IF TG_OP <> 'INSERT' THEN o := OLD; END IF;
  SELECT tier_id, type, country INTO p
    FROM partners WHERE id = coalesce(n.partner_id, o.partner_id) FOR SHARE;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  INSERT INTO metric_cube_deltas (day, currency, {_list(GROUP)}, {_list(ENGAGEMENT)})
  SELECT v.day, '', coalesce(p.tier_id, {_NO_TIER}), p.type, coalesce(p.country, ''),
         {_list(ENGAGEMENT, "v.")}
    FROM (SELECT coalesce(n.day, o.day) AS day, {_differences(ENGAGEMENT)}) v
   WHERE NOT ({_all_zero(ENGAGEMENT, "v.")});
  RETURN NULL;
END $$;

CREATE TRIGGER engagement_daily_rollups_cube
AFTER INSERT OR UPDATE OR DELETE ON engagement_daily_rollups
FOR EACH ROW EXECUTE FUNCTION prm_engagement_rollups_to_cube();

-- A partner's tier, type or country changed (or the partner goes): its history changes group.
-- This transaction holds the partner's row: a transaction writing the partner's rollups holds
-- it FOR SHARE from its trigger on, so either it ended before (its rollups are visible here and
-- moved) or its trigger waits for this one and then reads the new group.
CREATE FUNCTION prm_partners_to_cube() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('prm.rebuilding_rollups', true) IS DISTINCT FROM 'on' THEN
    PERFORM prm_cube_move_partner(OLD.id, OLD.tier_id, OLD.type, OLD.country, -1);
    IF TG_OP = 'UPDATE' THEN
      PERFORM prm_cube_move_partner(NEW.id, NEW.tier_id, NEW.type, NEW.country, 1);
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;  -- BEFORE DELETE: NULL would cancel the delete
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER partners_cube AFTER UPDATE OF tier_id, type, country ON partners FOR EACH ROW
WHEN ((OLD.tier_id, OLD.type, OLD.country) IS DISTINCT FROM (NEW.tier_id, NEW.type, NEW.country))
EXECUTE FUNCTION prm_partners_to_cube();

CREATE TRIGGER partners_cube_delete BEFORE DELETE ON partners FOR EACH ROW
EXECUTE FUNCTION prm_partners_to_cube();

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
  DELETE FROM metric_cube_days;
  DELETE FROM metric_cube_months;
  INSERT INTO metric_cube_days (day, currency, {_list(GROUP)}, {_list(FIGURES)})
  WITH grouped AS (
    SELECT r.day, r.currency, coalesce(p.tier_id, {_NO_TIER}) AS tier_id,
           p.type AS partner_type, coalesce(p.country, '') AS country,
           {", ".join(f"sum(r.{n}) AS {n}" for n in DEAL_FIGURES)},
           {", ".join(f"0 AS {n}" for n in ENGAGEMENT)}
      FROM deal_daily_rollups r JOIN partners p ON p.id = r.partner_id
     GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT r.day, '', coalesce(p.tier_id, {_NO_TIER}), p.type, coalesce(p.country, ''),
           {", ".join("0" for _ in DEAL_FIGURES)}, {_sums(ENGAGEMENT, "r.")}
      FROM engagement_daily_rollups r JOIN partners p ON p.id = r.partner_id
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
DROP TRIGGER IF EXISTS partners_cube_delete ON partners;
DROP TRIGGER IF EXISTS partners_cube ON partners;
DROP TRIGGER IF EXISTS engagement_daily_rollups_cube ON engagement_daily_rollups;
DROP TRIGGER IF EXISTS deal_daily_rollups_cube ON deal_daily_rollups;
DROP FUNCTION IF EXISTS prm_rebuild_metric_cube();
DROP FUNCTION IF EXISTS prm_rates_to_cube();
DROP FUNCTION IF EXISTS prm_partners_to_cube();
DROP FUNCTION IF EXISTS prm_engagement_rollups_to_cube();
DROP FUNCTION IF EXISTS prm_deal_rollups_to_cube();
DROP FUNCTION IF EXISTS prm_cube_move_partner(uuid, uuid, text, text, integer);
DROP FUNCTION IF EXISTS prm_fold_metric_cube();
DROP FUNCTION IF EXISTS prm_rate_day(text, date);
"""


def upgrade() -> None:
    op.create_table(
        "metric_cube_deltas",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        *_group(),
        *_figures(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_cube_deltas")),
    )
    op.create_index("ix_metric_cube_deltas_day", "metric_cube_deltas", ["day"])
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
        "metric_cube_deltas",
    ):
        op.drop_table(table)
