"""The JWT signing key: created once, stored in the database, published as a JWKS."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any, cast

from joserfc.jwk import ECKey, Key, KeyParameters, KeySet, RSAKey
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.models import SigningKey


@dataclass(frozen=True)
class KeyRing:
    """The active signing key plus every key still accepted for verification."""

    kid: str
    alg: str
    signing_key: ECKey | RSAKey
    verify_keys: KeySet
    #: Tokens whose signature this ring already verified (see ``tokens.verify_access_token``).
    verified: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def public_jwks(self) -> dict[str, Any]:
        return cast(dict[str, Any], self.verify_keys.as_dict(private=False))


def _generate(alg: str, kid: str) -> ECKey | RSAKey:
    params: KeyParameters = {"kid": kid, "use": "sig", "alg": alg}
    if alg == "ES256":
        return ECKey.generate_key("P-256", parameters=params)
    if alg == "RS256":
        return RSAKey.generate_key(2048, parameters=params)
    raise ValueError(f"unsupported signing algorithm {alg!r} (use ES256 or RS256)")


def _import(row: SigningKey) -> ECKey | RSAKey:
    if row.private_jwk.get("kty") == "EC":
        return ECKey.import_key(row.private_jwk)
    return RSAKey.import_key(row.private_jwk)


async def ensure_signing_key(session: AsyncSession, alg: str) -> None:
    """Create the first signing key if none exists (idempotent across processes)."""
    from sqlalchemy.dialects.postgresql import insert

    existing = await session.scalar(select(SigningKey.kid).where(SigningKey.active).limit(1))
    if existing:
        return
    # One process wins when several start together: serialize on an advisory lock.
    from sqlalchemy import text

    await session.execute(text("SELECT pg_advisory_xact_lock(727001)"))
    existing = await session.scalar(select(SigningKey.kid).where(SigningKey.active).limit(1))
    if existing:
        return
    kid = secrets.token_hex(8)
    key = _generate(alg, kid)
    await session.execute(
        insert(SigningKey).values(kid=kid, alg=alg, private_jwk=key.as_dict(private=True))
    )


async def load_key_ring(session: AsyncSession) -> KeyRing:
    rows = (await session.scalars(select(SigningKey).order_by(SigningKey.created_at.desc()))).all()
    active = next(r for r in rows if r.active)
    keys: list[Key] = [_import(r) for r in rows]
    return KeyRing(
        kid=active.kid, alg=active.alg, signing_key=_import(active), verify_keys=KeySet(keys)
    )
