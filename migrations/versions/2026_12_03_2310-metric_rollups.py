"""metric_rollups: daily per-partner deal and engagement rollups, each deal's applied
contribution, approval durations and user activity days.

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
        "deal_metric_states",
        sa.Column("deal_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount", sa.Numeric(18, 2), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("conflicted", sa.Boolean(), nullable=False),
        sa.Column("decision", sa.String(10), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("approval_hours", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(10), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("left_pipeline_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["deal_id"],
            ["deals.id"],
            name=op.f("fk_deal_metric_states_deal_id_deals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_deal_metric_states_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("deal_id", name=op.f("pk_deal_metric_states")),
    )
    op.create_index("ix_deal_metric_states_partner_id", "deal_metric_states", ["partner_id"])
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


def downgrade() -> None:
    for table in (
        "user_activity_days",
        "engagement_daily_rollups",
        "deal_metric_states",
        "deal_approval_hours",
        "deal_daily_rollups",
    ):
        op.drop_table(table)
