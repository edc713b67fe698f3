"""Readiness: the database answers and its schema is at the latest migration."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


@dataclass
class Readiness:
    ok: bool
    #: ``{"database": "ok" | reason, "migrations": "ok" | where the schema is}``.
    checks: dict[str, str] = field(default_factory=dict)


async def check_readiness(engine: AsyncEngine) -> Readiness:
    """Never raises: any failure to reach the database means "not ready"."""
    from prm_api.migrate import head_revision  # Alembic loads only when asked

    checks: dict[str, str] = {}
    try:
        async with engine.connect() as conn:
            current = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
        checks["database"] = "ok"
        head = head_revision()
        checks["migrations"] = "ok" if current == head else f"at {current}, head is {head}"
        return Readiness(current == head, checks)
    except Exception as exc:  # any failure means "not ready"
        checks["database"] = f"unavailable: {type(exc).__name__}"
        return Readiness(False, checks)
