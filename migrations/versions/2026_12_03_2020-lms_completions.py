"""lms_completions: completions from an external LMS and xAPI statements.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 20:20:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "external_completions",
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=False),
        sa.Column("sent_by", sa.String(length=80), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("course_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("enrollment_id", sa.UUID(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("statement", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("fk_external_completions_course_id_courses"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollments.id"],
            name=op.f("fk_external_completions_enrollment_id_enrollments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_external_completions_partner_id_partners"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_external_completions_user_id_users"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_completions")),
    )
    op.create_index(
        "uq_external_completions_source_external_id",
        "external_completions",
        ["source", "external_id"],
        unique=True,
    )
    op.create_index(
        "ix_external_completions_enrollment_id", "external_completions", ["enrollment_id"]
    )
    op.create_index(
        "ix_external_completions_partner_created",
        "external_completions",
        ["partner_id", "created_at", "id"],
    )
    op.create_index(
        "ix_enrollments_due_active",
        "enrollments",
        ["due_at"],
        postgresql_where=sa.text("status IN ('enrolled', 'in_progress') AND due_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_enrollments_due_active", table_name="enrollments")
    op.drop_index("ix_external_completions_partner_created", table_name="external_completions")
    op.drop_index("ix_external_completions_enrollment_id", table_name="external_completions")
    op.drop_index("uq_external_completions_source_external_id", table_name="external_completions")
    op.drop_table("external_completions")
