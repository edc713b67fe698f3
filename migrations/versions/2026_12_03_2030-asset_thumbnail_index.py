"""asset_thumbnail_index: the thumbnail job's partial index on assets.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 20:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_assets_thumbnail_due",
        "assets",
        ["id"],
        unique=False,
        postgresql_where=sa.text(
            "has_thumbnail IS FALSE AND current_sha256 IS NOT NULL AND current_content_type IN "
            "('application/pdf', 'image/gif', 'image/jpeg', 'image/png', 'image/webp')"
        ),
    )


def downgrade() -> None:
    op.drop_index("ix_assets_thumbnail_due", table_name="assets")
