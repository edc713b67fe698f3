"""trainings: courses and their modules, enrollments, module progress, quiz attempts.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 19:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "courses",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.Column("estimated_minutes", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("content_version", sa.Integer(), nullable=False),
        sa.Column("modules_changed", sa.Boolean(), nullable=False),
        sa.Column("allow_review", sa.Boolean(), nullable=False),
        sa.Column("external_ids", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("search_source", sa.Text(), nullable=False),
        sa.Column(
            "search_text",
            sa.Text(),
            sa.Computed("f_unaccent(lower(search_source))", persisted=True),
            nullable=False,
        ),
        sa.Column(
            "search_vector",
            postgresql.TSVECTOR(),
            sa.Computed(
                "to_tsvector('simple'::regconfig, f_unaccent(lower(search_source)))", persisted=True
            ),
            nullable=False,
        ),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("audience_everyone", sa.Boolean(), nullable=False),
        sa.Column("audience_tier_ids", postgresql.ARRAY(sa.UUID()), nullable=False),
        sa.Column("audience_partner_types", postgresql.ARRAY(sa.String(length=20)), nullable=False),
        sa.Column("audience_countries", postgresql.ARRAY(sa.String(length=2)), nullable=False),
        sa.Column("audience_regions", postgresql.ARRAY(sa.String(length=100)), nullable=False),
        sa.Column("audience_partner_ids", postgresql.ARRAY(sa.UUID()), nullable=False),
        sa.Column("audience_excluded_partner_ids", postgresql.ARRAY(sa.UUID()), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_courses")),
    )
    op.create_index("ix_courses_created_at_id", "courses", ["created_at", "id"], unique=False)
    op.create_index(
        "ix_courses_external_ids",
        "courses",
        ["external_ids"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"external_ids": "jsonb_path_ops"},
    )
    op.create_index(
        "ix_courses_search_text_trgm",
        "courses",
        ["search_text"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.create_index(
        "ix_courses_search_vector",
        "courses",
        ["search_vector"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_index(
        "ix_courses_status_updated", "courses", ["status", "updated_at", "id"], unique=False
    )
    op.create_index("ix_courses_title_id", "courses", ["title", "id"], unique=False)
    op.create_index("ix_courses_updated_at_id", "courses", ["updated_at", "id"], unique=False)
    op.create_table(
        "course_modules",
        sa.Column("course_id", sa.UUID(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("asset_id", sa.UUID(), nullable=True),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("text_version", sa.Integer(), nullable=True),
        sa.Column("passing_score", sa.Integer(), nullable=True),
        sa.Column("time_limit_seconds", sa.Integer(), nullable=True),
        sa.Column("max_attempts", sa.Integer(), nullable=True),
        sa.Column("cooldown_seconds", sa.Integer(), nullable=True),
        sa.Column("questions", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["assets.id"],
            name=op.f("fk_course_modules_asset_id_assets"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("fk_course_modules_course_id_courses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_modules")),
    )
    op.create_index(
        "ix_course_modules_asset_id",
        "course_modules",
        ["asset_id"],
        unique=False,
        postgresql_where=sa.text("asset_id IS NOT NULL"),
    )
    op.create_index(
        "ix_course_modules_course_position",
        "course_modules",
        ["course_id", "position"],
        unique=False,
    )
    op.create_table(
        "enrollments",
        sa.Column("course_id", sa.UUID(), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("assigned_by", sa.String(length=80), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("course_version", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("fk_enrollments_course_id_courses"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_enrollments_partner_id_partners"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_enrollments_user_id_users"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollments")),
    )
    op.create_index(
        "ix_enrollments_course_status", "enrollments", ["course_id", "status"], unique=False
    )
    op.create_index(
        "ix_enrollments_created_at_id", "enrollments", ["created_at", "id"], unique=False
    )
    op.create_index(
        "ix_enrollments_partner_created",
        "enrollments",
        ["partner_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_enrollments_user_created", "enrollments", ["user_id", "created_at", "id"], unique=False
    )
    op.create_index(
        "uq_enrollments_active_course_user",
        "enrollments",
        ["course_id", "user_id"],
        unique=True,
        postgresql_where=sa.text("status IN ('enrolled', 'in_progress')"),
    )
    op.create_table(
        "module_progress",
        sa.Column("enrollment_id", sa.UUID(), nullable=False),
        sa.Column("module_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("accepted_text_version", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollments.id"],
            name=op.f("fk_module_progress_enrollment_id_enrollments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["module_id"],
            ["course_modules.id"],
            name=op.f("fk_module_progress_module_id_course_modules"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_module_progress_partner_id_partners"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_module_progress_user_id_users"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("enrollment_id", "module_id", name=op.f("pk_module_progress")),
    )
    op.create_index("ix_module_progress_module_id", "module_progress", ["module_id"], unique=False)
    op.create_index(
        "ix_module_progress_partner_completed",
        "module_progress",
        ["partner_id", "completed_at"],
        unique=False,
    )
    op.create_table(
        "quiz_attempts",
        sa.Column("enrollment_id", sa.UUID(), nullable=False),
        sa.Column("module_id", sa.UUID(), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answers", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("results", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollments.id"],
            name=op.f("fk_quiz_attempts_enrollment_id_enrollments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["module_id"],
            ["course_modules.id"],
            name=op.f("fk_quiz_attempts_module_id_course_modules"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_quiz_attempts_partner_id_partners"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_quiz_attempts_user_id_users"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quiz_attempts")),
        sa.UniqueConstraint(
            "enrollment_id",
            "module_id",
            "number",
            name=op.f("uq_quiz_attempts_enrollment_id_module_id_number"),
        ),
    )
    op.create_index("ix_quiz_attempts_partner_id", "quiz_attempts", ["partner_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_quiz_attempts_partner_id", table_name="quiz_attempts")
    op.drop_table("quiz_attempts")
    op.drop_index("ix_module_progress_partner_completed", table_name="module_progress")
    op.drop_index("ix_module_progress_module_id", table_name="module_progress")
    op.drop_table("module_progress")
    op.drop_index(
        "uq_enrollments_active_course_user",
        table_name="enrollments",
        postgresql_where=sa.text("status IN ('enrolled', 'in_progress')"),
    )
    op.drop_index("ix_enrollments_user_created", table_name="enrollments")
    op.drop_index("ix_enrollments_partner_created", table_name="enrollments")
    op.drop_index("ix_enrollments_created_at_id", table_name="enrollments")
    op.drop_index("ix_enrollments_course_status", table_name="enrollments")
    op.drop_table("enrollments")
    op.drop_index("ix_course_modules_course_position", table_name="course_modules")
    op.drop_index(
        "ix_course_modules_asset_id",
        table_name="course_modules",
        postgresql_where=sa.text("asset_id IS NOT NULL"),
    )
    op.drop_table("course_modules")
    op.drop_index("ix_courses_updated_at_id", table_name="courses")
    op.drop_index("ix_courses_title_id", table_name="courses")
    op.drop_index("ix_courses_status_updated", table_name="courses")
    op.drop_index("ix_courses_search_vector", table_name="courses", postgresql_using="gin")
    op.drop_index(
        "ix_courses_search_text_trgm",
        table_name="courses",
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.drop_index(
        "ix_courses_external_ids",
        table_name="courses",
        postgresql_using="gin",
        postgresql_ops={"external_ids": "jsonb_path_ops"},
    )
    op.drop_index("ix_courses_created_at_id", table_name="courses")
    op.drop_table("courses")
