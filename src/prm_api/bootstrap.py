"""First start: create the admin API client once and hand its credentials back (never again)."""

from __future__ import annotations

from sqlalchemy import exists, or_, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import SYSTEM
from prm_api.clients.service import create_client
from prm_api.models import ApiClient, InstanceState, User

BOOTSTRAP_KEY = "bootstrap"
# Serialises concurrent first starts (several API nodes against one database).
_LOCK_ID = 727003


async def bootstrap_admin_client(session: AsyncSession) -> tuple[ApiClient, str] | None:
    """Create the first admin client if this installation was never bootstrapped.

    Returns ``(client, secret)`` exactly once per database; ``None`` afterwards. An
    installation whose operator already made an active admin (``prm-api clients create`` or
    ``prm-api users create`` before the first ``serve``) is marked bootstrapped without a new
    client, so no unexpected secret ends up in its logs.
    """
    await session.execute(text(f"SELECT pg_advisory_xact_lock({_LOCK_ID})"))
    done = await session.scalar(select(InstanceState.key).where(InstanceState.key == BOOTSTRAP_KEY))
    if done:
        return None
    has_admin = await session.scalar(
        select(
            or_(
                exists().where(ApiClient.role == "admin", ApiClient.active.is_(True)),
                exists().where(User.role == "admin", User.active.is_(True)),
            )
        )
    )
    if has_admin:
        await _mark_done(session, {"admin_client_id": None})
        return None
    client, secret = await create_client(
        session, SYSTEM, name="Bootstrap admin", role="admin", scopes=None
    )
    await _mark_done(session, {"admin_client_id": client.client_id})
    return client, secret


async def _mark_done(session: AsyncSession, value: dict[str, str | None]) -> None:
    await session.execute(
        insert(InstanceState).values(key=BOOTSTRAP_KEY, value=value).on_conflict_do_nothing()
    )
