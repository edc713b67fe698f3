"""Queries on tiers."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.models import Partner, Tier
from prm_api.reads import fetch_row


def tiers_query() -> Select[Any]:
    """Every tier as plain rows (tiers are program-wide: every caller with ``partners:read``
    sees them)."""
    return select(*Tier.__table__.columns)


_TIER_BY_ID = select(*Tier.__table__.columns).where(Tier.id == bindparam("tier_id"))


async def tier_row(session: AsyncSession, tier_id: uuid.UUID) -> Any | None:
    """The tier as a plain row (``reads.fetch_row``): a get builds no ORM object."""
    return await fetch_row(session, _TIER_BY_ID, {"tier_id": tier_id})


async def key_share_lock(session: AsyncSession, tier_id: uuid.UUID) -> Tier | None:
    """The tier, locked ``FOR KEY SHARE``: a concurrent delete waits for the caller's
    transaction (or has already happened: ``None``)."""
    stmt = select(Tier).where(Tier.id == tier_id).with_for_update(key_share=True)
    return await session.scalar(stmt)


async def lock(session: AsyncSession, tier_id: uuid.UUID) -> None:
    """Lock the tier's row ``FOR UPDATE``."""
    await session.execute(select(Tier.id).where(Tier.id == tier_id).with_for_update())


async def in_use(session: AsyncSession, tier_id: uuid.UUID) -> bool:
    """Some partner is in the tier."""
    stmt = select(Partner.id).where(Partner.tier_id == tier_id).limit(1)
    return await session.scalar(stmt) is not None
