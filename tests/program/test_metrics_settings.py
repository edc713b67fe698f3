"""The program's metrics settings: base currency, tier evaluation mode, window and grace
period, health weights — defaults, validation, and the base currency guarded by the rates."""

from __future__ import annotations

import pytest
from factories import assert_problem

from prm_api.models import ExchangeRate, ProgramSettings

URL = "/v1/program/settings"
COMPONENTS = ("deal_recency", "pipeline_trend", "win_rate", "certification_coverage", "engagement")


async def test_defaults(client, auth):
    r = await client.get(URL, headers=await auth.headers("channel_manager"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert {
        k: body[k]
        for k in (
            "base_currency",
            "tier_evaluation_mode",
            "tier_window_months",
            "tier_downgrade_grace_days",
            "health_weights",
        )
    } == {
        "base_currency": "USD",
        "tier_evaluation_mode": "manual",
        "tier_window_months": 12,
        "tier_downgrade_grace_days": 30,
        "health_weights": {},
    }


async def test_patch_every_metrics_setting(client, auth, store, sessionmaker):
    admin = await auth.headers("admin")
    change = {
        "base_currency": "EUR",
        "tier_evaluation_mode": "automatic",
        "tier_window_months": 6,
        "tier_downgrade_grace_days": 0,
        "health_weights": {"win_rate": 40, "engagement": 0},
    }
    mark = await store.mark()
    r = await client.patch(URL, headers={**admin, "If-Match": '"1"'}, json=change)
    assert r.status_code == 200, r.text
    assert {k: r.json()[k] for k in change} == change
    assert r.headers["ETag"] == '"2"'
    # Left-out weights are absent (their defaults apply), never null.
    assert r.json()["health_weights"] == {"win_rate": 40, "engagement": 0}
    event = await store.one_since(mark, "program_settings.updated")
    assert event.data["previous_attributes"]["base_currency"] == "USD"
    assert event.data["object"]["health_weights"] == {"win_rate": 40, "engagement": 0}
    [audit] = await store.audit(action="program_settings.updated")
    assert audit.changes["tier_window_months"] == {"before": 12, "after": 6}
    assert audit.changes["health_weights"] == {
        "before": {},
        "after": {"win_rate": 40, "engagement": 0},
    }
    async with sessionmaker() as session:
        row = await session.get(ProgramSettings, 1)
        assert row.base_currency == "EUR" and row.tier_evaluation_mode == "automatic"
        assert row.health_weights == {"win_rate": 40, "engagement": 0}

    # {} goes back to the defaults; the whole object is replaced.
    r = await client.patch(URL, headers=admin, json={"health_weights": {}})
    assert r.json()["health_weights"] == {}
    r = await client.patch(URL, headers=admin, json={"health_weights": {"deal_recency": 100}})
    assert r.json()["health_weights"] == {"deal_recency": 100}
    r = await client.get(URL, headers=admin)
    assert r.json()["health_weights"] == {"deal_recency": 100}


@pytest.mark.parametrize(
    "body",
    [
        {"base_currency": "usd"},
        {"base_currency": "XXX"},
        {"base_currency": None},
        {"tier_evaluation_mode": "auto"},
        {"tier_window_months": 0},
        {"tier_window_months": 37},
        {"tier_window_months": "12"},
        {"tier_downgrade_grace_days": -1},
        {"tier_downgrade_grace_days": 366},
        {"tier_downgrade_grace_days": 1.5},
        {"health_weights": {"win_rate": 101}},
        {"health_weights": {"win_rate": -1}},
        {"health_weights": {"win_rate": "10"}},
        {"health_weights": {"win_rate": None}},
        {"health_weights": {"luck": 10}},
        {"health_weights": dict.fromkeys(COMPONENTS, 0)},
        {"health_weights": None},
        {"health_weights": [10]},
    ],
)
async def test_invalid_values(client, auth, body):
    admin = await auth.headers("admin")
    r = await client.patch(URL, headers=admin, json=body)
    assert_problem(r, 422, "validation_error")
    r = await client.get(URL, headers=admin)
    assert r.headers["ETag"] == '"1"'  # nothing changed


async def test_some_zero_weights_are_fine(client, auth):
    admin = await auth.headers("admin")
    weights = {**dict.fromkeys(COMPONENTS, 0), "win_rate": 1}
    r = await client.patch(URL, headers=admin, json={"health_weights": weights})
    assert r.status_code == 200, r.text
    assert r.json()["health_weights"] == weights


async def test_base_currency_cannot_change_while_rates_exist(client, auth, store):
    admin = await auth.headers("admin")
    r = await client.post(
        "/v1/exchange-rates",
        headers=admin,
        json={"currency": "EUR", "rate_date": "2026-01-31", "rate": "1.08"},
    )
    assert r.status_code == 201, r.text
    rate_id = r.json()["id"]
    r = await client.patch(URL, headers=admin, json={"base_currency": "GBP"})
    assert_problem(r, 409, "exchange_rates_exist")
    # Nothing else in the same request is applied either.
    r = await client.patch(
        URL, headers=admin, json={"base_currency": "GBP", "tier_window_months": 3}
    )
    assert_problem(r, 409, "exchange_rates_exist")
    r = await client.get(URL, headers=admin)
    assert (r.json()["base_currency"], r.json()["tier_window_months"]) == ("USD", 12)
    # Sending the current base currency is no change and no conflict.
    r = await client.patch(URL, headers=admin, json={"base_currency": "USD"})
    assert r.status_code == 200, r.text
    # Once the rates are deleted, it may change; rates for the old base are then fine.
    assert (await client.delete(f"/v1/exchange-rates/{rate_id}", headers=admin)).status_code == 204
    r = await client.patch(URL, headers=admin, json={"base_currency": "EUR"})
    assert r.status_code == 200 and r.json()["base_currency"] == "EUR"
    r = await client.post(
        "/v1/exchange-rates",
        headers=admin,
        json={"currency": "EUR", "rate_date": "2026-01-31", "rate": "1.08"},
    )
    assert_problem(r, 422, "base_currency_rate")
    r = await client.post(
        "/v1/exchange-rates",
        headers=admin,
        json={"currency": "USD", "rate_date": "2026-01-31", "rate": "0.92"},
    )
    assert r.status_code == 201, r.text
    assert await store.count(ExchangeRate) == 1


async def test_only_admins_change_them(client, auth, store):
    cm = await auth.headers("channel_manager")
    r = await client.patch(URL, headers=cm, json={"tier_evaluation_mode": "automatic"})
    assert_problem(r, 403, "admin_only")
    partner = await store.partner()
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.patch(URL, headers=pa, json={"tier_evaluation_mode": "automatic"})
    assert r.status_code == 403, r.text
