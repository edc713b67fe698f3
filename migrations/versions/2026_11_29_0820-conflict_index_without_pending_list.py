"""The conflict-candidate name index keeps no pending list.

A GIN index with ``fastupdate`` queues new entries in a pending list that every search scans
in full until vacuum merges it. Every submit searches this index, and every submit adds to it,
so with the pending list the conflict query's time grew between vacuums (measured at 1M deals:
3–4 ms with an empty list, 7–12 ms with 1,300 pending entries). Without it each insert goes
straight into the index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 08:20:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER INDEX ix_deals_open_name_trgm SET (fastupdate = off)")
    # Turning fastupdate off leaves what is already pending in place: merge it now.
    op.execute("SELECT gin_clean_pending_list('ix_deals_open_name_trgm'::regclass)")


def downgrade() -> None:
    op.execute("ALTER INDEX ix_deals_open_name_trgm RESET (fastupdate)")
