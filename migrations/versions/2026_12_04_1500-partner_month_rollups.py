"""partner_month_rollups: the per-partner deal rollups summed by month, kept apart (like the
month cube) by the date of the exchange rate that converts each day's won amounts.

Reads that split or filter by partner (the leaderboard, scorecards, tier criteria, a query by
partner) take whole months from here and only the days at a range's edges from the daily
rollups: a year is twelve rows per partner and currency instead of up to 365. Kept in the
change's transaction by a row trigger on ``deal_daily_rollups`` (the rows are per partner, as
the daily ones: no shared row between partners); a rate added, moved or removed re-derives the
months it touches; ``prm-api metrics rebuild`` refills it from the daily rollups.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 15:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ZERO = sa.text("0")
AMOUNTS = ("registered_amount", "won_amount", "lost_amount", "pipeline_amount_delta")
FIGURES = (
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
_LIST = ", ".join(FIGURES)
_SUMS = ", ".join(f"sum({n})" for n in FIGURES)
_ZERO = " AND ".join(f"{n} = 0" for n in FIGURES)
_DIFFERENCES = ", ".join(f"coalesce(n.{c}, 0) - coalesce(o.{c}, 0)" for c in FIGURES)
_ADDS = ", ".join(f"{n} = m.{n} + EXCLUDED.{n}" for n in FIGURES)

FUNCTIONS = f"""
CREATE FUNCTION prm_deal_rollups_to_partner_months() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n deal_daily_rollups;
  o deal_daily_rollups;
  pid uuid;
  d date;
  cur text;
BEGIN
  IF current_setting('prm.rebuilding_rollups', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP <> 'DELETE' THEN n := NEW; END IF;
  IF TG_OP <> 'INSERT' THEN o := OLD; END IF;
  pid := coalesce(n.partner_id, o.partner_id);
  d := coalesce(n.day, o.day);
  cur := coalesce(n.currency, o.currency);
  IF TG_OP = 'DELETE' AND NOT prm_partner_exists(pid) THEN
    RETURN NULL;  -- the partner is being deleted: its months go with it
  END IF;
  INSERT INTO partner_month_rollups AS m (partner_id, month, currency, rate_day, {_LIST})
  SELECT pid, date_trunc('month', d)::date, cur, prm_rate_day(cur, d), {_DIFFERENCES}
  ON CONFLICT (partner_id, month, currency, rate_day) DO UPDATE SET {_ADDS};
  DELETE FROM partner_month_rollups
   WHERE partner_id = pid AND month = date_trunc('month', d)::date AND currency = cur
     AND {_ZERO};
  RETURN NULL;
END $$;

CREATE TRIGGER deal_daily_rollups_partner_months AFTER INSERT OR UPDATE OR DELETE
ON deal_daily_rollups FOR EACH ROW EXECUTE FUNCTION prm_deal_rollups_to_partner_months();

-- One (currency, month) of partner_month_rollups derived again from the daily rollups.
CREATE FUNCTION prm_partner_months_rederive(cur text, first date) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM partner_month_rollups WHERE currency = cur AND month = first;
  INSERT INTO partner_month_rollups (partner_id, month, currency, rate_day, {_LIST})
  SELECT partner_id, first, cur, prm_rate_day(cur, day), {_SUMS}
    FROM deal_daily_rollups
   WHERE currency = cur AND day >= first AND day < first + interval '1 month'
   GROUP BY partner_id, prm_rate_day(cur, day);
$$;

CREATE FUNCTION prm_rebuild_partner_months() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM partner_month_rollups;
  INSERT INTO partner_month_rollups (partner_id, month, currency, rate_day, {_LIST})
  WITH rated AS (
    SELECT k.day, k.currency, prm_rate_day(k.currency, k.day) AS rate_day
      FROM (SELECT DISTINCT day, currency FROM deal_daily_rollups) k
  )
  SELECT r.partner_id, date_trunc('month', r.day)::date, r.currency, rated.rate_day,
         {", ".join(f"sum(r.{n})" for n in FIGURES)}
    FROM deal_daily_rollups r JOIN rated ON rated.day = r.day AND rated.currency = r.currency
   GROUP BY 1, 2, 3, 4;
END $$;
"""

# A rate added, moved or removed: the months of its currency it touches are derived again
# (after every transaction writing rollups has ended, as for the cube).
RATES = """
CREATE FUNCTION prm_rates_to_partner_months() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched record;
BEGIN
  LOCK TABLE deal_daily_rollups IN SHARE MODE;
  IF TG_OP <> 'DELETE' THEN
    FOR touched IN SELECT DISTINCT currency, date_trunc('month', rate_date)::date AS month
                     FROM prm_new_rates LOOP
      PERFORM prm_partner_months_rederive(touched.currency, touched.month);
    END LOOP;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    FOR touched IN SELECT DISTINCT currency, date_trunc('month', rate_date)::date AS month
                     FROM prm_old_rates LOOP
      PERFORM prm_partner_months_rederive(touched.currency, touched.month);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER exchange_rates_partner_months_insert AFTER INSERT ON exchange_rates
REFERENCING NEW TABLE AS prm_new_rates
FOR EACH STATEMENT EXECUTE FUNCTION prm_rates_to_partner_months();

CREATE TRIGGER exchange_rates_partner_months_update AFTER UPDATE ON exchange_rates
REFERENCING OLD TABLE AS prm_old_rates NEW TABLE AS prm_new_rates
FOR EACH STATEMENT EXECUTE FUNCTION prm_rates_to_partner_months();

CREATE TRIGGER exchange_rates_partner_months_delete AFTER DELETE ON exchange_rates
REFERENCING OLD TABLE AS prm_old_rates
FOR EACH STATEMENT EXECUTE FUNCTION prm_rates_to_partner_months();
"""


DROP = """
DROP TRIGGER IF EXISTS exchange_rates_partner_months_delete ON exchange_rates;
DROP TRIGGER IF EXISTS exchange_rates_partner_months_update ON exchange_rates;
DROP TRIGGER IF EXISTS exchange_rates_partner_months_insert ON exchange_rates;
DROP TRIGGER IF EXISTS deal_daily_rollups_partner_months ON deal_daily_rollups;
DROP FUNCTION IF EXISTS prm_rates_to_partner_months();
DROP FUNCTION IF EXISTS prm_rebuild_partner_months();
DROP FUNCTION IF EXISTS prm_partner_months_rederive(text, date);
DROP FUNCTION IF EXISTS prm_deal_rollups_to_partner_months();
"""


def upgrade() -> None:
    op.create_table(
        "partner_month_rollups",
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("rate_day", sa.Date(), nullable=False),
        *[_figure(name) for name in FIGURES],
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_partner_month_rollups_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "partner_id", "month", "currency", "rate_day", name=op.f("pk_partner_month_rollups")
        ),
    )
    op.create_index("ix_partner_month_rollups_month", "partner_month_rollups", ["month"])
    for statement in _statements(FUNCTIONS) + _statements(RATES):
        op.execute(statement)
    op.execute("SELECT prm_rebuild_partner_months()")  # an installation with history


def _figure(name: str) -> sa.Column:
    kind = sa.Numeric(20, 2) if name in AMOUNTS else sa.Integer()
    return sa.Column(name, kind, nullable=False, server_default=ZERO)


def _statements(sql: str) -> list[str]:
    """Split on the blank line between statements (function bodies hold none)."""
    return [part.strip() for part in sql.split("\n\n") if part.strip()]


def downgrade() -> None:
    for statement in DROP.strip().splitlines():
        op.execute(statement)
    op.drop_table("partner_month_rollups")
