"""assets: the content library's categories, assets (with audience rules), file versions,
share links and downloads.

Search: ``unaccent`` (shipped with the embedded server, like pg_trgm) and ``f_unaccent``, its
immutable wrapper (the dictionary named explicitly, so the result cannot depend on the
search path), which the generated search columns and their indexes need. ``assets`` and
``asset_versions`` reference each other (the current version): that key is added after both.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 16:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

F_UNACCENT = """
CREATE FUNCTION f_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
"""
SEARCH_TEXT = "f_unaccent(lower(search_source))"
SEARCH_VECTOR = "to_tsvector('simple'::regconfig, f_unaccent(lower(search_source)))"


def _audience_columns() -> list[sa.Column]:
    return [
        sa.Column("audience_everyone", sa.Boolean(), nullable=False),
        sa.Column("audience_tier_ids", postgresql.ARRAY(sa.UUID()), nullable=False),
        sa.Column("audience_partner_types", postgresql.ARRAY(sa.String(length=20)), nullable=False),
        sa.Column("audience_countries", postgresql.ARRAY(sa.String(length=2)), nullable=False),
        sa.Column("audience_regions", postgresql.ARRAY(sa.String(length=100)), nullable=False),
        sa.Column("audience_partner_ids", postgresql.ARRAY(sa.UUID()), nullable=False),
        sa.Column("audience_excluded_partner_ids", postgresql.ARRAY(sa.UUID()), nullable=False),
    ]


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute(F_UNACCENT)

    op.create_table(
        "asset_categories",
        sa.Column("parent_id", sa.UUID(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["asset_categories.id"],
            name=op.f("fk_asset_categories_parent_id_asset_categories"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asset_categories")),
    )
    op.create_index("uq_asset_categories_slug", "asset_categories", ["slug"], unique=True)
    op.create_index(
        "ix_asset_categories_parent_position", "asset_categories", ["parent_id", "position"]
    )

    op.create_table(
        "assets",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("category_id", sa.UUID(), nullable=True),
        sa.Column("tags", postgresql.ARRAY(sa.String(length=64)), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("featured", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=True),
        sa.Column("current_version_id", sa.UUID(), nullable=True),
        sa.Column("current_version_number", sa.Integer(), nullable=True),
        sa.Column("current_filename", sa.String(length=255), nullable=True),
        sa.Column("current_content_type", sa.String(length=255), nullable=True),
        sa.Column("current_size_bytes", sa.BigInteger(), nullable=True),
        sa.Column("current_sha256", sa.String(length=64), nullable=True),
        sa.Column("current_uploaded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("has_thumbnail", sa.Boolean(), nullable=False),
        sa.Column("download_count", sa.BigInteger(), nullable=False),
        sa.Column("external_ids", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("search_source", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), sa.Computed(SEARCH_TEXT, persisted=True)),
        sa.Column(
            "search_vector", postgresql.TSVECTOR(), sa.Computed(SEARCH_VECTOR, persisted=True)
        ),
        *_audience_columns(),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["asset_categories.id"],
            name=op.f("fk_assets_category_id_asset_categories"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assets")),
    )
    op.create_index("ix_assets_created_at_id", "assets", ["created_at", "id"])
    op.create_index("ix_assets_updated_at_id", "assets", ["updated_at", "id"])
    op.create_index("ix_assets_title_id", "assets", ["title", "id"])
    op.create_index("ix_assets_status_updated", "assets", ["status", "updated_at", "id"])
    op.create_index("ix_assets_category_id", "assets", ["category_id"])
    op.create_index("ix_assets_tags", "assets", ["tags"], postgresql_using="gin")
    op.create_index(
        "ix_assets_external_ids",
        "assets",
        ["external_ids"],
        postgresql_using="gin",
        postgresql_ops={"external_ids": "jsonb_path_ops"},
    )
    op.create_index(
        "ix_assets_search_text_trgm",
        "assets",
        ["search_text"],
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.create_index("ix_assets_search_vector", "assets", ["search_vector"], postgresql_using="gin")
    op.create_index(
        "ix_assets_due_publish",
        "assets",
        ["publish_at"],
        postgresql_where=sa.text("status = 'draft' AND publish_at IS NOT NULL"),
    )
    op.create_index(
        "ix_assets_due_expiry",
        "assets",
        ["expires_at"],
        postgresql_where=sa.text("status = 'published' AND expires_at IS NOT NULL"),
    )

    op.create_table(
        "asset_versions",
        sa.Column("asset_id", sa.UUID(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=255), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_by", sa.String(length=80), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["assets.id"],
            name=op.f("fk_asset_versions_asset_id_assets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asset_versions")),
        sa.UniqueConstraint("asset_id", "number", name=op.f("uq_asset_versions_asset_id_number")),
    )
    op.create_index("ix_asset_versions_sha256", "asset_versions", ["sha256"])
    op.create_foreign_key(
        op.f("fk_assets_current_version_id_asset_versions"),
        "assets",
        "asset_versions",
        ["current_version_id"],
        ["id"],
        ondelete="SET NULL",
    )

    op.create_table(
        "asset_share_links",
        sa.Column("asset_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["assets.id"],
            name=op.f("fk_asset_share_links_asset_id_assets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_asset_share_links_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asset_share_links")),
    )
    op.create_index(
        "uq_asset_share_links_token_hash", "asset_share_links", ["token_hash"], unique=True
    )
    op.create_index(
        "ix_asset_share_links_asset_id", "asset_share_links", ["asset_id", "created_at"]
    )
    op.create_index("ix_asset_share_links_partner_id", "asset_share_links", ["partner_id"])

    op.create_table(
        "asset_downloads",
        sa.Column("asset_id", sa.UUID(), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=True),
        sa.Column("actor_type", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.String(length=80), nullable=True),
        sa.Column("share_link_id", sa.UUID(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.ForeignKeyConstraint(
            ["asset_id"],
            ["assets.id"],
            name=op.f("fk_asset_downloads_asset_id_assets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_asset_downloads_partner_id_partners"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["share_link_id"],
            ["asset_share_links.id"],
            name=op.f("fk_asset_downloads_share_link_id_asset_share_links"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asset_downloads")),
    )
    op.create_index("ix_asset_downloads_asset_at", "asset_downloads", ["asset_id", "at"])
    op.create_index("ix_asset_downloads_partner_at", "asset_downloads", ["partner_id", "at"])


def downgrade() -> None:
    op.drop_table("asset_downloads")
    op.drop_table("asset_share_links")
    op.drop_constraint(
        op.f("fk_assets_current_version_id_asset_versions"), "assets", type_="foreignkey"
    )
    op.drop_table("asset_versions")
    op.drop_table("assets")
    op.drop_table("asset_categories")
    op.execute("DROP FUNCTION IF EXISTS f_unaccent(text)")
    op.execute("DROP EXTENSION IF EXISTS unaccent")
