"""Certification programs and certifications: who manages and reads them, issuing on
completion, revocation, 404 across partners, and the count tiers use."""

from __future__ import annotations

import re
from datetime import timedelta

from certification_support import certified, complete, course, program
from factories import assert_problem, check_event
from shape_checks import assert_shape_writes
from sqlalchemy import select, update
from trainings_support import user_id

from prm_api.kit.time import utcnow
from prm_api.models import Certification, User
from prm_api.trainings import certifications


async def test_programs_managed_by_vendors_read_by_partners(client, admin_headers, store, auth):
    p = await store.partner()
    partner_h = await auth.headers("partner_admin", partner_id=p.id)
    c = await course(client, admin_headers)
    body = {"name": "Certified Seller", "course_ids": [c["id"], c["id"]]}
    r = await client.post("/v1/certification-programs", json=body, headers=admin_headers)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["course_ids"] == [c["id"]]  # each course once
    assert (created["status"], created["validity_months"]) == ("active", 12)
    assert r.headers["ETag"] == '"1"'
    assert r.headers["Location"] == f"/v1/certification-programs/{created['id']}"
    [event] = await store.events(type="certification_program.created", resource_id=created["id"])
    check_event(event)
    # An unknown course: 422 naming it, nothing stored.
    bad = {"name": "X", "course_ids": [c["id"], "0190aaaa-0000-7000-8000-000000000000"]}
    r = await client.post("/v1/certification-programs", json=bad, headers=admin_headers)
    problem = assert_problem(r, 422, "validation_error")
    assert problem["errors"][0]["field"].endswith("course_ids.1")
    # Partners read, never write.
    r = await client.post("/v1/certification-programs", json=body, headers=partner_h)
    assert r.status_code == 403
    r = await client.get(f"/v1/certification-programs/{created['id']}", headers=partner_h)
    assert r.status_code == 200 and r.json()["name"] == "Certified Seller"
    # A stale If-Match: 412; archived programs disappear for partners.
    url = f"/v1/certification-programs/{created['id']}"
    r = await client.patch(
        url, json={"status": "archived"}, headers={**admin_headers, "If-Match": '"7"'}
    )
    assert r.status_code == 412
    r = await client.patch(
        url, json={"status": "archived"}, headers={**admin_headers, "If-Match": '"1"'}
    )
    assert r.status_code == 200 and r.json()["status"] == "archived"
    assert (await client.get(url, headers=partner_h)).status_code == 404
    r = await client.get("/v1/certification-programs", headers=partner_h)
    assert r.json()["data"] == []
    r = await client.get("/v1/certification-programs?status=archived", headers=admin_headers)
    assert [x["id"] for x in r.json()["data"]] == [created["id"]]
    r = await client.patch(url, json={"validity_months": None}, headers=admin_headers)
    assert r.status_code == 422


async def test_completing_every_course_issues_one_certification(client, admin_headers, store, auth):
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    first, second = (
        await course(client, admin_headers, "One"),
        await course(client, admin_headers, "Two"),
    )
    prog = await program(client, admin_headers, [first["id"], second["id"]])
    await complete(client, user_h, first)
    assert await store.count(Certification) == 0  # one of two courses
    await complete(client, user_h, second)
    r = await client.get("/v1/certifications", headers=user_h)
    [cert] = r.json()["data"]
    assert (cert["status"], cert["program_id"], cert["user_id"]) == (
        "active",
        prog["id"],
        user_id(user_h),
    )
    assert cert["partner_id"] == str(p.id)
    assert re.fullmatch(r"CERT-\d{4}-\d{6}", cert["number"])
    assert len(cert["verification_code"]) >= 32
    assert cert["verify_path"] == f"/v1/certifications/verify/{cert['verification_code']}"
    issued = utcnow()
    expires = cert["expires_at"]
    assert expires[:4] == str(issued.year + 1)  # 12 months
    [event] = await store.events(type="certification.issued", resource_id=cert["id"])
    assert event.partner_id == p.id
    check_event(event)
    # Completing a course again while certified (outside the renewal window): no second one.
    await complete(client, user_h, first)
    assert await store.count(Certification) == 1
    # An archived program issues nothing.
    other_h = await auth.headers("partner_user", partner_id=p.id)
    url = f"/v1/certification-programs/{prog['id']}"
    r = await client.patch(url, json={"status": "archived"}, headers=admin_headers)
    assert r.status_code == 200
    await complete(client, other_h, first)
    await complete(client, other_h, second)
    assert await store.count(Certification) == 1


async def test_who_sees_certifications(client, admin_headers, store, auth):
    p, other = await store.partner(), await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    colleague_h = await auth.headers("partner_user", partner_id=p.id)
    admin_h = await auth.headers("partner_admin", partner_id=p.id)
    other_h = await auth.headers("partner_admin", partner_id=other.id)
    _, cert = await certified(client, admin_headers, user_h)
    url = f"/v1/certifications/{cert['id']}"
    for headers in (user_h, admin_h, admin_headers):
        r = await client.get(url, headers=headers)
        assert r.status_code == 200 and r.json()["id"] == cert["id"]
        assert r.headers["ETag"] == '"1"'
        r = await client.get(f"{url}/credential", headers=headers)
        assert r.status_code == 200
    for headers in (colleague_h, other_h):
        assert_problem(await client.get(url, headers=headers), 404, "not_found")
        assert_problem(await client.get(f"{url}/credential", headers=headers), 404, "not_found")
        r = await client.get("/v1/certifications", headers=headers)
        assert r.json()["data"] == []
        r = await client.get(f"/v1/certifications?partner_id={p.id}", headers=headers)
        assert r.json()["data"] == []
    r = await client.get("/v1/certifications", headers=admin_h)
    assert [x["id"] for x in r.json()["data"]] == [cert["id"]]
    r = await client.get(f"/v1/certifications?partner_id={other.id}", headers=admin_headers)
    assert r.json()["data"] == []
    # Another partner's admin cannot even tell it exists when revoking (and may not revoke).
    r = await client.post(f"{url}/revoke", json={"reason": "x"}, headers=other_h)
    assert r.status_code in (403, 404)


async def test_revocation_is_visible_through_verify_at_once(client, admin_headers, store, auth):
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    admin_h = await auth.headers("partner_admin", partner_id=p.id)
    _, cert = await certified(client, admin_headers, user_h)
    verify = f"/v1/certifications/verify/{cert['verification_code']}"
    r = await client.get(verify)
    assert r.status_code == 200 and r.json()["status"] == "valid"
    assert r.headers["Cache-Control"] == "no-store"
    url = f"/v1/certifications/{cert['id']}/revoke"
    # Partner staff may not revoke; a reason is required; nothing changes on refusal.
    r = await client.post(url, json={"reason": "Cheated"}, headers=admin_h)
    assert r.status_code == 403
    assert_problem(await client.post(url, json={}, headers=admin_headers), 422, "validation_error")
    assert_problem(
        await client.post(url, json={"reason": ""}, headers=admin_headers), 422, "validation_error"
    )
    assert (await client.get(verify)).json()["status"] == "valid"
    r = await client.post(url, json={"reason": "Exam fraud"}, headers=admin_headers)
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["revoked_reason"]) == ("revoked", "Exam fraud")
    assert r.json()["revoked_at"] is not None
    r = await client.get(verify)
    assert (r.json()["status"], r.json()["valid"]) == ("revoked", False)
    assert r.json()["revoked_at"] is not None
    assert "Exam fraud" not in r.text
    [event] = await store.events(type="certification.revoked", resource_id=cert["id"])
    assert event.partner_id == p.id
    check_event(event)
    assert_problem(
        await client.post(url, json={"reason": "again"}, headers=admin_headers),
        409,
        "invalid_transition",
    )


async def test_verify_shows_nothing_else(client, admin_headers, store, auth, sessionmaker):
    p = await store.partner(name="Secret Reseller GmbH")
    headers = await auth.headers("partner_user", partner_id=p.id)
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(User).where(User.id == user_id(headers)).values(name="Ada Lovelace")
        )
    user = await store.get_user(user_id(headers))
    prog, cert = await certified(client, admin_headers, headers)
    r = await client.get(f"/v1/certifications/verify/{cert['verification_code']}")
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {
        "status",
        "valid",
        "holder_name",
        "certification_name",
        "issued_at",
        "expires_at",
        "revoked_at",
    }
    assert (body["holder_name"], body["certification_name"]) == ("Ada Lovelace", prog["name"])
    for secret in (str(p.id), "Secret Reseller", user.email, cert["number"], cert["id"]):
        assert secret not in r.text
    # Unknown or malformed codes: 404 / 422, never a hint.
    assert_problem(await client.get("/v1/certifications/verify/" + "A" * 32), 404, "not_found")
    r = await client.get("/v1/certifications/verify/bad%20code")
    assert r.status_code == 422


async def test_count_certified_users(client, admin_headers, store, auth, sessionmaker):
    p, other = await store.partner(), await store.partner()
    heads = [await auth.headers("partner_user", partner_id=p.id) for _ in range(4)]
    c = await course(client, admin_headers)
    prog = await program(client, admin_headers, [c["id"]])
    second = await program(client, admin_headers, [c["id"]], name="Also")
    for h in heads:
        await complete(client, h, c)
    other_h = await auth.headers("partner_user", partner_id=other.id)
    await complete(client, other_h, c)
    r = await client.get(f"/v1/certifications?partner_id={p.id}", headers=admin_headers)
    certs = {(x["user_id"], x["program_id"]): x for x in r.json()["data"]}
    assert len(certs) == 8  # two programs each
    # user 0: both revoked → not counted; user 1: one expired, one expiring → counted;
    # user 2: past expiry but not yet marked by the job → not counted; user 3: active.
    ids = [user_id(h) for h in heads]
    async with sessionmaker() as session, session.begin():
        rows = {
            (str(r.user_id), str(r.program_id)): r
            for r in (await session.scalars(select(Certification))).all()
        }
        for prog_id in (prog["id"], second["id"]):
            rows[(ids[0], prog_id)].status = "revoked"
        rows[(ids[1], prog["id"])].status = "expired"
        rows[(ids[1], second["id"])].status = "expiring"
        for prog_id in (prog["id"], second["id"]):
            rows[(ids[2], prog_id)].expires_at = utcnow() - timedelta(minutes=1)
    async with sessionmaker() as session:
        assert await certifications.count_certified_users(session, p.id) == 2
        assert await certifications.count_certified_users(session, other.id) == 1


async def test_certification_shapes(client, admin_headers, store, auth, db):
    """The Shapes write exactly what their validated models write (rows and objects)."""
    from prm_api.models import CertificationProgram
    from prm_api.trainings.certification_schemas import CERTIFICATION, PROGRAM
    from prm_api.trainings.certification_schemas import Certification as CertificationModel
    from prm_api.trainings.certification_schemas import CertificationProgram as ProgramModel

    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    await certified(client, admin_headers, user_h)
    for table, shape, model in (
        (Certification, CERTIFICATION, CertificationModel),
        (CertificationProgram, PROGRAM, ProgramModel),
    ):
        rows = (await db.execute(select(*table.__table__.columns))).all()
        objects = (await db.scalars(select(table))).all()
        assert rows and objects
        for source in (*rows, *objects):
            assert_shape_writes(shape, source, model)


async def test_verification_is_rate_limited_per_address(app, settings, database_url):
    """The public verification is limited under the anonymous policy per client address,
    whatever token comes with it (a code is a credential in the path, like a share link)."""
    import httpx

    from prm_api.app import create_app

    limited = create_app(
        settings.model_copy(
            update={"rate_limit_per_minute": 1000, "rate_limit_public_per_minute": 2}
        ),
        database_url=database_url,
    )
    async with limited.router.lifespan_context(limited):
        transport = httpx.ASGITransport(app=limited, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            url = "/v1/certifications/verify/" + "A" * 32
            codes = [(await c.get(url)).status_code for _ in range(2)]
            r = await c.get(url, headers={"Authorization": "Bearer whatever"})
    assert codes == [404, 404]
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1


async def test_a_failed_issue_rolls_the_completion_back(
    client, admin_headers, store, auth, monkeypatch
):
    """Issuing runs in the completion's transaction: if it fails, the module stays undone and
    nothing of the completion (status, events) is kept."""
    from certification_support import finish
    from trainings_support import enroll

    from prm_api.models import Enrollment, Event

    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    c = await course(client, admin_headers)
    await program(client, admin_headers, [c["id"]])
    enrollment = await enroll(client, user_h, c["id"])
    before = await store.count(Event)

    async def broken(*args, **kwargs):
        raise RuntimeError("signing service down")

    monkeypatch.setattr(certifications, "_issue", broken)
    module = c["modules"][0]["id"]
    url = f"/v1/enrollments/{enrollment['id']}/modules/{module}/complete"
    try:
        r = await client.post(url, headers=user_h)
        assert r.status_code == 500
    except RuntimeError:
        pass  # the transport may re-raise the app's exception
    assert await store.count(Certification) == 0
    assert await store.count(Event) == before
    assert await store.count(Enrollment, Enrollment.status == "completed") == 0
    monkeypatch.undo()
    await finish(client, user_h, enrollment, c)
    assert await store.count(Certification) == 1
