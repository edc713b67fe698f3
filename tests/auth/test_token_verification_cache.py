"""Verified access tokens are remembered by the key ring: a repeat call skips the signature
check but never outlives the token's expiry. (Revocation is per request, not per token:
``test_revoke_introspect.py`` revokes a token right after it was used and gets 401.)"""

from __future__ import annotations

import time

import pytest

from prm_api.auth import tokens
from prm_api.auth.tokens import InvalidToken, issue_access_token, verify_access_token


@pytest.fixture
def ring(app):
    return app.state.key_ring


def _token(app, ring, ttl_s: int = 300) -> str:
    token, _ = issue_access_token(
        ring,
        app.state.settings,
        sub="cache-test",
        client_id="cache-test",
        scopes=["deals:read"],
        role="admin",
        subject_type="client",
        ttl_s=ttl_s,
    )
    return token


def test_a_repeat_verification_skips_the_signature_check(app, ring, monkeypatch):
    token = _token(app, ring)
    first = verify_access_token(ring, app.state.settings, token)
    calls = []
    monkeypatch.setattr(tokens.jwt, "decode", lambda *a, **k: calls.append(a))
    assert verify_access_token(ring, app.state.settings, token) == first
    assert calls == []


def test_a_remembered_token_still_expires(app, ring, monkeypatch):
    token = _token(app, ring, ttl_s=60)
    verify_access_token(ring, app.state.settings, token)
    later = time.time() + 60 + tokens.LEEWAY_S + 1
    monkeypatch.setattr(tokens.time, "time", lambda: later)
    with pytest.raises(InvalidToken):
        verify_access_token(ring, app.state.settings, token)
    assert token not in ring.verified


def test_a_tampered_copy_of_a_remembered_token_is_rejected(app, ring):
    token = _token(app, ring)
    verify_access_token(ring, app.state.settings, token)
    header, payload, signature = token.split(".")
    forged = f"{header}.{payload}.{signature[:-4]}AAAA"
    with pytest.raises(InvalidToken):
        verify_access_token(ring, app.state.settings, forged)
    assert forged not in ring.verified


def test_the_cache_is_bounded(app, ring, monkeypatch):
    monkeypatch.setattr(tokens, "VERIFIED_CACHE_SIZE", 3)
    ring.verified.clear()
    issued = [_token(app, ring) for _ in range(5)]
    for token in issued:
        verify_access_token(ring, app.state.settings, token)
    assert list(ring.verified) == issued[-3:]
