"""The ``snapshot-health`` job: one snapshot per active partner and day (idempotent), the
history read from them, and ``partner.health_changed`` exactly once per band crossing."""

from __future__ import annotations

from datetime import timedelta

from factories import assert_problem, check_event
from health_support import certification, program
from sqlalchemy import select

from prm_api.health.snapshots import snapshot_health
from prm_api.kit.time import utcnow
from prm_api.models import PartnerHealthSnapshot
from prm_api.worker.jobs import JOBS

CHANGED = "partner.health_changed"


async def test_two_days_of_history_and_one_event_per_crossing(
    client, store, factory, sessionmaker, admin_headers, auth
):
    today = utcnow().date()
    yesterday = today - timedelta(days=1)
    partner = await store.partner()
    await store.partner("suspended")  # not active: never scored
    await store.partner("onboarding")
    user = await factory.user(role="partner_user", partner_id=partner.id)

    # Yesterday: nothing yet. recency 0, pipeline 0.5, win rate 0.5, coverage 0, engagement 0:
    # 15·0.5 + 20·0.5 = 17.5 → 18, critical. The first snapshot only sets the band.
    assert await snapshot_health(sessionmaker, day=yesterday) == 1
    assert await store.events(type=CHANGED) == []

    # Today: four deals won today → recency 1, win rate 1: 25 + 7.5 + 20 = 52.5 → 53, at risk.
    for _ in range(4):
        await store.deal(partner.id, "won", currency="USD")
    assert await snapshot_health(sessionmaker, day=today) == 1
    [event] = await store.events(type=CHANGED)
    check_event(event)
    assert event.partner_id == partner.id
    assert event.resource_id == str(partner.id)
    assert event.actor["id"] == "job:snapshot-health"
    change = event.data["object"]
    assert (change["previous_band"], change["band"], change["score"]) == (
        "critical",
        "at_risk",
        53,
    )
    assert sum(f["points"] for f in change["explain"]) == 53
    assert change["day"] == today.isoformat()
    [audit] = await store.audit(partner.id, CHANGED)
    assert audit.changes == {"health_band": {"before": "critical", "after": "at_risk"}}

    # Running again the same day does nothing: the day's snapshot exists.
    assert await snapshot_health(sessionmaker, day=today) == 0
    # Recomputing it without a change of band replaces the row, announces nothing.
    assert await snapshot_health(sessionmaker, day=today, again=True) == 1
    assert len(await store.events(type=CHANGED)) == 1

    # A certified user (1 of 1): +20 → 72.5 → 73, healthy: the second crossing, once.
    cloud = await program(store, "Cloud", [])
    await certification(store, cloud.id, user.id, partner.id)
    assert await snapshot_health(sessionmaker, day=today, again=True) == 1
    assert await snapshot_health(sessionmaker, day=today, again=True) == 1
    events = await store.events(type=CHANGED)
    assert [(e.data["object"]["previous_band"], e.data["object"]["band"]) for e in events] == [
        ("critical", "at_risk"),
        ("at_risk", "healthy"),
    ]
    assert await store.count(PartnerHealthSnapshot) == 2

    r = await client.get(
        f"/v1/partners/{partner.id}/health/history",
        params={"from": yesterday.isoformat(), "to": today.isoformat()},
        headers=admin_headers,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["from"], body["to"]) == (yesterday.isoformat(), today.isoformat())
    assert [(s["day"], s["score"], s["band"]) for s in body["data"]] == [
        (yesterday.isoformat(), 18, "critical"),
        (today.isoformat(), 73, "healthy"),
    ]
    for snapshot in body["data"]:
        assert sum(f["points"] for f in snapshot["explain"]) == snapshot["score"]
        assert snapshot["formula_version"] == "health-1"
    # The default window ends today and covers 90 days.
    r = await client.get(f"/v1/partners/{partner.id}/health/history", headers=admin_headers)
    assert [s["day"] for s in r.json()["data"]] == [yesterday.isoformat(), today.isoformat()]
    assert r.json()["from"] == (today - timedelta(days=89)).isoformat()

    # The partner reads the event with metrics:read, not without it.
    reader = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.get("/v1/events", params={"type": CHANGED}, headers=reader)
    assert len(r.json()["data"]) == 2
    blind = await auth.headers(
        "partner_admin", partner_id=partner.id, scopes=["events:read", "partners:read"]
    )
    r = await client.get("/v1/events", params={"type": CHANGED}, headers=blind)
    assert r.json()["data"] == []


async def test_the_job_is_registered_and_scores_every_active_partner(sessionmaker, store):
    partners = [await store.partner() for _ in range(3)]
    assert await JOBS["snapshot-health"](sessionmaker) == 3
    assert await JOBS["snapshot-health"](sessionmaker) == 0
    late = await store.partner()  # activated later in the day: the next round takes it
    assert await JOBS["snapshot-health"](sessionmaker) == 1
    async with sessionmaker() as session:
        scored = set((await session.scalars(select(PartnerHealthSnapshot.partner_id))).all())
    assert scored == {p.id for p in [*partners, late]}


async def test_history_window_is_checked(client, store, admin_headers, auth):
    partner = await store.partner()
    url = f"/v1/partners/{partner.id}/health/history"
    r = await client.get(
        url, params={"from": "2026-03-02", "to": "2026-03-01"}, headers=admin_headers
    )
    assert_problem(r, 422, "validation_error")
    assert r.json()["errors"][0]["code"] == "after_to"
    r = await client.get(
        url, params={"from": "2025-01-01", "to": "2026-03-01"}, headers=admin_headers
    )
    assert_problem(r, 422, "validation_error")
    assert r.json()["errors"][0]["code"] == "range_too_long"
    # 400 days exactly is fine
    r = await client.get(
        url, params={"from": "2025-01-26", "to": "2026-03-01"}, headers=admin_headers
    )
    assert r.status_code == 200, r.text
    # The default `from` of a `to` at the start of the calendar stops at its first day.
    r = await client.get(url, params={"to": "0001-01-05"}, headers=admin_headers)
    assert (r.status_code, r.json()["from"]) == (200, "0001-01-01")
    r = await client.get(url, params={"from": "yesterday"}, headers=admin_headers)
    assert r.status_code in (400, 422)
    # Another partner's history is a 404 even with a bad window.
    other = await auth.headers("partner_user", partner_id=(await store.partner()).id)
    r = await client.get(url, params={"from": "2026-03-02", "to": "2026-03-01"}, headers=other)
    assert_problem(r, 404, "not_found")
