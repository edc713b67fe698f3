"""POST /oauth/token with client_credentials, the JWT it returns, JWKS and metadata."""

from __future__ import annotations

import time

from joserfc import jwt
from joserfc.jwk import KeySet

from prm_api.auth.roles import ceiling


async def test_client_credentials_with_http_basic(client, factory, oauth):
    api_client, secret = await factory.api_client(role="admin")
    r = await oauth.token(
        {"grant_type": "client_credentials"}, oauth.basic(api_client.client_id, secret)
    )
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    body = r.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] > 0
    assert "refresh_token" not in body
    assert set(body["scope"].split()) == set(ceiling("admin"))
    me = await client.get("/v1/me", headers=oauth.bearer(body["access_token"]))
    assert me.status_code == 200, me.text
    assert me.json()["subject_type"] == "client"
    assert me.json()["client_id"] == api_client.client_id


async def test_client_credentials_with_form_body(client, factory, oauth):
    api_client, secret = await factory.api_client(role="channel_manager")
    r = await oauth.token(
        {
            "grant_type": "client_credentials",
            "client_id": api_client.client_id,
            "client_secret": secret,
        }
    )
    assert r.status_code == 200, r.text
    assert set(r.json()["scope"].split()) == set(ceiling("channel_manager"))


async def test_client_credentials_records_last_use(factory, oauth, db):
    from sqlalchemy import select

    from prm_api.models import ApiClient

    api_client, secret = await factory.api_client()
    assert api_client.last_used_at is None
    await oauth.client_token(api_client.client_id, secret)
    used = await db.scalar(select(ApiClient.last_used_at).where(ApiClient.id == api_client.id))
    assert used is not None


async def test_wrong_secret_with_basic_is_401_invalid_client(factory, oauth):
    api_client, _ = await factory.api_client()
    r = await oauth.token(
        {"grant_type": "client_credentials"}, oauth.basic(api_client.client_id, "prm_sk_wrong")
    )
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
    assert r.headers["www-authenticate"].startswith("Basic")
    body = r.json()
    assert body["error"] == "invalid_client"
    assert body["code"] == "invalid_client"
    assert "access_token" not in body


async def test_wrong_secret_in_form_body_is_rejected(factory, oauth):
    api_client, _ = await factory.api_client()
    r = await oauth.token(
        {
            "grant_type": "client_credentials",
            "client_id": api_client.client_id,
            "client_secret": "prm_sk_wrong",
        }
    )
    assert r.status_code in (400, 401)
    assert r.json()["error"] == "invalid_client"


async def test_unknown_client_id_is_invalid_client(oauth):
    r = await oauth.token({"grant_type": "client_credentials"}, oauth.basic("prm_ci_nope", "x"))
    assert r.status_code == 401
    assert r.json()["error"] == "invalid_client"


async def test_malformed_basic_header_is_invalid_client(oauth):
    r = await oauth.token(
        {"grant_type": "client_credentials"}, {"Authorization": "Basic not-base64!!"}
    )
    assert r.status_code in (400, 401)
    assert r.json()["error"] == "invalid_client"


async def test_client_credentials_without_client_authentication(oauth):
    r = await oauth.token({"grant_type": "client_credentials"})
    assert r.status_code in (400, 401)
    assert r.json()["error"] == "invalid_client"


async def test_two_client_authentication_methods_is_invalid_request(factory, oauth):
    api_client, secret = await factory.api_client()
    r = await oauth.token(
        {"grant_type": "client_credentials", "client_secret": secret},
        oauth.basic(api_client.client_id, secret),
    )
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_request"


async def test_unknown_grant_type_is_unsupported_grant_type(oauth):
    r = await oauth.token({"grant_type": "authorization_code", "code": "abc"})
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["error"] == "unsupported_grant_type"


async def test_revoked_client_cannot_get_tokens(client, factory, oauth, admin_headers):
    api_client, secret = await factory.api_client()
    r = await client.post(f"/v1/api-clients/{api_client.id}/revoke", headers=admin_headers)
    assert r.status_code == 200, r.text
    r = await oauth.token(
        {"grant_type": "client_credentials"}, oauth.basic(api_client.client_id, secret)
    )
    assert r.status_code == 401
    assert r.json()["error"] == "invalid_client"


async def test_requested_scope_is_narrowed_to_the_request(oauth, factory):
    api_client, secret = await factory.api_client(role="admin")
    body = await oauth.client_token(api_client.client_id, secret, scope="deals:read partners:read")
    assert body["scope"].split() == ["deals:read", "partners:read"]


async def test_granted_is_requested_intersected_with_role_ceiling(oauth, factory):
    api_client, secret = await factory.api_client(role="channel_manager")
    body = await oauth.client_token(
        api_client.client_id, secret, scope="deals:read users:write webhooks:manage nope:nope"
    )
    assert body["scope"] == "deals:read"


async def test_client_scope_list_caps_the_grant(oauth, factory):
    api_client, secret = await factory.api_client(role="admin", scopes=["deals:read"])
    body = await oauth.client_token(api_client.client_id, secret)
    assert body["scope"] == "deals:read"
    r = await oauth.token(
        {"grant_type": "client_credentials", "scope": "audit:read"},
        oauth.basic(api_client.client_id, secret),
    )
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_scope"


async def test_scope_only_outside_ceiling_is_invalid_scope(oauth, factory):
    api_client, secret = await factory.api_client(role="channel_manager")
    r = await oauth.token(
        {"grant_type": "client_credentials", "scope": "users:write webhooks:manage"},
        oauth.basic(api_client.client_id, secret),
    )
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_scope"
    assert "access_token" not in r.json()


async def test_narrowed_token_is_enforced(client, oauth, factory):
    api_client, secret = await factory.api_client(role="admin")
    body = await oauth.client_token(api_client.client_id, secret, scope="deals:read")
    r = await client.get("/v1/users", headers=oauth.bearer(body["access_token"]))
    assert r.status_code == 403
    assert r.json()["code"] == "insufficient_scope"


async def _verify_with_published_jwks(client, token: str) -> jwt.Token:
    jwks = (await client.get("/.well-known/jwks.json")).json()
    return jwt.decode(token, KeySet.import_key_set(jwks), algorithms=["ES256", "RS256"])


async def test_access_token_is_an_rfc9068_jwt_verifiable_with_jwks(
    client, oauth, factory, settings
):
    api_client, secret = await factory.api_client(role="channel_manager")
    before = int(time.time())
    body = await oauth.client_token(api_client.client_id, secret, scope="deals:read metrics:read")
    decoded = await _verify_with_published_jwks(client, body["access_token"])

    assert decoded.header["typ"] == "at+jwt"
    assert decoded.header["alg"] in ("ES256", "RS256")
    assert decoded.header["kid"]
    claims = decoded.claims
    for name in ("iss", "sub", "aud", "exp", "iat", "jti", "client_id", "scope", "role"):
        assert name in claims, name
    assert claims["iss"] == settings.issuer
    assert claims["aud"] == settings.audience
    assert claims["sub"] == api_client.client_id
    assert claims["client_id"] == api_client.client_id
    assert claims["role"] == "channel_manager"
    assert claims["scope"] == "deals:read metrics:read"
    assert "partner_id" not in claims
    assert before - 5 <= claims["iat"] <= int(time.time()) + 5
    assert claims["exp"] - claims["iat"] == settings.access_token_ttl_s == body["expires_in"]
    jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": settings.issuer},
        aud={"essential": True, "value": settings.audience},
    ).validate(claims)


async def test_each_token_has_a_unique_jti(oauth, factory, client):
    api_client, secret = await factory.api_client()
    t1 = (await oauth.client_token(api_client.client_id, secret))["access_token"]
    t2 = (await oauth.client_token(api_client.client_id, secret))["access_token"]
    c1 = (await _verify_with_published_jwks(client, t1)).claims
    c2 = (await _verify_with_published_jwks(client, t2)).claims
    assert c1["jti"] != c2["jti"]


async def test_partner_bound_client_token_carries_partner_id(oauth, factory, client, new_partner):
    partner_id = await new_partner()
    api_client, secret = await factory.api_client(role="partner_user", partner_id=partner_id)
    body = await oauth.client_token(api_client.client_id, secret)
    claims = (await _verify_with_published_jwks(client, body["access_token"])).claims
    assert claims["partner_id"] == str(partner_id)
    assert claims["role"] == "partner_user"
    assert "users:write" not in claims["scope"].split()


async def test_jwks_publishes_only_public_keys(client):
    r = await client.get("/.well-known/jwks.json")
    assert r.status_code == 200
    keys = r.json()["keys"]
    assert keys
    for key in keys:
        assert key["kid"]
        assert "d" not in key  # private EC/RSA component
        assert "p" not in key and "q" not in key


async def test_authorization_server_metadata(client, settings, app):
    r = await client.get("/.well-known/oauth-authorization-server")
    assert r.status_code == 200
    meta = r.json()
    base = settings.issuer.rstrip("/")
    assert meta["issuer"] == settings.issuer
    assert meta["token_endpoint"] == f"{base}/oauth/token"
    assert meta["revocation_endpoint"] == f"{base}/oauth/revoke"
    assert meta["introspection_endpoint"] == f"{base}/oauth/introspect"
    assert meta["jwks_uri"] == f"{base}/.well-known/jwks.json"
    assert set(meta["grant_types_supported"]) == {
        "client_credentials",
        "password",
        "refresh_token",
    }
    assert {"client_secret_basic", "client_secret_post"} <= set(
        meta["token_endpoint_auth_methods_supported"]
    )
    assert set(meta["scopes_supported"]) == set(ceiling("admin"))
    assert meta["access_token_signing_alg_values_supported"] == [app.state.key_ring.alg]
    # The advertised endpoints are real routes.
    jwks = await client.get(meta["jwks_uri"].removeprefix(base))
    assert jwks.status_code == 200


async def test_token_endpoint_requires_grant_type(oauth):
    r = await oauth.token({})
    assert 400 <= r.status_code < 500
    assert r.headers["content-type"] == "application/problem+json"


async def test_concurrent_token_requests_for_one_client_all_succeed(factory, oauth):
    import asyncio

    api_client, secret = await factory.api_client()
    results = await asyncio.gather(
        *[
            oauth.token(
                {"grant_type": "client_credentials"}, oauth.basic(api_client.client_id, secret)
            )
            for _ in range(6)
        ]
    )
    assert [r.status_code for r in results] == [200] * 6, [r.text for r in results]


async def test_using_a_client_does_not_change_its_etag(client, factory, oauth, admin_headers):
    api_client, secret = await factory.api_client()
    before = await client.get(f"/v1/api-clients/{api_client.id}", headers=admin_headers)
    await oauth.client_token(api_client.client_id, secret)
    after = await client.get(f"/v1/api-clients/{api_client.id}", headers=admin_headers)
    assert after.json()["last_used_at"] is not None
    assert after.headers["etag"] == before.headers["etag"]
    assert after.json()["updated_at"] == before.json()["updated_at"]
