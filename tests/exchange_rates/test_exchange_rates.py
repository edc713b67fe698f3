"""Exchange rates: create, read, list, replace, update, delete; who may; conflicts; If-Match;
Idempotency-Key; events and audit rows."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import pytest
from factories import assert_problem, check_event
from sqlalchemy import select

from prm_api.exchange_rates.schemas import EXCHANGE_RATE, ExchangeRate
from prm_api.models import AuditEvent
from prm_api.models import ExchangeRate as ExchangeRateRow

URL = "/v1/exchange-rates"
EUR_JAN = {"currency": "EUR", "rate_date": "2026-01-15", "rate": "1.0825", "source": "ECB"}


async def _create(client, headers, **body):
    r = await client.post(URL, headers=headers, json={**EUR_JAN, **body})
    assert r.status_code == 201, r.text
    return r


async def test_create_get_and_read_back(client, auth, store):
    admin = await auth.headers("admin")
    mark = await store.mark()
    r = await _create(client, admin)
    rate = r.json()
    assert r.headers["Location"] == f"{URL}/{rate['id']}"
    assert r.headers["ETag"] == '"1"'
    assert {k: rate[k] for k in EUR_JAN} == EUR_JAN
    event = await store.one_since(mark, "exchange_rate.created")
    assert event.data["object"]["rate"] == "1.0825"
    [audit] = await store.audit(resource_id=rate["id"])
    assert audit.action == "exchange_rate.created"
    assert audit.changes["currency"] == {"before": None, "after": "EUR"}
    assert Decimal(audit.changes["rate"]["after"]) == Decimal("1.0825")

    r = await client.get(f"{URL}/{rate['id']}", headers=await auth.headers("channel_manager"))
    assert r.status_code == 200, r.text
    assert r.json() == rate
    assert r.headers["ETag"] == '"1"'


async def test_rates_are_written_without_trailing_zeros(client, auth):
    admin = await auth.headers("admin")
    r = await _create(client, admin, rate="100.0000", source=None)
    assert r.json()["rate"] == "100"
    assert r.json()["source"] is None
    r = await _create(client, admin, rate="0.0000000001", rate_date="2026-01-16")
    assert r.json()["rate"] == "0.0000000001"


async def test_shape_writes_the_model(client, auth, db):
    r = await _create(client, await auth.headers("admin"))
    rid = uuid.UUID(r.json()["id"])
    row = (
        await db.execute(
            select(*ExchangeRateRow.__table__.columns).where(ExchangeRateRow.id == rid)
        )
    ).one()
    obj = await db.get(ExchangeRateRow, rid)
    # The oracle is the model validated straight from the columns, not from the Shape.
    expected = ExchangeRate.model_validate(
        {c.key: getattr(obj, c.key) for c in ExchangeRateRow.__table__.columns}
    ).model_dump_json()
    for source in (row, obj):
        assert EXCHANGE_RATE.json(source) == expected.encode()
    assert json.loads(expected)["rate"] == "1.0825"


@pytest.mark.parametrize(
    "body",
    [
        {"rate": "0"},
        {"rate": "0.0"},
        {"rate": "-1.2"},
        {"rate": 1.2},  # a number: rates are decimal strings
        {"rate": "1.12345678901"},  # 11 decimals
        {"rate": "123456789012345"},  # 15 integer digits
        {"rate": "1e3"},
        {"currency": "eur"},
        {"currency": "XXX"},
        {"currency": "EURO"},
        {"rate_date": "2026-02-30"},
        {"rate_date": "20260115"},
        {"source": ""},
        {"source": "x" * 101},
        {"base_currency": "USD"},  # not a field
    ],
)
async def test_invalid_rates_are_422(client, auth, store, body):
    r = await client.post(URL, headers=await auth.headers("admin"), json={**EUR_JAN, **body})
    assert_problem(r, 422, "validation_error")
    assert await store.count(ExchangeRateRow) == 0


async def test_base_currency_takes_no_rate(client, auth, store):
    r = await client.post(
        URL, headers=await auth.headers("admin"), json={**EUR_JAN, "currency": "USD"}
    )
    problem = assert_problem(r, 422, "base_currency_rate")
    assert problem["errors"][0]["field"] == "currency"
    assert problem["errors"][0]["code"] == "mismatch"
    assert "USD" in problem["errors"][0]["message"]
    assert await store.count(ExchangeRateRow) == 0


async def test_duplicate_currency_and_day_is_409(client, auth, store):
    admin = await auth.headers("admin")
    await _create(client, admin)
    r = await client.post(URL, headers=admin, json={**EUR_JAN, "rate": "1.1"})
    assert_problem(r, 409, "exchange_rate_exists")
    assert await store.count(ExchangeRateRow) == 1
    # Another day or another currency is another rate.
    await _create(client, admin, rate_date="2026-01-16")
    await _create(client, admin, currency="GBP")


async def test_partner_tokens_are_refused(client, auth, store):
    admin = await auth.headers("admin")
    rate = (await _create(client, admin)).json()
    partner = await store.partner()
    for role in ("partner_admin", "partner_user"):
        headers = await auth.headers(role, partner_id=partner.id, scopes=["metrics:read"])
        for method, url, body in (
            ("GET", URL, None),
            ("GET", f"{URL}/{rate['id']}", None),
            ("GET", f"{URL}/convert?amount=10.00&currency=EUR&on=2026-01-20", None),
        ):
            r = await client.request(method, url, headers=headers, json=body)
            assert_problem(r, 403, "vendor_only")
    # metrics:write is a vendor scope: a partner token cannot even hold it.
    headers = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.post(URL, headers=headers, json={**EUR_JAN, "rate_date": "2026-01-20"})
    assert r.status_code == 403, r.text
    assert await store.count(ExchangeRateRow) == 1


async def test_write_needs_metrics_write(client, auth, store):
    reader = await auth.headers("channel_manager", scopes=["metrics:read"])
    r = await client.post(URL, headers=reader, json=EUR_JAN)
    assert_problem(r, 403, "insufficient_scope")
    assert (await client.get(URL, headers=reader)).status_code == 200


async def test_list_filters_sort_and_pages(client, auth):
    admin = await auth.headers("admin")
    for currency, day in (
        ("EUR", "2026-01-15"),
        ("EUR", "2026-02-15"),
        ("EUR", "2026-03-15"),
        ("GBP", "2026-02-01"),
    ):
        await _create(client, admin, currency=currency, rate_date=day)

    def days(r):
        assert r.status_code == 200, r.text
        return [(x["currency"], x["rate_date"]) for x in r.json()["data"]]

    assert days(await client.get(URL, headers=admin)) == [
        ("EUR", "2026-03-15"),
        ("EUR", "2026-02-15"),
        ("GBP", "2026-02-01"),
        ("EUR", "2026-01-15"),
    ]
    r = await client.get(URL, headers=admin, params={"sort": "rate_date", "currency": "EUR"})
    assert days(r) == [("EUR", "2026-01-15"), ("EUR", "2026-02-15"), ("EUR", "2026-03-15")]
    r = await client.get(URL, headers=admin, params={"from": "2026-02-01", "to": "2026-02-15"})
    assert days(r) == [("EUR", "2026-02-15"), ("GBP", "2026-02-01")]
    r = await client.get(URL, headers=admin, params={"limit": 3})
    assert len(days(r)) == 3 and r.json()["has_more"]
    r = await client.get(URL, headers=admin, params={"limit": 3, "cursor": r.json()["next_cursor"]})
    assert days(r) == [("EUR", "2026-01-15")] and not r.json()["has_more"]
    r = await client.get(URL, headers=admin, params={"sort": "currency"})
    assert_problem(r, 400, "invalid_sort")
    r = await client.get(URL, headers=admin, params={"currency": "eur"})
    assert r.status_code == 422, r.text


async def test_patch_put_with_if_match(client, auth, store):
    admin = await auth.headers("admin")
    rate = (await _create(client, admin)).json()
    url = f"{URL}/{rate['id']}"
    mark = await store.mark()
    r = await client.patch(url, headers={**admin, "If-Match": '"1"'}, json={"rate": "1.09"})
    assert r.status_code == 200, r.text
    assert r.json()["rate"] == "1.09" and r.headers["ETag"] == '"2"'
    event = await store.one_since(mark, "exchange_rate.updated")
    assert event.data["previous_attributes"] == {"rate": "1.0825"}
    # A stale ETag changes nothing.
    r = await client.patch(url, headers={**admin, "If-Match": '"1"'}, json={"rate": "2"})
    assert_problem(r, 412, "precondition_failed")
    # Equal values record nothing.
    mark = await store.mark()
    r = await client.patch(url, headers=admin, json={"rate": "1.0900", "source": "ECB"})
    assert r.status_code == 200 and r.headers["ETag"] == '"2"'
    assert await store.since(mark) == []
    # source: null clears it; null for a required field is refused.
    r = await client.patch(url, headers=admin, json={"source": None})
    assert r.json()["source"] is None
    r = await client.patch(url, headers=admin, json={"rate": None})
    assert r.status_code == 422, r.text
    r = await client.patch(url, headers=admin, json={"currency": "USD"})
    assert_problem(r, 422, "base_currency_rate")
    # PUT replaces everything (source left out is cleared).
    r = await client.put(
        url,
        headers={**admin, "If-Match": '"3"'},
        json={"currency": "EUR", "rate_date": "2026-01-14", "rate": "1.07", "source": "Bank"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["source"] == "Bank" and r.headers["ETag"] == '"4"'
    r = await client.put(
        url, headers=admin, json={"currency": "EUR", "rate_date": "2026-01-14", "rate": "1.07"}
    )
    assert r.json()["source"] is None
    r = await client.put(url, headers={**admin, "If-Match": '"1"'}, json=EUR_JAN)
    assert_problem(r, 412, "precondition_failed")
    row = await store._get(ExchangeRateRow, rate["id"])
    assert row.rate == Decimal("1.07") and str(row.rate_date) == "2026-01-14"


async def test_moving_onto_another_rate_is_409(client, auth):
    admin = await auth.headers("admin")
    await _create(client, admin)
    other = (await _create(client, admin, rate_date="2026-01-20")).json()
    r = await client.patch(f"{URL}/{other['id']}", headers=admin, json={"rate_date": "2026-01-15"})
    assert_problem(r, 409, "exchange_rate_exists")
    r = await client.get(f"{URL}/{other['id']}", headers=admin)
    assert r.json()["rate_date"] == "2026-01-20"


async def test_delete(client, auth, store):
    admin = await auth.headers("admin")
    rate = (await _create(client, admin)).json()
    url = f"{URL}/{rate['id']}"
    r = await client.delete(url, headers={**admin, "If-Match": '"7"'})
    assert_problem(r, 412, "precondition_failed")
    mark = await store.mark()
    r = await client.delete(url, headers={**admin, "If-Match": '"1"'})
    assert r.status_code == 204, r.text
    event = await store.one_since(mark, "exchange_rate.deleted")
    assert event.data["object"]["id"] == rate["id"]
    assert (await client.get(url, headers=admin)).status_code == 404
    assert (await client.delete(url, headers=admin)).status_code == 404
    assert await store.count(AuditEvent, AuditEvent.action == "exchange_rate.deleted") == 1


async def test_unknown_id_is_404(client, auth):
    admin = await auth.headers("admin")
    url = f"{URL}/{uuid.uuid4()}"
    assert_problem(await client.get(url, headers=admin), 404, "not_found")
    assert_problem(await client.patch(url, headers=admin, json={"rate": "1"}), 404, "not_found")


async def test_idempotency_key_replays_the_create(client, auth, store):
    admin = await auth.headers("admin")
    headers = {**admin, "Idempotency-Key": "rate-1"}
    first = await client.post(URL, headers=headers, json=EUR_JAN)
    again = await client.post(URL, headers=headers, json=EUR_JAN)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert await store.count(ExchangeRateRow) == 1
    events = await store.events(type="exchange_rate.created")
    assert len(events) == 1
    check_event(events[0])
