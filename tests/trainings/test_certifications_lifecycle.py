"""The expire-certifications job with a controlled clock: expiring (once), the renewal
enrollment opened in the window (the old certification still valid), a renewal completion
issuing a new certification, expired at expiry; and the job's idempotence."""

from __future__ import annotations

from datetime import timedelta

from certification_support import certified, finish
from factories import check_event
from sqlalchemy import update

from prm_api.kit.time import utcnow
from prm_api.models import Certification, Enrollment
from prm_api.trainings.certification_jobs import expire_certifications
from prm_api.worker.jobs import JOBS


async def _expires_in(sessionmaker, certification_id: str, days: float) -> None:
    """Move the certification's expiry so that it is ``days`` from the real now."""
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(Certification)
            .where(Certification.id == certification_id)
            .values(expires_at=utcnow() + timedelta(days=days))
        )


async def test_lifecycle_by_job(client, admin_headers, store, auth, sessionmaker):
    assert JOBS["expire-certifications"] is expire_certifications
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    prog, cert = await certified(client, admin_headers, user_h)
    url = f"/v1/certifications/{cert['id']}"
    # Nothing due a year ahead.
    assert await expire_certifications(sessionmaker) == 0
    # 45 days left: inside the 60-day renewal window, outside the 30-day notice.
    await _expires_in(sessionmaker, cert["id"], 45)
    assert await expire_certifications(sessionmaker) == 1
    assert (await client.get(url, headers=user_h)).json()["status"] == "active"
    r = await client.get("/v1/enrollments?status=enrolled", headers=user_h)
    [renewal] = r.json()["data"]
    assert (renewal["source"], renewal["assigned_by"]) == ("assigned", "job:expire-certifications")
    assert renewal["course_id"] == prog["course_ids"][0]
    [event] = await store.events(type="enrollment.created", resource_id=renewal["id"])
    assert event.partner_id == p.id and event.actor["type"] == "system"
    assert await store.events(type="certification.expiring") == []
    # Run again: nothing new.
    assert await expire_certifications(sessionmaker) == 0
    assert await store.count(Enrollment) == 2
    # 16 days later by the job's clock: inside the notice → expiring, once.
    later = utcnow() + timedelta(days=16)
    assert await expire_certifications(sessionmaker, now=later) == 1
    assert (await client.get(url, headers=user_h)).json()["status"] == "expiring"
    [event] = await store.events(type="certification.expiring", resource_id=cert["id"])
    check_event(event)
    assert await expire_certifications(sessionmaker, now=later) == 0
    assert len(await store.events(type="certification.expiring")) == 1
    verify = f"/v1/certifications/verify/{cert['verification_code']}"
    assert (await client.get(verify)).json()["status"] == "valid"

    # Completing the renewal enrollment issues a new certification; the old stays valid.
    course = (await client.get(f"/v1/courses/{renewal['course_id']}", headers=user_h)).json()
    await finish(client, user_h, renewal, course)
    r = await client.get("/v1/certifications?sort=-created_at", headers=user_h)
    new, old = r.json()["data"]
    assert (old["id"], old["status"], old["renewed_by_id"]) == (cert["id"], "expiring", new["id"])
    assert (new["status"], new["renews_id"]) == ("active", cert["id"])
    assert new["expires_at"] > old["expires_at"]  # renewing early loses nothing
    assert len(await store.events(type="certification.issued")) == 2

    # At the old expiry: the old one expires (event), the new one is untouched.
    at_expiry = utcnow() + timedelta(days=45, seconds=1)
    assert await expire_certifications(sessionmaker, now=at_expiry) == 1
    assert (await client.get(url, headers=user_h)).json()["status"] == "expired"
    [event] = await store.events(type="certification.expired", resource_id=cert["id"])
    assert event.data["object"]["status"] == "expired"
    r = await client.get(f"/v1/certifications/{new['id']}", headers=user_h)
    assert r.json()["status"] == "active"
    assert (await client.get(verify)).json()["status"] == "expired"
    new_verify = f"/v1/certifications/verify/{new['verification_code']}"
    assert (await client.get(new_verify)).json()["status"] == "valid"
    assert await expire_certifications(sessionmaker, now=at_expiry) == 0
    # No renewal enrollment is opened for the renewed one, nor a second expiring notice.
    assert await store.count(Enrollment) == 2


async def test_unrenewed_certification_goes_straight_to_expired(
    client, admin_headers, store, auth, sessionmaker
):
    """A job that did not run for a while: past expiry means expired (one event), and no
    renewal is opened for a certification already over."""
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    _, cert = await certified(client, admin_headers, user_h)
    await _expires_in(sessionmaker, cert["id"], -1)
    verify = f"/v1/certifications/verify/{cert['verification_code']}"
    # Verification reads the dates: expired even before the job marks it.
    assert (await client.get(verify)).json()["status"] == "expired"
    assert await expire_certifications(sessionmaker, limit=1) == 1
    assert await store.events(type="certification.expiring") == []
    assert len(await store.events(type="certification.expired")) == 1
    assert await store.count(Enrollment) == 1


async def test_revoked_certifications_are_left_alone(
    client, admin_headers, store, auth, sessionmaker
):
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    _, cert = await certified(client, admin_headers, user_h)
    r = await client.post(
        f"/v1/certifications/{cert['id']}/revoke", json={"reason": "x"}, headers=admin_headers
    )
    assert r.status_code == 200
    await _expires_in(sessionmaker, cert["id"], 10)
    assert await expire_certifications(sessionmaker) == 0
    assert await expire_certifications(sessionmaker, now=utcnow() + timedelta(days=11)) == 0
    assert await store.count(Enrollment) == 1


async def test_concurrent_runs_move_each_certification_once(
    client, admin_headers, store, auth, sessionmaker
):
    import asyncio

    from certification_support import complete, course, program

    p = await store.partner()
    c = await course(client, admin_headers)
    await program(client, admin_headers, [c["id"]])
    for _ in range(3):
        await complete(client, await auth.headers("partner_user", partner_id=p.id), c)
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(Certification).values(expires_at=utcnow() + timedelta(days=10))
        )
    counts = await asyncio.gather(
        expire_certifications(sessionmaker, limit=1),
        expire_certifications(sessionmaker, limit=2),
        expire_certifications(sessionmaker),
    )
    assert sum(counts) == 3
    assert len(await store.events(type="certification.expiring")) == 3
    assert await store.count(Enrollment, Enrollment.status == "enrolled") == 3
