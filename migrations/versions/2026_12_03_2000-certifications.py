"""certifications: certification programs, certifications (Open Badges 3.0 credentials).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 20:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("certification_number_seq")))
    op.create_table(
        "certification_programs",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("course_ids", postgresql.ARRAY(sa.UUID()), nullable=False),
        sa.Column("validity_months", sa.Integer(), nullable=False),
        sa.Column("renewal_window_days", sa.Integer(), nullable=False),
        sa.Column("expiring_notice_days", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("external_ids", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certification_programs")),
    )
    op.create_index(
        "ix_certification_programs_created_at_id",
        "certification_programs",
        ["created_at", "id"],
    )
    op.create_index("ix_certification_programs_name_id", "certification_programs", ["name", "id"])
    op.create_index(
        "ix_certification_programs_course_ids",
        "certification_programs",
        ["course_ids"],
        postgresql_using="gin",
    )
    op.create_index(
        "ix_certification_programs_external_ids",
        "certification_programs",
        ["external_ids"],
        postgresql_using="gin",
        postgresql_ops={"external_ids": "jsonb_path_ops"},
    )
    op.create_table(
        "certifications",
        sa.Column("program_id", sa.UUID(), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verification_code", sa.String(length=64), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_reason", sa.Text(), nullable=True),
        sa.Column("revoked_by", sa.String(length=80), nullable=True),
        sa.Column("expiring_notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("renewal_opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("renews_id", sa.UUID(), nullable=True),
        sa.Column("renewed_by_id", sa.UUID(), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_certifications_partner_id_partners"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["certification_programs.id"],
            name=op.f("fk_certifications_program_id_certification_programs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["renewed_by_id"],
            ["certifications.id"],
            name=op.f("fk_certifications_renewed_by_id_certifications"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["renews_id"],
            ["certifications.id"],
            name=op.f("fk_certifications_renews_id_certifications"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_certifications_user_id_users"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certifications")),
    )
    op.create_index("uq_certifications_number", "certifications", ["number"], unique=True)
    op.create_index(
        "uq_certifications_verification_code",
        "certifications",
        ["verification_code"],
        unique=True,
    )
    op.create_index("ix_certifications_created_at_id", "certifications", ["created_at", "id"])
    op.create_index(
        "ix_certifications_partner_created", "certifications", ["partner_id", "created_at", "id"]
    )
    op.create_index("ix_certifications_user_program", "certifications", ["user_id", "program_id"])
    op.create_index(
        "ix_certifications_current_expires",
        "certifications",
        ["expires_at"],
        postgresql_where=sa.text("status IN ('active', 'expiring')"),
    )


def downgrade() -> None:
    op.drop_index("ix_certifications_current_expires", table_name="certifications")
    op.drop_index("ix_certifications_user_program", table_name="certifications")
    op.drop_index("ix_certifications_partner_created", table_name="certifications")
    op.drop_index("ix_certifications_created_at_id", table_name="certifications")
    op.drop_index("uq_certifications_verification_code", table_name="certifications")
    op.drop_index("uq_certifications_number", table_name="certifications")
    op.drop_table("certifications")
    op.drop_index("ix_certification_programs_external_ids", table_name="certification_programs")
    op.drop_index("ix_certification_programs_course_ids", table_name="certification_programs")
    op.drop_index("ix_certification_programs_name_id", table_name="certification_programs")
    op.drop_index("ix_certification_programs_created_at_id", table_name="certification_programs")
    op.drop_table("certification_programs")
    op.execute(sa.schema.DropSequence(sa.Sequence("certification_number_seq")))
