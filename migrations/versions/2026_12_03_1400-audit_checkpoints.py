"""Signed audit checkpoints: the chain head, signed, to detect a cut or rewritten tail.

``audit_checkpoints`` holds one row per checkpoint (the head's ``seq``, its chain ``hash``, the
rows counted up to it, and the compact JWS signed with the JWT signing key). Like
``audit_events`` it is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. The copy
that counts is the one outside the database (the ``audit.checkpoint_created`` event's webhook
deliveries); these rows are what the plain ``verify`` checks against.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 14:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY_FUNCTION = """
CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_checkpoints is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""


def upgrade() -> None:
    op.create_table(
        "audit_checkpoints",
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("row_count", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kid", sa.String(length=64), nullable=False),
        sa.Column("jws", sa.Text(), nullable=False),
        sa.Column("actor_type", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.String(length=80), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checkpoints")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_checkpoints_seq")),
    )
    op.create_index(
        "ix_audit_checkpoints_created_at_id",
        "audit_checkpoints",
        ["created_at", "id"],
        unique=False,
    )
    op.execute(APPEND_ONLY_FUNCTION)
    op.execute(
        "CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE "
        "ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_append_only()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_checkpoints_no_truncate ON audit_checkpoints")
    op.execute("DROP TRIGGER IF EXISTS audit_checkpoints_no_update_delete ON audit_checkpoints")
    op.execute("DROP FUNCTION IF EXISTS audit_checkpoints_append_only()")
    op.drop_index("ix_audit_checkpoints_created_at_id", table_name="audit_checkpoints")
    op.drop_table("audit_checkpoints")
