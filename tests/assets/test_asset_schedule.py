"""The ``publish-assets`` job: drafts go live at ``publish_at``, published assets are archived
at ``expires_at``; idempotent, and two workers never move the same asset twice."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from prm_api.assets.lifecycle import apply_schedule_batch
from prm_api.kit.time import utcnow
from prm_api.worker.jobs import JOBS, run_job


async def test_the_job_publishes_and_archives_what_is_due(sessionmaker, store, client, auth):
    now = utcnow()
    partner = await store.partner()
    headers = await auth.headers("partner_user", partner_id=partner.id)
    due = await store.asset("draft", publish_at=now - timedelta(minutes=1))
    due_link = await store.asset("draft", kind="link", publish_at=now - timedelta(minutes=1))
    no_file = await store.asset("draft", with_version=False, publish_at=now - timedelta(minutes=1))
    later = await store.asset("draft", publish_at=now + timedelta(days=1))
    expired = await store.asset("published", expires_at=now - timedelta(seconds=1))
    live = await store.asset("published", expires_at=now + timedelta(days=1))
    mark = await store.mark()

    assert JOBS["publish-assets"] is not None
    assert await run_job("publish-assets", sessionmaker) == 3
    status = {
        a.id: (await store.get_asset(a.id)).status
        for a in (due, due_link, no_file, later, expired, live)
    }
    assert status == {
        due.id: "published",
        due_link.id: "published",
        no_file.id: "draft",
        later.id: "draft",
        expired.id: "archived",
        live.id: "published",
    }
    events = await store.since(mark)
    assert sorted((e.type, e.resource_id) for e in events) == sorted(
        [
            ("asset.published", str(due.id)),
            ("asset.published", str(due_link.id)),
            ("asset.archived", str(expired.id)),
        ]
    )
    assert {e.actor["id"] for e in events} == {"job:publish-assets"}
    assert len(await store.audit(due.id, "asset.published")) == 1
    # Published by the schedule, seen by partners at once.
    r = await client.get(f"/v1/assets/{due.id}", headers=headers)
    assert r.status_code == 200
    # Nothing left to do: a second run moves nothing and records nothing.
    assert await run_job("publish-assets", sessionmaker) == 0
    assert len(await store.since(mark)) == 3


async def test_two_workers_split_the_work(sessionmaker, store):
    past = utcnow() - timedelta(minutes=1)
    assets = [await store.asset("draft", publish_at=past) for _ in range(6)]
    mark = await store.mark()
    started = asyncio.Event()

    async def worker(hold: bool) -> int:
        async with sessionmaker() as session, session.begin():
            moved = await apply_schedule_batch(session, limit=3)
            if hold:
                started.set()
                await asyncio.sleep(0.2)  # keep the claimed rows locked meanwhile
            return moved

    async def second() -> int:
        await started.wait()
        return await worker(False)

    first, other = await asyncio.gather(worker(True), second())
    assert (first, other) == (3, 3)
    published = [e.resource_id for e in await store.since(mark)]
    assert sorted(published) == sorted(str(a.id) for a in assets)
