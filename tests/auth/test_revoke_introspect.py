"""POST /oauth/revoke (RFC 7009) and POST /oauth/introspect (RFC 7662)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from prm_api.auth.tokens import issue_access_token
from prm_api.models import RefreshToken, RevokedAccessToken

# --- revocation -------------------------------------------------------------------------------


async def test_revoking_an_access_token_makes_it_401(client, factory, oauth):
    user = await factory.user()
    body = await oauth.login_ok(user.email)
    headers = oauth.bearer(body["access_token"])
    assert (await client.get("/v1/me", headers=headers)).status_code == 200

    r = await client.post("/oauth/revoke", data={"token": body["access_token"]})
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"

    r = await client.get("/v1/me", headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert r.headers["content-type"] == "application/problem+json"


async def test_revoking_an_access_token_keeps_others_alive(client, factory, oauth):
    user = await factory.user()
    one = await oauth.login_ok(user.email)
    two = await oauth.login_ok(user.email)
    await client.post(
        "/oauth/revoke", data={"token": one["access_token"], "token_type_hint": "access_token"}
    )
    assert (
        await client.get("/v1/me", headers=oauth.bearer(one["access_token"]))
    ).status_code == 401
    assert (
        await client.get("/v1/me", headers=oauth.bearer(two["access_token"]))
    ).status_code == 200


async def test_revoked_access_token_is_kept_until_it_expires(client, factory, oauth, db):
    api_client, secret = await factory.api_client()
    token = (await oauth.client_token(api_client.client_id, secret))["access_token"]
    r = await client.post(
        "/oauth/revoke", data={"token": token}, headers=oauth.basic(api_client.client_id, secret)
    )
    assert r.status_code == 200
    row = (await db.scalars(select(RevokedAccessToken))).one()
    assert row.expires_at.timestamp() > 0
    # Revoking twice is fine.
    r = await client.post(
        "/oauth/revoke", data={"token": token}, headers=oauth.basic(api_client.client_id, secret)
    )
    assert r.status_code == 200
    assert (await client.get("/v1/me", headers=oauth.bearer(token))).status_code == 401


async def test_revoking_a_refresh_token_makes_it_unusable(client, factory, oauth):
    user = await factory.user()
    body = await oauth.login_ok(user.email)
    r = await client.post(
        "/oauth/revoke",
        data={"token": body["refresh_token"], "token_type_hint": "refresh_token"},
    )
    assert r.status_code == 200
    r = await oauth.refresh(body["refresh_token"])
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_grant"


async def test_revoking_a_refresh_token_revokes_its_rotated_successors(client, factory, oauth, db):
    user = await factory.user()
    first = await oauth.login_ok(user.email)
    second = (await oauth.refresh(first["refresh_token"])).json()
    await client.post("/oauth/revoke", data={"token": second["refresh_token"]})
    assert (await oauth.refresh(second["refresh_token"])).status_code == 400
    assert all((await db.scalars(select(RefreshToken.revoked_at))).all())


async def test_revoke_finds_a_refresh_token_despite_a_wrong_hint(client, factory, oauth):
    """RFC 7009 §2.1: a wrong hint must not stop the server from finding the token."""
    user = await factory.user()
    body = await oauth.login_ok(user.email)
    r = await client.post(
        "/oauth/revoke",
        data={"token": body["refresh_token"], "token_type_hint": "access_token"},
    )
    assert r.status_code == 200
    assert (await oauth.refresh(body["refresh_token"])).status_code == 400


async def test_revoke_finds_an_access_token_despite_a_wrong_hint(client, factory, oauth):
    user = await factory.user()
    body = await oauth.login_ok(user.email)
    r = await client.post(
        "/oauth/revoke",
        data={"token": body["access_token"], "token_type_hint": "refresh_token"},
    )
    assert r.status_code == 200
    assert (
        await client.get("/v1/me", headers=oauth.bearer(body["access_token"]))
    ).status_code == 401


@pytest.mark.parametrize("token", ["prt_unknown", "not-a-token", "a.b.c"])
async def test_revoking_an_unknown_token_is_200(client, token):
    r = await client.post("/oauth/revoke", data={"token": token})
    assert r.status_code == 200


async def test_revoke_requires_the_token_parameter(client):
    r = await client.post("/oauth/revoke", data={})
    assert 400 <= r.status_code < 500
    assert r.headers["content-type"] == "application/problem+json"


async def test_revoke_with_bad_client_credentials_is_401(client, factory, oauth):
    api_client, secret = await factory.api_client()
    token = (await oauth.client_token(api_client.client_id, secret))["access_token"]
    r = await client.post(
        "/oauth/revoke", data={"token": token}, headers=oauth.basic(api_client.client_id, "wrong")
    )
    assert r.status_code == 401
    assert r.json()["error"] == "invalid_client"
    assert (await client.get("/v1/me", headers=oauth.bearer(token))).status_code == 200


async def test_a_client_cannot_revoke_another_clients_token(client, factory, oauth):
    owner, owner_secret = await factory.api_client()
    other, other_secret = await factory.api_client()
    token = (await oauth.client_token(owner.client_id, owner_secret))["access_token"]
    r = await client.post(
        "/oauth/revoke", data={"token": token}, headers=oauth.basic(other.client_id, other_secret)
    )
    assert r.status_code == 200  # RFC 7009: no information leak
    assert (await client.get("/v1/me", headers=oauth.bearer(token))).status_code == 200


async def test_a_client_cannot_revoke_another_clients_refresh_token(client, factory, oauth):
    user = await factory.user()
    other, other_secret = await factory.api_client()
    body = await oauth.login_ok(user.email)
    r = await client.post(
        "/oauth/revoke",
        data={"token": body["refresh_token"]},
        headers=oauth.basic(other.client_id, other_secret),
    )
    assert r.status_code == 200
    assert (await oauth.refresh(body["refresh_token"])).status_code == 200


# --- introspection ----------------------------------------------------------------------------


async def _introspect(client, oauth, token, creds):
    return await client.post(
        "/oauth/introspect", data={"token": token}, headers=oauth.basic(*creds)
    )


async def test_introspect_active_access_token(client, factory, oauth, settings):
    caller, caller_secret = await factory.api_client()
    user = await factory.user(role="channel_manager")
    body = await oauth.login_ok(user.email, scope="deals:read partners:read")
    r = await _introspect(client, oauth, body["access_token"], (caller.client_id, caller_secret))
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    data = r.json()
    assert data["active"] is True
    assert data["sub"] == str(user.id)
    assert data["client_id"] == "prm-first-party"
    assert data["scope"] == "deals:read partners:read"
    assert data["role"] == "channel_manager"
    assert data["iss"] == settings.issuer
    assert data["aud"] == settings.audience
    assert data["exp"] > data["iat"]
    assert data["jti"]
    assert data["token_type"] == "Bearer"


async def test_introspect_with_form_client_authentication(client, factory, oauth):
    caller, caller_secret = await factory.api_client()
    token = (await oauth.client_token(caller.client_id, caller_secret))["access_token"]
    r = await client.post(
        "/oauth/introspect",
        data={"token": token, "client_id": caller.client_id, "client_secret": caller_secret},
    )
    assert r.status_code == 200
    assert r.json()["active"] is True
    assert r.json()["sub"] == caller.client_id


async def test_introspect_revoked_token_is_inactive(client, factory, oauth):
    caller, caller_secret = await factory.api_client()
    user = await factory.user()
    body = await oauth.login_ok(user.email)
    await client.post("/oauth/revoke", data={"token": body["access_token"]})
    r = await _introspect(client, oauth, body["access_token"], (caller.client_id, caller_secret))
    assert r.status_code == 200
    assert r.json() == {"active": False}


@pytest.mark.parametrize("token", ["garbage", "prt_unknown", "eyJhbGciOiJub25lIn0.e30."])
async def test_introspect_garbage_is_inactive(client, factory, oauth, token):
    caller, caller_secret = await factory.api_client()
    r = await _introspect(client, oauth, token, (caller.client_id, caller_secret))
    assert r.status_code == 200
    assert r.json() == {"active": False}


async def test_introspect_expired_token_is_inactive(client, factory, oauth, app):
    caller, caller_secret = await factory.api_client()
    token, _ = issue_access_token(
        app.state.key_ring,
        app.state.settings,
        sub=caller.client_id,
        client_id=caller.client_id,
        scopes=["deals:read"],
        role="admin",
        subject_type="client",
        ttl_s=-120,
    )
    r = await _introspect(client, oauth, token, (caller.client_id, caller_secret))
    assert r.json() == {"active": False}


async def test_introspect_deactivated_users_token_is_inactive(
    client, factory, oauth, admin_headers
):
    caller, caller_secret = await factory.api_client()
    user = await factory.user(role="channel_manager")
    body = await oauth.login_ok(user.email)
    await client.post(f"/v1/users/{user.id}/deactivate", headers=admin_headers)
    r = await _introspect(client, oauth, body["access_token"], (caller.client_id, caller_secret))
    assert r.json() == {"active": False}


async def test_introspect_refresh_token(client, factory, oauth):
    caller, caller_secret = await factory.api_client()
    user = await factory.user()
    first = await oauth.login_ok(user.email, scope="deals:read")
    r = await _introspect(client, oauth, first["refresh_token"], (caller.client_id, caller_secret))
    data = r.json()
    assert data["active"] is True
    assert data["token_type"] == "refresh_token"
    assert data["sub"] == str(user.id)
    assert data["scope"] == "deals:read"

    await oauth.refresh(first["refresh_token"])
    r = await _introspect(client, oauth, first["refresh_token"], (caller.client_id, caller_secret))
    assert r.json() == {"active": False}


async def test_introspect_without_authentication_is_401(client, factory, oauth):
    api_client, secret = await factory.api_client()
    token = (await oauth.client_token(api_client.client_id, secret))["access_token"]
    r = await client.post("/oauth/introspect", data={"token": token})
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
    assert "www-authenticate" in r.headers
    assert "active" not in r.json()


async def test_introspect_with_wrong_client_secret_is_401(client, factory, oauth):
    api_client, secret = await factory.api_client()
    token = (await oauth.client_token(api_client.client_id, secret))["access_token"]
    r = await _introspect(client, oauth, token, (api_client.client_id, "wrong"))
    assert r.status_code == 401
    assert r.json()["error"] == "invalid_client"
    assert "active" not in r.json()


async def test_introspect_with_a_revoked_client_is_401(client, factory, oauth, admin_headers):
    api_client, secret = await factory.api_client()
    token = (await oauth.client_token(api_client.client_id, secret))["access_token"]
    await client.post(f"/v1/api-clients/{api_client.id}/revoke", headers=admin_headers)
    r = await _introspect(client, oauth, token, (api_client.client_id, secret))
    assert r.status_code == 401


async def test_introspect_with_a_vendor_bearer_token(client, factory, oauth, auth):
    user = await factory.user()
    body = await oauth.login_ok(user.email)
    r = await client.post(
        "/oauth/introspect",
        data={"token": body["access_token"]},
        headers=await auth.headers("channel_manager"),
    )
    assert r.status_code == 200
    assert r.json()["active"] is True
    assert r.json()["sub"] == str(user.id)


async def test_introspect_with_a_revoked_vendor_bearer_token_is_refused(client, factory, oauth):
    caller = await factory.user()
    caller_token = (await oauth.login_ok(caller.email))["access_token"]
    await client.post("/oauth/revoke", data={"token": caller_token})
    user = await factory.user()
    body = await oauth.login_ok(user.email)
    r = await client.post(
        "/oauth/introspect",
        data={"token": body["access_token"]},
        headers=oauth.bearer(caller_token),
    )
    assert r.status_code == 401
    assert "active" not in r.json()


async def test_introspect_refuses_partner_bearer_tokens(client, factory, oauth, auth, new_partner):
    user = await factory.user()
    body = await oauth.login_ok(user.email)
    headers = await auth.headers("partner_admin", partner_id=await new_partner())
    r = await client.post(
        "/oauth/introspect", data={"token": body["access_token"]}, headers=headers
    )
    assert r.status_code in (401, 403)
    assert "active" not in r.json()


async def test_introspect_refuses_partner_clients(client, factory, oauth, new_partner):
    """A partner's integration must not read other subjects' token claims."""
    caller, caller_secret = await factory.api_client(
        role="partner_admin", partner_id=await new_partner()
    )
    user = await factory.user()
    body = await oauth.login_ok(user.email)
    r = await _introspect(client, oauth, body["access_token"], (caller.client_id, caller_secret))
    assert r.status_code in (401, 403)
    assert "active" not in r.json()
