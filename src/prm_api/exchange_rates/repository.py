"""Queries on exchange rates (program-wide rows: no partner scoping)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Select, bindparam, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.kit.pagination import SortKeys
from prm_api.models import ExchangeRate, ProgramSettings
from prm_api.program import repository as program_repository
from prm_api.reads import fetch_row

#: ``rate_date`` (newest first by default); ties broken by id.
SORTS = SortKeys({"rate_date": ExchangeRate.rate_date}, "-rate_date", ExchangeRate.id)

_RATE_BY_ID = select(*ExchangeRate.__table__.columns).where(ExchangeRate.id == bindparam("rate_id"))


def rates_query(currency: str | None, start: date | None, end: date | None) -> Select[Any]:
    """The rates as plain rows, filtered by currency and by day (both bounds inclusive)."""
    stmt = select(*ExchangeRate.__table__.columns)
    if currency is not None:
        stmt = stmt.where(ExchangeRate.currency == currency)
    if start is not None:
        stmt = stmt.where(ExchangeRate.rate_date >= start)
    if end is not None:
        stmt = stmt.where(ExchangeRate.rate_date <= end)
    return stmt


async def rate_row(session: AsyncSession, rate_id: uuid.UUID) -> Any | None:
    """The rate as a plain row (a get builds no ORM object)."""
    return await fetch_row(session, _RATE_BY_ID, {"rate_id": rate_id})


async def get_rate(
    session: AsyncSession, rate_id: uuid.UUID, *, for_update: bool = False
) -> ExchangeRate | None:
    return await session.get(ExchangeRate, rate_id, with_for_update=for_update or None)


async def rates_for(
    session: AsyncSession, keys: Iterable[tuple[str, date]]
) -> dict[tuple[str, date], ExchangeRate]:
    """The stored rates of these (currency, day) pairs, locked for update."""
    pairs = list(keys)
    if not pairs:
        return {}
    stmt = (
        select(ExchangeRate)
        .where(tuple_(ExchangeRate.currency, ExchangeRate.rate_date).in_(pairs))
        .with_for_update()
    )
    return {(r.currency, r.rate_date): r for r in (await session.scalars(stmt)).all()}


async def any_rate(session: AsyncSession) -> bool:
    """Some exchange rate is stored."""
    return await session.scalar(select(ExchangeRate.id).limit(1)) is not None


async def base_currency_locked(session: AsyncSession) -> str:
    """The program's base currency, its settings row locked ``FOR SHARE`` until the caller's
    transaction ends: a change of base currency (which takes the row ``FOR UPDATE`` and then
    refuses while rates exist) waits for a rate being written, or has already happened and
    is read here. Rate writers do not block each other."""
    await program_repository.settings_row(session)  # created with the defaults on first use
    stmt = (
        select(ProgramSettings.base_currency)
        .where(ProgramSettings.id == 1)
        .with_for_update(read=True)
    )
    return str(await session.scalar(stmt))
