"""Idempotent replays are authenticated like fresh requests; stored responses are sealed at rest;
over-deep JSON is a 400, never a 500 (red-team findings on ``Idempotency-Key``)."""

from __future__ import annotations

import uuid

import pytest
from factories import assert_problem, bearer, settings_overridden, user_body
from pydantic import SecretStr
from sqlalchemy import func, select, text, update

from prm_api.auth.tokens import issue_access_token
from prm_api.kit.sealing import generate_key
from prm_api.models import ApiClient, IdempotencyRecord, Invitation, User


async def raw_rows(db) -> list[str]:
    """Every idempotency row as PostgreSQL prints it (bytea in hex)."""
    return list((await db.execute(text("SELECT t::text FROM idempotency_keys t"))).scalars())


async def assert_not_at_rest(db, secret: str) -> None:
    rows = await raw_rows(db)
    assert rows, "nothing was stored"
    for row in rows:
        assert secret not in row
        assert secret.encode().hex() not in row
    bodies = (await db.execute(select(IdempotencyRecord.response_body))).scalars()
    for body in bodies:
        assert secret.encode() not in (body or b"")


async def count(db, model, *where) -> int:
    db.expire_all()
    return await db.scalar(select(func.count()).select_from(model).where(*where))


def client_body() -> dict[str, object]:
    return {"name": f"CRM sync {uuid.uuid4().hex[:6]}", "role": "channel_manager"}


async def admin_client_token(factory, oauth) -> tuple[ApiClient, str, str]:
    """An admin API client, its secret and a real access token from /oauth/token."""
    api_client, secret = await factory.api_client(role="admin")
    token = (await oauth.client_token(api_client.client_id, secret))["access_token"]
    return api_client, secret, token


# --- secrets are sealed, and still replayed to their owner -------------------------------------


async def test_client_secret_is_sealed_at_rest_and_replayed(client, factory, oauth, db):
    _, _, token = await admin_client_token(factory, oauth)
    headers = {**bearer(token), "Idempotency-Key": "create-client"}
    body = client_body()
    first = await client.post("/v1/api-clients", headers=headers, json=body)
    assert first.status_code == 201, first.text
    secret = first.json()["client_secret"]
    await assert_not_at_rest(db, secret)
    # The headers are inside the seal too (the Location names the new client).
    row = (await db.execute(select(IdempotencyRecord))).scalar_one()
    assert row.response_headers is None
    assert first.json()["id"] not in (await raw_rows(db))[0]

    replay = await client.post("/v1/api-clients", headers=headers, json=body)
    assert replay.status_code == 201
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json() == first.json()
    assert replay.headers["location"] == first.headers["location"]
    assert await count(db, ApiClient, ApiClient.name == body["name"]) == 1


async def test_webhook_secret_is_sealed_at_rest(client, admin_headers, app, db):
    headers = {**admin_headers, "Idempotency-Key": "create-endpoint"}
    body = {"url": "http://127.0.0.1:9/hooks"}
    with settings_overridden(app, webhook_allow_private_targets=True):
        first = await client.post("/v1/webhook-endpoints", headers=headers, json=body)
        assert first.status_code == 201, first.text
        secret = first.json()["secret"]
        assert secret.startswith("whsec_")
        await assert_not_at_rest(db, secret)
        replay = await client.post("/v1/webhook-endpoints", headers=headers, json=body)
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json()["secret"] == secret


# --- a replay is authenticated exactly like a fresh request ------------------------------------


async def test_replay_with_a_revoked_token_is_401(client, factory, oauth, db):
    _, _, token = await admin_client_token(factory, oauth)
    headers = {**bearer(token), "Idempotency-Key": "revoked-token"}
    body = client_body()
    first = await client.post("/v1/api-clients", headers=headers, json=body)
    assert first.status_code == 201, first.text
    secret = first.json()["client_secret"]

    assert (await client.post("/oauth/revoke", data={"token": token})).status_code == 200

    fresh = await client.post(
        "/v1/api-clients", headers={**bearer(token), "Idempotency-Key": "new"}, json=body
    )
    replay = await client.post("/v1/api-clients", headers=headers, json=body)
    problem = assert_problem(replay, 401, "unauthorized")
    assert "idempotent-replayed" not in replay.headers
    assert secret not in replay.text
    assert replay.headers["www-authenticate"] == fresh.headers["www-authenticate"]
    assert problem["detail"] == fresh.json()["detail"]
    # Same caller, other body: still the 401 first, not a 422 telling the key is taken.
    other = await client.post("/v1/api-clients", headers=headers, json=client_body())
    assert_problem(other, 401, "unauthorized")
    assert await count(db, ApiClient, ApiClient.name == body["name"]) == 1


async def test_replay_after_the_client_is_revoked_is_401(client, factory, oauth, admin_headers):
    api_client, _, token = await admin_client_token(factory, oauth)
    headers = {**bearer(token), "Idempotency-Key": "revoked-client"}
    body = client_body()
    first = await client.post("/v1/api-clients", headers=headers, json=body)
    assert first.status_code == 201, first.text

    revoked = await client.post(f"/v1/api-clients/{api_client.id}/revoke", headers=admin_headers)
    assert revoked.status_code == 200, revoked.text

    replay = await client.post("/v1/api-clients", headers=headers, json=body)
    assert_problem(replay, 401, "unauthorized")
    assert first.json()["client_secret"] not in replay.text


async def test_deactivated_partner_admin_cannot_replay_an_invitation(
    client, auth, new_partner, store, db
):
    partner_id = await new_partner()
    headers = {
        **await auth.headers("partner_admin", partner_id=partner_id),
        "Idempotency-Key": "invite-1",
    }
    url = f"/v1/partners/{partner_id}/invitations"
    body = {"email": "invitee@partner.example"}
    first = await client.post(url, headers=headers, json=body)
    assert first.status_code == 201, first.text
    invitation_token = first.json()["token"]
    await assert_not_at_rest(db, invitation_token)

    await db.execute(update(User).where(User.role == "partner_admin").values(active=False))
    await db.commit()

    replay = await client.post(url, headers=headers, json=body)
    assert_problem(replay, 401, "unauthorized")
    assert invitation_token not in replay.text
    assert await count(db, Invitation, Invitation.partner_id == partner_id) == 1


async def test_replay_with_a_missing_scope_is_403(client, app, factory, db):
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
        return {**bearer(raw), "Idempotency-Key": "scoped"}

    body = client_body()
    first = await client.post("/v1/api-clients", headers=token(["users:write"]), json=body)
    assert first.status_code == 201, first.text
    # Same subject (so the same key space), a token without users:write.
    weak = await client.post("/v1/api-clients", headers=token(["users:read"]), json=body)
    problem = assert_problem(weak, 403, "insufficient_scope")
    assert problem["required_scopes"] == ["users:write"]
    assert first.json()["client_secret"] not in weak.text
    # The scope back: the stored response, not a second client.
    again = await client.post("/v1/api-clients", headers=token(["users:write"]), json=body)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert await count(db, ApiClient, ApiClient.name == body["name"]) == 1


async def test_replay_without_a_token_is_401(client, admin_headers):
    headers = {**admin_headers, "Idempotency-Key": "anon"}
    body = user_body()
    assert (await client.post("/v1/users", headers=headers, json=body)).status_code == 201
    r = await client.post("/v1/users", headers={"Idempotency-Key": "anon"}, json=body)
    assert_problem(r, 401, "unauthorized")


async def test_public_operation_replays_without_a_token(client, db):
    body = {
        "name": "Applicant",
        "website": "https://replayed.example",
        "type": "reseller",
        "country": "DE",
        "contact": {"name": "Ann", "email": "ann@replayed.example"},
    }
    headers = {"Idempotency-Key": "apply-once"}
    first = await client.post("/v1/partner-applications", headers=headers, json=body)
    assert first.status_code == 201, first.text
    replay = await client.post("/v1/partner-applications", headers=headers, json=body)
    assert replay.status_code == 201
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json() == first.json()


# --- keys: rotation, loss, rows that do not open ----------------------------------------------


async def test_rotation_newest_seals_every_key_opens(client, app, admin_headers, db):
    old, new = generate_key(), generate_key()
    body = user_body()
    headers = {**admin_headers, "Idempotency-Key": "rotate"}
    with settings_overridden(app, idempotency_keys=SecretStr(old)):
        first = await client.post("/v1/users", headers=headers, json=body)
        assert first.status_code == 201
    # A new key in front; the old one still opens what it sealed.
    with settings_overridden(app, idempotency_keys=SecretStr(f"{new},{old}")):
        replay = await client.post("/v1/users", headers=headers, json=body)
        assert replay.headers["idempotent-replayed"] == "true"
        assert replay.json() == first.json()
        second = await client.post(
            "/v1/users", headers={**admin_headers, "Idempotency-Key": "after"}, json=user_body()
        )
        assert second.status_code == 201
    # What was sealed after the rotation opens with the new key alone.
    with settings_overridden(app, idempotency_keys=SecretStr(new)):
        again = await client.post(
            "/v1/users", headers={**admin_headers, "Idempotency-Key": "after"}, json=user_body()
        )
        assert again.status_code == 422  # same key, other body: the row was read
        assert_problem(again, 422, "idempotency_key_reused")


async def test_a_response_whose_key_is_gone_is_409_and_not_run_again(
    client, app, admin_headers, db
):
    body = user_body()
    headers = {**admin_headers, "Idempotency-Key": "lost-key"}
    with settings_overridden(app, idempotency_keys=SecretStr(generate_key())):
        first = await client.post("/v1/users", headers=headers, json=body)
        assert first.status_code == 201
    with settings_overridden(app, idempotency_keys=SecretStr(generate_key())):
        r = await client.post("/v1/users", headers=headers, json=body)
    assert_problem(r, 409, "idempotency_replay_unavailable")
    assert "idempotent-replayed" not in r.headers
    assert await count(db, User, User.email == body["email"]) == 1


async def test_a_plaintext_row_is_never_replayed(client, admin_headers, db):
    """A row stored before sealing (or written into the table by hand) does not open."""
    body = user_body()
    headers = {**admin_headers, "Idempotency-Key": "legacy"}
    first = await client.post("/v1/users", headers=headers, json=body)
    assert first.status_code == 201
    await db.execute(
        update(IdempotencyRecord).values(
            response_body=b'{"client_secret": "leaked"}',
            response_headers={"content-type": "application/json"},
        )
    )
    await db.commit()
    r = await client.post("/v1/users", headers=headers, json=body)
    assert_problem(r, 409, "idempotency_replay_unavailable")
    assert "leaked" not in r.text


async def test_a_sealed_response_does_not_open_in_another_row(client, auth, db):
    """Bound to its row: copying Alice's sealed response into Bob's row gives Bob nothing."""
    alice, bob = await auth.headers("admin"), await auth.headers("admin")
    key = {"Idempotency-Key": "swap"}
    body = client_body()
    a = await client.post("/v1/api-clients", headers={**alice, **key}, json=client_body())
    b = await client.post("/v1/api-clients", headers={**bob, **key}, json=body)
    assert a.status_code == b.status_code == 201
    rows = {r.owner: r for r in (await db.execute(select(IdempotencyRecord))).scalars()}
    alice_row, bob_row = sorted(rows.values(), key=lambda r: r.created_at)
    await db.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.owner == bob_row.owner)
        .values(response_body=alice_row.response_body)
    )
    await db.commit()
    r = await client.post("/v1/api-clients", headers={**bob, **key}, json=body)
    assert_problem(r, 409, "idempotency_replay_unavailable")
    assert a.json()["client_secret"] not in r.text


# --- over-deep JSON ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/v1/partner-applications", "/v1/users"])
async def test_over_deep_json_is_the_same_400_with_or_without_a_key(
    client, admin_headers, db, path
):
    deep = b"[" * 50_000
    base = {**admin_headers, "content-type": "application/json"}
    without = await client.post(path, headers=base, content=deep)
    with_key = await client.post(path, headers={**base, "Idempotency-Key": "k"}, content=deep)
    assert_problem(without, 400, "bad_request")
    problem = assert_problem(with_key, 400, "bad_request")
    assert {k: v for k, v in problem.items() if k != "request_id"} == {
        k: v for k, v in without.json().items() if k != "request_id"
    }
    assert await count(db, IdempotencyRecord) == 0


async def test_deep_but_parseable_json_is_answered_like_without_a_key(client, admin_headers):
    # 100 levels: under the limit; the app answers it (a validation error) with or without a key.
    body = b'{"name": ' + b"[" * 100 + b"]" * 100 + b"}"
    base = {**admin_headers, "content-type": "application/json"}
    without = await client.post("/v1/users", headers=base, content=body)
    with_key = await client.post(
        "/v1/users", headers={**base, "Idempotency-Key": "deep-ok"}, content=body
    )
    assert without.status_code == with_key.status_code == 422
