"""``GET /v1/partners/{id}/health``: the live score from the partner's records, its
explanation, the program's weights, and who may read it."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from factories import assert_problem
from health_support import certification, program, set_weights

from prm_api.health.formula import DEFAULT_WEIGHTS
from prm_api.kit.time import utcnow


def only(component: str) -> dict[str, int]:
    return {name: (1 if name == component else 0) for name in DEFAULT_WEIGHTS}


def by_component(body: dict) -> dict[str, dict]:
    return {f["component"]: f for f in body["explain"]}


async def a_partner_with_a_record(store, factory):
    """3 won and 1 lost today (recency 1, win rate 0.75), no pipeline (0.5), 1 of 2 active
    users certified (0.5), no engagement (0)."""
    partner = await store.partner()
    for status in ("won", "won", "won", "lost"):
        await store.deal(partner.id, status, currency="USD")
    holder = await factory.user(role="partner_user", partner_id=partner.id)
    await factory.user(role="partner_user", partner_id=partner.id)
    gone = await factory.user(role="partner_user", partner_id=partner.id)
    await store._set(type(gone), gone.id, {"active": False})
    certified = await program(store, "Cloud", [])
    await certification(store, certified.id, holder.id, partner.id)
    # an expired one and another partner's do not count
    await certification(
        store, certified.id, gone.id, partner.id, expires_at=utcnow() - timedelta(days=1)
    )
    return partner


async def test_the_score_is_explained_point_by_point(client, store, factory, admin_headers):
    partner = await a_partner_with_a_record(store, factory)
    r = await client.get(f"/v1/partners/{partner.id}/health", headers=admin_headers)
    assert r.status_code == 200, r.text
    body = r.json()
    parts = by_component(body)
    assert list(parts) == [
        "deal_recency",
        "pipeline_trend",
        "win_rate",
        "certification_coverage",
        "engagement",
    ]
    assert {c: f["normalized"] for c, f in parts.items()} == {
        "deal_recency": 1.0,
        "pipeline_trend": 0.5,
        "win_rate": 0.75,
        "certification_coverage": 0.5,
        "engagement": 0.0,
    }
    assert {c: f["weight"] for c, f in parts.items()} == DEFAULT_WEIGHTS
    # 25·1 + 15·0.5 + 20·0.75 + 20·0.5 + 20·0 = 57.5 → 58; pipeline's 7.5 takes the extra point
    assert body["score"] == 58
    assert {c: f["points"] for c, f in parts.items()} == {
        "deal_recency": 25,
        "pipeline_trend": 8,
        "win_rate": 15,
        "certification_coverage": 10,
        "engagement": 0,
    }
    assert sum(f["points"] for f in body["explain"]) == body["score"]
    assert body["band"] == "at_risk"
    assert body["formula_version"] == "health-1"
    assert body["as_of"] == utcnow().date().isoformat()
    assert parts["win_rate"]["figures"] == {"won_deals": 3, "lost_deals": 1}
    assert parts["certification_coverage"]["figures"] == {"certified_users": 1, "active_users": 2}
    assert parts["deal_recency"]["raw_value"] == 0
    assert "3 won of 4 closed" in parts["win_rate"]["description"]


@pytest.mark.parametrize(
    ("component", "score"),
    [
        ("deal_recency", 100),
        ("pipeline_trend", 50),
        ("win_rate", 75),
        ("certification_coverage", 50),
        ("engagement", 0),
    ],
)
async def test_all_weight_on_one_component_scores_its_normalized_value(
    client, store, factory, sessionmaker, admin_headers, component, score
):
    partner = await a_partner_with_a_record(store, factory)
    await set_weights(sessionmaker, only(component))
    r = await client.get(f"/v1/partners/{partner.id}/health", headers=admin_headers)
    body = r.json()
    assert body["score"] == score
    assert by_component(body)[component]["points"] == score
    assert by_component(body)[component]["weight"] == 1


async def test_changing_a_weight_moves_the_score_predictably(
    client, store, factory, sessionmaker, admin_headers
):
    partner = await a_partner_with_a_record(store, factory)
    url = f"/v1/partners/{partner.id}/health"
    assert (await client.get(url, headers=admin_headers)).json()["score"] == 58
    # Doubling engagement's weight (normalized 0) adds 20 to the divisor: 57.5·100/120 → 48.
    await set_weights(sessionmaker, {"engagement": 40})
    body = (await client.get(url, headers=admin_headers)).json()
    assert body["score"] == 48
    assert body["band"] == "at_risk"
    assert by_component(body)["engagement"]["weight"] == 40
    assert by_component(body)["deal_recency"]["weight"] == 25  # a missing key: the default
    assert sum(f["points"] for f in body["explain"]) == 48


async def test_pipeline_trend_compares_with_90_days_ago(client, store, admin_headers):
    partner = await store.partner()
    long_ago = utcnow() - timedelta(days=120)
    # Approved 120 days ago and still open: in the pipeline then and now (100 → 100 + 50).
    await store.deal(
        partner.id,
        "approved",
        currency="USD",
        amount="100.00",
        submitted_at=long_ago,
        decided_at=long_ago,
    )
    await store.deal(partner.id, "approved", currency="USD", amount="50.00")
    r = await client.get(f"/v1/partners/{partner.id}/health", headers=admin_headers)
    trend = by_component(r.json())["pipeline_trend"]
    assert trend["raw_value"] == 1.5
    assert trend["normalized"] == 1.0
    assert trend["figures"]["pipeline_now"] == "150.00"
    assert trend["figures"]["pipeline_90_days_ago"] == "100.00"
    assert Decimal(trend["figures"]["pipeline_now"]) == Decimal("150")


async def test_partners_read_their_own_health_only(client, store, auth):
    mine, theirs = await store.partner(), await store.partner()
    for role in ("partner_admin", "partner_user"):
        headers = await auth.headers(role, partner_id=mine.id)
        for path in ("health", "health/history", "recommendations"):
            r = await client.get(f"/v1/partners/{mine.id}/{path}", headers=headers)
            assert r.status_code == 200, (role, path, r.text)
            r = await client.get(f"/v1/partners/{theirs.id}/{path}", headers=headers)
            assert_problem(r, 404, "not_found")


async def test_an_unknown_partner_is_a_404_and_the_scope_is_metrics_read(
    client, store, auth, admin_headers
):
    for path in ("health", "health/history", "recommendations"):
        r = await client.get(f"/v1/partners/{uuid.uuid4()}/{path}", headers=admin_headers)
        assert_problem(r, 404, "not_found")
    partner = await store.partner()
    without = await auth.headers("admin", scopes=["partners:read", "deals:read"])
    for path in ("health", "health/history", "recommendations"):
        r = await client.get(f"/v1/partners/{partner.id}/{path}", headers=without)
        assert_problem(r, 403, "insufficient_scope")
        r = await client.get(f"/v1/partners/{partner.id}/{path}")
        assert_problem(r, 401, "unauthorized")
    only_metrics = await auth.headers("channel_manager", scopes=["metrics:read"])
    r = await client.get(f"/v1/partners/{partner.id}/health", headers=only_metrics)
    assert r.status_code == 200, r.text


async def test_current_health_for_the_scorecard(sessionmaker, store):
    from prm_api.health.service import current_health

    partner = await store.partner()
    async with sessionmaker() as session:
        health = await current_health(session, partner.id)
        assert health is not None and health.partner_id == partner.id
        assert sum(f.points for f in health.explain) == health.score
        assert await current_health(session, uuid.uuid4()) is None


async def test_weights_set_through_the_program_settings_api(client, store, factory, admin_headers):
    partner = await a_partner_with_a_record(store, factory)
    url = f"/v1/partners/{partner.id}/health"
    r = await client.patch(
        "/v1/program/settings", headers=admin_headers, json={"health_weights": only("win_rate")}
    )
    assert r.status_code == 200, r.text
    body = (await client.get(url, headers=admin_headers)).json()
    assert (body["score"], body["band"]) == (75, "healthy")
    assert by_component(body)["win_rate"]["points"] == 75
    # A component left out keeps its default weight: win rate 0 leaves the other defaults,
    # (25·1 + 15·0.5 + 20·0.5 + 20·0) / 80 = 53.125 → 53.
    r = await client.patch(
        "/v1/program/settings", headers=admin_headers, json={"health_weights": {"win_rate": 0}}
    )
    assert r.status_code == 200, r.text
    body = (await client.get(url, headers=admin_headers)).json()
    assert body["score"] == 53
    assert by_component(body)["win_rate"]["points"] == 0
    assert sum(f["points"] for f in body["explain"]) == 53
    # {} is every default again.
    r = await client.patch(
        "/v1/program/settings", headers=admin_headers, json={"health_weights": {}}
    )
    assert r.status_code == 200, r.text
    assert (await client.get(url, headers=admin_headers)).json()["score"] == 58
