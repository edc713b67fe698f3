"""The preview is what a run then does; partner tokens neither see nor run evaluations; a
revenue minimum in another currency is compared in the base currency, never guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import assert_problem
from shape_checks import assert_shape_writes
from sqlalchemy import select
from tier_support import certify, changes, gold_partner, ladder, program, run, won

from prm_api.kit.time import utcnow
from prm_api.models import ExchangeRate, TierEvaluation, TierEvaluationChange
from prm_api.tier_evaluations import repository
from prm_api.tier_evaluations.schemas import (
    CHANGE,
    EVALUATION,
    TierEvaluationChangeOut,
    TierEvaluationOut,
)


def _comparable(change: dict) -> tuple:
    return (
        change["partner_id"],
        change["from_tier"] and change["from_tier"]["key"],
        change["to_tier"] and change["to_tier"]["key"],
        change["direction"],
        change["criteria"],
    )


@pytest.mark.parametrize("mode", ["manual", "automatic"])
async def test_the_preview_is_what_a_run_does(client, store, factory, admin_headers, mode):
    await program(store, tier_evaluation_mode=mode)
    silver, gold = await ladder(store)
    await gold_partner(store, factory, tier_id=silver.id)  # upgrade
    await store.partner(tier_id=gold.id)  # downgrade
    await store.partner()  # no tier: the floor
    await gold_partner(store, factory, tier_id=gold.id)  # stays
    mark = await store.mark()
    events_before = await store.count_events()

    r = await client.post("/v1/tier-evaluations/preview", headers=admin_headers)
    assert r.status_code == 200, r.text
    preview = r.json()
    # A dry run: nothing stored, nothing emitted.
    assert await store.count(TierEvaluation) == 0
    assert await store.count_events() == events_before and await store.since(mark) == []
    assert preview["mode"] == mode and preview["partners_evaluated"] == 4
    assert len(preview["changes"]) == 3

    evaluation = await run(client, admin_headers)
    recorded = await changes(client, admin_headers, evaluation["id"])
    assert sorted(map(_comparable, recorded)) == sorted(map(_comparable, preview["changes"]))
    statuses = {c["partner_id"]: c["status"] for c in preview["changes"]}
    # A run's changes start as the preview said (an applied upgrade is applied).
    assert {c["partner_id"]: c["status"] for c in recorded} == statuses
    assert (evaluation["window_start"], evaluation["window_end"]) == (
        preview["window_start"],
        preview["window_end"],
    )


async def test_partner_tokens_cannot_see_or_run_evaluations(client, store, factory, auth):
    silver, _ = await ladder(store)
    partner = await gold_partner(store, factory, tier_id=silver.id)
    admin = await auth.headers("admin")
    evaluation = await run(client, admin)
    [change] = await changes(client, admin, evaluation["id"])
    base = f"/v1/tier-evaluations/{evaluation['id']}"
    for role in ("partner_admin", "partner_user"):
        headers = await auth.headers(role, partner_id=partner.id)
        # Reads need metrics:read, which partners hold: refused as vendor-only.
        for path in (
            "/v1/tier-evaluations",
            base,
            f"{base}/changes",
            f"{base}/changes/{change['id']}",
        ):
            assert_problem(await client.get(path, headers=headers), 403, "vendor_only")
        r = await client.post("/v1/tier-evaluations/preview", headers=headers)
        assert_problem(r, 403, "vendor_only")
        # Writes need metrics:write, which no partner role holds.
        for path in ("/v1/tier-evaluations", f"{base}/changes/{change['id']}/accept"):
            assert_problem(await client.post(path, headers=headers), 403, "insufficient_scope")
    assert (await store.get_partner(partner.id)).tier_id == silver.id
    # A channel manager decides.
    manager = await auth.headers("channel_manager")
    r = await client.post(f"{base}/changes/{change['id']}/accept", headers=manager)
    assert r.status_code == 200, r.text


async def test_unknown_ids_and_bad_filters(client, store, admin_headers):
    await ladder(store)
    evaluation = await run(client, admin_headers)
    missing = "0193a0c4-6f1e-7cc2-9d1e-3c5b7a0e4f21"
    r = await client.get(f"/v1/tier-evaluations/{missing}", headers=admin_headers)
    assert_problem(r, 404, "not_found")
    r = await client.post(
        f"/v1/tier-evaluations/{evaluation['id']}/changes/{missing}/accept", headers=admin_headers
    )
    assert_problem(r, 404, "not_found")
    r = await client.get(
        f"/v1/tier-evaluations/{evaluation['id']}/changes",
        headers=admin_headers,
        params={"status": "maybe"},
    )
    assert r.status_code == 422


async def test_a_minimum_in_another_currency_needs_a_rate(client, store, factory, admin_headers):
    silver = await store.tier("silver", 10)
    await store.tier("gold", 20, min_won_revenue=Decimal("9000.00"), min_won_revenue_currency="EUR")
    partner = await store.partner(tier_id=silver.id)
    await won(store, partner.id, "10000.00")
    await certify(store, factory, partner.id)
    r = await client.post("/v1/tier-evaluations", headers=admin_headers)
    problem = assert_problem(r, 409, "exchange_rate_missing")
    assert problem["currency"] == "EUR"
    assert await store.count(TierEvaluation) == 0
    r = await client.post("/v1/tier-evaluations/preview", headers=admin_headers)
    assert_problem(r, 409, "exchange_rate_missing")

    # With today's rate (1 EUR = 1.12 USD) the minimum is 10,080.00 USD: 10,000.00 is short.
    async with store.sessionmaker() as session, session.begin():
        session.add(ExchangeRate(currency="EUR", rate_date=utcnow().date(), rate=Decimal("1.12")))
    r = await client.post("/v1/tier-evaluations/preview", headers=admin_headers)
    assert r.status_code == 200, r.text
    assert r.json()["changes"] == []
    await won(store, partner.id, "80.00")
    r = await client.post("/v1/tier-evaluations/preview", headers=admin_headers)
    [change] = r.json()["changes"]
    revenue = change["criteria"]["to_tier"]["won_revenue"]
    assert revenue["required"] == {"amount": "10080.00", "currency": "USD"}
    assert revenue["converted_from"] == {"amount": "9000.00", "currency": "EUR"}
    assert revenue["actual"] == {"amount": "10080.00", "currency": "USD"} and revenue["met"]


async def test_shapes_write_what_the_models_write(client, store, factory, admin_headers, db):
    silver, _ = await ladder(store)
    await gold_partner(store, factory, tier_id=silver.id)
    await run(client, admin_headers)
    evaluation = (await db.scalars(select(TierEvaluation))).one()
    assert_shape_writes(EVALUATION, evaluation, TierEvaluationOut)
    plain = (await db.execute(select(*TierEvaluation.__table__.columns))).one()
    assert_shape_writes(EVALUATION, plain, TierEvaluationOut)
    change = (await db.scalars(select(TierEvaluationChange))).one()
    row = (await db.execute(repository.changes_query(evaluation.id))).one()
    assert_shape_writes(CHANGE, row, TierEvaluationChangeOut)
    shown = CHANGE.validated(row)
    assert shown.to_tier is not None and shown.to_tier.id == change.to_tier_id
    assert shown.criteria.figures.won_deals == 2
