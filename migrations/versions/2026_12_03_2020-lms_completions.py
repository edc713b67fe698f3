"""lms_completions: completions from an external LMS and xAPI statements.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 20:20:00+00:00
"""

from collections.abc import Sequence

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
