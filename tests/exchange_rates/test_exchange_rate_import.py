"""Bulk import of exchange rates, JSON and CSV: upsert counts, all or nothing with every bad
row named, one event per import, the documented CSV pattern accepted as documented."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from factories import assert_problem, check_event
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from prm_api.errors import AppError
from prm_api.exchange_rates import importing
from prm_api.exchange_rates.schemas import ExchangeRateCreate
from prm_api.models import AuditEvent, ExchangeRate

URL = "/v1/exchange-rates/import"
CSV = {"Content-Type": "text/csv"}


def rate(currency: str, day: str, value: str, source: str | None = None) -> dict[str, str]:
    out = {"currency": currency, "rate_date": day, "rate": value}
    if source is not None:
        out["source"] = source
    return out


async def stored(store) -> dict[tuple[str, str], tuple[Decimal, str | None]]:
    async with store.sessionmaker() as session:
        rows = (await session.scalars(select(ExchangeRate))).all()
    return {(r.currency, r.rate_date.isoformat()): (r.rate, r.source) for r in rows}


async def test_json_import_creates_updates_and_leaves_alone(client, auth, store):
    admin = await auth.headers("admin")
    await client.post(
        "/v1/exchange-rates", headers=admin, json=rate("EUR", "2026-01-31", "1.08", "ECB")
    )
    await client.post(
        "/v1/exchange-rates", headers=admin, json=rate("GBP", "2026-01-31", "1.27", "BoE")
    )
    mark = await store.mark()
    body = {
        "rates": [
            rate("EUR", "2026-01-31", "1.0800", "ECB"),  # unchanged (same value)
            rate("GBP", "2026-01-31", "1.28", "BoE"),  # updated
            rate("EUR", "2026-02-28", "1.09"),  # created
            rate("CHF", "2026-02-28", "1.12", "SNB"),  # created
        ]
    }
    r = await client.post(URL, headers=admin, json=body)
    assert r.status_code == 200, r.text
    result = r.json()
    assert (result["created"], result["updated"], result["unchanged"]) == (2, 1, 1)
    assert [(x["currency"], x["rate_date"], x["rate"]) for x in result["rates"]] == [
        ("GBP", "2026-01-31", "1.28"),
        ("EUR", "2026-02-28", "1.09"),
        ("CHF", "2026-02-28", "1.12"),
    ]
    assert await stored(store) == {
        ("EUR", "2026-01-31"): (Decimal("1.08"), "ECB"),
        ("GBP", "2026-01-31"): (Decimal("1.28"), "BoE"),
        ("EUR", "2026-02-28"): (Decimal("1.09"), None),
        ("CHF", "2026-02-28"): (Decimal("1.12"), "SNB"),
    }
    # One event for the whole import (not one per rate), and one audit row.
    event = await store.one_since(mark, "exchange_rates.imported")
    assert event.resource_id == result["id"]
    assert event.data["object"] == result
    [audit] = await store.audit(action="exchange_rates.imported")
    assert set(audit.changes) == {"GBP 2026-01-31", "EUR 2026-02-28", "CHF 2026-02-28"}
    assert audit.changes["GBP 2026-01-31"]["before"] == {"rate": "1.27", "source": "BoE"}

    # The same import again changes nothing and records nothing.
    mark = await store.mark()
    r = await client.post(URL, headers=admin, json=body)
    assert (r.json()["created"], r.json()["updated"], r.json()["unchanged"]) == (0, 0, 4)
    assert r.json()["rates"] == []
    assert await store.since(mark) == []


async def test_csv_import(client, auth, store):
    admin = await auth.headers("admin")
    text = (
        "\ufeffcurrency,rate_date,rate,source\r\n"
        "EUR,2026-01-31,1.0825,ECB\r\n"
        'GBP,2026-01-31,1.2710,"Bank of England, daily"\r\n'
        "JPY,2026-01-31,0.0064,\r\n"
        "\r\n"
    )
    r = await client.post(URL, headers=admin | CSV, content=text.encode())
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 3
    assert await stored(store) == {
        ("EUR", "2026-01-31"): (Decimal("1.0825"), "ECB"),
        ("GBP", "2026-01-31"): (Decimal("1.2710"), "Bank of England, daily"),
        ("JPY", "2026-01-31"): (Decimal("0.0064"), None),
    }
    # Without the source column; charset parameter accepted.
    text = "currency,rate_date,rate\nEUR,2026-01-31,1.09\n"
    headers = admin | {"Content-Type": "text/csv; charset=utf-8"}
    r = await client.post(URL, headers=headers, content=text.encode())
    assert (r.json()["updated"], r.json()["unchanged"]) == (1, 0), r.text
    # The row's source is cleared: the import sets the rate as sent.
    assert (await stored(store))[("EUR", "2026-01-31")] == (Decimal("1.09"), None)


async def test_all_or_nothing_json(client, auth, store):
    admin = await auth.headers("admin")
    mark = await store.mark()
    body = {
        "rates": [
            rate("EUR", "2026-01-31", "1.08"),
            rate("GBP", "2026-13-01", "1.27"),  # bad date
            rate("USD", "2026-01-31", "1"),  # the base currency
            rate("CHF", "2026-01-31", "0"),  # zero
            rate("EUR", "2026-01-31", "1.09"),  # EUR on 2026-01-31 again
            {"currency": "SEK", "rate_date": "2026-01-31"},  # no rate
            rate("NOK", "2026-01-31", "0.09"),
        ]
    }
    r = await client.post(URL, headers=admin, json=body)
    problem = assert_problem(r, 422, "validation_error")
    assert problem["invalid_rows"] == [1, 2, 3, 4, 5]
    fields = {(e["field"], e["code"]) for e in problem["errors"]}
    assert any(f == "rates.1.rate_date" for f, _ in fields)
    assert ("rates.2.currency", "mismatch") in fields
    assert any(f == "rates.3.rate" for f, _ in fields)
    assert ("rates.4", "mismatch") in fields
    assert ("rates.5.rate", "missing") in fields
    assert "5 of 7" in problem["detail"]
    assert await store.count(ExchangeRate) == 0
    assert await store.since(mark) == []


async def test_all_or_nothing_csv_names_lines(client, auth, store):
    admin = await auth.headers("admin")
    text = (
        "currency,rate_date,rate\n"
        "EUR,2026-01-31,1.08\n"
        "GBP,2026-01-31\n"  # a field missing
        "CHF,31/01/2026,1.1\n"  # not ISO
        "USD,2026-01-31,1\n"  # base currency
    )
    r = await client.post(URL, headers=admin | CSV, content=text.encode())
    problem = assert_problem(r, 422, "validation_error")
    assert problem["invalid_rows"] == [1, 2, 3]
    by_field = {e["field"]: e for e in problem["errors"]}
    assert by_field["rates.1"]["code"] == "wrong_field_count"
    assert by_field["rates.1"]["message"].startswith("line 3:")
    assert by_field["rates.2.rate_date"]["message"].startswith("line 4:")
    assert by_field["rates.3.currency"]["code"] == "mismatch"
    assert await store.count(ExchangeRate) == 0


@pytest.mark.parametrize(
    ("text", "status", "code"),
    [
        ("", 422, "validation_error"),
        ("currency,rate_date,rate\n", 422, "validation_error"),  # no rates
        ("currency;rate_date;rate\nEUR;2026-01-31;1.1\n", 422, "validation_error"),
        ("rate_date,currency,rate\n2026-01-31,EUR,1.1\n", 422, "validation_error"),
        ('currency,rate_date,rate,source\nEUR,2026-01-31,1.1,"unclosed\n', 400, "malformed_csv"),
    ],
)
async def test_bad_csv(client, auth, store, text, status, code):
    r = await client.post(URL, headers=await auth.headers("admin") | CSV, content=text.encode())
    assert_problem(r, status, code)
    assert await store.count(ExchangeRate) == 0


async def test_bad_bodies(client, auth, store):
    admin = await auth.headers("admin")
    r = await client.post(URL, headers=admin | CSV, content=b"currency,rate_date,rate\n\xff\n")
    assert_problem(r, 400, "malformed_csv")
    r = await client.post(URL, headers=admin | {"Content-Type": "application/json"}, content=b"{")
    assert_problem(r, 400, "malformed_json")
    for body in ({}, {"rates": []}, {"rates": {}}, {"rates": [], "extra": 1}, []):
        r = await client.post(URL, headers=admin, json=body)
        assert_problem(r, 422, "validation_error")
    r = await client.post(URL, headers=admin | {"Content-Type": "text/plain"}, content=b"x")
    assert_problem(r, 415, "unsupported_media_type")
    assert await store.count(ExchangeRate) == 0


async def test_limits(client, auth, store, app):
    admin = await auth.headers("admin")
    many = [rate("EUR", f"{2000 + i // 365:04d}-01-01", "1.1") for i in range(1001)]
    r = await client.post(URL, headers=admin, json={"rates": many})
    assert_problem(r, 422, "validation_error")
    lines = "".join(f"EUR,{1000 + i:04d}-01-01,1.1\n" for i in range(1001))
    r = await client.post(
        URL, headers=admin | CSV, content=("currency,rate_date,rate\n" + lines).encode()
    )
    problem = assert_problem(r, 422, "validation_error")
    assert problem["errors"][0]["code"] == "too_long"
    limit = app.state.settings.max_body_bytes
    r = await client.post(URL, headers=admin | CSV, content=b"x" * (limit + 1))
    assert_problem(r, 413, "payload_too_large")
    # A full import of 1,000 rates goes through.
    lines = "".join(f"EUR,{1000 + i:04d}-01-01,1.1\n" for i in range(1000))
    r = await client.post(
        URL, headers=admin | CSV, content=("currency,rate_date,rate\n" + lines).encode()
    )
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 1000
    assert await store.count(ExchangeRate) == 1000
    assert await store.count(AuditEvent, AuditEvent.action == "exchange_rates.imported") == 1


async def test_partner_tokens_are_refused(client, auth, store):
    partner = await store.partner()
    headers = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.post(URL, headers=headers, json={"rates": [rate("EUR", "2026-01-31", "1")]})
    assert r.status_code == 403, r.text
    assert await store.count(ExchangeRate) == 0


async def test_idempotency_key_replays_the_import(client, auth, store):
    admin = await auth.headers("admin")
    headers = admin | CSV | {"Idempotency-Key": "import-1"}
    body = b"currency,rate_date,rate\nEUR,2026-01-31,1.08\n"
    first = await client.post(URL, headers=headers, content=body)
    again = await client.post(URL, headers=headers, content=body)
    assert first.status_code == again.status_code == 200, again.text
    assert again.json() == first.json() and first.json()["created"] == 1
    assert again.headers.get("Idempotent-Replayed") == "true"
    [event] = await store.events(type="exchange_rates.imported")
    check_event(event)
    other = await client.post(URL, headers=headers, content=body.replace(b"1.08", b"1.09"))
    assert_problem(other, 422, "idempotency_key_reused")


# --- the documented CSV format --------------------------------------------------------------

PATTERN = re.compile(importing.CSV_PATTERN)


def test_pattern_examples():
    assert PATTERN.match(importing.CSV_EXAMPLE)
    documented = [
        "currency,rate_date,rate,source\nEUR,2024-02-29,1.1,",
        "\ufeffcurrency,rate_date,rate,source\r\nEUR,2000-02-29,0.5,ECB\r\n",
        "currency,rate_date,rate,source\nEUR,2026-01-31,1.1,a b\nGBP,2026-04-30,2,",
    ]
    # Accepted, though the pattern (kept within what fuzzers can draw from) leaves them out.
    also_accepted = [
        "currency,rate_date,rate\nEUR,2026-01-31,1.1",
        'currency,rate_date,rate,source\nEUR,2026-01-31,1.1,"a, ""b"""',
    ]
    refused = [
        "currency,rate_date,rate,source\nEUR,2023-02-29,1.1,",  # not a leap year
        "currency,rate_date,rate,source\nEUR,1900-02-29,1.1,",
        "currency,rate_date,rate,source\nEUR,2026-04-31,1.1,",
        "currency,rate_date,rate,source\nEUR,0000-01-01,1.1,",
        "currency,rate_date,rate,source\nEUR,2026-01-01,0,",
        "currency,rate_date,rate,source\nXXX,2026-01-01,1,",
        "currency,rate_date,rate,source\n",
        "currency,rate_date,rate,source\nEUR,2026-01-01,1,a,extra",
        "currency,rate_date,rate,source\nEUR,2026-01-01,1",
    ]
    for text in documented:
        assert PATTERN.match(text), text
        importing.parse(text.encode(), importing.CSV, "USD")
    for text in also_accepted:
        assert not PATTERN.match(text), text
        importing.parse(text.encode(), importing.CSV, "USD")
    for text in refused:
        assert not PATTERN.match(text), text
        with pytest.raises(AppError):
            importing.parse(text.encode(), importing.CSV, "USD")


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.from_regex(importing.CSV_PATTERN))
def test_every_body_the_pattern_admits_is_accepted(text):
    """What the document admits, the server accepts: every CSV the pattern describes parses,
    except rows it cannot judge (the base currency, a currency and day given twice), which
    are refused as ``mismatch`` (a rule between rows and the program, not a format)."""
    try:
        rows = importing.parse(text.encode(), importing.CSV, "USD")
    except Exception as exc:
        errors = getattr(exc, "extra", {}).get("errors", [])
        assert errors and all(e["code"] == "mismatch" for e in errors), (text, exc, errors)
        return
    assert all(isinstance(r, ExchangeRateCreate) for r in rows)
