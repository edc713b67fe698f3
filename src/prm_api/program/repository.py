"""The program's queries: approval rules and the settings row."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.kit.pagination import SortKeys
from prm_api.models import DealRule, ProgramSettings, Tier

#: The columns a rule list may be sorted by (only ``position``: the order rules are tried in).
RULE_SORTS = SortKeys({"position": DealRule.position}, "position", DealRule.id)

_ENABLED_RULES = (
    select(DealRule).where(DealRule.enabled).order_by(DealRule.position, DealRule.created_at)
)


def rules_query() -> Select[Any]:
    """Every deal rule, as plain rows (the list's read path)."""
    return select(*DealRule.__table__.columns)


async def get_rule(
    session: AsyncSession, rule_id: uuid.UUID, *, for_update: bool = False
) -> DealRule | None:
    return await session.get(DealRule, rule_id, with_for_update=for_update)


async def enabled_rules(session: AsyncSession) -> Sequence[DealRule]:
    """The enabled rules in the order they are tried."""
    return (await session.scalars(_ENABLED_RULES)).all()


async def last_position(session: AsyncSession) -> int | None:
    return await session.scalar(select(func.max(DealRule.position)))


async def existing_tier_ids(session: AsyncSession, tier_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    return set((await session.scalars(select(Tier.id).where(Tier.id.in_(tier_ids)))).all())


async def settings_row(session: AsyncSession, *, for_update: bool = False) -> ProgramSettings:
    """The settings row, created with the defaults on first use."""
    row = await session.get(ProgramSettings, 1, with_for_update=for_update)
    if row is None:  # first use: create the row with the defaults (once, race-free)
        await session.execute(insert(ProgramSettings).values(id=1).on_conflict_do_nothing())
        row = await session.get(
            ProgramSettings, 1, with_for_update=for_update, populate_existing=True
        )
    assert row is not None
    return row
