"""metric_rollups: daily per-partner deal and engagement rollups, approval durations, user
activity days, and the row triggers that keep the rollups in step with the raw records.

Every write to ``deals``, ``asset_downloads``, ``enrollments`` and ``user_activity_days`` takes
the old row's contribution out of the rollups and puts the new row's in, in the same
transaction: a re-priced deal, a back-dated close, a bulk flag or a cascade is counted the
same way as an endpoint's change. ``prm_api.metrics.rebuild`` recomputes the same tables from
the raw records with set-based SQL of its own.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 23:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ZERO = sa.text("0")


def _count(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), server_default=ZERO, nullable=False)


def _money(name: str) -> sa.Column:
    return sa.Column(name, sa.Numeric(20, 2), server_default=ZERO, nullable=False)


TRIGGERS = """
CREATE FUNCTION prm_partner_exists(p uuid) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT EXISTS (SELECT 1 FROM partners WHERE id = p) $$;

CREATE FUNCTION prm_utc_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS
$$ SELECT (t AT TIME ZONE 'UTC')::date $$;

-- One deal row's contribution, added (sign 1) or taken out (sign -1).
CREATE FUNCTION prm_deal_rollup_apply(d deals, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  was_approved boolean := d.decided_at IS NOT NULL
    AND d.status IN ('approved', 'won', 'lost', 'expired', 'withdrawn');
  exit_day date;
BEGIN
  IF sign < 0 AND NOT prm_partner_exists(d.partner_id) THEN
    RETURN;  -- the partner is being deleted: its rollups go with it
  END IF;
  IF d.submitted_at IS NOT NULL THEN
    INSERT INTO deal_daily_rollups AS r
      (partner_id, day, currency, registered, registered_amount, conflicted)
    VALUES (d.partner_id, prm_utc_day(d.submitted_at), d.currency, sign, sign * d.amount,
            CASE WHEN d.has_conflicts THEN sign ELSE 0 END)
    ON CONFLICT (partner_id, day, currency) DO UPDATE SET
      registered = r.registered + EXCLUDED.registered,
      registered_amount = r.registered_amount + EXCLUDED.registered_amount,
      conflicted = r.conflicted + EXCLUDED.conflicted;
  END IF;
  IF d.decided_at IS NOT NULL AND d.status = 'rejected' THEN
    INSERT INTO deal_daily_rollups AS r (partner_id, day, currency, rejected)
    VALUES (d.partner_id, prm_utc_day(d.decided_at), d.currency, sign)
    ON CONFLICT (partner_id, day, currency) DO UPDATE SET rejected = r.rejected + EXCLUDED.rejected;
  END IF;
  IF was_approved THEN
    INSERT INTO deal_daily_rollups AS r
      (partner_id, day, currency, approved, pipeline_delta, pipeline_amount_delta)
    VALUES (d.partner_id, prm_utc_day(d.decided_at), d.currency, sign, sign, sign * d.amount)
    ON CONFLICT (partner_id, day, currency) DO UPDATE SET
      approved = r.approved + EXCLUDED.approved,
      pipeline_delta = r.pipeline_delta + EXCLUDED.pipeline_delta,
      pipeline_amount_delta = r.pipeline_amount_delta + EXCLUDED.pipeline_amount_delta;
    IF d.submitted_at IS NOT NULL THEN
      INSERT INTO deal_approval_hours AS h (partner_id, day, hours, deals)
      VALUES (d.partner_id, prm_utc_day(d.decided_at),
              greatest(0, floor(extract(epoch FROM d.decided_at - d.submitted_at) / 3600))::int,
              sign)
      ON CONFLICT (partner_id, day, hours) DO UPDATE SET deals = h.deals + EXCLUDED.deals;
    END IF;
    exit_day := CASE d.status
      WHEN 'won' THEN d.closed_at
      WHEN 'lost' THEN d.closed_at
      WHEN 'expired' THEN prm_utc_day(d.expired_at)
      WHEN 'withdrawn' THEN prm_utc_day(d.withdrawn_at)
    END;
    IF exit_day IS NOT NULL THEN
      -- A back-dated close leaves the pipeline on the day it was approved, never before.
      exit_day := greatest(exit_day, prm_utc_day(d.decided_at));
      INSERT INTO deal_daily_rollups AS r
        (partner_id, day, currency, pipeline_delta, pipeline_amount_delta)
      VALUES (d.partner_id, exit_day, d.currency, -sign, -sign * d.amount)
      ON CONFLICT (partner_id, day, currency) DO UPDATE SET
        pipeline_delta = r.pipeline_delta + EXCLUDED.pipeline_delta,
        pipeline_amount_delta = r.pipeline_amount_delta + EXCLUDED.pipeline_amount_delta;
    END IF;
  END IF;
  IF d.status IN ('won', 'lost') AND d.closed_at IS NOT NULL THEN
    INSERT INTO deal_daily_rollups AS r
      (partner_id, day, currency, won, won_amount, lost, lost_amount)
    VALUES (d.partner_id, d.closed_at, d.currency,
            CASE WHEN d.status = 'won' THEN sign ELSE 0 END,
            CASE WHEN d.status = 'won' THEN sign * d.amount ELSE 0 END,
            CASE WHEN d.status = 'lost' THEN sign ELSE 0 END,
            CASE WHEN d.status = 'lost' THEN sign * d.amount ELSE 0 END)
    ON CONFLICT (partner_id, day, currency) DO UPDATE SET
      won = r.won + EXCLUDED.won,
      won_amount = r.won_amount + EXCLUDED.won_amount,
      lost = r.lost + EXCLUDED.lost,
      lost_amount = r.lost_amount + EXCLUDED.lost_amount;
  END IF;
  IF sign < 0 THEN
    -- Taking a contribution out may leave a row of zeros: remove it, so the table holds
    -- exactly the rows a rebuild writes.
    DELETE FROM deal_daily_rollups r
     WHERE r.partner_id = d.partner_id AND r.currency = d.currency
       AND r.day IN (prm_utc_day(d.submitted_at), prm_utc_day(d.decided_at), exit_day,
                     d.closed_at)
       AND r.registered = 0 AND r.registered_amount = 0 AND r.conflicted = 0
       AND r.approved = 0 AND r.rejected = 0 AND r.won = 0 AND r.won_amount = 0
       AND r.lost = 0 AND r.lost_amount = 0 AND r.pipeline_delta = 0
       AND r.pipeline_amount_delta = 0;
    DELETE FROM deal_approval_hours h
     WHERE h.partner_id = d.partner_id AND h.day = prm_utc_day(d.decided_at) AND h.deals = 0;
  END IF;
END $$;

CREATE FUNCTION prm_deals_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND
     (OLD.partner_id, OLD.currency, OLD.amount, OLD.status, OLD.submitted_at, OLD.decided_at,
      OLD.closed_at, OLD.withdrawn_at, OLD.expired_at, OLD.has_conflicts)
     IS NOT DISTINCT FROM
     (NEW.partner_id, NEW.currency, NEW.amount, NEW.status, NEW.submitted_at, NEW.decided_at,
      NEW.closed_at, NEW.withdrawn_at, NEW.expired_at, NEW.has_conflicts) THEN
    RETURN NULL;  -- nothing the metrics count changed (notes, contacts, extensions…)
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM prm_deal_rollup_apply(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM prm_deal_rollup_apply(NEW, 1); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER deals_rollup AFTER INSERT OR UPDATE OR DELETE ON deals
FOR EACH ROW EXECUTE FUNCTION prm_deals_rollup();

-- Engagement: one counter per partner and day.
CREATE FUNCTION prm_engagement_add(p uuid, d date, col text, n integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p IS NULL OR d IS NULL OR (n < 0 AND NOT prm_partner_exists(p)) THEN
    RETURN;
  END IF;
  EXECUTE format(
    'INSERT INTO engagement_daily_rollups AS r (partner_id, day, %1$I) VALUES ($1, $2, $3) '
    'ON CONFLICT (partner_id, day) DO UPDATE SET %1$I = r.%1$I + EXCLUDED.%1$I', col)
  USING p, d, n;
  IF n < 0 THEN
    DELETE FROM engagement_daily_rollups
     WHERE partner_id = p AND day = d AND downloads = 0 AND completions = 0 AND sign_ins = 0;
  END IF;
END $$;

CREATE FUNCTION prm_downloads_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM prm_engagement_add(OLD.partner_id, prm_utc_day(OLD.at), 'downloads', -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM prm_engagement_add(NEW.partner_id, prm_utc_day(NEW.at), 'downloads', 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER asset_downloads_rollup AFTER INSERT OR DELETE OR UPDATE OF partner_id, at
ON asset_downloads FOR EACH ROW EXECUTE FUNCTION prm_downloads_rollup();

CREATE FUNCTION prm_completions_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'completed' THEN
    PERFORM prm_engagement_add(OLD.partner_id, prm_utc_day(OLD.completed_at), 'completions', -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'completed' THEN
    PERFORM prm_engagement_add(NEW.partner_id, prm_utc_day(NEW.completed_at), 'completions', 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER enrollments_rollup
AFTER INSERT OR DELETE OR UPDATE OF status, completed_at, partner_id ON enrollments
FOR EACH ROW EXECUTE FUNCTION prm_completions_rollup();

CREATE FUNCTION prm_activity_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM prm_engagement_add(OLD.partner_id, OLD.day, 'sign_ins', -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM prm_engagement_add(NEW.partner_id, NEW.day, 'sign_ins', 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER user_activity_days_rollup AFTER INSERT OR DELETE OR UPDATE
ON user_activity_days FOR EACH ROW EXECUTE FUNCTION prm_activity_rollup();
"""

DROP_TRIGGERS = """
DROP TRIGGER IF EXISTS user_activity_days_rollup ON user_activity_days;
DROP TRIGGER IF EXISTS enrollments_rollup ON enrollments;
DROP TRIGGER IF EXISTS asset_downloads_rollup ON asset_downloads;
DROP TRIGGER IF EXISTS deals_rollup ON deals;
DROP FUNCTION IF EXISTS prm_activity_rollup();
DROP FUNCTION IF EXISTS prm_completions_rollup();
DROP FUNCTION IF EXISTS prm_downloads_rollup();
DROP FUNCTION IF EXISTS prm_engagement_add(uuid, date, text, integer);
DROP FUNCTION IF EXISTS prm_deals_rollup();
DROP FUNCTION IF EXISTS prm_deal_rollup_apply(deals, integer);
DROP FUNCTION IF EXISTS prm_utc_day(timestamptz);
DROP FUNCTION IF EXISTS prm_partner_exists(uuid);
"""


def upgrade() -> None:
    op.create_table(
        "deal_daily_rollups",
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        _count("registered"),
        _money("registered_amount"),
        _count("conflicted"),
        _count("approved"),
        _count("rejected"),
        _count("won"),
        _money("won_amount"),
        _count("lost"),
        _money("lost_amount"),
        _count("pipeline_delta"),
        _money("pipeline_amount_delta"),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_deal_daily_rollups_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "partner_id", "day", "currency", name=op.f("pk_deal_daily_rollups")
        ),
    )
    op.create_index("ix_deal_daily_rollups_day", "deal_daily_rollups", ["day"])
    op.create_table(
        "deal_approval_hours",
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        _count("deals"),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_deal_approval_hours_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("partner_id", "day", "hours", name=op.f("pk_deal_approval_hours")),
    )
    op.create_index("ix_deal_approval_hours_day", "deal_approval_hours", ["day"])
    op.create_table(
        "engagement_daily_rollups",
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        _count("downloads"),
        _count("completions"),
        _count("sign_ins"),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_engagement_daily_rollups_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("partner_id", "day", name=op.f("pk_engagement_daily_rollups")),
    )
    op.create_index("ix_engagement_daily_rollups_day", "engagement_daily_rollups", ["day"])
    op.create_table(
        "user_activity_days",
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_activity_days_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_user_activity_days_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "day", name=op.f("pk_user_activity_days")),
    )
    op.create_index(
        "ix_user_activity_days_partner_day", "user_activity_days", ["partner_id", "day"]
    )
    for statement in _statements(TRIGGERS):
        op.execute(statement)


def _statements(sql: str) -> list[str]:
    """Split on the blank line between statements (function bodies hold none)."""
    return [part.strip() for part in sql.split("\n\n") if part.strip()]


def downgrade() -> None:
    for statement in DROP_TRIGGERS.strip().splitlines():
        op.execute(statement)
    for table in (
        "user_activity_days",
        "engagement_daily_rollups",
        "deal_approval_hours",
        "deal_daily_rollups",
    ):
        op.drop_table(table)
