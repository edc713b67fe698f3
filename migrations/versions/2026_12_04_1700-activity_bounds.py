"""activity_bounds: each activity span's first and last day, stored beside its multirange.

Active partners and active users of a period read every span (``partner_deal_activity``,
``user_activity_spans``: a row per partner, per user and partner) and asked ``days &&
daterange(...)`` of each — a multirange of a few hundred bytes taken apart per row, per period.
A span whose first or last day falls inside the period is active there, and one that ends
before it or begins after it is not: only a span that begins before the period and ends after
it still needs its multirange (a day inside, or a gap over the whole period). The bounds are
generated columns (``lower(days)``, ``upper(days) - 1``: the bounds of a date multirange are
canonical ``[)``), so the triggers and ``prm_rebuild_activity_spans()`` keep them without a
change; null only for an empty span, which the triggers delete in the same statement.

No index: a program-wide read counts most spans of the table, and an index-only scan of the
bounds pays a heap visit for every span on a page a sign-in has touched since the last vacuum
(every sign-in day updates its user's span) — slower than the sequential read it replaces.
Adding a stored column rewrites the table (tens of thousands of rows).

Active users are distinct users, and ``user_activity_spans`` is keyed by user and partner: a
distinct count sorts every active user's id (most of the read). A user's partner is set when it
is created and never changes, so a user has one span; ``users_in_several_partners`` lists any
user that ever had spans under two partners (a trigger on the spans; none unless a user's
partner was changed in the database), and while it is empty the users are counted by their
spans, without the sort.

Users are many (a few per partner) and their spans wide (a multirange of a few hundred bytes
each): reading every span to count the active users of a year read ~15 MB, and for a past year
most users' spans straddle it. ``user_activity_bounds`` keeps each user span's first and last
day and its longest gap (the most days in a row without a sign-in, ``prm_longest_gap``) in a
narrow row, kept by a trigger on the spans: a user whose span straddles a period is active in
it whenever its longest gap is shorter than the period, and only the few others read their
multirange.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 17:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("partner_deal_activity", "user_activity_spans")


SEVERAL = """
CREATE FUNCTION prm_note_user_in_several_partners() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The user's row first: two spans of one user begun at once under two partners see each
  -- other (the second waits, then its check reads the first's committed span).
  PERFORM 1 FROM users WHERE id = NEW.user_id FOR NO KEY UPDATE;
  IF EXISTS (SELECT 1 FROM user_activity_spans
              WHERE user_id = NEW.user_id AND partner_id <> NEW.partner_id) THEN
    INSERT INTO users_in_several_partners (user_id) VALUES (NEW.user_id)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER user_activity_spans_several AFTER INSERT ON user_activity_spans
FOR EACH ROW EXECUTE FUNCTION prm_note_user_in_several_partners();

INSERT INTO users_in_several_partners (user_id)
SELECT user_id FROM user_activity_spans GROUP BY user_id HAVING count(*) > 1

-- The most days in a row between two ranges of a multirange (0: none).
CREATE FUNCTION prm_longest_gap(m datemultirange) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(max(lower(r) - before), 0)::integer
    FROM (SELECT r, lag(upper(r)) OVER (ORDER BY r) AS before FROM unnest(m) AS r) x
$$

CREATE FUNCTION prm_user_spans_to_bounds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR isempty(NEW.days) THEN  -- an empty span is deleted next
    DELETE FROM user_activity_bounds
     WHERE user_id = OLD.user_id AND partner_id = OLD.partner_id;
    RETURN NULL;
  END IF;
  INSERT INTO user_activity_bounds AS b (user_id, partner_id, first_day, last_day, longest_gap)
  VALUES (NEW.user_id, NEW.partner_id, NEW.first_day, NEW.last_day, prm_longest_gap(NEW.days))
  ON CONFLICT (user_id, partner_id) DO UPDATE
     SET first_day = EXCLUDED.first_day, last_day = EXCLUDED.last_day,
         longest_gap = EXCLUDED.longest_gap
   WHERE (b.first_day, b.last_day, b.longest_gap)
         IS DISTINCT FROM (EXCLUDED.first_day, EXCLUDED.last_day, EXCLUDED.longest_gap);
  RETURN NULL;
END $$

CREATE TRIGGER user_activity_spans_bounds AFTER INSERT OR UPDATE OR DELETE
ON user_activity_spans FOR EACH ROW EXECUTE FUNCTION prm_user_spans_to_bounds()

INSERT INTO user_activity_bounds (user_id, partner_id, first_day, last_day, longest_gap)
SELECT user_id, partner_id, first_day, last_day, prm_longest_gap(days)
  FROM user_activity_spans WHERE NOT isempty(days)
"""


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column("first_day", sa.Date(), sa.Computed("lower(days)", persisted=True))
        )
        op.add_column(
            table, sa.Column("last_day", sa.Date(), sa.Computed("upper(days) - 1", persisted=True))
        )
    op.create_table(
        "users_in_several_partners",
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_users_in_several_partners_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_users_in_several_partners")),
    )
    op.create_table(
        "user_activity_bounds",
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("longest_gap", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_activity_bounds_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_user_activity_bounds_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "partner_id", name=op.f("pk_user_activity_bounds")),
    )
    # A partner's users (a scorecard, a partner token's figures).
    op.create_index("ix_user_activity_bounds_partner_id", "user_activity_bounds", ["partner_id"])
    for statement in SEVERAL.strip().split("\n\n"):
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS user_activity_spans_bounds ON user_activity_spans")
    op.execute("DROP FUNCTION IF EXISTS prm_user_spans_to_bounds()")
    op.execute("DROP FUNCTION IF EXISTS prm_longest_gap(datemultirange)")
    op.drop_index("ix_user_activity_bounds_partner_id", table_name="user_activity_bounds")
    op.drop_table("user_activity_bounds")
    op.execute("DROP TRIGGER IF EXISTS user_activity_spans_several ON user_activity_spans")
    op.execute("DROP FUNCTION IF EXISTS prm_note_user_in_several_partners()")
    op.drop_table("users_in_several_partners")
    for table in TABLES:
        op.drop_column(table, "last_day")
        op.drop_column(table, "first_day")
