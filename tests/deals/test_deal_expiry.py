"""The expiry job: approved deals past their protection end become `expired`, once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from prm_api.deals.expiry import expire_due_deals
from prm_api.kit.time import utcnow
from prm_api.models import AuditEvent


async def _arrange(store):
    """Due approved deals, and deals the job must leave alone."""
    partner = await store.partner()
    now = utcnow()
    past = now - timedelta(minutes=5)
    due = [
        await store.deal(partner.id, "approved", customer=f"Due {n}", protection_expires_at=past)
        for n in range(5)
    ]
    keep = [
        await store.deal(
            partner.id, "approved", customer="Future", protection_expires_at=now + timedelta(days=1)
        ),
        await store.deal(
            partner.id, "approved", customer="Unprotected", protection_expires_at=None
        ),
    ]
    for status in ("draft", "submitted", "rejected", "withdrawn", "won", "lost", "expired"):
        keep.append(
            await store.deal(partner.id, status, customer=status, protection_expires_at=past)
        )
    return due, keep


async def test_expires_exactly_the_due_deals(store, sessionmaker):
    due, keep = await _arrange(store)
    before = {d.id: await store.state(d.id) for d in keep}

    assert await expire_due_deals(sessionmaker) == len(due)

    for deal in due:
        state = await store.state(deal.id)
        assert state["status"] == "expired"
        assert state["expired_at"] is not None
        [event] = await store.audit(deal.id, "deal.expired")
        assert event.actor_type == "system"
        assert event.changes == {"status": {"before": "approved", "after": "expired"}}
    for deal in keep:
        assert await store.state(deal.id) == before[deal.id]
    rows = await store.count(AuditEvent, AuditEvent.action == "deal.expired")
    assert rows == len(due)

    # A second run finds nothing and writes nothing.
    assert await expire_due_deals(sessionmaker) == 0
    assert await store.count(AuditEvent, AuditEvent.action == "deal.expired") == rows
    assert await store.count(AuditEvent) == rows


async def test_batches(store, sessionmaker):
    due, _ = await _arrange(store)
    assert await expire_due_deals(sessionmaker, limit=2) == len(due)
    assert await store.count(AuditEvent, AuditEvent.action == "deal.expired") == len(due)


async def test_concurrent_runs_expire_each_deal_once(store, sessionmaker):
    due, keep = await _arrange(store)
    counts = await asyncio.gather(
        expire_due_deals(sessionmaker, limit=2),
        expire_due_deals(sessionmaker, limit=2),
        expire_due_deals(sessionmaker),
    )
    assert sum(counts) == len(due)
    for deal in due:
        assert len(await store.audit(deal.id, "deal.expired")) == 1
        assert (await store.state(deal.id))["status"] == "expired"
    assert await store.count(AuditEvent, AuditEvent.action == "deal.expired") == len(due)
    for deal in keep:
        assert await store.audit(deal.id, "deal.expired") == []


async def test_expired_deal_is_visible_and_final(client, auth, store, sessionmaker):
    partner = await store.partner()
    deal = await store.deal(
        partner.id, "approved", protection_expires_at=utcnow() - timedelta(seconds=1)
    )
    assert await expire_due_deals(sessionmaker) == 1
    pu = await auth.headers("partner_user", partner_id=partner.id)
    r = await client.get(f"/v1/deals/{deal.id}", headers=pu)
    assert r.json()["status"] == "expired"
    r = await client.post(f"/v1/deals/{deal.id}/withdraw", headers=pu)
    assert r.status_code == 409 and r.json()["allowed_actions"] == []
