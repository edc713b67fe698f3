"""partners tiers invitations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 02:48:12.144150+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tiers",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("benefits", sa.Text(), nullable=False),
        sa.Column("min_won_revenue", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("min_won_revenue_currency", sa.String(length=3), nullable=True),
        sa.Column("min_won_deals", sa.Integer(), nullable=True),
        sa.Column("min_certified_users", sa.Integer(), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tiers")),
    )
    op.create_index("uq_tiers_key", "tiers", ["key"], unique=True)
    op.create_index("uq_tiers_rank", "tiers", ["rank"], unique=True)
    op.create_table(
        "partners",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("legal_name", sa.String(length=300), nullable=True),
        sa.Column("website", sa.String(length=2048), nullable=True),
        sa.Column("domain", sa.String(length=253), nullable=True),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("tier_id", sa.UUID(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("region", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("contact_email", postgresql.CITEXT(), nullable=True),
        sa.Column("contact_phone", sa.String(length=40), nullable=True),
        sa.Column("address", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("manager_id", sa.UUID(), nullable=True),
        sa.Column("tags", postgresql.ARRAY(sa.String(length=64)), nullable=False),
        sa.Column("external_ids", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("suspended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("declined_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("terminated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status_changed_by", sa.String(length=80), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["users.id"],
            name=op.f("fk_partners_manager_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tier_id"], ["tiers.id"], name=op.f("fk_partners_tier_id_tiers"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partners")),
    )
    op.create_index("ix_partners_country", "partners", ["country"], unique=False)
    op.create_index("ix_partners_created_at_id", "partners", ["created_at", "id"], unique=False)
    op.create_index(
        "ix_partners_domain_trgm",
        "partners",
        ["domain"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"domain": "gin_trgm_ops"},
    )
    op.create_index(
        "ix_partners_external_ids",
        "partners",
        ["external_ids"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"external_ids": "jsonb_path_ops"},
    )
    op.create_index("ix_partners_manager_id", "partners", ["manager_id"], unique=False)
    op.create_index("ix_partners_name_id", "partners", ["name", "id"], unique=False)
    op.create_index(
        "ix_partners_name_trgm",
        "partners",
        ["name"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"name": "gin_trgm_ops"},
    )
    op.create_index("ix_partners_status", "partners", ["status"], unique=False)
    op.create_index("ix_partners_tags", "partners", ["tags"], unique=False, postgresql_using="gin")
    op.create_index("ix_partners_tier_id", "partners", ["tier_id"], unique=False)
    op.create_index("ix_partners_type", "partners", ["type"], unique=False)
    op.create_index("ix_partners_updated_at_id", "partners", ["updated_at", "id"], unique=False)
    op.create_index(
        "uq_partners_live_domain",
        "partners",
        ["domain"],
        unique=True,
        postgresql_where=sa.text("status NOT IN ('declined', 'terminated')"),
    )
    op.create_table(
        "invitations",
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("email", postgresql.CITEXT(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_user_id", sa.UUID(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("invited_by", sa.String(length=80), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_invitations_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
    )
    op.create_index(
        "ix_invitations_partner_id_created_at",
        "invitations",
        ["partner_id", "created_at"],
        unique=False,
    )
    op.create_index("uq_invitations_token_hash", "invitations", ["token_hash"], unique=True)
    op.create_foreign_key(
        op.f("fk_api_clients_partner_id_partners"),
        "api_clients",
        "partners",
        ["partner_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    op.create_foreign_key(
        op.f("fk_users_partner_id_partners"),
        "users",
        "partners",
        ["partner_id"],
        ["id"],
        ondelete="RESTRICT",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("fk_users_partner_id_partners"), "users", type_="foreignkey")
    op.drop_constraint(
        op.f("fk_api_clients_partner_id_partners"), "api_clients", type_="foreignkey"
    )
    op.drop_index("uq_invitations_token_hash", table_name="invitations")
    op.drop_index("ix_invitations_partner_id_created_at", table_name="invitations")
    op.drop_table("invitations")
    op.drop_index(
        "uq_partners_live_domain",
        table_name="partners",
        postgresql_where=sa.text("status NOT IN ('declined', 'terminated')"),
    )
    op.drop_index("ix_partners_updated_at_id", table_name="partners")
    op.drop_index("ix_partners_type", table_name="partners")
    op.drop_index("ix_partners_tier_id", table_name="partners")
    op.drop_index("ix_partners_tags", table_name="partners", postgresql_using="gin")
    op.drop_index("ix_partners_status", table_name="partners")
    op.drop_index(
        "ix_partners_name_trgm",
        table_name="partners",
        postgresql_using="gin",
        postgresql_ops={"name": "gin_trgm_ops"},
    )
    op.drop_index("ix_partners_name_id", table_name="partners")
    op.drop_index("ix_partners_manager_id", table_name="partners")
    op.drop_index(
        "ix_partners_external_ids",
        table_name="partners",
        postgresql_using="gin",
        postgresql_ops={"external_ids": "jsonb_path_ops"},
    )
    op.drop_index(
        "ix_partners_domain_trgm",
        table_name="partners",
        postgresql_using="gin",
        postgresql_ops={"domain": "gin_trgm_ops"},
    )
    op.drop_index("ix_partners_created_at_id", table_name="partners")
    op.drop_index("ix_partners_country", table_name="partners")
    op.drop_table("partners")
    op.drop_index("uq_tiers_rank", table_name="tiers")
    op.drop_index("uq_tiers_key", table_name="tiers")
    op.drop_table("tiers")
