"""Bearer token checks on every request: signature, claims, expiry, revocation, subject state,
scopes — and GET /v1/me."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey

from prm_api.auth.roles import ceiling
from prm_api.auth.tokens import issue_access_token


def _claims(app, **overrides) -> dict:
    settings = app.state.settings
    now = int(time.time())
    claims = {
        "iss": settings.issuer,
        "sub": "x",
        "aud": settings.audience,
        "iat": now,
        "nbf": now,
        "exp": now + 300,
        "jti": uuid.uuid4().hex,
        "client_id": "x",
        "scope": "users:read",
        "role": "admin",
        "sub_type": "client",
    }
    claims.update(overrides)
    return claims


def _sign(app, claims: dict, *, key=None, typ: str = "at+jwt") -> str:
    ring = app.state.key_ring
    header = {"alg": ring.alg, "kid": ring.kid, "typ": typ}
    return jwt.encode(header, claims, key or ring.signing_key, algorithms=[ring.alg])


async def _wait_for_next_second() -> None:
    """``iat`` has whole seconds: start the next step in a later second than the token."""
    await asyncio.sleep(1.05 - (time.time() % 1))


def assert_401(r) -> None:
    assert r.status_code == 401, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert r.json()["status"] == 401


# --- subject state ----------------------------------------------------------------------------


async def test_deactivating_a_user_kills_its_tokens_at_once(client, factory, oauth, admin_headers):
    user = await factory.user(role="channel_manager")
    token = (await oauth.login_ok(user.email))["access_token"]
    assert (await client.get("/v1/me", headers=oauth.bearer(token))).status_code == 200

    r = await client.post(f"/v1/users/{user.id}/deactivate", headers=admin_headers)
    assert r.status_code == 200, r.text
    assert_401(await client.get("/v1/me", headers=oauth.bearer(token)))


async def test_reactivation_does_not_revive_old_tokens(client, factory, oauth, admin_headers):
    user = await factory.user(role="channel_manager")
    token = (await oauth.login_ok(user.email))["access_token"]
    await _wait_for_next_second()
    await client.post(f"/v1/users/{user.id}/deactivate", headers=admin_headers)
    await client.post(f"/v1/users/{user.id}/reactivate", headers=admin_headers)
    assert_401(await client.get("/v1/me", headers=oauth.bearer(token)))


async def test_revoking_an_api_client_kills_its_tokens_at_once(
    client, factory, oauth, admin_headers
):
    api_client, secret = await factory.api_client()
    token = (await oauth.client_token(api_client.client_id, secret))["access_token"]
    assert (await client.get("/v1/me", headers=oauth.bearer(token))).status_code == 200

    r = await client.post(f"/v1/api-clients/{api_client.id}/revoke", headers=admin_headers)
    assert r.status_code == 200, r.text
    assert_401(await client.get("/v1/me", headers=oauth.bearer(token)))


async def test_rotating_a_secret_keeps_issued_tokens(client, factory, oauth, admin_headers):
    api_client, secret = await factory.api_client()
    token = (await oauth.client_token(api_client.client_id, secret))["access_token"]
    r = await client.post(f"/v1/api-clients/{api_client.id}/rotate-secret", headers=admin_headers)
    assert r.status_code == 200, r.text
    assert (await client.get("/v1/me", headers=oauth.bearer(token))).status_code == 200


async def test_password_change_signs_the_user_out(client, factory, oauth, admin_headers):
    user = await factory.user(role="channel_manager")
    token = (await oauth.login_ok(user.email))["access_token"]
    await _wait_for_next_second()
    r = await client.patch(
        f"/v1/users/{user.id}", json={"password": "another long passphrase"}, headers=admin_headers
    )
    assert r.status_code == 200, r.text
    assert_401(await client.get("/v1/me", headers=oauth.bearer(token)))

    # A sign-in right after the change works at once.
    fresh = (await oauth.login_ok(user.email, "another long passphrase"))["access_token"]
    assert (await client.get("/v1/me", headers=oauth.bearer(fresh))).status_code == 200


async def test_role_change_kills_tokens_that_carry_the_old_role(
    client, factory, oauth, admin_headers
):
    user = await factory.user(role="admin")
    token = (await oauth.login_ok(user.email))["access_token"]
    await _wait_for_next_second()
    r = await client.patch(
        f"/v1/users/{user.id}", json={"role": "channel_manager"}, headers=admin_headers
    )
    assert r.status_code == 200, r.text
    # The old token still says admin (users:write): it must not keep working.
    assert_401(await client.get("/v1/users", headers=oauth.bearer(token)))

    fresh = await oauth.login_ok(user.email)
    assert "users:write" not in fresh["scope"].split()
    me = await client.get("/v1/me", headers=oauth.bearer(fresh["access_token"]))
    assert me.json()["role"] == "channel_manager"


async def test_token_of_an_unknown_subject_is_401(client, app):
    token = _sign(app, _claims(app, sub=str(uuid.uuid4()), sub_type="user"))
    assert_401(await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}))
    token = _sign(app, _claims(app, sub="prm_ci_nobody", sub_type="client"))
    assert_401(await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}))


# --- the token itself -------------------------------------------------------------------------


async def test_expired_token_is_401_with_bearer_challenge(client, factory, app):
    api_client, _ = await factory.api_client()
    token, _ = issue_access_token(
        app.state.key_ring,
        app.state.settings,
        sub=api_client.client_id,
        client_id=api_client.client_id,
        scopes=["users:read"],
        role="admin",
        subject_type="client",
        ttl_s=-120,
    )
    r = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert_401(r)
    assert 'error="invalid_token"' in r.headers["www-authenticate"]


async def test_token_signed_by_another_key_is_401(client, factory, app):
    api_client, _ = await factory.api_client()
    claims = _claims(app, sub=api_client.client_id, client_id=api_client.client_id)
    good = _sign(app, claims)
    assert (
        await client.get("/v1/me", headers={"Authorization": f"Bearer {good}"})
    ).status_code == 200

    foreign = ECKey.generate_key("P-256", parameters={"kid": app.state.key_ring.kid})
    header = {"alg": "ES256", "kid": app.state.key_ring.kid, "typ": "at+jwt"}
    forged = jwt.encode(header, claims, foreign, algorithms=["ES256"])
    assert_401(await client.get("/v1/me", headers={"Authorization": f"Bearer {forged}"}))


async def test_tampered_payload_is_401(client, factory, app):
    import base64
    import json

    api_client, _ = await factory.api_client(role="channel_manager")
    claims = _claims(
        app,
        sub=api_client.client_id,
        client_id=api_client.client_id,
        role="channel_manager",
        scope="deals:read",
    )
    head, _, sig = _sign(app, claims).split(".")
    claims["scope"] = "users:read users:write"
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    r = await client.get("/v1/users", headers={"Authorization": f"Bearer {head}.{body}.{sig}"})
    assert_401(r)


@pytest.mark.parametrize(
    "change",
    [
        {"typ": "JWT"},
        {"aud": "someone-else"},
        {"iss": "https://evil.example"},
        {"drop": "client_id"},
        {"drop": "jti"},
        {"drop": "exp"},
    ],
    ids=["typ", "aud", "iss", "no-client_id", "no-jti", "no-exp"],
)
async def test_tokens_that_are_not_our_access_tokens_are_401(client, factory, app, change):
    api_client, _ = await factory.api_client()
    claims = _claims(app, sub=api_client.client_id, client_id=api_client.client_id)
    typ = change.get("typ", "at+jwt")
    for key in ("aud", "iss"):
        if key in change:
            claims[key] = change[key]
    claims.pop(change.get("drop", ""), None)
    token = _sign(app, claims, typ=typ)
    assert_401(await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}))


async def test_unsigned_token_is_401(client, factory, app):
    import base64
    import json

    api_client, _ = await factory.api_client()
    claims = _claims(app, sub=api_client.client_id, client_id=api_client.client_id)

    def b64(d: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(d).encode()).decode().rstrip("=")

    token = f"{b64({'alg': 'none', 'typ': 'at+jwt'})}.{b64(claims)}."
    assert_401(await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}))


@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "Bearer not.a.jwt"]
)
async def test_malformed_authorization_header_is_401(client, header):
    assert_401(await client.get("/v1/me", headers={"Authorization": header}))


async def test_no_token_is_401_without_error_code(client):
    r = await client.get("/v1/users")
    assert_401(r)
    assert "error=" not in r.headers["www-authenticate"]


async def test_missing_scope_is_403_insufficient_scope(client, auth):
    headers = await auth.headers("admin", scopes=["deals:read"])
    r = await client.get("/v1/users", headers=headers)
    assert r.status_code == 403
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == "insufficient_scope"
    assert body["required_scopes"] == ["users:read"]
    challenge = r.headers["www-authenticate"]
    assert 'error="insufficient_scope"' in challenge
    assert 'scope="users:read"' in challenge


async def test_a_token_without_scopes_can_still_call_me(client, auth):
    r = await client.get("/v1/me", headers=await auth.headers("channel_manager", scopes=[]))
    assert r.status_code == 200
    assert r.json()["scopes"] == []


# --- /v1/me -----------------------------------------------------------------------------------


async def test_me_for_a_user_token(client, factory, oauth):
    user = await factory.user(role="channel_manager", name="Katherine Johnson")
    body = await oauth.login_ok(user.email, scope="deals:read metrics:read")
    r = await client.get("/v1/me", headers=oauth.bearer(body["access_token"]))
    assert r.status_code == 200, r.text
    assert r.json() == {
        "subject_type": "user",
        "id": str(user.id),
        "client_id": "prm-first-party",
        "role": "channel_manager",
        "partner_id": None,
        "scopes": ["deals:read", "metrics:read"],
        "email": user.email,
        "name": "Katherine Johnson",
    }


async def test_me_for_a_client_token(client, factory, oauth):
    api_client, secret = await factory.api_client(role="admin")
    token = (await oauth.client_token(api_client.client_id, secret))["access_token"]
    r = await client.get("/v1/me", headers=oauth.bearer(token))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["subject_type"] == "client"
    assert body["id"] == body["client_id"] == api_client.client_id
    assert body["role"] == "admin"
    assert body["partner_id"] is None
    assert body["email"] is None and body["name"] is None
    assert body["scopes"] == sorted(ceiling("admin"))


async def test_me_for_a_partner_user(client, factory, oauth, new_partner):
    partner_id = await new_partner()
    user = await factory.user(role="partner_user", partner_id=partner_id)
    body = await oauth.login_ok(user.email)
    r = await client.get("/v1/me", headers=oauth.bearer(body["access_token"]))
    assert r.status_code == 200, r.text
    assert r.json()["partner_id"] == str(partner_id)
    assert r.json()["role"] == "partner_user"
    assert r.json()["scopes"] == sorted(ceiling("partner_user"))
