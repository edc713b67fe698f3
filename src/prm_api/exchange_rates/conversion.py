"""The conversion rule, once, for Python callers and for SQL reads.

A deal closed on day D converts at the newest rate of its currency dated on or before D in
the same calendar month. A month without such a rate converts nothing: the metrics report
the amount in its own currency and flag it rather than guess with another month's rate. The
base currency converts at 1 (no rate is stored for it).

Both forms look the rate up the same way: ``currency = :c AND rate_date BETWEEN
first-of-month(D) AND D ORDER BY rate_date DESC LIMIT 1``, which the unique index on
``(currency, rate_date)`` answers with one backward index range scan (no sort, no scan of
other currencies or months).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from sqlalchemy import Integer, Numeric, case, cast, extract, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from prm_api.models import ExchangeRate

ONE = Decimal(1)
CENT = Decimal("0.01")


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def _first_of_month_sql(day_col: Any) -> Any:
    # date − integer is a date: no detour through timestamps (date_trunc answers a
    # timestamptz, whose cast back to date depends on the session's time zone).
    return day_col - cast(extract("day", day_col), Integer) + 1


def _newest_in_month(column: Any, currency_col: Any, day_col: Any) -> Any:
    return (
        select(column)
        .where(
            ExchangeRate.currency == currency_col,
            ExchangeRate.rate_date <= day_col,
            ExchangeRate.rate_date >= _first_of_month_sql(day_col),
        )
        .order_by(ExchangeRate.rate_date.desc())
        .limit(1)
        .correlate_except(ExchangeRate)
        .scalar_subquery()
    )


def rate_subquery(
    currency_col: Any, day_col: Any, *, base_currency: Any = None
) -> ColumnElement[Decimal]:
    """The rate a row converts at, as a correlated scalar subquery: NULL when its month has
    no rate on or before its day (nothing is converted).

    ``currency_col`` and ``day_col`` are the outer query's columns (e.g.
    ``DealDailyRollup.currency``, ``DealDailyRollup.day``) or literals. With
    ``base_currency`` (a string or a column), that currency converts at 1; without it, the
    base currency has no rate (none is ever stored for it) and its rows read NULL, so a
    caller that does not pass it must treat the base currency itself.
    """
    rate = _newest_in_month(ExchangeRate.rate, currency_col, day_col)
    if base_currency is None:
        return rate
    return case((currency_col == base_currency, literal(ONE, Numeric(24, 10))), else_=rate)


def rate_date_subquery(currency_col: Any, day_col: Any) -> ColumnElement[date]:
    """The day of the rate :func:`rate_subquery` finds (NULL when there is none)."""
    return _newest_in_month(ExchangeRate.rate_date, currency_col, day_col)


async def rate_on(
    session: AsyncSession, currency: str, day: date, base_currency: str
) -> tuple[Decimal, date] | None:
    """``(rate, rate_date)`` a ``currency`` amount of day ``day`` converts at, or None when
    the month has no rate on or before ``day``. The base currency converts at ``(1, day)``."""
    if str(currency) == str(base_currency):
        return ONE, day
    stmt = (
        select(ExchangeRate.rate, ExchangeRate.rate_date)
        .where(
            ExchangeRate.currency == str(currency),
            ExchangeRate.rate_date <= day,
            ExchangeRate.rate_date >= first_of_month(day),
        )
        .order_by(ExchangeRate.rate_date.desc())
        .limit(1)
    )
    row = (await session.execute(stmt)).first()
    return (row.rate, row.rate_date) if row is not None else None


def convert(amount: Decimal, rate: Decimal) -> Decimal:
    """``amount × rate`` in the base currency, rounded half up to the cent (as PostgreSQL's
    ``round(numeric, 2)`` rounds a positive amount)."""
    # Up to 18 digits × 24 digits: past the default context's 28, where quantize would fail.
    with localcontext(prec=60):
        return (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)
