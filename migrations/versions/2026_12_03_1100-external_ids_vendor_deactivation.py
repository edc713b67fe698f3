"""External ids unique in the database; a vendor's deactivation of a user remembered.

**External ids.** Each (system, id) names at most one partner and at most one deal.

``external_ids`` is a JSONB map, and a unique index cannot cover every key of a map: the check
the services made before writing could not see a concurrent writer, so racing creates left
several rows with one CRM key (and the CRM upsert answered 409 for it forever). Each map now
has a side table, ``partner_external_ids`` / ``deal_external_ids``, whose primary key is
``(system, external_id)``. A trigger on the owning table keeps it equal to the map on every
insert and on every update of ``external_ids``, whoever writes: the second of two racing
writers waits on the key and then fails with a unique violation (a 409 in the API).

Backfill: the oldest row holding a key keeps it; a younger duplicate (left by the race) loses
that entry from its ``external_ids`` (its version goes up), and the migration logs each one.

**Vendor deactivation.** ``users.deactivated_by_vendor``: a user vendor staff (or the system)
deactivated cannot be reactivated by its partner's admins. Backfill: an inactive user whose
latest ``user.deactivated`` audit row has a non-partner actor.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 11:00:00+00:00
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("alembic.runtime.migration")

#: (owning table, side table, owner column)
_MAPS = (
    ("partners", "partner_external_ids", "partner_id"),
    ("deals", "deal_external_ids", "deal_id"),
)


def _sync_function(owner: str, side: str, column: str) -> str:
    return f"""
CREATE FUNCTION {owner}_sync_external_ids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.external_ids IS NOT DISTINCT FROM OLD.external_ids THEN
            RETURN NULL;
        END IF;
        DELETE FROM {side} WHERE {column} = NEW.id;
    END IF;
    INSERT INTO {side} (system, external_id, {column})
    SELECT key, value, NEW.id FROM jsonb_each_text(COALESCE(NEW.external_ids, '{{}}'::jsonb));
    RETURN NULL;
END
$$"""


def upgrade() -> None:
    for owner, side, column in _MAPS:
        op.create_table(
            side,
            sa.Column("system", sa.Text(), nullable=False),
            sa.Column("external_id", sa.Text(), nullable=False),
            sa.Column(column, postgresql.UUID(as_uuid=True), nullable=False),
            sa.ForeignKeyConstraint(
                [column],
                [f"{owner}.id"],
                name=op.f(f"fk_{side}_{column}_{owner}"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("system", "external_id", name=op.f(f"pk_{side}")),
        )
        op.create_index(op.f(f"ix_{side}_{column}"), side, [column], unique=False)
        op.execute(
            f"""
            INSERT INTO {side} (system, external_id, {column})
            SELECT DISTINCT ON (e.key, e.value) e.key, e.value, o.id
            FROM {owner} o, jsonb_each_text(o.external_ids) e
            ORDER BY e.key, e.value, o.created_at, o.id
            """
        )
        duplicates = (
            op.get_bind()
            .execute(
                sa.text(
                    f"""
                SELECT o.id, array_agg(e.key ORDER BY e.key)
                FROM {owner} o, jsonb_each_text(o.external_ids) e
                WHERE NOT EXISTS (
                    SELECT 1 FROM {side} s
                    WHERE s.system = e.key AND s.external_id = e.value AND s.{column} = o.id
                )
                GROUP BY o.id
                """
                )
            )
            .all()
        )
        for row_id, systems in duplicates:
            log.warning(
                "%s %s: external ids %s also belong to an older row; removed from this one",
                owner,
                row_id,
                ", ".join(systems),
            )
            op.get_bind().execute(
                sa.text(
                    f"UPDATE {owner} SET external_ids = external_ids - CAST(:systems AS text[]), "
                    "version = version + 1 WHERE id = :id"
                ),
                {"systems": list(systems), "id": row_id},
            )
        op.execute(_sync_function(owner, side, column))
        op.execute(
            f"CREATE TRIGGER {owner}_sync_external_ids AFTER INSERT OR UPDATE OF external_ids "
            f"ON {owner} FOR EACH ROW EXECUTE FUNCTION {owner}_sync_external_ids()"
        )
    _vendor_deactivation_upgrade()


def _vendor_deactivation_upgrade() -> None:
    op.add_column(
        "users",
        sa.Column(
            "deactivated_by_vendor", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
    )
    op.execute(
        """
        UPDATE users u SET deactivated_by_vendor = true
        WHERE NOT u.active AND (
            SELECT a.actor_role IS NULL OR a.actor_role NOT IN ('partner_admin', 'partner_user')
            FROM audit_events a
            WHERE a.resource_type = 'user' AND a.resource_id = u.id::text
              AND a.action = 'user.deactivated'
            ORDER BY a.seq DESC LIMIT 1
        )
        """
    )


def downgrade() -> None:
    op.drop_column("users", "deactivated_by_vendor")
    for owner, side, column in reversed(_MAPS):
        op.execute(f"DROP TRIGGER {owner}_sync_external_ids ON {owner}")
        op.execute(f"DROP FUNCTION {owner}_sync_external_ids()")
        op.drop_index(op.f(f"ix_{side}_{column}"), table_name=side)
        op.drop_table(side)
