"""Write conventions (DESIGN §5): ETag / If-Match preconditions and Idempotency-Key on POST."""

from __future__ import annotations

import asyncio

import pytest
from factories import assert_problem, user_body
from sqlalchemy import func, select, update

from prm_api.auth.tokens import issue_access_token
from prm_api.models import AuditEvent, IdempotencyRecord, User


async def count(db, model, *where) -> int:
    db.expire_all()
    return await db.scalar(select(func.count()).select_from(model).where(*where))


# --- ETag / If-Match ------------------------------------------------------------------------


async def test_single_resources_carry_an_etag(client, admin_headers):
    created = await client.post("/v1/users", headers=admin_headers, json=user_body())
    assert created.status_code == 201
    assert created.headers["etag"] == '"1"'
    assert created.headers["location"] == f"/v1/users/{created.json()['id']}"
    got = await client.get(created.headers["location"], headers=admin_headers)
    assert got.headers["etag"] == '"1"'


async def test_patch_with_current_etag_bumps_it(client, admin_headers, factory):
    user = await factory.user(role="channel_manager", password=None)
    r = await client.patch(
        f"/v1/users/{user.id}", headers={**admin_headers, "If-Match": '"1"'}, json={"name": "New"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "New"
    assert r.headers["etag"] == '"2"'
    again = await client.get(f"/v1/users/{user.id}", headers=admin_headers)
    assert again.headers["etag"] == '"2"'


async def test_stale_if_match_is_412_and_changes_nothing(client, admin_headers, factory, db):
    user = await factory.user(role="channel_manager", password=None, name="Original")
    first = await client.patch(
        f"/v1/users/{user.id}",
        headers={**admin_headers, "If-Match": '"1"'},
        json={"name": "First writer"},
    )
    assert first.status_code == 200
    audit_before = await count(db, AuditEvent)

    stale = await client.patch(
        f"/v1/users/{user.id}",
        headers={**admin_headers, "If-Match": '"1"'},
        json={"name": "Lost update", "role": "admin"},
    )
    body = assert_problem(stale, 412, "precondition_failed")
    assert body["current_etag"] == '"2"'
    current = await client.get(f"/v1/users/{user.id}", headers=admin_headers)
    assert current.json()["name"] == "First writer"
    assert current.json()["role"] == "channel_manager"
    assert current.headers["etag"] == '"2"'
    assert await count(db, AuditEvent) == audit_before


@pytest.mark.parametrize("if_match", ["*", '"7", "1"', 'W/"1"', ' "1" '])
async def test_matching_if_match_forms_pass(client, admin_headers, factory, if_match):
    user = await factory.user(role="channel_manager", password=None)
    r = await client.patch(
        f"/v1/users/{user.id}",
        headers={**admin_headers, "If-Match": if_match},
        json={"name": "Matched"},
    )
    assert r.status_code == 200, r.text
    assert r.headers["etag"] == '"2"'


@pytest.mark.parametrize("if_match", ['"2"', "1", 'W/"0"', "garbage", '"1 "'])
async def test_non_matching_if_match_forms_fail(client, admin_headers, factory, if_match):
    user = await factory.user(role="channel_manager", password=None)
    r = await client.patch(
        f"/v1/users/{user.id}",
        headers={**admin_headers, "If-Match": if_match},
        json={"name": "Nope"},
    )
    assert_problem(r, 412, "precondition_failed")


async def test_patch_without_if_match_is_allowed(client, admin_headers, factory):
    user = await factory.user(role="channel_manager", password=None)
    r = await client.patch(f"/v1/users/{user.id}", headers=admin_headers, json={"name": "Free"})
    assert r.status_code == 200
    assert r.headers["etag"] == '"2"'


async def test_stale_if_match_on_action_is_412(client, admin_headers, factory, db):
    user = await factory.user(role="channel_manager", password=None)
    r = await client.post(
        f"/v1/users/{user.id}/deactivate", headers={**admin_headers, "If-Match": '"9"'}
    )
    assert_problem(r, 412, "precondition_failed")
    assert (await db.get(User, user.id, populate_existing=True)).active is True


# --- Idempotency-Key ------------------------------------------------------------------------


async def test_same_key_same_body_replays_the_first_response(client, admin_headers, db):
    body = user_body()
    headers = {**admin_headers, "Idempotency-Key": "create-ada-1"}
    first = await client.post("/v1/users", headers=headers, json=body)
    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers
    audit_rows = await count(
        db,
        AuditEvent,
        AuditEvent.action == "user.created",
        AuditEvent.resource_id == first.json()["id"],
    )
    assert audit_rows == 1

    # Keys are compared on canonical JSON: whitespace and key order do not matter.
    replay = await client.post(
        "/v1/users",
        headers={**headers, "content-type": "application/json"},
        content=("{ " + ", ".join(f'"{k}": "{v}"' for k, v in reversed(body.items())) + " }"),
    )
    assert replay.status_code == 201
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json() == first.json()
    assert replay.headers["location"] == first.headers["location"]
    assert replay.headers["etag"] == first.headers["etag"]
    assert replay.headers["content-type"] == first.headers["content-type"]
    assert await count(db, User, User.email == body["email"]) == 1
    assert await count(db, AuditEvent, AuditEvent.resource_id == first.json()["id"]) == 1


async def test_same_key_different_body_is_422(client, admin_headers, db):
    headers = {**admin_headers, "Idempotency-Key": "key-reuse"}
    first = await client.post("/v1/users", headers=headers, json=user_body())
    assert first.status_code == 201
    other = user_body()
    r = await client.post("/v1/users", headers=headers, json=other)
    assert_problem(r, 422, "idempotency_key_reused")
    assert await count(db, User, User.email == other["email"]) == 0


async def test_same_key_other_path_is_422(client, admin_headers, factory):
    headers = {**admin_headers, "Idempotency-Key": "cross-path"}
    first = await client.post("/v1/users", headers=headers, json=user_body())
    assert first.status_code == 201
    target = await factory.user(role="channel_manager", password=None)
    r = await client.post(f"/v1/users/{target.id}/deactivate", headers=headers)
    assert_problem(r, 422, "idempotency_key_reused")


async def test_concurrent_requests_with_one_key_create_one_user(client, admin_headers, db):
    body = user_body()
    headers = {**admin_headers, "Idempotency-Key": "race-1"}
    responses = await asyncio.gather(
        *(client.post("/v1/users", headers=headers, json=body) for _ in range(4))
    )
    statuses = sorted(r.status_code for r in responses)
    fresh = [
        r for r in responses if r.status_code == 201 and "idempotent-replayed" not in r.headers
    ]
    assert len(fresh) == 1, [(r.status_code, r.text) for r in responses]
    for r in responses:
        if r is fresh[0]:
            continue
        if r.status_code == 409:
            assert_problem(r, 409, "idempotency_in_flight")
            assert r.headers["retry-after"]
        else:
            assert r.status_code == 201, statuses
            assert r.headers["idempotent-replayed"] == "true"
            assert r.json() == fresh[0].json()
    assert await count(db, User, User.email == body["email"]) == 1
    assert await count(db, AuditEvent, AuditEvent.resource_id == fresh[0].json()["id"]) == 1


async def test_conflict_is_not_stored_so_a_retry_runs_for_real(client, admin_headers, factory, db):
    taken = await factory.user(role="channel_manager", password=None)
    body = user_body(email=taken.email)
    headers = {**admin_headers, "Idempotency-Key": "retry-after-conflict"}
    r = await client.post("/v1/users", headers=headers, json=body)
    assert_problem(r, 409, "email_taken")
    assert await count(db, IdempotencyRecord, IdempotencyRecord.key == "retry-after-conflict") == 0

    # The cause goes away; the same request with the same key now succeeds.
    await db.execute(update(User).where(User.id == taken.id).values(email="moved@example.com"))
    await db.commit()
    retry = await client.post("/v1/users", headers=headers, json=body)
    assert retry.status_code == 201, retry.text
    assert "idempotent-replayed" not in retry.headers
    replay = await client.post("/v1/users", headers=headers, json=body)
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json()["id"] == retry.json()["id"]


async def test_validation_error_is_replayed(client, admin_headers):
    headers = {**admin_headers, "Idempotency-Key": "bad-body"}
    body = user_body(role="wizard")
    first = await client.post("/v1/users", headers=headers, json=body)
    assert_problem(first, 422, "validation_error")
    second = await client.post("/v1/users", headers=headers, json=body)
    assert second.status_code == 422
    assert second.headers["idempotent-replayed"] == "true"
    assert second.headers["content-type"] == "application/problem+json"
    assert second.json()["errors"] == first.json()["errors"]


async def test_keys_are_per_caller(client, auth, db):
    alice = await auth.headers("admin")
    bob = await auth.headers("admin")
    key = {"Idempotency-Key": "shared-key"}
    bob_body = user_body()
    a = await client.post("/v1/users", headers={**alice, **key}, json=user_body())
    b = await client.post("/v1/users", headers={**bob, **key}, json=bob_body)
    assert a.status_code == b.status_code == 201
    assert "idempotent-replayed" not in b.headers
    assert a.json()["id"] != b.json()["id"]
    # And each caller's own replay still works.
    again = await client.post("/v1/users", headers={**bob, **key}, json=bob_body)
    assert again.headers.get("idempotent-replayed") == "true"
    assert again.json()["id"] == b.json()["id"]


async def test_keys_are_per_client_token_too(client, auth):
    user_token = await auth.headers("admin")
    client_token = await auth.headers("admin", as_client=True)
    key = {"Idempotency-Key": "k"}
    body = user_body()
    a = await client.post("/v1/users", headers={**user_token, **key}, json=body)
    assert a.status_code == 201
    b = await client.post("/v1/users", headers={**client_token, **key}, json=user_body())
    assert b.status_code == 201
    assert "idempotent-replayed" not in b.headers


@pytest.mark.parametrize("key", ["", "   ", "x" * 256])
async def test_invalid_key_is_400(client, admin_headers, key, db):
    body = user_body()
    r = await client.post("/v1/users", headers={**admin_headers, "Idempotency-Key": key}, json=body)
    assert_problem(r, 400, "invalid_idempotency_key")
    assert await count(db, User, User.email == body["email"]) == 0


async def test_key_is_ignored_on_non_post(client, admin_headers, factory):
    user = await factory.user(role="channel_manager", password=None)
    headers = {**admin_headers, "Idempotency-Key": "patch-key"}
    one = await client.patch(f"/v1/users/{user.id}", headers=headers, json={"name": "One"})
    two = await client.patch(f"/v1/users/{user.id}", headers=headers, json={"name": "Two"})
    assert one.status_code == two.status_code == 200
    assert two.json()["name"] == "Two"
    assert "idempotent-replayed" not in two.headers


async def test_forbidden_attempt_does_not_burn_the_key(client, app, factory, db):
    user = await factory.user(role="admin", password=None)

    def token(scopes: list[str]) -> dict[str, str]:
        raw, _ = issue_access_token(
            app.state.key_ring,
            app.state.settings,
            sub=str(user.id),
            client_id="prm-first-party",
            scopes=scopes,
            role="admin",
            subject_type="user",
        )
        return {"Authorization": f"Bearer {raw}", "Idempotency-Key": "after-upgrade"}

    body = user_body()
    weak = await client.post("/v1/users", headers=token(["users:read"]), json=body)
    assert_problem(weak, 403, "insufficient_scope")
    # Same caller (same subject), same key: the 403 was not stored, so this runs for real.
    r = await client.post("/v1/users", headers=token(["users:read", "users:write"]), json=body)
    assert r.status_code == 201, r.text
    assert "idempotent-replayed" not in r.headers
    assert await count(db, User, User.email == body["email"]) == 1
