"""The audit trail (DESIGN §7): one row per change in the same transaction, append-only in
the database, hash-chained, listed with filters and verified by /v1/audit-events/verify."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated

import httpx
import pytest
from factories import assert_problem, user_body
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from prm_api.app import create_app
from prm_api.audit import service as audit
from prm_api.audit.chain import CHAINED_FIELDS, GENESIS_HASH, digest_personal, link_hash
from prm_api.auth.policy import authorize
from prm_api.auth.principal import Principal
from prm_api.db import Session
from prm_api.errors import Conflict
from prm_api.models import AuditEvent, User


async def audit_count(db, *where) -> int:
    return await db.scalar(select(func.count()).select_from(AuditEvent).where(*where))


async def raw(engine, sql: str, **params) -> None:
    """Run SQL as someone with direct database access, bypassing the append-only trigger."""
    async with engine.begin() as conn:
        await conn.execute(text("SET LOCAL session_replication_role = replica"))
        await conn.execute(text(sql), params)


async def verify(client, headers) -> dict:
    r = await client.get("/v1/audit-events/verify", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


# --- one row per change, in the same transaction -------------------------------------------


async def test_create_writes_exactly_one_row(client, db, auth):
    headers = await auth.headers("admin")
    me = (await client.get("/v1/me", headers=headers)).json()
    before = await audit_count(db)
    body = user_body()
    r = await client.post("/v1/users", headers={**headers, "X-Request-ID": "aud-1"}, json=body)
    assert r.status_code == 201
    assert await audit_count(db) == before + 1
    row = await db.scalar(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1))
    assert row.action == "user.created"
    assert row.resource_type == "user"
    assert row.resource_id == r.json()["id"]
    assert row.actor_type == "user"
    assert row.actor_id == me["id"]
    assert row.actor_role == "admin"
    assert row.client_id == "prm-first-party"
    assert row.request_id == "aud-1"
    assert row.ip == "127.0.0.1"
    # Personal values are stored only as digests.
    assert row.changes["email"] == {"before": None, "after": digest_personal(body["email"])}
    assert row.changes["name"]["after"].startswith("sha256:")
    assert body["email"] not in str(row.changes) and body["name"] not in str(row.changes)
    assert row.changes["role"] == {"before": None, "after": "channel_manager"}


async def test_update_records_only_changed_fields(client, admin_headers, factory, db):
    user = await factory.user(role="channel_manager", password=None)
    r = await client.patch(f"/v1/users/{user.id}", headers=admin_headers, json={"role": "admin"})
    assert r.status_code == 200
    row = await db.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "user.updated", AuditEvent.resource_id == str(user.id)
        )
    )
    assert row.changes == {"role": {"before": "channel_manager", "after": "admin"}}
    # A no-op change writes nothing.
    before = await audit_count(db)
    same = await client.patch(f"/v1/users/{user.id}", headers=admin_headers, json={"role": "admin"})
    assert same.status_code == 200
    assert await audit_count(db) == before


async def test_failed_request_leaves_no_row(client, admin_headers, factory, db):
    taken = await factory.user(role="channel_manager", password=None)
    users_before = await db.scalar(select(func.count()).select_from(User))
    before = await audit_count(db)
    r = await client.post(
        "/v1/users", headers=admin_headers, json=user_body(email=taken.email.upper())
    )
    assert_problem(r, 409, "email_taken")
    assert await audit_count(db) == before
    assert await db.scalar(select(func.count()).select_from(User)) == users_before


async def test_rejected_requests_leave_no_row(client, admin_headers, db):
    before = await audit_count(db)
    await client.post("/v1/users", headers=admin_headers, json=user_body(role="wizard"))
    await client.patch(f"/v1/users/{uuid.uuid4()}", headers=admin_headers, json={"name": "x"})
    await client.post("/v1/users", json=user_body())
    assert await audit_count(db) == before


@pytest.fixture
async def halfway_app(app, settings):
    """An app sharing the session app's database with a route that changes a row, writes its
    audit row, then fails."""
    app2 = create_app(settings.model_copy())
    app2.state.engine = app.state.engine
    app2.state.sessionmaker = app.state.sessionmaker
    app2.state.key_ring = app.state.key_ring

    async def fail_halfway(
        session: Session, principal: Annotated[Principal, authorize("users:write")]
    ) -> dict:
        user = User(email="halfway@example.com", name="Half", role="admin")
        session.add(user)
        await session.flush()
        await audit.record(session, principal.actor, "user.created", "user", user.id)
        raise Conflict("Changed my mind.", code="halfway")

    app2.add_api_route("/v1/halfway", fail_halfway, methods=["POST"])
    return app2


async def test_change_and_audit_row_roll_back_together(halfway_app, auth, db):
    headers = await auth.headers("admin")
    before = await audit_count(db)
    transport = httpx.ASGITransport(app=halfway_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        r = await c.post("/v1/halfway", headers=headers)
    assert_problem(r, 409, "halfway")
    assert await audit_count(db) == before
    assert await db.scalar(select(User).where(User.email == "halfway@example.com")) is None


# --- append-only in the database -----------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_events SET action = 'user.deleted'",
        "UPDATE audit_events SET changes = '{}'::jsonb WHERE seq = 1",
        "DELETE FROM audit_events",
        "DELETE FROM audit_events WHERE seq = 1",
        "TRUNCATE audit_events",
    ],
)
async def test_database_refuses_to_alter_rows(factory, engine, db, sql):
    await factory.user(password=None)
    await factory.user(password=None)
    before = await audit_count(db)
    assert before == 2
    await db.commit()  # release this session's lock on the table before TRUNCATE asks for it
    with pytest.raises(DBAPIError, match="append-only"):
        async with engine.begin() as conn:
            await conn.execute(text(sql))
    assert await audit_count(db) == before
    rows = (await db.scalars(select(AuditEvent.action))).all()
    assert set(rows) == {"user.created"}


# --- listing --------------------------------------------------------------------------------


@pytest.fixture
async def trail(client, auth, factory):
    """Two actors' changes: the system creates two users, an admin creates two and renames
    one. Returns the admin's headers and ids."""
    headers = await auth.headers("admin")  # writes one row (actor "tests")
    admin_id = (await client.get("/v1/me", headers=headers)).json()["id"]
    system_made = [await factory.user(role="channel_manager", password=None) for _ in range(2)]
    made = []
    for _ in range(2):
        r = await client.post("/v1/users", headers=headers, json=user_body())
        assert r.status_code == 201
        made.append(r.json()["id"])
    r = await client.patch(f"/v1/users/{made[0]}", headers=headers, json={"name": "Renamed"})
    assert r.status_code == 200
    return {
        "headers": headers,
        "admin_id": admin_id,
        "made": made,
        "system_made": [str(u.id) for u in system_made],
    }


async def list_events(client, headers, **params) -> list[dict]:
    r = await client.get("/v1/audit-events", params=params, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["data"]


async def test_list_is_newest_first_and_complete(client, trail, db):
    events = await list_events(client, trail["headers"])
    assert len(events) == 6
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(seqs, reverse=True)
    assert set(events[0]) >= {
        "id",
        "seq",
        "occurred_at",
        "actor_type",
        "actor_id",
        "actor_role",
        "action",
        "resource_type",
        "resource_id",
        "partner_id",
        "changes",
        "request_id",
        "ip",
        "prev_hash",
        "hash",
    }
    assert events[0]["occurred_at"].endswith("Z")
    oldest = await list_events(client, trail["headers"], sort="occurred_at")
    assert [e["seq"] for e in oldest] == sorted(seqs)
    assert oldest[0]["prev_hash"] == GENESIS_HASH


async def test_filter_by_actor(client, trail):
    mine = await list_events(client, trail["headers"], actor_id=trail["admin_id"])
    assert len(mine) == 3
    assert {e["actor_id"] for e in mine} == {trail["admin_id"]}
    system = await list_events(client, trail["headers"], actor_id="tests")
    assert len(system) == 3 and {e["actor_type"] for e in system} == {"system"}
    assert await list_events(client, trail["headers"], actor_id="nobody") == []


async def test_filter_by_action(client, trail):
    updated = await list_events(client, trail["headers"], action="user.updated")
    assert [e["resource_id"] for e in updated] == [trail["made"][0]]
    created = await list_events(client, trail["headers"], action="user.created")
    assert len(created) == 5


async def test_filter_by_resource(client, trail):
    target = trail["made"][0]
    rows = await list_events(client, trail["headers"], resource_type="user", resource_id=target)
    assert [e["action"] for e in rows] == ["user.updated", "user.created"]
    assert await list_events(client, trail["headers"], resource_type="api_client") == []
    both = await list_events(
        client, trail["headers"], actor_id=trail["admin_id"], action="user.created"
    )
    assert {e["resource_id"] for e in both} == set(trail["made"])


async def test_filter_by_time(client, trail):
    events = await list_events(client, trail["headers"], sort="occurred_at")
    pivot = events[3]["occurred_at"]
    after = await list_events(client, trail["headers"], occurred_after=pivot, sort="occurred_at")
    before = await list_events(client, trail["headers"], occurred_before=pivot, sort="occurred_at")
    # occurred_after is inclusive, occurred_before exclusive: together they cover every row once.
    assert [e["id"] for e in before + after] == [e["id"] for e in events]
    assert after[0]["id"] == events[3]["id"]
    window = await list_events(
        client,
        trail["headers"],
        occurred_after=events[1]["occurred_at"],
        occurred_before=events[4]["occurred_at"],
    )
    assert {e["id"] for e in window} == {e["id"] for e in events[1:4]}
    # Offsets other than Z are understood.
    pivot_dt = datetime.fromisoformat(pivot.replace("Z", "+00:00"))
    plus2 = pivot_dt.astimezone(UTC).astimezone(timezone(timedelta(hours=2))).isoformat()
    same = await list_events(client, trail["headers"], occurred_after=plus2, sort="occurred_at")
    assert [e["id"] for e in same] == [e["id"] for e in after]


@pytest.mark.parametrize("param", ["occurred_after", "occurred_before"])
async def test_naive_time_filter_is_422(client, admin_headers, param):
    r = await client.get(
        "/v1/audit-events", params={param: "2026-01-01T00:00:00"}, headers=admin_headers
    )
    body = assert_problem(r, 422, "validation_error")
    assert body["errors"][0]["field"] == param
    assert body["errors"][0]["in"] == "query"


async def test_bad_filter_values_are_422(client, admin_headers):
    for params in ({"occurred_after": "yesterday"}, {"partner_id": "nope"}):
        r = await client.get("/v1/audit-events", params=params, headers=admin_headers)
        assert_problem(r, 422, "validation_error")
    r = await client.get("/v1/audit-events", params={"sort": "action"}, headers=admin_headers)
    assert_problem(r, 400, "invalid_sort")


async def test_pagination_walks_every_row_once(client, trail):
    seen: list[dict] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        r = await client.get("/v1/audit-events", params=params, headers=trail["headers"])
        assert r.status_code == 200
        body = r.json()
        seen.extend(body["data"])
        cursor = body["next_cursor"]
        if not cursor:
            break
        assert 'rel="next"' in r.headers["link"]
    assert len(seen) == len({e["id"] for e in seen}) == 6
    assert [e["seq"] for e in seen] == list(range(6, 0, -1))


async def test_reading_the_trail_needs_audit_read(client, auth):
    for scopes in (["users:read"], ["users:read", "users:write"]):
        headers = await auth.headers("admin", scopes=scopes)
        r = await client.get("/v1/audit-events", headers=headers)
        assert_problem(r, 403, "insufficient_scope")
        r = await client.get("/v1/audit-events/verify", headers=headers)
        assert_problem(r, 403, "insufficient_scope")
    r = await client.get("/v1/audit-events")
    assert r.status_code == 401


# --- hash chain -----------------------------------------------------------------------------


async def test_verify_empty_chain(client, app):
    # No audit rows at all yet: mint a token without creating a subject through the services.
    from prm_api.auth.tokens import issue_access_token

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
    result = await verify(client, {"Authorization": f"Bearer {token}"})
    assert result["ok"] is True
    assert result["checked"] == 0
    assert result["last_hash"] is None


async def test_verify_intact_chain(client, trail, db):
    result = await verify(client, trail["headers"])
    assert result["ok"] is True
    assert result["checked"] == 6
    assert result["first_broken_seq"] is None
    head = await db.scalar(select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1))
    assert result["last_hash"] == head


async def test_chain_links_are_sha256_of_prev_and_row(db, trail):
    rows = (await db.scalars(select(AuditEvent).order_by(AuditEvent.seq))).all()
    prev = GENESIS_HASH
    for row in rows:
        assert row.prev_hash == prev
        data = {c: getattr(row, c) for c in CHAINED_FIELDS}
        assert row.hash == link_hash(prev, data)
        assert len(row.hash) == len(hashlib.sha256().hexdigest())
        prev = row.hash


async def test_altered_row_is_detected(client, trail, engine):
    await raw(
        engine,
        """UPDATE audit_events SET changes = '{"role": {"before": null,
        "after": "admin"}}'::jsonb WHERE seq = 2""",
    )
    result = await verify(client, trail["headers"])
    assert result["ok"] is False
    assert result["first_broken_seq"] == 2
    assert result["checked"] == 1
    assert "altered" in result["reason"]
    assert result["first_broken_id"]


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_events SET actor_id = 'someone-else' WHERE seq = 4",
        "UPDATE audit_events SET occurred_at = occurred_at - interval '1 second' WHERE seq = 4",
        "UPDATE audit_events SET request_id = 'forged' WHERE seq = 4",
        "UPDATE audit_events SET action = 'user.deleted' WHERE seq = 4",
    ],
)
async def test_any_chained_field_change_is_detected(client, trail, engine, sql):
    await raw(engine, sql)
    result = await verify(client, trail["headers"])
    assert (result["ok"], result["first_broken_seq"]) == (False, 4)


async def test_deleted_middle_row_is_detected(client, trail, engine):
    await raw(engine, "DELETE FROM audit_events WHERE seq = 3")
    result = await verify(client, trail["headers"])
    assert result["ok"] is False
    assert result["first_broken_seq"] == 4
    assert result["checked"] == 2
    assert "removed" in result["reason"]


async def test_rehashed_forgery_is_detected_at_the_next_row(client, trail, engine, db):
    # A forger who also recomputes the altered row's own hash still breaks the next link.
    row = await db.scalar(select(AuditEvent).where(AuditEvent.seq == 2))
    data = {c: getattr(row, c) for c in CHAINED_FIELDS}
    data["actor_id"] = "forger"
    forged = link_hash(row.prev_hash, data)
    await raw(
        engine, "UPDATE audit_events SET actor_id = 'forger', hash = :h WHERE seq = 2", h=forged
    )
    result = await verify(client, trail["headers"])
    assert (result["ok"], result["first_broken_seq"]) == (False, 3)


async def test_truncated_tail_is_not_a_broken_link(client, trail, engine):
    # Dropping the newest rows leaves a valid (shorter) chain; its head changes, which is what
    # an external anchor of `last_hash` would catch.
    intact = await verify(client, trail["headers"])
    await raw(engine, "DELETE FROM audit_events WHERE seq >= 5")
    result = await verify(client, trail["headers"])
    assert result["ok"] is True
    assert result["checked"] == 4
    assert result["last_hash"] != intact["last_hash"]


async def test_verify_reads_in_batches(db, trail):
    # A small batch exercises the paging of verify_chain across batch boundaries.
    result = await audit.verify_chain(db, batch=4)
    assert result.ok and result.checked == 6


async def test_concurrent_writers_extend_one_chain(sessionmaker, db):
    """Writers racing to append never fork the chain: each links to the row committed before
    it (the chain lock is taken before the statement that reads the last hash)."""
    from prm_api.auth.principal import Actor

    async def append(i: int) -> None:
        async with sessionmaker() as session, session.begin():
            await audit.record(
                session,
                Actor(type="system", id=f"racer-{i}"),
                "test.raced",
                "test",
                i,
                changes={"n": {"before": None, "after": i}, "email": "a@example.com"},
            )

    await asyncio.gather(*(append(i) for i in range(16)))
    rows = (await db.scalars(select(AuditEvent).order_by(AuditEvent.seq))).all()
    assert len(rows) == 16
    assert len({row.prev_hash for row in rows}) == 16, "two rows link to the same predecessor"
    assert (await audit.verify_chain(db)).ok
    assert rows[0].changes["email"] == digest_personal("a@example.com")
