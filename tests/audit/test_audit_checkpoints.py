"""Signed audit checkpoints (DESIGN §7): the chain's head signed with the JWT key, published as
an event, listed, and used by ``verify`` to detect what the links alone cannot — the red team's
two attacks by a database superuser: cutting the newest rows, and rewriting a row with every
later hash recomputed."""

from __future__ import annotations

import base64
import json
import logging
import uuid

import pytest
from factories import assert_problem, check_event, settings_overridden
from joserfc import jwt
from joserfc.jwk import ECKey, KeySet
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from prm_api.audit import service as audit
from prm_api.audit.chain import CHAINED_FIELDS, link_hash
from prm_api.audit.checkpoints import CHECKPOINT_TYP, checkpoint_job, create_checkpoint
from prm_api.auth.principal import Principal
from prm_api.auth.tokens import issue_access_token
from prm_api.errors import Forbidden
from prm_api.models import AuditCheckpoint, AuditEvent, User
from prm_api.worker.jobs import JOBS

CHECKPOINTS = "/v1/audit-events/checkpoints"
VERIFY = "/v1/audit-events/verify"


# --- helpers ----------------------------------------------------------------------------------


async def superuser(engine, *statements: str) -> None:
    """Run SQL as a database superuser: replica mode bypasses the append-only triggers."""
    async with engine.begin() as conn:
        await conn.execute(text("SET LOCAL session_replication_role = replica"))
        for sql in statements:
            await conn.execute(text(sql))


async def rewrite_from(engine, seq: int, **values: str) -> None:
    """The rewrite attack: change row ``seq`` and recompute its hash and every later link, so
    the chain verifies link by link."""
    table = AuditEvent.__table__
    async with engine.begin() as conn:
        await conn.execute(text("SET LOCAL session_replication_role = replica"))
        await conn.execute(table.update().where(table.c.seq == seq).values(**values))
        rows = (await conn.execute(select(table).order_by(table.c.seq))).mappings().all()
        prev = None
        for row in rows:
            if row["seq"] < seq:
                prev = row["hash"]
                continue
            prev = prev if prev is not None else row["prev_hash"]
            new_hash = link_hash(prev, {c: row[c] for c in CHAINED_FIELDS})
            await conn.execute(
                table.update()
                .where(table.c.seq == row["seq"])
                .values(prev_hash=prev, hash=new_hash)
            )
            prev = new_hash


async def trail(factory, n: int) -> None:
    """``n`` audited changes (each new user writes one row)."""
    for _ in range(n):
        await factory.user(role="channel_manager", password=None)


async def verify(client, headers) -> dict:
    r = await client.get(VERIFY, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


async def verify_with(client, headers, body: dict) -> dict:
    r = await client.post(VERIFY, headers=headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()


async def checkpoint(client, headers) -> dict:
    r = await client.post(CHECKPOINTS, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def claims_of(token: str) -> tuple[dict, dict]:
    def part(segment: str) -> dict:
        return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))

    header, payload, _ = token.split(".")
    return part(header), part(payload)


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


async def head(db) -> AuditEvent:
    return await db.scalar(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1))


# --- creating, publishing, reading --------------------------------------------------------------


async def test_checkpoint_signs_the_head_and_verifies_against_the_public_jwks(
    client, admin_headers, factory, db, store
):
    await trail(factory, 3)
    newest = await head(db)
    audit_rows = await store.count(AuditEvent)
    mark = await store.mark()

    cp = await checkpoint(client, admin_headers)

    assert (cp["seq"], cp["hash"], cp["count"]) == (newest.seq, newest.hash, audit_rows)
    assert cp["actor_type"] == "user" and cp["actor_id"]
    # An outside verifier needs nothing but the published JWKS.
    jwks = (await client.get("/.well-known/jwks.json")).json()
    decoded = jwt.decode(cp["jws"], KeySet.import_key_set(jwks), algorithms=["ES256", "RS256"])
    assert decoded.header["typ"] == CHECKPOINT_TYP
    assert decoded.header["kid"] == cp["kid"]
    assert {k: decoded.claims[k] for k in ("jti", "seq", "hash", "count")} == {
        "jti": cp["id"],
        "seq": cp["seq"],
        "hash": cp["hash"],
        "count": cp["count"],
    }
    assert decoded.claims["iss"] == "http://testserver"
    # Published through the outbox, so webhook receivers keep a copy; not an audit row (it
    # would advance the chain it anchors).
    event = await store.one_since(mark, "audit.checkpoint_created")
    assert event.data["object"] == cp
    assert event.partner_id is None and event.resource_id == cp["id"]
    check_event(event)
    assert await store.count(AuditEvent) == audit_rows

    got = await client.get(f"{CHECKPOINTS}/{cp['id']}", headers=admin_headers)
    assert got.status_code == 200 and got.json() == cp


async def test_checkpoint_only_when_the_chain_advanced(client, admin_headers, factory, store):
    await trail(factory, 1)
    first = await checkpoint(client, admin_headers)
    mark = await store.mark()

    again = await client.post(CHECKPOINTS, headers=admin_headers)
    assert again.status_code == 200, again.text
    assert again.json() == first
    assert await store.since(mark) == []
    assert await store.count(AuditCheckpoint) == 1

    await trail(factory, 2)
    second = await checkpoint(client, admin_headers)
    assert second["seq"] > first["seq"] and second["count"] == first["count"] + 2
    assert await store.count(AuditCheckpoint) == 2


async def test_empty_trail_has_nothing_to_checkpoint(client, app, store):
    async with app.state.sessionmaker() as session, session.begin():
        user = User(email="solo@example.com", name="Solo", role="admin")
        session.add(user)
    token, _ = issue_access_token(
        app.state.key_ring,
        app.state.settings,
        sub=str(user.id),
        client_id="prm-first-party",
        scopes=["audit:read"],
        role="admin",
        subject_type="user",
    )
    r = await client.post(CHECKPOINTS, headers={"Authorization": f"Bearer {token}"})
    assert_problem(r, 409, "audit_trail_empty")
    assert await store.count(AuditCheckpoint) == 0
    assert await store.count_events() == 0


async def test_list_is_newest_first_and_paginates(client, admin_headers, factory):
    made = []
    for _ in range(3):
        await trail(factory, 1)
        made.append(await checkpoint(client, admin_headers))
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        r = await client.get(CHECKPOINTS, params=params, headers=admin_headers)
        assert r.status_code == 200, r.text
        seen.extend(r.json()["data"])
        cursor = r.json()["next_cursor"]
        if not cursor:
            break
        assert 'rel="next"' in r.headers["link"]
    assert seen == made[::-1]
    oldest = await client.get(CHECKPOINTS, params={"sort": "created_at"}, headers=admin_headers)
    assert oldest.json()["data"] == made
    r = await client.get(CHECKPOINTS, params={"sort": "seq"}, headers=admin_headers)
    assert_problem(r, 400, "invalid_sort")
    r = await client.get(CHECKPOINTS, params={"cursor": "nope"}, headers=admin_headers)
    assert_problem(r, 400, "invalid_cursor")


async def test_unknown_or_malformed_checkpoint_id(client, admin_headers):
    r = await client.get(f"{CHECKPOINTS}/{uuid.uuid4()}", headers=admin_headers)
    assert_problem(r, 404, "not_found")
    r = await client.get(f"{CHECKPOINTS}/not-a-uuid", headers=admin_headers)
    assert_problem(r, 422, "validation_error")


async def test_checkpoints_need_audit_read_and_a_vendor_role(client, auth, store, factory):
    await trail(factory, 1)
    cp = await checkpoint(client, await auth.headers("admin"))
    partner = await store.partner()
    calls = [
        ("GET", CHECKPOINTS, None),
        ("POST", CHECKPOINTS, None),
        ("GET", f"{CHECKPOINTS}/{cp['id']}", None),
        ("GET", VERIFY, None),
        ("POST", VERIFY, {"checkpoint": cp["jws"]}),
    ]
    for headers in (
        await auth.headers("admin", scopes=["users:read", "events:read"]),
        await auth.headers("partner_admin", partner_id=partner.id),
        await auth.headers("partner_user", partner_id=partner.id),
    ):
        for method, url, body in calls:
            r = await client.request(method, url, headers=headers, json=body)
            assert_problem(r, 403, "insufficient_scope")
    for method, url, body in calls:
        assert (await client.request(method, url, json=body)).status_code == 401
    # The channel manager (vendor staff, audit:read in its ceiling) may sign one.
    await trail(factory, 1)
    assert (await checkpoint(client, await auth.headers("channel_manager")))["seq"] > cp["seq"]
    assert await store.count(AuditCheckpoint) == 2


async def test_a_partner_principal_can_never_sign(db, app):
    # No partner role can be granted audit:read; the service refuses one all the same.
    principal = Principal(
        subject_type="user",
        subject_id=str(uuid.uuid4()),
        client_id="prm-first-party",
        role="partner_admin",
        scopes=frozenset({"audit:read"}),
        partner_id=uuid.uuid4(),
    )
    from prm_api.audit.checkpoints import request_checkpoint

    with pytest.raises(Forbidden) as refused:
        await request_checkpoint(db, app.state.key_ring, app.state.settings, principal)
    assert refused.value.code == "vendor_only"


async def test_partners_never_see_checkpoint_events(client, auth, store, factory, admin_headers):
    await trail(factory, 1)
    cp = await checkpoint(client, admin_headers)
    partner = await store.partner()
    event = (await store.events(type="audit.checkpoint_created"))[0]
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.get("/v1/events", headers=pa)
    assert r.status_code == 200
    assert str(event.id) not in {e["id"] for e in r.json()["data"]}
    assert_problem(await client.get(f"/v1/events/{event.id}", headers=pa), 404, "not_found")
    vendor = await client.get(
        "/v1/events", params={"type": "audit.checkpoint_created"}, headers=admin_headers
    )
    assert [e["data"]["object"]["jws"] for e in vendor.json()["data"]] == [cp["jws"]]


async def test_a_checkpoint_is_not_an_access_token(client, admin_headers, factory):
    await trail(factory, 1)
    cp = await checkpoint(client, admin_headers)
    r = await client.get("/v1/me", headers={"Authorization": f"Bearer {cp['jws']}"})
    assert_problem(r, 401, "unauthorized")


async def test_checkpoints_are_append_only(client, admin_headers, factory, engine, store):
    await trail(factory, 1)
    await checkpoint(client, admin_headers)
    for sql in (
        "UPDATE audit_checkpoints SET seq = seq + 1",
        "DELETE FROM audit_checkpoints",
        "TRUNCATE audit_checkpoints",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            async with engine.begin() as conn:
                await conn.execute(text(sql))
    assert await store.count(AuditCheckpoint) == 1


# --- the red team's attacks -------------------------------------------------------------------


async def test_untouched_chain_verifies_against_its_checkpoints(client, admin_headers, factory):
    await trail(factory, 3)
    cp = await checkpoint(client, admin_headers)
    await trail(factory, 2)  # rows after the checkpoint are fine

    plain = await verify(client, admin_headers)
    assert plain["ok"] is True, plain
    assert (plain["checkpoint_id"], plain["checkpoint_seq"]) == (cp["id"], cp["seq"])
    assert plain["last_seq"] > cp["seq"]
    kept = await verify_with(client, admin_headers, {"checkpoint": cp["jws"]})
    assert kept["ok"] is True and kept["checkpoint_id"] == cp["id"]
    assert kept["checked"] == plain["checked"]
    written_down = await verify_with(client, admin_headers, {"seq": cp["seq"], "hash": cp["hash"]})
    assert written_down["ok"] is True and written_down["checkpoint_id"] is None


async def test_truncation_is_detected(client, admin_headers, factory, engine, db):
    await trail(factory, 4)
    cp = await checkpoint(client, admin_headers)
    await trail(factory, 2)
    assert (await verify(client, admin_headers))["ok"] is True

    # Cut the newest rows, the checkpoint's row among them.
    await superuser(engine, f"DELETE FROM audit_events WHERE seq >= {cp['seq'] - 1}")
    # What the red team saw: the links that are left still verify.
    assert (await audit.verify_chain(db)).ok is True

    plain = await verify(client, admin_headers)
    assert plain["ok"] is False
    assert plain["first_broken_seq"] == cp["seq"] and plain["checkpoint_id"] == cp["id"]
    assert "truncated" in plain["reason"]
    kept = await verify_with(client, admin_headers, {"checkpoint": cp["jws"]})
    assert (kept["ok"], kept["first_broken_seq"]) == (False, cp["seq"])
    assert "truncated" in kept["reason"]

    # Deleting the stored checkpoints too hides it from the plain verify; the copy kept outside
    # the database (a webhook receiver's) still exposes it.
    await superuser(engine, "DELETE FROM audit_checkpoints")
    assert (await verify(client, admin_headers))["ok"] is True
    assert (await verify_with(client, admin_headers, {"checkpoint": cp["jws"]}))["ok"] is False
    written_down = await verify_with(client, admin_headers, {"seq": cp["seq"], "hash": cp["hash"]})
    assert written_down["ok"] is False


async def test_truncation_then_new_rows_is_detected(client, admin_headers, factory, engine):
    await trail(factory, 3)
    cp = await checkpoint(client, admin_headers)
    await superuser(engine, f"DELETE FROM audit_events WHERE seq = {cp['seq']}")
    await trail(factory, 2)  # new rows link to the cut chain's head
    result = await verify_with(client, admin_headers, {"checkpoint": cp["jws"]})
    assert (result["ok"], result["first_broken_seq"]) == (False, cp["seq"])
    assert "no row has the checkpoint's seq" in result["reason"]


async def test_rewrite_with_recomputed_hashes_is_detected(
    client, admin_headers, factory, engine, db
):
    await trail(factory, 5)
    cp = await checkpoint(client, admin_headers)
    await trail(factory, 1)
    assert (await verify(client, admin_headers))["ok"] is True

    await rewrite_from(engine, 2, actor_id="someone-else")
    # What the red team saw: every link verifies.
    assert (await audit.verify_chain(db)).ok is True

    plain = await verify(client, admin_headers)
    assert plain["ok"] is False
    assert plain["first_broken_seq"] == cp["seq"]
    assert "rewritten" in plain["reason"]
    kept = await verify_with(client, admin_headers, {"checkpoint": cp["jws"]})
    assert (kept["ok"], kept["first_broken_seq"]) == (False, cp["seq"])
    assert "rewritten" in kept["reason"]
    written_down = await verify_with(client, admin_headers, {"seq": cp["seq"], "hash": cp["hash"]})
    assert written_down["ok"] is False and "rewritten" in written_down["reason"]
    # And the chain is not signed again as it now stands.
    await trail(factory, 1)
    assert_problem(await client.post(CHECKPOINTS, headers=admin_headers), 409, "audit_chain_broken")


async def test_rows_after_the_newest_checkpoint_are_not_covered(
    client, admin_headers, factory, engine
):
    """The documented limit: a cut after the newest checkpoint the verifier holds leaves no
    trace (checkpoint often, keep them outside)."""
    await trail(factory, 2)
    cp = await checkpoint(client, admin_headers)
    await trail(factory, 2)
    await superuser(engine, f"DELETE FROM audit_events WHERE seq > {cp['seq']}")
    assert (await verify(client, admin_headers))["ok"] is True
    assert (await verify_with(client, admin_headers, {"checkpoint": cp["jws"]}))["ok"] is True


async def test_a_stored_checkpoint_edited_in_the_database_is_reported(
    client, admin_headers, factory, engine
):
    await trail(factory, 3)
    cp = await checkpoint(client, admin_headers)
    header, _payload, signature = cp["jws"].split(".")
    _, claims = claims_of(cp["jws"])
    forged = ".".join([header, b64({**claims, "seq": 1}), signature])
    await superuser(engine, f"UPDATE audit_checkpoints SET jws = '{forged}', seq = 1")
    result = await verify(client, admin_headers)
    assert result["ok"] is False
    assert "is not valid" in result["reason"] and result["checkpoint_id"] == cp["id"]


async def test_a_chain_that_does_not_verify_is_never_signed(
    client, admin_headers, factory, engine, store
):
    await trail(factory, 3)
    await superuser(engine, "UPDATE audit_events SET action = 'user.deleted' WHERE seq = 2")
    mark = await store.mark()
    r = await client.post(CHECKPOINTS, headers=admin_headers)
    body = assert_problem(r, 409, "audit_chain_broken")
    assert body["first_broken_seq"] == 2
    assert await store.count(AuditCheckpoint) == 0
    assert await store.since(mark) == []


# --- what POST /verify accepts ---------------------------------------------------------------


async def test_a_checkpoint_not_signed_by_this_service_is_refused(client, admin_headers, factory):
    await trail(factory, 2)
    cp = await checkpoint(client, admin_headers)
    header, _payload, signature = cp["jws"].split(".")
    _, claims = claims_of(cp["jws"])
    stranger = ECKey.generate_key("P-256", parameters={"kid": cp["kid"]})
    access_token = admin_headers["Authorization"].split()[1]
    for bad in (
        ".".join([header, b64({**claims, "seq": claims["seq"] - 1}), signature]),  # altered
        jwt.encode({"alg": "ES256", "kid": cp["kid"], "typ": CHECKPOINT_TYP}, claims, stranger),
        access_token,  # signed by us, but not a checkpoint
        "a.b.c",
    ):
        r = await client.post(VERIFY, headers=admin_headers, json={"checkpoint": bad})
        body = assert_problem(r, 400, "invalid_checkpoint")
        assert "checkpoint" in body["detail"].lower()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"checkpoint": "not a jws"},
        {"seq": 1},
        {"seq": 0, "hash": "0" * 64},
        {"seq": 1, "hash": "XYZ"},
        {"seq": "1", "hash": "0" * 64},
        {"seq": 1, "hash": "0" * 64, "checkpoint": "a.b.c"},
    ],
)
async def test_malformed_verify_bodies_are_422(client, admin_headers, body):
    r = await client.post(VERIFY, headers=admin_headers, json=body)
    assert_problem(r, 422, "validation_error")


async def test_a_position_never_reached_reads_as_truncated(client, admin_headers, factory, db):
    await trail(factory, 2)
    newest = await head(db)
    r = await verify_with(client, admin_headers, {"seq": newest.seq + 10, "hash": "a" * 64})
    assert r["ok"] is False and "truncated" in r["reason"]
    r = await verify_with(client, admin_headers, {"seq": newest.seq, "hash": "a" * 64})
    assert r["ok"] is False and r["first_broken_seq"] == newest.seq


# --- the scheduled job ------------------------------------------------------------------------


async def test_job_signs_when_due_and_the_chain_grew(app, sessionmaker, factory, store):
    assert JOBS["audit-checkpoint"] is checkpoint_job
    settings = app.state.settings
    assert await checkpoint_job(sessionmaker, settings) == 0  # empty chain: nothing to sign
    await trail(factory, 2)
    assert await checkpoint_job(sessionmaker, settings) == 1
    assert await checkpoint_job(sessionmaker, settings) == 0  # nothing new
    await trail(factory, 1)
    assert await checkpoint_job(sessionmaker, settings) == 0  # grown, but not due for an hour
    with settings_overridden(app, audit_checkpoint_interval_s=0.001) as quick:
        assert await checkpoint_job(sessionmaker, quick) == 1
        assert await checkpoint_job(sessionmaker, quick) == 0  # due, but nothing new
    made = await store.events(type="audit.checkpoint_created")
    assert [e.actor["id"] for e in made] == ["job:audit-checkpoint"] * 2
    async with sessionmaker() as session:
        rows = (await session.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.seq))).all()
    assert [r.row_count for r in rows] == [2, 3]


async def test_job_refuses_a_broken_chain_and_says_so(
    app, sessionmaker, factory, engine, store, caplog
):
    await trail(factory, 2)
    await superuser(engine, "DELETE FROM audit_events WHERE seq = 1")
    with caplog.at_level(logging.ERROR, logger="prm_api.jobs"):
        assert await checkpoint_job(sessionmaker, app.state.settings) == 0
    assert "audit chain broken" in caplog.text
    assert await store.count(AuditCheckpoint) == 0
    assert await store.events(type="audit.checkpoint_created") == []


async def test_two_concurrent_requests_sign_one_checkpoint(app, sessionmaker, factory, store):
    import asyncio

    from prm_api.auth.principal import Actor

    await trail(factory, 2)

    async def sign() -> bool:
        async with sessionmaker() as session, session.begin():
            _, created = await create_checkpoint(
                session, app.state.key_ring, app.state.settings, Actor(type="system", id="t")
            )
            return created

    assert sorted(await asyncio.gather(sign(), sign())) == [False, True]
    assert await store.count(AuditCheckpoint) == 1
