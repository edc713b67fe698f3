"""onboarding: the program's onboarding plan and each partner's checklist.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 20:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "onboarding_steps",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("profile_fields", postgresql.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column("module_id", sa.UUID(), nullable=True),
        sa.Column("course_id", sa.UUID(), nullable=True),
        sa.Column("min_count", sa.Integer(), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("fk_onboarding_steps_course_id_courses"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["module_id"],
            ["course_modules.id"],
            name=op.f("fk_onboarding_steps_module_id_course_modules"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onboarding_steps")),
    )
    op.create_index("ix_onboarding_steps_kind", "onboarding_steps", ["kind"], unique=False)
    op.create_index(
        "ix_onboarding_steps_position_id", "onboarding_steps", ["position", "id"], unique=False
    )
    op.create_table(
        "partner_onboarding_steps",
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("step_id", sa.UUID(), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_partner_onboarding_steps_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["step_id"],
            ["onboarding_steps.id"],
            name=op.f("fk_partner_onboarding_steps_step_id_onboarding_steps"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("partner_id", "step_id", name=op.f("pk_partner_onboarding_steps")),
    )
    op.create_index(
        "ix_partner_onboarding_steps_step_id",
        "partner_onboarding_steps",
        ["step_id"],
        unique=False,
    )
    op.add_column(
        "program_settings",
        sa.Column(
            "onboarding_auto_activate",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_column("program_settings", "onboarding_auto_activate")
    op.drop_index("ix_partner_onboarding_steps_step_id", table_name="partner_onboarding_steps")
    op.drop_table("partner_onboarding_steps")
    op.drop_index("ix_onboarding_steps_position_id", table_name="onboarding_steps")
    op.drop_index("ix_onboarding_steps_kind", table_name="onboarding_steps")
    op.drop_table("onboarding_steps")
