"""First start: create the admin API client once and hand its credentials back (never again)."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import SYSTEM
from prm_api.clients.service import create_client
from prm_api.models import ApiClient, InstanceState

BOOTSTRAP_KEY = "bootstrap"


async def bootstrap_admin_client(session: AsyncSession) -> tuple[ApiClient, str] | None:
    """Create the first admin client if this installation was never bootstrapped.

    Returns ``(client, secret)`` exactly once per database; ``None`` afterwards.
    """
    await session.execute(text("SELECT pg_advisory_xact_lock(727003)"))
    done = await session.scalar(select(InstanceState.key).where(InstanceState.key == BOOTSTRAP_KEY))
    if done:
        return None
    client, secret = await create_client(
        session, SYSTEM, name="Bootstrap admin", role="admin", scopes=None
    )
    await session.execute(
        insert(InstanceState)
        .values(key=BOOTSTRAP_KEY, value={"admin_client_id": client.client_id})
        .on_conflict_do_nothing()
    )
    return client, secret
