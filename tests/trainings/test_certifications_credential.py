"""A downloaded certification is an Open Badges 3.0 credential, verified with nothing but
the JWKS fetched over HTTP; a tampered one is rejected."""

from __future__ import annotations

import base64
import json

import pytest
from certification_support import certified
from joserfc import jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import KeySet


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


async def test_credential_verifies_with_the_public_jwks_alone(client, admin_headers, store, auth):
    p = await store.partner(name="Hidden Partner Ltd")
    user_h = await auth.headers("partner_user", partner_id=p.id)
    prog, cert = await certified(client, admin_headers, user_h)
    r = await client.get(f"/v1/certifications/{cert['id']}/credential", headers=user_h)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vc+jwt")
    token = r.text

    # Only what anyone can fetch: the JWKS, without a token.
    jwks = (await client.get("/.well-known/jwks.json")).json()
    keys = KeySet.import_key_set(jwks)
    header = json.loads(_unb64(token.split(".")[0]))
    assert header["typ"] == "vc+jwt"
    assert header["kid"] in {k["kid"] for k in jwks["keys"]}
    decoded = jwt.decode(token, keys, algorithms=[header["alg"]])
    vc = decoded.claims

    assert vc["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert "purl.imsglobal.org/spec/ob/v3p0" in vc["@context"][1]
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert vc["id"] == f"urn:uuid:{cert['id']}" == vc["jti"]
    assert vc["issuer"]["type"] == ["Profile"] and vc["iss"] == vc["issuer"]["id"]
    assert vc["validFrom"].startswith(cert["issued_at"][:19])
    assert vc["validUntil"].startswith(cert["expires_at"][:19])
    subject = vc["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"][0]["hashed"] is True
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert (achievement["name"], achievement["description"]) == (prog["name"], prog["description"])
    assert "narrative" in achievement["criteria"]
    assert vc["credentialStatus"]["id"].endswith(
        f"/v1/certifications/verify/{cert['verification_code']}"
    )
    # Nothing about the partner, nor the holder's address in clear.
    holder = await store.get_user(cert["user_id"])
    for secret in (str(p.id), "Hidden Partner", holder.email):
        assert secret not in json.dumps(vc)

    # The JSON form carries the same JWT beside the credential.
    r = await client.get(
        f"/v1/certifications/{cert['id']}/credential",
        headers={**user_h, "Accept": "application/json"},
    )
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["credential"]["id"] == vc["id"]
    jwt.decode(body["jwt"], keys, algorithms=[header["alg"]])


async def test_a_tampered_credential_is_rejected(client, admin_headers, store, auth):
    p = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=p.id)
    _, cert = await certified(client, admin_headers, user_h)
    token = (await client.get(f"/v1/certifications/{cert['id']}/credential", headers=user_h)).text
    keys = KeySet.import_key_set((await client.get("/.well-known/jwks.json")).json())
    head, payload, signature = token.split(".")
    alg = json.loads(_unb64(head))["alg"]
    claims = json.loads(_unb64(payload))
    claims["validUntil"] = "2099-01-01T00:00:00Z"
    forged = ".".join((head, _b64(json.dumps(claims).encode()), signature))
    with pytest.raises(BadSignatureError):
        jwt.decode(forged, keys, algorithms=[alg])
    # A signature from another key (same kid) fails as well.
    from joserfc.jwk import ECKey, RSAKey

    other = ECKey.generate_key("P-256") if alg == "ES256" else RSAKey.generate_key(2048)
    resigned = jwt.encode(json.loads(_unb64(head)), claims, other, algorithms=[alg])
    with pytest.raises(BadSignatureError):
        jwt.decode(resigned, keys, algorithms=[alg])
