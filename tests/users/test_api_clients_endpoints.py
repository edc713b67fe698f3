"""/v1/api-clients: create (secret shown once), read, rotate the secret, revoke; who may."""

from __future__ import annotations

import uuid

import pytest
from factories import basic
from sqlalchemy import select, text

from prm_api.auth.roles import ceiling
from prm_api.models import ApiClient


async def _token(client, client_id: str, secret: str, scope: str | None = None):
    data = {"grant_type": "client_credentials"}
    if scope:
        data["scope"] = scope
    return await client.post("/oauth/token", data=data, headers=basic(client_id, secret))


async def _create(client, headers, **overrides):
    body = {"name": "Salesforce sync", "role": "channel_manager"}
    body.update(overrides)
    return await client.post("/v1/api-clients", json=body, headers=headers)


# --- create / read ----------------------------------------------------------------------------


async def test_create_returns_the_secret_once(client, admin_headers, db):
    r = await _create(client, admin_headers, scopes=["deals:read", "partners:read"])
    assert r.status_code == 201, r.text
    body = r.json()
    secret = body["client_secret"]
    assert secret.startswith("prm_sk_") and len(secret) > 30
    assert body["client_id"].startswith("prm_ci_")
    assert body["secret_last4"] == secret[-4:]
    assert body["scopes"] == ["deals:read", "partners:read"]
    assert body["role"] == "channel_manager"
    assert body["active"] is True
    assert body["revoked_at"] is None
    assert r.headers["location"] == f"/v1/api-clients/{body['id']}"
    assert r.headers["etag"] == '"1"'

    got = await client.get(r.headers["location"], headers=admin_headers)
    assert got.status_code == 200
    assert "client_secret" not in got.json()
    assert secret not in got.text
    assert got.json()["secret_last4"] == secret[-4:]
    assert got.headers["etag"] == '"1"'

    listed = await client.get("/v1/api-clients", headers=admin_headers)
    assert listed.status_code == 200
    assert secret not in listed.text
    assert all("client_secret" not in c for c in listed.json()["data"])

    stored = await db.scalar(
        select(ApiClient.secret_hash).where(ApiClient.id == uuid.UUID(body["id"]))
    )
    assert stored.startswith("$argon2") and secret not in stored


async def test_the_new_client_can_get_tokens_within_its_scopes(client, admin_headers):
    body = (await _create(client, admin_headers, scopes=["deals:read", "partners:read"])).json()
    r = await _token(client, body["client_id"], body["client_secret"])
    assert r.status_code == 200, r.text
    assert r.json()["scope"] == "deals:read partners:read"
    r = await _token(client, body["client_id"], body["client_secret"], scope="audit:read")
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_scope"


async def test_default_scopes_are_the_role_ceiling(client, admin_headers):
    body = (await _create(client, admin_headers, role="channel_manager")).json()
    assert set(body["scopes"]) == set(ceiling("channel_manager"))
    assert "users:write" not in body["scopes"]


async def test_scopes_beyond_the_role_ceiling_are_422(client, admin_headers, db):
    r = await _create(
        client, admin_headers, role="channel_manager", scopes=["deals:read", "users:write"]
    )
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    errors = r.json()["errors"]
    assert [e["code"] for e in errors] == ["scope_above_role"]
    assert errors[0]["field"] == "scopes"
    assert await db.scalar(select(ApiClient.id)) is None


async def test_unknown_scopes_are_422(client, admin_headers):
    r = await _create(client, admin_headers, role="admin", scopes=["deals:delete"])
    assert r.status_code == 422
    assert r.json()["errors"][0]["code"] == "unknown_scope"


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"role": "partner_admin"}, "role"),
        ({"name": ""}, "name"),
        ({"client_secret": "mine"}, "client_secret"),
        ({"partner_id": str(uuid.uuid4())}, "partner_id"),
        ({"active": False}, "active"),
    ],
)
async def test_create_validation(client, admin_headers, overrides, field):
    r = await _create(client, admin_headers, **overrides)
    assert r.status_code == 422
    assert any(e["field"] == field for e in r.json()["errors"]), r.json()


async def test_get_unknown_client_is_404(client, admin_headers):
    r = await client.get(f"/v1/api-clients/{uuid.uuid4()}", headers=admin_headers)
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "not_found"


async def test_list_filters_and_paginates(client, admin_headers):
    a = (await _create(client, admin_headers, name="A", role="admin")).json()
    b = (await _create(client, admin_headers, name="B", role="channel_manager")).json()
    await client.post(f"/v1/api-clients/{a['id']}/revoke", headers=admin_headers)

    r = await client.get("/v1/api-clients?limit=1", headers=admin_headers)
    page = r.json()
    assert [c["id"] for c in page["data"]] == [b["id"]]
    assert page["has_more"] is True
    assert 'rel="next"' in r.headers["link"]
    r = await client.get(
        f"/v1/api-clients?limit=1&cursor={page['next_cursor']}", headers=admin_headers
    )
    assert [c["id"] for c in r.json()["data"]] == [a["id"]]
    assert r.json()["has_more"] is False

    async def ids(query: str) -> list[str]:
        r = await client.get(f"/v1/api-clients?{query}", headers=admin_headers)
        return [c["id"] for c in r.json()["data"]]

    assert await ids("active=false") == [a["id"]]
    assert await ids("active=true") == [b["id"]]
    assert await ids("role=channel_manager") == [b["id"]]
    assert await ids("sort=name") == [a["id"], b["id"]]


# --- rotate / revoke --------------------------------------------------------------------------


async def test_rotate_secret_replaces_the_old_one(client, admin_headers):
    created = (await _create(client, admin_headers)).json()
    old = created["client_secret"]
    r = await client.post(
        f"/v1/api-clients/{created['id']}/rotate-secret",
        headers={**admin_headers, "If-Match": '"1"'},
    )
    assert r.status_code == 200, r.text
    rotated = r.json()
    new = rotated["client_secret"]
    assert new != old
    assert rotated["secret_last4"] == new[-4:]
    assert rotated["secret_rotated_at"]
    assert rotated["client_id"] == created["client_id"]
    assert r.headers["etag"] == '"2"'

    r = await _token(client, created["client_id"], old)
    assert r.status_code == 401
    assert r.json()["error"] == "invalid_client"
    r = await _token(client, created["client_id"], new)
    assert r.status_code == 200, r.text


async def test_rotate_with_a_stale_etag_is_412_and_keeps_the_secret(client, admin_headers):
    created = (await _create(client, admin_headers)).json()
    r = await client.post(
        f"/v1/api-clients/{created['id']}/rotate-secret",
        headers={**admin_headers, "If-Match": '"7"'},
    )
    assert r.status_code == 412
    assert r.json()["code"] == "precondition_failed"
    assert (await _token(client, created["client_id"], created["client_secret"])).status_code == 200


async def test_revoke(client, admin_headers):
    created = (await _create(client, admin_headers)).json()
    token = (await _token(client, created["client_id"], created["client_secret"])).json()
    r = await client.post(
        f"/v1/api-clients/{created['id']}/revoke", headers={**admin_headers, "If-Match": '"1"'}
    )
    assert r.status_code == 200, r.text
    revoked = r.json()
    assert revoked["active"] is False
    assert revoked["revoked_at"]
    assert r.headers["etag"] == '"2"'

    r = await _token(client, created["client_id"], created["client_secret"])
    assert r.status_code == 401
    assert r.json()["error"] == "invalid_client"
    me = await client.get("/v1/me", headers={"Authorization": f"Bearer {token['access_token']}"})
    assert me.status_code == 401

    # Revoking again is harmless; a revoked client cannot get a new secret.
    again = await client.post(f"/v1/api-clients/{created['id']}/revoke", headers=admin_headers)
    assert again.status_code == 200
    assert again.json()["revoked_at"] == revoked["revoked_at"]
    rotate = await client.post(
        f"/v1/api-clients/{created['id']}/rotate-secret", headers=admin_headers
    )
    assert rotate.status_code == 409
    assert rotate.json()["code"] == "client_revoked"
    assert "client_secret" not in rotate.json()


async def test_revoke_with_a_stale_etag_is_412(client, admin_headers):
    created = (await _create(client, admin_headers)).json()
    r = await client.post(
        f"/v1/api-clients/{created['id']}/revoke", headers={**admin_headers, "If-Match": '"2"'}
    )
    assert r.status_code == 412
    assert (await _token(client, created["client_id"], created["client_secret"])).status_code == 200


async def test_rotate_and_revoke_unknown_client_is_404(client, admin_headers):
    for action in ("rotate-secret", "revoke"):
        r = await client.post(f"/v1/api-clients/{uuid.uuid4()}/{action}", headers=admin_headers)
        assert r.status_code == 404


# --- who may do what --------------------------------------------------------------------------


async def test_channel_manager_reads_but_does_not_manage(client, auth, admin_headers):
    created = (await _create(client, admin_headers)).json()
    headers = await auth.headers("channel_manager")
    assert (await client.get("/v1/api-clients", headers=headers)).status_code == 200
    r = await client.get(f"/v1/api-clients/{created['id']}", headers=headers)
    assert r.status_code == 200
    assert "client_secret" not in r.json()
    for r in (
        await _create(client, headers),
        await client.post(f"/v1/api-clients/{created['id']}/rotate-secret", headers=headers),
        await client.post(f"/v1/api-clients/{created['id']}/revoke", headers=headers),
    ):
        assert r.status_code == 403
        assert r.json()["code"] == "insufficient_scope"
    assert (await _token(client, created["client_id"], created["client_secret"])).status_code == 200


@pytest.mark.parametrize("as_client", [False, True], ids=["user", "client"])
async def test_partner_admin_cannot_mint_or_touch_api_clients(
    client, auth, admin_headers, db, new_partner, as_client
):
    """partner_admin holds users:write (for its own users): that must not let it create admin
    credentials, nor read, rotate or revoke the vendor's clients."""
    created = (await _create(client, admin_headers, name="Vendor ERP")).json()
    headers = await auth.headers(
        "partner_admin", partner_id=await new_partner(), as_client=as_client
    )
    before = await db.scalar(text("SELECT count(*) FROM api_clients"))

    r = await _create(client, headers, role="admin", name="Backdoor")
    assert r.status_code == 403
    assert "client_secret" not in r.text
    assert await db.scalar(text("SELECT count(*) FROM api_clients")) == before

    r = await client.get("/v1/api-clients", headers=headers)
    assert r.status_code == 403
    assert created["client_id"] not in r.text

    for r in (
        await client.get(f"/v1/api-clients/{created['id']}", headers=headers),
        await client.post(f"/v1/api-clients/{created['id']}/rotate-secret", headers=headers),
        await client.post(f"/v1/api-clients/{created['id']}/revoke", headers=headers),
    ):
        assert r.status_code == 404, r.text
        assert "client_secret" not in r.text
    assert (await _token(client, created["client_id"], created["client_secret"])).status_code == 200


async def test_partner_user_is_refused(client, auth, new_partner):
    headers = await auth.headers("partner_user", partner_id=await new_partner())
    assert (await client.get("/v1/api-clients", headers=headers)).status_code == 403
    r = await _create(client, headers)
    assert r.status_code == 403


async def test_no_token_is_401(client):
    assert (await client.get("/v1/api-clients")).status_code == 401
    assert (
        await client.post("/v1/api-clients", json={"name": "x", "role": "admin"})
    ).status_code == 401


# --- audit ------------------------------------------------------------------------------------


async def test_client_lifecycle_is_audited_without_secrets(client, admin_headers, store, db):
    created = (await _create(client, admin_headers, name="Audited", role="admin")).json()
    rotated = (
        await client.post(f"/v1/api-clients/{created['id']}/rotate-secret", headers=admin_headers)
    ).json()
    await client.post(f"/v1/api-clients/{created['id']}/revoke", headers=admin_headers)

    rows = await store.audit(created["id"])
    assert [r.action for r in rows] == [
        "api_client.created",
        "api_client.secret_rotated",
        "api_client.revoked",
    ]
    assert all(r.resource_type == "api_client" for r in rows)
    assert all(r.actor_type == "user" and r.actor_role == "admin" for r in rows)
    assert rows[0].changes["role"] == {"before": None, "after": "admin"}
    assert rows[2].changes == {"active": {"before": True, "after": False}}

    dump = (await db.execute(text("SELECT string_agg(a::text, '\n') FROM audit_events a"))).scalar()
    assert created["client_secret"] not in dump
    assert rotated["client_secret"] not in dump
