"""The outbox is transactional: a request that fails half-way leaves no event and no change."""

from __future__ import annotations

import sys

import pytest
from factories import deal_body
from sqlalchemy import event as orm_event
from sqlalchemy import func, inspect, select

from prm_api.audit import service as audit_service
from prm_api.events import outbox
from prm_api.models import AuditEvent, Deal, DealConflict


class Boom(RuntimeError):
    pass


def _fail_audit(monkeypatch, *, on_call: int = 1):
    """Make the ``on_call``-th audit write fail — after flushing the session, so the event
    rows added before it have really been inserted into the transaction."""
    original = audit_service.record
    calls = {"n": 0}

    async def record(session, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] < on_call:
            return await original(session, *args, **kwargs)
        await session.flush()
        raise Boom("audit write failed")

    monkeypatch.setattr(audit_service, "record", record)
    return calls


def _patch_emit(monkeypatch, real, replacement) -> None:
    """Replace ``outbox.emit`` wherever it is looked up: the module itself and every module
    that imported the function (``recording``, and any service that emits directly)."""
    patched = [
        module
        for name, module in list(sys.modules.items())
        if name.startswith("prm_api") and getattr(module, "emit", None) is real
    ]
    assert outbox in patched
    for module in patched:
        monkeypatch.setattr(module, "emit", replacement)


async def _count(sessionmaker, model, *where):
    async with sessionmaker() as session:
        stmt = select(func.count()).select_from(model)
        for cond in where:
            stmt = stmt.where(cond)
        return int(await session.scalar(stmt) or 0)


async def test_failed_create_leaves_no_event_and_no_deal(
    client, store, sessionmaker, auth, monkeypatch
):
    partner = await store.partner()
    headers = await auth.headers("partner_user", partner_id=partner.id)
    events_before = await store.count_events()
    calls = _fail_audit(monkeypatch)
    r = await client.post("/v1/deals", headers=headers, json=deal_body())
    assert r.status_code == 500
    assert calls["n"] == 1
    assert await store.count_events() == events_before
    assert await _count(sessionmaker, Deal) == 0


async def test_failure_after_the_first_of_two_events_rolls_both_back(
    client, store, sessionmaker, auth, admin_headers, monkeypatch
):
    """Submit + auto-approval writes two events; the second audit write fails after the
    submitted event (and the deal update) reached the database: all of it is undone."""
    r = await client.post("/v1/deal-rules", headers=admin_headers, json={"name": "Everything"})
    assert r.status_code == 201
    partner = await store.partner()
    headers = await auth.headers("partner_user", partner_id=partner.id)
    deal = await store.deal(partner.id)
    mark = await store.mark()
    audit_rows = await _count(sessionmaker, AuditEvent)

    calls = _fail_audit(monkeypatch, on_call=2)
    r = await client.post(f"/v1/deals/{deal.id}/submit", headers=headers)
    assert r.status_code == 500
    assert calls["n"] == 2
    assert await store.since(mark) == []
    assert await _count(sessionmaker, AuditEvent) == audit_rows
    row = await store.get_deal(deal.id)
    assert (row.status, row.version, row.submitted_at) == ("draft", deal.version, None)

    # Once the fault is gone the same request succeeds and records both events.
    monkeypatch.undo()
    r = await client.post(f"/v1/deals/{deal.id}/submit", headers=headers)
    assert r.status_code == 200, r.text
    assert [e.type for e in await store.since(mark)] == ["deal.submitted", "deal.approved"]


@pytest.mark.parametrize("action", ["suspend", "terminate"])
async def test_failed_partner_transition_rolls_back(
    client, store, admin_headers, monkeypatch, action
):
    partner = await store.partner("active")
    mark = await store.mark()
    _fail_audit(monkeypatch)
    r = await client.post(f"/v1/partners/{partner.id}/{action}", headers=admin_headers)
    assert r.status_code == 500
    assert await store.since(mark) == []
    monkeypatch.undo()
    r = await client.get(f"/v1/partners/{partner.id}", headers=admin_headers)
    assert r.json()["status"] == "active"


async def test_failed_conflicting_submit_leaves_no_conflict_event(
    client, store, sessionmaker, auth, monkeypatch
):
    """The failure comes right after the conflict event was inserted (the last write of the
    submit): the submitted and conflict events, the conflict row and the status all go."""
    a, b = await store.partner(), await store.partner()
    await store.deal(a.id, "submitted", customer="Initech", customer_domain="initech.example")
    deal = await store.deal(b.id, customer="Initech", customer_domain="initech.example")
    headers = await auth.headers("partner_user", partner_id=b.id)
    mark = await store.mark()
    original = outbox.emit
    inserted = []

    def emit(session, actor, event_type, *args, **kwargs):
        event = original(session, actor, event_type, *args, **kwargs)
        if event_type.name == "deal.conflict_detected":
            # ``emit`` only adds the row (it cannot flush): fail right after the flush that
            # inserts it, whichever comes next (at the latest the request's commit).
            def fail_once_inserted(sync_session, _context):
                if inspect(event).persistent:
                    inserted.append(event.id)
                    raise Boom("after the conflict event")

            orm_event.listen(
                session.sync_session, "after_flush_postexec", fail_once_inserted, once=True
            )
        return event

    _patch_emit(monkeypatch, original, emit)
    r = await client.post(f"/v1/deals/{deal.id}/submit", headers=headers)
    assert r.status_code == 500
    assert len(inserted) == 1
    assert await store.since(mark) == []
    assert (await store.get_deal(deal.id)).status == "draft"
    assert await _count(sessionmaker, DealConflict) == 0
