"""The enrollment expiry job with a controlled clock: active enrollments past their due date
become `expired` (with `enrollment.expired`), once; the others are left alone."""

from __future__ import annotations

from datetime import timedelta

from factories import bearer
from sqlalchemy import select
from trainings_support import enroll, published_course

from prm_api.auth.roles import ceiling
from prm_api.auth.tokens import issue_access_token
from prm_api.kit.time import utcnow
from prm_api.models import Enrollment
from prm_api.trainings.expiry import expire_enrollments
from prm_api.worker.jobs import JOBS

LINKS = [
    {"kind": "link", "title": "One", "url": "https://example.com/1"},
    {"kind": "link", "title": "Two", "url": "https://example.com/2"},
]


async def test_expires_the_due_active_enrollments_once(
    client, admin_headers, store, auth, factory, sessionmaker
):
    assert JOBS["expire-enrollments"] is expire_enrollments
    p = await store.partner()
    admin_h = await auth.headers("partner_admin", partner_id=p.id)
    course = await published_course(client, admin_headers, modules=LINKS)
    due = (utcnow() + timedelta(days=30)).replace(microsecond=0)
    due_text = due.isoformat().replace("+00:00", "Z")
    later = (due + timedelta(days=30)).isoformat().replace("+00:00", "Z")
    users = [await factory.user(role="partner_user", partner_id=p.id) for _ in range(5)]
    assigned = [
        await enroll(client, admin_h, course["id"], user_id=str(u.id), due_at=when)
        for u, when in zip(users, [due_text, due_text, due_text, later, None], strict=True)
    ]
    enrolled, started, finished, _not_yet, _no_due = assigned
    # `started` is in progress, `finished` completed: the job must leave a finished one alone.
    for e, modules in ((started, LINKS[:1]), (finished, LINKS)):
        user_h = {"Authorization": await _login_header(auth, e)}
        for m in [c for c in course["modules"] if c["title"] in {x["title"] for x in modules}]:
            r = await client.post(
                f"/v1/enrollments/{e['id']}/modules/{m['id']}/complete", headers=user_h
            )
            assert r.status_code == 200, r.text
    ids = [e["id"] for e in assigned]

    # Before the due date: nothing moves.
    assert await _run(sessionmaker, due - timedelta(seconds=1), ids) == 0
    mark = await store.mark()
    # Just after it: the two active ones past due.
    assert await _run(sessionmaker, due + timedelta(seconds=1), ids) == 2
    new = [e for e in await store.since(mark) if e.resource_id in ids]
    assert sorted(e.resource_id for e in new) == sorted([enrolled["id"], started["id"]])
    for event in new:
        assert event.type == "enrollment.expired" and event.partner_id == p.id
        assert event.data["object"]["status"] == "expired"
        assert event.actor["type"] == "system"
    [audit] = await store.audit(started["id"], "enrollment.expired")
    assert audit.changes == {"status": {"before": "in_progress", "after": "expired"}}
    states = {str(e.id): e.status for e in await _enrollments(store, ids)}
    assert [states[e["id"]] for e in assigned] == [
        "expired",
        "expired",
        "completed",
        "enrolled",
        "enrolled",
    ]
    # Run again: nothing more.
    mark = await store.mark()
    assert await _run(sessionmaker, due + timedelta(days=1), ids) == 0
    assert [e for e in await store.since(mark) if e.resource_id in ids] == []
    # An expired enrollment frees the course: the user may enroll again.
    user_h = {"Authorization": await _login_header(auth, enrolled)}
    again = await enroll(client, user_h, course["id"])
    assert again["status"] == "enrolled"


async def _run(sessionmaker, now, ids) -> int:
    """Run the job at ``now``; count only this test's enrollments that moved (the database
    is shared with other tests)."""
    before = {e.id for e in await _enrollments_in(sessionmaker, ids) if e.status == "expired"}
    await expire_enrollments(sessionmaker, now=now)
    after = {e.id for e in await _enrollments_in(sessionmaker, ids) if e.status == "expired"}
    return len(after - before)


async def _enrollments_in(sessionmaker, ids):
    async with sessionmaker() as session:
        return list((await session.scalars(select(Enrollment).where(Enrollment.id.in_(ids)))).all())


async def _enrollments(store, ids):
    return await _enrollments_in(store.sessionmaker, ids)


async def _login_header(auth, enrollment) -> str:
    """A bearer token for the enrollment's user."""
    token, _ = issue_access_token(
        auth.app.state.key_ring,
        auth.app.state.settings,
        sub=enrollment["user_id"],
        client_id="prm-first-party",
        scopes=sorted(ceiling("partner_user")),
        role="partner_user",
        subject_type="user",
        partner_id=enrollment["partner_id"],
    )
    return bearer(token)["Authorization"]
