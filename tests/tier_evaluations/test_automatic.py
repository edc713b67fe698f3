"""Automatic mode: upgrades apply at once, downgrades after a grace period with a warning
first, cancelled when the partner qualifies again; the scheduled job runs once a day and
settles due downgrades on every tick."""

from __future__ import annotations

from datetime import timedelta

from factories import check_event
from sqlalchemy import select
from tier_support import certify, changes, gold_partner, ladder, program, run, won

from prm_api.kit.time import utcnow
from prm_api.models import TierEvaluation, TierEvaluationChange
from prm_api.tier_evaluations.jobs import evaluate_tiers


async def _change(store, partner_id) -> TierEvaluationChange:
    async with store.sessionmaker() as session:
        stmt = (
            select(TierEvaluationChange)
            .where(TierEvaluationChange.partner_id == partner_id)
            .order_by(TierEvaluationChange.created_at.desc())
        )
        return (await session.scalars(stmt)).first()


async def test_upgrades_apply_at_once(client, store, factory, admin_headers):
    await program(store, tier_evaluation_mode="automatic")
    silver, gold = await ladder(store)
    partner = await gold_partner(store, factory, tier_id=silver.id)
    newcomer = await store.partner()  # no tier: qualifies for the floor
    mark = await store.mark()
    evaluation = await run(client, admin_headers)
    assert evaluation["mode"] == "automatic" and evaluation["status"] == "completed"
    assert evaluation["counts"]["upgrades"] == 2
    assert (await store.get_partner(partner.id)).tier_id == gold.id
    assert (await store.get_partner(newcomer.id)).tier_id == silver.id
    listed = {c["partner_id"]: c for c in await changes(client, admin_headers, evaluation["id"])}
    assert listed[str(partner.id)]["status"] == "applied"
    assert listed[str(newcomer.id)]["from_tier"] is None

    events = await store.since(mark)
    assert sorted(e.type for e in events) == [
        "partner.tier_changed",
        "partner.tier_changed",
        "tier_evaluation.completed",
    ]
    for event in events:
        check_event(event)
    [gold_event] = [
        e for e in events if e.type == "partner.tier_changed" and e.partner_id == partner.id
    ]
    detail = gold_event.data["object"]["tier_change"]
    assert detail["direction"] == "upgrade" and detail["status"] == "applied"
    assert detail["change_id"] == listed[str(partner.id)]["id"]
    criteria = detail["criteria"]
    assert criteria["figures"] == {
        "won_revenue": {"amount": "10000.00", "currency": "USD"},
        "won_revenue_unconverted": [],
        "won_deals": 2,
        "certified_users": 1,
    }
    assert criteria["to_tier"]["tier"]["key"] == "gold"
    assert criteria["to_tier"]["certified_users"]["met"] is True
    assert gold_event.actor["type"] == "user"
    completed = next(e for e in events if e.type == "tier_evaluation.completed")
    assert completed.partner_id is None
    assert completed.data["object"]["id"] == evaluation["id"]


async def test_downgrade_after_grace(client, store, factory, admin_headers):
    await program(store, tier_evaluation_mode="automatic", tier_downgrade_grace_days=30)
    silver, gold = await ladder(store)
    partner = await store.partner(tier_id=gold.id)
    await won(store, partner.id, "2500.00")
    mark = await store.mark()
    evaluation = await run(client, admin_headers)
    assert evaluation["status"] == "applied" and evaluation["counts"]["open_changes"] == 1
    [change] = await changes(client, admin_headers, evaluation["id"])
    assert change["status"] == "pending_grace" and change["direction"] == "downgrade"
    assert change["to_tier"]["key"] == "silver"
    left = change["criteria"]["from_tier"]
    assert left["qualifies"] is False
    assert left["won_revenue"]["missing"] == {"amount": "7500.00", "currency": "USD"}
    assert left["summary"] == (
        "1 more certified user, 1 more won deal, 7,500.00 USD more won revenue"
    )
    # The warning first; the partner keeps its tier for now.
    [warning] = [e for e in await store.since(mark) if e.partner_id == partner.id]
    assert warning.type == "partner.tier_downgrade_pending"
    check_event(warning)
    assert warning.data["object"]["tier"]["key"] == "gold"
    assert warning.data["object"]["tier_change"]["effective_at"] == change["effective_at"]
    assert (await store.get_partner(partner.id)).tier_id == gold.id

    row = await _change(store, partner.id)
    # Ticks before the deadline change nothing (and run no second evaluation today).
    assert (
        await evaluate_tiers(store.sessionmaker, now=row.effective_at - timedelta(seconds=1)) == 0
    )
    assert (await store.get_partner(partner.id)).tier_id == gold.id
    mark = await store.mark()
    assert await evaluate_tiers(store.sessionmaker, now=row.effective_at) >= 1
    assert (await store.get_partner(partner.id)).tier_id == silver.id
    applied = await _change(store, partner.id)
    assert applied.id == row.id and applied.status == "applied"
    event = next(
        e
        for e in await store.since(mark)
        if e.type == "partner.tier_changed" and e.partner_id == partner.id
    )
    check_event(event)
    assert event.actor == {
        "type": "system",
        "id": "job:evaluate-tiers",
        "role": "admin",
        "partner_id": None,
        "client_id": "system",
    }
    assert event.data["object"]["tier_change"]["criteria"]["from_tier"]["tier"]["key"] == "gold"
    r = await client.get(f"/v1/tier-evaluations/{evaluation['id']}", headers=admin_headers)
    assert r.json()["status"] == "completed"


async def test_a_downgrade_is_cancelled_when_the_partner_qualifies_again(
    client, store, factory, admin_headers
):
    await program(store, tier_evaluation_mode="automatic", tier_downgrade_grace_days=30)
    _silver, gold = await ladder(store)
    partner = await store.partner(tier_id=gold.id)
    first = await run(client, admin_headers)
    [pending] = await changes(client, admin_headers, first["id"])
    assert pending["status"] == "pending_grace"
    # An unchanged second run keeps the same pending downgrade (its deadline keeps running).
    again = await run(client, admin_headers)
    assert again["counts"]["downgrades"] == 0 and again["counts"]["cancelled_earlier"] == 0
    r = await client.post("/v1/tier-evaluations/preview", headers=admin_headers)
    assert r.json()["kept"] == 1

    await won(store, partner.id, "6000.00")
    await won(store, partner.id, "4000.00")
    await certify(store, factory, partner.id)
    mark = await store.mark()
    third = await run(client, admin_headers)
    assert third["counts"]["cancelled_earlier"] == 1
    cancelled = await _change(store, partner.id)
    assert cancelled.id == pending["id"] or str(cancelled.id) == pending["id"]
    assert cancelled.status == "cancelled"
    assert cancelled.reason == "The partner qualifies for its current tier again."
    lifted = [e for e in await store.since(mark) if e.partner_id == partner.id]
    assert [e.type for e in lifted] == ["partner.tier_downgrade_cancelled"]
    check_event(lifted[0])
    # The deadline passes: nothing happens.
    await evaluate_tiers(store.sessionmaker, now=cancelled.effective_at + timedelta(days=1))
    assert (await store.get_partner(partner.id)).tier_id == gold.id


async def test_rejecting_a_pending_downgrade_keeps_the_tier(client, store, factory, admin_headers):
    await program(store, tier_evaluation_mode="automatic")
    _, gold = await ladder(store)
    partner = await store.partner(tier_id=gold.id)
    evaluation = await run(client, admin_headers)
    [pending] = await changes(client, admin_headers, evaluation["id"])
    mark = await store.mark()
    r = await client.post(
        f"/v1/tier-evaluations/{evaluation['id']}/changes/{pending['id']}/reject",
        headers=admin_headers,
        json={"reason": "Strategic partner"},
    )
    assert r.status_code == 200, r.text
    types = [e.type for e in await store.since(mark)]
    assert types == ["partner.tier_downgrade_cancelled", "tier_evaluation_change.rejected"]
    await evaluate_tiers(store.sessionmaker, now=utcnow() + timedelta(days=60))
    assert (await store.get_partner(partner.id)).tier_id == gold.id


async def test_the_job_evaluates_once_a_day(store, factory):
    await program(store, tier_evaluation_mode="automatic")
    silver, gold = await ladder(store)
    partner = await gold_partner(store, factory, tier_id=silver.id)
    now = utcnow()
    assert await evaluate_tiers(store.sessionmaker, now=now) == 1
    assert (await store.get_partner(partner.id)).tier_id == gold.id
    await evaluate_tiers(store.sessionmaker, now=now + timedelta(minutes=1))
    assert await store.count(TierEvaluation) == 1
    async with store.sessionmaker() as session:
        [evaluation] = (await session.scalars(select(TierEvaluation))).all()
    assert evaluation.trigger == "schedule"
    assert evaluation.triggered_by == "system:job:evaluate-tiers"
    tomorrow = now + timedelta(days=1)
    await evaluate_tiers(store.sessionmaker, now=tomorrow)
    assert await store.count(TierEvaluation) == 2


async def test_the_job_does_nothing_without_tiers(store):
    await store.partner()
    assert await evaluate_tiers(store.sessionmaker) == 0
    assert await store.count(TierEvaluation) == 0


async def test_no_grace_downgrades_at_once(client, store, factory, admin_headers):
    await program(store, tier_evaluation_mode="automatic", tier_downgrade_grace_days=0)
    silver, gold = await ladder(store)
    partner = await store.partner(tier_id=gold.id)
    mark = await store.mark()
    evaluation = await run(client, admin_headers)
    [change] = await changes(client, admin_headers, evaluation["id"])
    assert change["status"] == "applied" and change["effective_at"] is None
    assert (await store.get_partner(partner.id)).tier_id == silver.id
    types = sorted(e.type for e in await store.since(mark))
    assert types == ["partner.tier_changed", "tier_evaluation.completed"]
