"""Argon2id hashing for passwords and client secrets, off the event loop."""

from __future__ import annotations

import hashlib
import secrets
from functools import lru_cache

import anyio
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from prm_api.config import Settings, get_settings


@lru_cache
def _hasher(time_cost: int, memory_cost: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost)


_COST: dict[str, int] = {}


def configure(settings: Settings) -> None:
    """Use the app's argon2 cost (tests lower it; production keeps the library defaults)."""
    _COST["time"] = settings.argon2_time_cost
    _COST["memory"] = settings.argon2_memory_cost_kib


def hasher() -> PasswordHasher:
    if not _COST:
        configure(get_settings())
    return _hasher(_COST["time"], _COST["memory"])


# Verified against when the account does not exist, so an unknown email costs the same time
# as a wrong password and timing reveals nothing.
_DUMMY_HASH: dict[tuple[int, int], str] = {}


def _dummy_hash() -> str:
    ph = hasher()
    key = (ph.time_cost, ph.memory_cost)
    if key not in _DUMMY_HASH:
        _DUMMY_HASH[key] = ph.hash(secrets.token_urlsafe(16))
    return _DUMMY_HASH[key]


async def hash_secret(secret: str) -> str:
    return await anyio.to_thread.run_sync(hasher().hash, secret)


def _verify(stored: str | None, candidate: str) -> bool:
    try:
        return hasher().verify(stored or _dummy_hash(), candidate) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


async def verify_secret(stored: str | None, candidate: str) -> bool:
    """Constant-time check (argon2's own comparison); an unknown account still costs a hash."""
    return await anyio.to_thread.run_sync(_verify, stored, candidate)


def sha256_hex(value: str) -> str:
    """For high-entropy tokens (refresh, invitation): a fast hash is enough to store them."""
    return hashlib.sha256(value.encode()).hexdigest()


def new_token(prefix: str, nbytes: int = 32) -> str:
    return f"{prefix}{secrets.token_urlsafe(nbytes)}"
