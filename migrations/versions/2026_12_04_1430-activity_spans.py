"""activity_spans: the days each partner registered or won a deal, and the days each partner
user signed in, as one multirange per partner and per user.

Distinct counts over any range (active partners, active users) then read one row per partner
or user — ``days && daterange(from, to)`` — instead of every (partner, day) rollup row or every
sign-in day of the range. Kept in the change's transaction by row triggers on the deal rollups
and on ``user_activity_days``; ``prm_rebuild_activity_spans()`` (``prm-api metrics rebuild``)
derives them again from those tables. A span that has lost its last day is no row.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04 14:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FUNCTIONS = """
-- A deal rollup row changed: its (partner, day) is active while any of the partner's rollup
-- rows of that day registered or won a deal. Only a row whose own activity flips can change
-- the answer.
CREATE FUNCTION prm_deal_rollups_to_activity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was boolean := false;
  now_active boolean := false;
BEGIN
  IF current_setting('prm.rebuilding_rollups', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN was := OLD.registered > 0 OR OLD.won > 0; END IF;
  IF TG_OP <> 'DELETE' THEN now_active := NEW.registered > 0 OR NEW.won > 0; END IF;
  IF was = now_active THEN
    RETURN NULL;
  END IF;
  IF now_active THEN
    INSERT INTO partner_deal_activity AS a (partner_id, days)
    VALUES (NEW.partner_id, datemultirange(daterange(NEW.day, NEW.day, '[]')))
    ON CONFLICT (partner_id) DO UPDATE SET days = a.days + EXCLUDED.days
    WHERE NOT a.days @> NEW.day;
    RETURN NULL;
  END IF;
  -- The lock first: a concurrent change to another row of that day then commits before the
  -- check below reads it (two rows of one day going inactive at once both see the other).
  PERFORM 1 FROM partner_deal_activity WHERE partner_id = OLD.partner_id FOR UPDATE;
  IF NOT EXISTS (SELECT 1 FROM deal_daily_rollups r
                  WHERE r.partner_id = OLD.partner_id AND r.day = OLD.day
                    AND (r.registered > 0 OR r.won > 0)) THEN
    UPDATE partner_deal_activity
       SET days = days - datemultirange(daterange(OLD.day, OLD.day, '[]'))
     WHERE partner_id = OLD.partner_id AND days @> OLD.day;
    DELETE FROM partner_deal_activity WHERE partner_id = OLD.partner_id AND isempty(days);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER deal_daily_rollups_activity AFTER INSERT OR UPDATE OR DELETE
ON deal_daily_rollups FOR EACH ROW EXECUTE FUNCTION prm_deal_rollups_to_activity();

-- One row per user and day in user_activity_days: a row in is its day in, a row out its day out.
CREATE FUNCTION prm_user_days_to_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE user_activity_spans SET days = days - datemultirange(daterange(OLD.day, OLD.day, '[]'))
     WHERE user_id = OLD.user_id AND partner_id = OLD.partner_id;
    DELETE FROM user_activity_spans
     WHERE user_id = OLD.user_id AND partner_id = OLD.partner_id AND isempty(days);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO user_activity_spans AS a (user_id, partner_id, days)
    VALUES (NEW.user_id, NEW.partner_id, datemultirange(daterange(NEW.day, NEW.day, '[]')))
    ON CONFLICT (user_id, partner_id) DO UPDATE SET days = a.days + EXCLUDED.days;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER user_activity_days_spans AFTER INSERT OR UPDATE OR DELETE
ON user_activity_days FOR EACH ROW EXECUTE FUNCTION prm_user_days_to_activity();

-- Both span tables from the rollups and the sign-in days, set-based.
CREATE FUNCTION prm_rebuild_activity_spans() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE partner_deal_activity, user_activity_spans IN SHARE ROW EXCLUSIVE MODE;
  DELETE FROM partner_deal_activity;
  DELETE FROM user_activity_spans;
  INSERT INTO partner_deal_activity (partner_id, days)
  SELECT partner_id, range_agg(daterange(day, day, '[]'))
    FROM deal_daily_rollups WHERE registered > 0 OR won > 0 GROUP BY partner_id;
  INSERT INTO user_activity_spans (user_id, partner_id, days)
  SELECT user_id, partner_id, range_agg(daterange(day, day, '[]'))
    FROM user_activity_days GROUP BY user_id, partner_id;
END $$;
"""

DROP = """
DROP TRIGGER IF EXISTS user_activity_days_spans ON user_activity_days;
DROP TRIGGER IF EXISTS deal_daily_rollups_activity ON deal_daily_rollups;
DROP FUNCTION IF EXISTS prm_rebuild_activity_spans();
DROP FUNCTION IF EXISTS prm_user_days_to_activity();
DROP FUNCTION IF EXISTS prm_deal_rollups_to_activity();
"""


def upgrade() -> None:
    op.create_table(
        "partner_deal_activity",
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("days", postgresql.DATEMULTIRANGE(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_partner_deal_activity_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("partner_id", name=op.f("pk_partner_deal_activity")),
    )
    op.create_table(
        "user_activity_spans",
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("days", postgresql.DATEMULTIRANGE(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_activity_spans_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_user_activity_spans_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "partner_id", name=op.f("pk_user_activity_spans")),
    )
    op.create_index("ix_user_activity_spans_partner_id", "user_activity_spans", ["partner_id"])
    for statement in _statements(FUNCTIONS):
        op.execute(statement)
    op.execute("SELECT prm_rebuild_activity_spans()")  # an installation with history


def _statements(sql: str) -> list[str]:
    """Split on the blank line between statements (function bodies hold none)."""
    return [part.strip() for part in sql.split("\n\n") if part.strip()]


def downgrade() -> None:
    for statement in DROP.strip().splitlines():
        op.execute(statement)
    op.drop_table("user_activity_spans")
    op.drop_table("partner_deal_activity")
