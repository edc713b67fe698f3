"""metrics_settings_exchange_rates: the program's base currency, tier evaluation and health
settings; vendor-managed exchange rates.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 23:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "program_settings",
        sa.Column("base_currency", sa.String(3), server_default=sa.text("'USD'"), nullable=False),
    )
    op.add_column(
        "program_settings",
        sa.Column(
            "tier_evaluation_mode",
            sa.String(10),
            server_default=sa.text("'manual'"),
            nullable=False,
        ),
    )
    op.add_column(
        "program_settings",
        sa.Column("tier_window_months", sa.Integer(), server_default=sa.text("12"), nullable=False),
    )
    op.add_column(
        "program_settings",
        sa.Column(
            "tier_downgrade_grace_days", sa.Integer(), server_default=sa.text("30"), nullable=False
        ),
    )
    op.add_column(
        "program_settings",
        sa.Column(
            "health_weights",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
    )
    op.create_table(
        "exchange_rates",
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("rate_date", sa.Date(), nullable=False),
        sa.Column("rate", sa.Numeric(24, 10), nullable=False),
        sa.Column("source", sa.String(100), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_rates")),
    )
    op.create_index(
        "uq_exchange_rates_currency_date",
        "exchange_rates",
        ["currency", "rate_date"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("uq_exchange_rates_currency_date", table_name="exchange_rates")
    op.drop_table("exchange_rates")
    for column in (
        "health_weights",
        "tier_downgrade_grace_days",
        "tier_window_months",
        "tier_evaluation_mode",
        "base_currency",
    ):
        op.drop_column("program_settings", column)
