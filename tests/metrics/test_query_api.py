"""``POST /v1/metrics/query``, the definitions, the summary and the leaderboard through HTTP,
against hand-computed figures."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

from factories import assert_problem
from sqlalchemy import insert

from prm_api.metrics.definitions import METRIC_KEYS
from prm_api.models import ExchangeRate

REQUIRED = {
    "won_revenue", "pipeline", "avg_deal_value", "win_rate", "deals_registered",
    "approval_rate", "median_time_to_approval", "conflict_rate", "active_partners",
    "new_partners", "median_time_to_onboard", "active_users", "asset_downloads",
    "course_completions", "certified_users",
}  # fmt: skip


async def seed(store, sessionmaker):
    """Two partners, March 2026: A won 100 USD + 200 EUR (rate 1.1) + 50 GBP (no rate) and
    lost one; B won 1000 USD. April: A won 300 EUR (April has no EUR rate on the 2nd)."""
    a = await store.partner(name="Alpha")
    b = await store.partner(name="Beta", type="distributor")
    march = date(2026, 3, 10)
    for partner, amount, currency, closed in (
        (a, "100.00", "USD", march),
        (a, "200.00", "EUR", march),
        (a, "50.00", "GBP", march),
        (a, "300.00", "EUR", date(2026, 4, 2)),
        (b, "1000.00", "USD", march),
    ):
        await store.deal(partner.id, "won", amount=amount, currency=currency, closed_at=closed)
    await store.deal(a.id, "lost", amount="10.00", currency="USD", closed_at=march)
    async with sessionmaker() as session, session.begin():
        await session.execute(
            insert(ExchangeRate),
            [
                {"currency": "EUR", "rate_date": date(2026, 3, 1), "rate": Decimal("1.1")},
                {"currency": "EUR", "rate_date": date(2026, 4, 5), "rate": Decimal("1.2")},
            ],
        )
    return a, b


def q(**body):
    return {"date_range": ["2026-03-01", "2026-04-30"], **body}


async def test_catalog_lists_every_required_metric(client, auth):
    r = await client.get("/v1/metrics/definitions", headers=await auth.headers("partner_user"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert {m["key"] for m in body["data"]} >= REQUIRED
    assert set(METRIC_KEYS) == {m["key"] for m in body["data"]}
    assert body["base_currency"] == "USD"
    assert all(m["formula"] and m["records"] and m["unit"] for m in body["data"])


async def test_money_by_partner_and_month_with_unconverted_flagged(
    client, auth, store, sessionmaker
):
    a, b = await seed(store, sessionmaker)
    headers = await auth.headers("admin")
    body = q(metrics=["won_revenue", "won_deals", "win_rate", "avg_deal_value"],
             interval="month", dimensions=["partner"])  # fmt: skip
    r = await client.post("/v1/metrics/query", headers=headers, json=body)
    assert r.status_code == 200, r.text
    result = r.json()
    rows = {(row["period"]["start"], row["dimensions"]["partner"]): row for row in result["rows"]}
    a_march = rows[("2026-03-01", str(a.id))]
    assert a_march["dimensions"]["partner_name"] == "Alpha"
    assert a_march["metrics"]["won_revenue"] == "320.00"  # 100 + 200 × 1.1
    assert a_march["metrics"]["won_deals"] == 3
    assert a_march["metrics"]["win_rate"] == 0.75
    assert a_march["metrics"]["avg_deal_value"] == "160.00"  # 320 / 2 converted deals
    assert a_march["unconverted"] == {"won_revenue": [{"amount": "50.00", "currency": "GBP"}]}
    a_april = rows[("2026-04-01", str(a.id))]
    assert a_april["metrics"]["won_revenue"] == "0.00"
    assert a_april["unconverted"]["won_revenue"] == [{"amount": "300.00", "currency": "EUR"}]
    assert rows[("2026-03-01", str(b.id))]["metrics"]["won_revenue"] == "1000.00"
    totals = result["totals"]
    assert totals["metrics"]["won_revenue"] == "1320.00"
    assert totals["unconverted"]["won_revenue"] == [
        {"amount": "300.00", "currency": "EUR"},
        {"amount": "50.00", "currency": "GBP"},
    ]


async def test_partner_tokens_see_only_their_own_rows_and_totals(client, auth, store, sessionmaker):
    a, b = await seed(store, sessionmaker)
    headers = await auth.headers("partner_user", partner_id=a.id)
    body = q(metrics=["won_revenue"], dimensions=["partner"], filters={"partner_id": [str(b.id)]})
    r = await client.post("/v1/metrics/query", headers=headers, json=body)
    assert r.status_code == 200, r.text
    result = r.json()
    assert {row["dimensions"]["partner"] for row in result["rows"]} == {str(a.id)}
    assert result["totals"]["metrics"]["won_revenue"] == "320.00"
    assert str(b.id) not in r.text and "Beta" not in r.text
    r = await client.post("/v1/metrics/query", headers={**headers, "Accept": "text/csv"}, json=body)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    lines = list(csv.DictReader(io.StringIO(r.text)))
    assert [line["partner"] for line in lines] == [str(a.id)]
    assert "Beta" not in r.text and "1000" not in r.text
    board = await client.get(
        "/v1/metrics/leaderboard", params={"metric": "won_revenue", "period": "2026"},
        headers=headers,
    )  # fmt: skip
    assert board.status_code == 200, board.text
    assert board.json()["entries"] == []
    assert board.json()["you"]["rank"] == 2 and board.json()["you"]["of"] == 2
    assert "Beta" not in board.text and str(b.id) not in board.text
    summary = await client.get(
        "/v1/metrics/summary", params={"date_range": "2026"}, headers=headers
    )
    assert summary.status_code == 200, summary.text
    assert summary.json()["kpis"]["metrics"]["won_revenue"] == "320.00"
    assert "Beta" not in summary.text and str(b.id) not in summary.text


async def test_csv_carries_the_same_figures(client, auth, store, sessionmaker):
    await seed(store, sessionmaker)
    body = q(metrics=["won_revenue", "win_rate"], interval="month", compare=True)
    r = await client.post(
        "/v1/metrics/query",
        headers={**await auth.headers("admin"), "Accept": "text/csv"},
        json=body,
    )
    assert r.status_code == 200, r.text
    lines = list(csv.DictReader(io.StringIO(r.text)))
    assert [line["period_start"] for line in lines] == ["2026-03-01", "2026-04-01"]
    assert lines[0]["won_revenue"] == "1320.00"
    assert lines[0]["won_revenue_unconverted"] == "GBP 50.00"
    assert lines[1]["won_revenue_unconverted"] == "EUR 300.00"
    assert lines[0]["previous_won_revenue"] == "0.00"


async def test_leaderboard_and_summary_for_vendors(client, auth, store, sessionmaker):
    await seed(store, sessionmaker)
    headers = await auth.headers("channel_manager")
    r = await client.get(
        "/v1/metrics/leaderboard", params={"metric": "won_revenue", "period": "2026"},
        headers=headers,
    )  # fmt: skip
    assert r.status_code == 200, r.text
    entries = r.json()["entries"]
    assert [(e["partner_name"], e["value"], e["rank"]) for e in entries] == [
        ("Beta", "1000.00", 1),
        ("Alpha", "320.00", 2),
    ]
    r = await client.get("/v1/metrics/summary", params={"date_range": "2026"}, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body["kpis"]["metrics"]) >= REQUIRED
    assert body["kpis"]["metrics"]["won_revenue"] == "1320.00"
    assert [p["partner_name"] for p in body["top_partners"]] == ["Beta", "Alpha"]
    assert len(body["trend"]) == 12


async def test_bad_queries_are_422(client, auth):
    headers = await auth.headers("admin")
    for body, code in (
        ({"metrics": ["nope"]}, "enum"),
        ({"metrics": ["won_revenue"], "date_range": "13x"}, "string_pattern_mismatch"),
        ({"metrics": ["won_revenue"], "date_range": ["2026-05-01", "2026-04-01"]},
         "invalid_date_range"),
        ({"metrics": ["asset_downloads"], "dimensions": ["currency"]}, "dimension_not_supported"),
        ({"metrics": ["won_revenue"], "date_range": "0000"}, "string_pattern_mismatch"),
        ({"metrics": ["won_revenue"], "date_range": "1099d"}, "string_pattern_mismatch"),
        ({"metrics": ["won_revenue"], "date_range": "37mo"}, "string_pattern_mismatch"),
        ({"metrics": ["won_revenue"], "date_range": ["2024-01-01", "2027-01-05"]},
         "invalid_date_range"),
        ({"metrics": ["won_revenue"], "date_range": ["0001-01-01", "0001-01-05"],
          "compare": True}, "invalid_date_range"),
        ({"metrics": ["won_revenue"], "date_range": ["9999-12-01", "9999-12-31"],
          "interval": "month"}, "invalid_date_range"),
        ({"metrics": ["won_revenue"], "date_range": "365d", "interval": "day",
          "dimensions": ["partner"]}, None),
    ):  # fmt: skip
        r = await client.post("/v1/metrics/query", headers=headers, json=body)
        if code is None:
            assert r.status_code == 200, r.text  # no partners: a small answer
            continue
        problem = assert_problem(r, 422, "validation_error")
        assert code in {e["code"] for e in problem["errors"]}, problem


async def test_day_interval_fills_every_day(client, auth):
    today = date.today()
    r = await client.post(
        "/v1/metrics/query",
        headers=await auth.headers("admin"),
        json={"metrics": ["deals_registered"], "date_range": "7d", "interval": "day"},
    )
    assert r.status_code == 200, r.text
    starts = [row["period"]["start"] for row in r.json()["rows"]]
    assert starts == [(today - timedelta(days=6 - i)).isoformat() for i in range(7)]
