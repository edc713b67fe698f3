"""JWT access tokens (RFC 9068 profile) issued and verified with joserfc."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError

from prm_api.auth.keys import KeyRing
from prm_api.config import Settings

ACCESS_TOKEN_TYP = "at+jwt"


@dataclass(frozen=True)
class AccessClaims:
    """The verified claims of an access token."""

    sub: str
    client_id: str
    scopes: frozenset[str]
    role: str
    jti: str
    iat: int
    exp: int
    partner_id: uuid.UUID | None = None
    subject_type: str = "client"  # "user" | "client"
    token_version: int = 0
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def issue_access_token(
    ring: KeyRing,
    settings: Settings,
    *,
    sub: str,
    client_id: str,
    scopes: list[str] | frozenset[str],
    role: str,
    subject_type: str,
    partner_id: uuid.UUID | None = None,
    ttl_s: int | None = None,
    token_version: int = 0,
) -> tuple[str, AccessClaims]:
    now = int(time.time())
    ttl = ttl_s if ttl_s is not None else settings.access_token_ttl_s
    claims = {
        "iss": settings.issuer,
        "sub": sub,
        "aud": settings.audience,
        "iat": now,
        "nbf": now,
        "exp": now + ttl,
        "jti": uuid.uuid4().hex,
        "client_id": client_id,
        "scope": " ".join(sorted(scopes)),
        "role": role,
        "sub_type": subject_type,
        # The subject's token version: a password/role change or revocation bumps it.
        "tv": token_version,
    }
    if partner_id:
        claims["partner_id"] = str(partner_id)
    header = {"alg": ring.alg, "kid": ring.kid, "typ": ACCESS_TOKEN_TYP}
    token = jwt.encode(header, claims, ring.signing_key, algorithms=[ring.alg])
    return token, _to_claims(claims)


class InvalidToken(Exception):
    pass


def _to_claims(c: dict[str, Any]) -> AccessClaims:
    partner = c.get("partner_id")
    return AccessClaims(
        sub=str(c["sub"]),
        client_id=str(c["client_id"]),
        scopes=frozenset(str(c.get("scope", "")).split()),
        role=str(c["role"]),
        jti=str(c["jti"]),
        iat=int(c["iat"]),
        exp=int(c["exp"]),
        partner_id=uuid.UUID(partner) if partner else None,
        subject_type=str(c.get("sub_type", "client")),
        token_version=int(c.get("tv", 0)),
        raw=c,
    )


_REGISTRY_CACHE: dict[tuple[str, str], jwt.JWTClaimsRegistry] = {}
#: Seconds of clock skew accepted on ``exp``.
LEEWAY_S = 30
#: Verified tokens remembered per key ring (a client reuses its token for every call).
VERIFIED_CACHE_SIZE = 10_000


def _registry(settings: Settings) -> jwt.JWTClaimsRegistry:
    key = (settings.issuer, settings.audience)
    if key not in _REGISTRY_CACHE:
        _REGISTRY_CACHE[key] = jwt.JWTClaimsRegistry(
            leeway=LEEWAY_S,
            iss={"essential": True, "value": settings.issuer},
            aud={"essential": True, "value": settings.audience},
            sub={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
            jti={"essential": True},
            client_id={"essential": True},
            role={"essential": True},
        )
    return _REGISTRY_CACHE[key]


def verify_access_token(ring: KeyRing, settings: Settings, token: str) -> AccessClaims:
    """Signature, ``typ``, issuer, audience, expiry: raises :class:`InvalidToken` on any failure.

    A token verified once is remembered by the key ring until it expires, so later calls with
    it only check the expiry (the signature check is a third of a millisecond per request).
    Revocation is not a property of the token and is checked per request elsewhere.
    """
    known = ring.verified.get(token)
    if known is not None:
        if known.exp >= time.time() - LEEWAY_S:
            return known
        ring.verified.pop(token, None)
        raise InvalidToken("the token has expired")
    try:
        decoded = jwt.decode(token, ring.verify_keys, algorithms=["ES256", "RS256"])
        if decoded.header.get("typ") != ACCESS_TOKEN_TYP:
            raise InvalidToken("not an access token")
        _registry(settings).validate(decoded.claims)
        claims = _to_claims(decoded.claims)
    except InvalidToken:
        raise
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        raise InvalidToken(str(exc)) from exc
    if len(ring.verified) >= VERIFIED_CACHE_SIZE:
        ring.verified.pop(next(iter(ring.verified)))  # the oldest entry
    ring.verified[token] = claims
    return claims
