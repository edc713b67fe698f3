"""deals

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 03:59:32.976649+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deal_rules",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("max_amount", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("max_amount_currency", sa.String(length=3), nullable=True),
        sa.Column("partner_tier_ids", postgresql.ARRAY(sa.UUID()), nullable=False),
        sa.Column("partner_types", postgresql.ARRAY(sa.String(length=20)), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_rules")),
    )
    op.create_index("ix_deal_rules_position", "deal_rules", ["position"], unique=False)
    op.create_table(
        "program_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("protection_days", sa.Integer(), nullable=False),
        sa.Column("extension_days", sa.Integer(), nullable=False),
        sa.Column("max_extensions", sa.Integer(), nullable=False),
        sa.Column("conflict_threshold", sa.Float(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_settings")),
    )
    op.create_table(
        "deals",
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("registered_by", sa.String(length=80), nullable=True),
        sa.Column("customer_name", sa.String(length=200), nullable=False),
        sa.Column("customer_name_key", sa.String(length=200), nullable=False),
        sa.Column("customer_domain", sa.String(length=253), nullable=True),
        sa.Column("customer_country", sa.String(length=2), nullable=True),
        sa.Column("customer_contact_name", sa.String(length=200), nullable=True),
        sa.Column("customer_contact_email", postgresql.CITEXT(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("products", postgresql.ARRAY(sa.String(length=100)), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("expected_close_date", sa.Date(), nullable=True),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("protection_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=80), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("extensions_used", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.Date(), nullable=True),
        sa.Column("close_reason", sa.Text(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("has_conflicts", sa.Boolean(), nullable=False),
        sa.Column("external_ids", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_deals_partner_id_partners"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deals")),
    )
    op.create_index("ix_deals_amount_id", "deals", ["amount", "id"], unique=False)
    op.create_index("ix_deals_created_at_id", "deals", ["created_at", "id"], unique=False)
    op.create_index("ix_deals_customer_domain", "deals", ["customer_domain"], unique=False)
    op.create_index(
        "ix_deals_customer_name_trgm",
        "deals",
        ["customer_name"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"customer_name": "gin_trgm_ops"},
    )
    op.create_index(
        "ix_deals_due_expiry",
        "deals",
        ["protection_expires_at"],
        unique=False,
        postgresql_where=sa.text("status = 'approved'"),
    )
    op.create_index(
        "ix_deals_expected_close_id", "deals", ["expected_close_date", "id"], unique=False
    )
    op.create_index(
        "ix_deals_external_ids",
        "deals",
        ["external_ids"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"external_ids": "jsonb_path_ops"},
    )
    op.create_index(
        "ix_deals_open_domain",
        "deals",
        ["customer_domain"],
        unique=False,
        postgresql_where=sa.text("status IN ('submitted', 'approved')"),
    )
    op.create_index(
        "ix_deals_open_name_trgm",
        "deals",
        ["customer_name_key"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"customer_name_key": "gin_trgm_ops"},
        postgresql_where=sa.text("status IN ('submitted', 'approved')"),
    )
    op.create_index(
        "ix_deals_partner_created", "deals", ["partner_id", "created_at", "id"], unique=False
    )
    op.create_index(
        "ix_deals_partner_status_created",
        "deals",
        ["partner_id", "status", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_deals_status_created", "deals", ["status", "created_at", "id"], unique=False
    )
    op.create_index(
        "ix_deals_title_trgm",
        "deals",
        ["title"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"title": "gin_trgm_ops"},
    )
    op.create_index("ix_deals_updated_at_id", "deals", ["updated_at", "id"], unique=False)
    op.create_table(
        "deal_conflicts",
        sa.Column("deal_id", sa.UUID(), nullable=False),
        sa.Column("other_deal_id", sa.UUID(), nullable=False),
        sa.Column("reason", sa.String(length=10), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deal_id"],
            ["deals.id"],
            name=op.f("fk_deal_conflicts_deal_id_deals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_deal_id"],
            ["deals.id"],
            name=op.f("fk_deal_conflicts_other_deal_id_deals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_conflicts")),
    )
    op.create_index("ix_deal_conflicts_other", "deal_conflicts", ["other_deal_id"], unique=False)
    op.create_index(
        "uq_deal_conflicts_pair", "deal_conflicts", ["deal_id", "other_deal_id"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_deal_conflicts_pair", table_name="deal_conflicts")
    op.drop_index("ix_deal_conflicts_other", table_name="deal_conflicts")
    op.drop_table("deal_conflicts")
    op.drop_index("ix_deals_updated_at_id", table_name="deals")
    op.drop_index(
        "ix_deals_title_trgm",
        table_name="deals",
        postgresql_using="gin",
        postgresql_ops={"title": "gin_trgm_ops"},
    )
    op.drop_index("ix_deals_status_created", table_name="deals")
    op.drop_index("ix_deals_partner_status_created", table_name="deals")
    op.drop_index("ix_deals_partner_created", table_name="deals")
    op.drop_index(
        "ix_deals_open_name_trgm",
        table_name="deals",
        postgresql_using="gin",
        postgresql_ops={"customer_name_key": "gin_trgm_ops"},
        postgresql_where=sa.text("status IN ('submitted', 'approved')"),
    )
    op.drop_index(
        "ix_deals_open_domain",
        table_name="deals",
        postgresql_where=sa.text("status IN ('submitted', 'approved')"),
    )
    op.drop_index(
        "ix_deals_external_ids",
        table_name="deals",
        postgresql_using="gin",
        postgresql_ops={"external_ids": "jsonb_path_ops"},
    )
    op.drop_index("ix_deals_expected_close_id", table_name="deals")
    op.drop_index(
        "ix_deals_due_expiry", table_name="deals", postgresql_where=sa.text("status = 'approved'")
    )
    op.drop_index(
        "ix_deals_customer_name_trgm",
        table_name="deals",
        postgresql_using="gin",
        postgresql_ops={"customer_name": "gin_trgm_ops"},
    )
    op.drop_index("ix_deals_customer_domain", table_name="deals")
    op.drop_index("ix_deals_created_at_id", table_name="deals")
    op.drop_index("ix_deals_amount_id", table_name="deals")
    op.drop_table("deals")
    op.drop_table("program_settings")
    op.drop_index("ix_deal_rules_position", table_name="deal_rules")
    op.drop_table("deal_rules")
