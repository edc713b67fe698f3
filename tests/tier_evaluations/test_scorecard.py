"""GET /v1/partners/{id}/scorecard: KPIs for a period and the one before (hand-computed),
progress to the next tier criterion by criterion, certifications, onboarding, health; a
partner sees only its own; the statements it runs do not grow with the partner's data."""

from __future__ import annotations

import uuid
from datetime import timedelta

from factories import assert_problem
from sqlalchemy import event
from tier_support import certify, ladder, won

from prm_api.kit.time import utcnow


async def _card(client, headers, partner_id, **params) -> dict:
    r = await client.get(f"/v1/partners/{partner_id}/scorecard", headers=headers, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def _usd(amount: str) -> dict:
    return {"amount": amount, "currency": "USD"}


async def test_kpis_for_the_period_and_the_one_before(client, store, admin_headers):
    partner = await store.partner()
    now = utcnow()
    today = now.date()
    await won(store, partner.id, "6000.00")  # closed 10 days ago
    await store.deal(
        partner.id, "lost", amount="500.00", currency="USD", closed_at=today - timedelta(days=5)
    )
    await store.deal(partner.id, "approved", amount="2000.00", currency="USD")
    await store.deal(partner.id, "rejected", amount="700.00", currency="USD")
    await store.deal(partner.id, "draft", amount="900.00", currency="USD")  # never counted
    # Wholly in the previous 30 days: submitted, approved and won there.
    await store.deal(
        partner.id,
        "won",
        amount="1000.00",
        currency="USD",
        submitted_at=now - timedelta(days=50),
        decided_at=now - timedelta(days=45),
        closed_at=today - timedelta(days=40),
    )

    card = await _card(client, admin_headers, partner.id, period="30d")
    assert card["partner_id"] == str(partner.id) and card["base_currency"] == "USD"
    assert card["current"]["period"] == {
        "start": (today - timedelta(days=29)).isoformat(),
        "end": today.isoformat(),
        "days": 30,
    }
    assert card["previous"]["period"]["end"] == (today - timedelta(days=30)).isoformat()
    assert card["current"]["kpis"] == {
        "won_revenue": _usd("6000.00"),
        "won_revenue_unconverted": [],
        "won_deals": 1,
        "lost_deals": 1,
        "win_rate": 0.5,
        "avg_deal_value": _usd("6000.00"),
        "pipeline": _usd("2000.00"),
        "pipeline_deals": 1,
        "pipeline_unconverted": [],
        "deals_registered": 4,
        "deals_approved": 3,
        "deals_rejected": 1,
        "approval_rate": 0.75,
        "asset_downloads": 0,
        "course_completions": 0,
        "active_users": 0,
        "sign_ins": 0,
    }
    before = card["previous"]["kpis"]
    assert before["won_revenue"] == _usd("1000.00") and before["won_deals"] == 1
    assert before["deals_registered"] == 1 and before["approval_rate"] == 1.0
    assert before["pipeline"] == _usd("0.00") and before["win_rate"] == 1.0


async def test_amounts_without_a_rate_are_listed_not_summed(client, store, admin_headers):
    partner = await store.partner()
    await won(store, partner.id, "1000.00")
    await won(store, partner.id, "3000.00", currency="EUR")
    kpis = (await _card(client, admin_headers, partner.id, period="90d"))["current"]["kpis"]
    assert kpis["won_revenue"] == _usd("1000.00")
    assert kpis["won_revenue_unconverted"] == [{"amount": "3000.00", "currency": "EUR"}]
    assert kpis["won_deals"] == 2
    assert kpis["avg_deal_value"] is None  # an average of part of the deals would mislead


async def test_progress_to_the_next_tier_criterion_by_criterion(
    client, store, factory, admin_headers
):
    silver, gold = await ladder(store)
    partner = await store.partner(tier_id=silver.id)
    await won(store, partner.id, "6000.00")
    card = await _card(client, admin_headers, partner.id)
    assert card["tier"]["key"] == "silver" and card["next_tier"]["key"] == "gold"
    progress = card["progress"]
    assert progress["summary"] == (
        "To reach Gold: 1 more certified user, 1 more won deal, 4,000.00 USD more won revenue."
    )
    nxt = progress["next_tier"]
    assert nxt["qualifies"] is False
    assert nxt["won_revenue"] == {
        "required": _usd("10000.00"),
        "actual": _usd("6000.00"),
        "missing": _usd("4000.00"),
        "met": False,
        "summary": "4,000.00 USD more won revenue",
        "converted_from": None,
    }
    assert nxt["won_deals"] == {
        "required": 2,
        "actual": 1,
        "missing": 1,
        "met": False,
        "summary": "1 more won deal",
    }
    assert nxt["certified_users"]["missing"] == 1
    assert progress["current_tier"]["qualifies"] is True
    assert progress["qualified_tier"]["key"] == "silver"
    assert progress["figures"]["won_deals"] == 1
    window_start = progress["window_start"]

    # Two certified users and one more deal later: Gold is met, and an evaluation would say so.
    await certify(store, factory, partner.id)
    await won(store, partner.id, "4000.00")
    progress = (await _card(client, admin_headers, partner.id))["progress"]
    assert progress["next_tier"]["qualifies"] is True
    assert progress["summary"] == "Meets every criterion of Gold."
    assert progress["qualified_tier"]["key"] == "gold"
    r = await client.post("/v1/tier-evaluations/preview", headers=admin_headers)
    [change] = r.json()["changes"]
    assert change["criteria"]["to_tier"] == progress["next_tier"]
    assert change["criteria"]["window_start"] == window_start

    # At the top there is no next tier.
    await store.set_partner(partner.id, tier_id=gold.id)
    card = await _card(client, admin_headers, partner.id)
    assert card["next_tier"] is None and card["progress"]["next_tier"] is None
    assert card["progress"]["summary"] == "Top tier."
    assert card["progress"]["current_tier"]["tier"]["key"] == "gold"


async def test_certifications_onboarding_and_health(client, store, factory, admin_headers):
    partner = await store.partner()
    now = utcnow()
    soon = await certify(store, factory, partner.id, expires_at=now + timedelta(days=20))
    await certify(store, factory, partner.id, expires_at=now + timedelta(days=200))
    await certify(store, factory, partner.id, expires_at=now - timedelta(days=1))
    card = await _card(client, admin_headers, partner.id)
    certs = card["certifications"]
    assert certs["held"] == 2 and certs["certified_users"] == 2
    assert certs["expiring_within_days"] == 60 and certs["expiring_count"] == 1
    [listed] = certs["expiring"]
    assert listed["certification_id"] == str(soon.id)
    assert listed["user_id"] == str(soon.user_id) and listed["user_name"] == "Test User"
    assert listed["program_name"] == "Certified Seller"
    assert card["onboarding"]["completed"] is False  # an empty plan completes nothing
    assert card["onboarding"]["activated_at"] is not None
    assert card["health"]["partner_id"] == str(partner.id)
    assert 0 <= card["health"]["score"] <= 100
    assert card["notes"] == []


async def test_partners_see_their_own_scorecard_only(client, store, auth):
    mine, theirs = await store.partner(), await store.partner()
    for role in ("partner_admin", "partner_user"):
        headers = await auth.headers(role, partner_id=mine.id)
        assert (await _card(client, headers, mine.id))["partner_id"] == str(mine.id)
        r = await client.get(f"/v1/partners/{theirs.id}/scorecard", headers=headers)
        assert_problem(r, 404, "not_found")
    admin = await auth.headers("admin")
    r = await client.get(f"/v1/partners/{uuid.uuid4()}/scorecard", headers=admin)
    assert_problem(r, 404, "not_found")
    no_scope = await auth.headers("partner_admin", partner_id=mine.id, scopes=["partners:read"])
    r = await client.get(f"/v1/partners/{mine.id}/scorecard", headers=no_scope)
    assert_problem(r, 403, "insufficient_scope")


async def test_bad_periods_are_refused(client, store, admin_headers):
    partner = await store.partner()
    for period in ("13x", "2026-Q5", "0d", "", "99999d"):
        r = await client.get(
            f"/v1/partners/{partner.id}/scorecard", headers=admin_headers, params={"period": period}
        )
        assert r.status_code in (400, 422), (period, r.text)
    card = await _card(client, admin_headers, partner.id, period="2026-Q3")
    assert card["current"]["period"]["start"] == "2026-07-01"
    assert card["previous"]["period"] == {"start": "2026-04-01", "end": "2026-06-30", "days": 91}


async def test_the_statements_do_not_grow_with_the_data(app, client, store, factory, admin_headers):
    """Rollups only: a partner with many deals and certifications costs the same queries."""
    await ladder(store)
    small, big = await store.partner(), await store.partner()
    await won(store, small.id, "100.00")
    for i in range(12):
        await won(store, big.id, f"{100 + i}.00")
        await store.deal(big.id, "approved", amount="50.00", currency="USD")
    for _ in range(4):
        await certify(store, factory, big.id, expires_at=utcnow() + timedelta(days=10))

    async def statements(partner_id) -> int:
        seen: list[str] = []

        def record(conn, cursor, statement, *args) -> None:
            seen.append(statement)

        engine = app.state.engine.sync_engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            await _card(client, admin_headers, partner_id)
        finally:
            event.remove(engine, "before_cursor_execute", record)
        return len(seen)

    await statements(small.id)  # warm caches
    counted = await statements(small.id)
    assert counted >= 5  # the engine's statements are seen (the test can fail)
    assert await statements(big.id) == counted
