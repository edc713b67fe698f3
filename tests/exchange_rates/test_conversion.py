"""The conversion rule: a day converts at the newest rate of its currency on or before it in
the same calendar month; a month without one converts nothing; the base currency converts at
1. Checked through the endpoint, ``rate_on`` and the SQL ``rate_subquery`` alike."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from factories import assert_problem
from sqlalchemy import column, select, text, values
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import Date, String

from prm_api.exchange_rates.conversion import (
    convert,
    rate_date_subquery,
    rate_on,
    rate_subquery,
)
from prm_api.models import DealDailyRollup, ExchangeRate

URL = "/v1/exchange-rates/convert"
RATES = [
    ("EUR", date(2026, 1, 5), "1.05"),
    ("EUR", date(2026, 1, 20), "1.10"),
    ("EUR", date(2026, 3, 10), "1.20"),
    ("GBP", date(2026, 1, 1), "1.25"),
]
#: (currency, day) → the (rate, rate day) it converts at, or None.
CASES = [
    (("EUR", date(2026, 1, 4)), None),  # before January's first rate: none in the month
    (("EUR", date(2026, 1, 5)), (Decimal("1.05"), date(2026, 1, 5))),  # on the rate's day
    (("EUR", date(2026, 1, 19)), (Decimal("1.05"), date(2026, 1, 5))),  # earlier in month
    (("EUR", date(2026, 1, 31)), (Decimal("1.10"), date(2026, 1, 20))),  # newest wins
    (("EUR", date(2026, 2, 15)), None),  # February has no rate: January's does not carry over
    (("EUR", date(2026, 3, 9)), None),
    (("EUR", date(2026, 3, 31)), (Decimal("1.20"), date(2026, 3, 10))),
    (("GBP", date(2026, 1, 1)), (Decimal("1.25"), date(2026, 1, 1))),
    (("GBP", date(2025, 12, 31)), None),  # the previous year's month
    (("CHF", date(2026, 1, 31)), None),  # a currency without any rate
]


@pytest.fixture
async def rates(store):
    for currency, day, value in RATES:
        await store._add(ExchangeRate(currency=currency, rate_date=day, rate=Decimal(value)))


@pytest.mark.parametrize(("key", "expected"), CASES, ids=lambda v: str(v))
async def test_rate_on(db, rates, key, expected):
    assert await rate_on(db, key[0], key[1], "USD") == expected


async def test_base_currency_converts_at_one(db, rates):
    assert await rate_on(db, "USD", date(2026, 2, 15), "USD") == (Decimal(1), date(2026, 2, 15))
    # EUR as the base: EUR converts at 1 whatever its stored rates say.
    assert await rate_on(db, "EUR", date(2026, 1, 31), "EUR") == (Decimal(1), date(2026, 1, 31))


async def test_rate_subquery_agrees_with_rate_on(db, rates):
    days = values(column("currency", String), column("day", Date), name="days").data(
        [key for key, _ in CASES] + [("USD", date(2026, 2, 15))]
    )
    stmt = select(
        days.c.currency,
        days.c.day,
        rate_subquery(days.c.currency, days.c.day).label("rate"),
        rate_date_subquery(days.c.currency, days.c.day).label("rate_date"),
        rate_subquery(days.c.currency, days.c.day, base_currency="USD").label("with_base"),
    )
    got = {(r.currency, r.day): r for r in (await db.execute(stmt)).all()}
    for key, expected in CASES:
        row = got[key]
        assert (row.rate, row.rate_date) == (expected or (None, None)), key
        assert row.with_base == (expected[0] if expected else None), key
    # Without base_currency the base has no rate; with it, 1.
    assert got[("USD", date(2026, 2, 15))].rate is None
    assert got[("USD", date(2026, 2, 15))].with_base == Decimal(1)


async def test_rate_subquery_uses_the_unique_index(db, rates):
    """As the metrics reads use it: correlated to a rollup table's currency and day."""
    rollup = DealDailyRollup
    stmt = select(rollup.currency, rate_subquery(rollup.currency, rollup.day, base_currency="USD"))
    sql = str(stmt.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    # A handful of rows would be read sequentially; the plan with the index is what counts.
    await db.execute(text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(r[0] for r in (await db.execute(text("EXPLAIN " + sql))).all())
    assert "uq_exchange_rates_currency_date" in plan, plan
    assert "Sort" not in plan, plan


def test_convert_rounds_half_up_to_the_cent():
    assert convert(Decimal("100.00"), Decimal("1.0825")) == Decimal("108.25")
    assert convert(Decimal("0.05"), Decimal("0.5")) == Decimal("0.03")  # 0.025 → 0.03
    assert convert(Decimal("10.00"), Decimal("1")) == Decimal("10.00")


async def test_endpoint(client, auth, rates):
    admin = await auth.headers("channel_manager")

    async def ask(**params):
        r = await client.get(URL, headers=admin, params=params)
        assert r.status_code == 200, r.text
        return r.json()

    body = await ask(amount="1000.00", currency="EUR", on="2026-01-31")
    assert body == {
        "amount": {"amount": "1000.00", "currency": "EUR"},
        "on": "2026-01-31",
        "base_currency": "USD",
        "converted": {"amount": "1100.00", "currency": "USD"},
        "rate": "1.1",
        "rate_date": "2026-01-20",
        "reason": None,
    }
    body = await ask(amount="1000.00", currency="EUR", on="2026-01-19")
    assert (body["converted"]["amount"], body["rate_date"]) == ("1050.00", "2026-01-05")
    body = await ask(amount="1000.00", currency="EUR", on="2026-02-15")
    assert body["converted"] is None and body["rate"] is None and body["rate_date"] is None
    assert body["reason"] == "no_rate_in_month"
    body = await ask(amount="1000.00", currency="USD", on="2026-02-15")
    assert body["converted"] == {"amount": "1000.00", "currency": "USD"}
    assert (body["rate"], body["rate_date"], body["reason"]) == ("1", "2026-02-15", None)
    # Without `on`: today (no rate this month for CHF).
    body = await ask(amount="5.00", currency="CHF")
    assert body["reason"] == "no_rate_in_month"
    assert body["on"] == datetime.now(UTC).date().isoformat()


async def test_endpoint_out_of_range(client, auth, store):
    await store._add(
        ExchangeRate(currency="IRR", rate_date=date(2026, 1, 1), rate=Decimal("99999999999999"))
    )
    r = await client.get(
        URL,
        headers=await auth.headers("admin"),
        params={"amount": "9999999999999999.99", "currency": "IRR", "on": "2026-01-02"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["converted"] is None and r.json()["reason"] == "out_of_range"
    assert r.json()["rate"] == "99999999999999"


async def test_endpoint_validation(client, auth):
    admin = await auth.headers("admin")
    for params in (
        {"amount": "10.00", "currency": "EUR", "on": "2026-02-30"},
        {"amount": "-1", "currency": "EUR"},
        {"amount": "1.234", "currency": "EUR"},
        {"amount": "10.00", "currency": "eur"},
        {"currency": "EUR"},
    ):
        r = await client.get(URL, headers=admin, params=params)
        assert_problem(r, 422, "validation_error")
