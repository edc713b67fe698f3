"""partner_health: daily snapshots of each partner's health score.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 23:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "partner_health_snapshots",
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(10), nullable=False),
        sa.Column("components", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("formula_version", sa.String(20), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_partner_health_snapshots_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("partner_id", "day", name=op.f("pk_partner_health_snapshots")),
    )
    op.create_index("ix_partner_health_snapshots_day", "partner_health_snapshots", ["day"])


def downgrade() -> None:
    op.drop_index("ix_partner_health_snapshots_day", table_name="partner_health_snapshots")
    op.drop_table("partner_health_snapshots")
