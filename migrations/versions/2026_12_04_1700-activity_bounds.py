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


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column("first_day", sa.Date(), sa.Computed("lower(days)", persisted=True))
        )
        op.add_column(
            table, sa.Column("last_day", sa.Date(), sa.Computed("upper(days) - 1", persisted=True))
        )


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, "last_day")
        op.drop_column(table, "first_day")
