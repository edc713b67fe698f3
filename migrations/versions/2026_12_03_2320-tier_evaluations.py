"""tier_evaluations: evaluation runs of the tiers' criteria and the tier changes they record.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 23:20:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ZERO = sa.text("0")


def _count(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), server_default=ZERO, nullable=False)


def _common() -> list[sa.Column]:
    return [
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "tier_evaluations",
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("trigger", sa.String(length=10), nullable=False),
        sa.Column("triggered_by", sa.String(length=120), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("window_start", sa.Date(), nullable=False),
        sa.Column("window_end", sa.Date(), nullable=False),
        sa.Column("base_currency", sa.String(length=3), nullable=False),
        _count("partners_evaluated"),
        _count("upgrades"),
        _count("downgrades"),
        _count("open_changes"),
        _count("cancelled_earlier"),
        *_common(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tier_evaluations")),
    )
    op.create_index(
        "ix_tier_evaluations_created_at_id", "tier_evaluations", ["created_at", "id"], unique=False
    )
    op.create_index(
        "ix_tier_evaluations_started_at", "tier_evaluations", ["started_at"], unique=False
    )
    op.create_table(
        "tier_evaluation_changes",
        sa.Column("evaluation_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("from_tier_id", sa.UUID(), nullable=True),
        sa.Column("to_tier_id", sa.UUID(), nullable=True),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=14), nullable=False),
        sa.Column("criteria", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=120), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("effective_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        *_common(),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["tier_evaluations.id"],
            name=op.f("fk_tier_evaluation_changes_evaluation_id_tier_evaluations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_tier_evaluation_changes_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tier_evaluation_changes")),
    )
    op.create_index(
        "ix_tier_evaluation_changes_evaluation_id_id",
        "tier_evaluation_changes",
        ["evaluation_id", "id"],
        unique=False,
    )
    op.create_index(
        "ix_tier_evaluation_changes_partner_id",
        "tier_evaluation_changes",
        ["partner_id"],
        unique=False,
    )
    op.create_index(
        "uq_tier_evaluation_changes_open_partner",
        "tier_evaluation_changes",
        ["partner_id"],
        unique=True,
        postgresql_where=sa.text("status IN ('proposed', 'pending_grace')"),
    )
    op.create_index(
        "ix_tier_evaluation_changes_grace_due",
        "tier_evaluation_changes",
        ["effective_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending_grace'"),
    )


def downgrade() -> None:
    op.drop_table("tier_evaluation_changes")
    op.drop_table("tier_evaluations")
