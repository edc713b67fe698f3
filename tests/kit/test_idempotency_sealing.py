"""The sealing keys (kit/sealing.py) and the fingerprint's JSON handling, without the app."""

from __future__ import annotations

import stat

import pytest

from prm_api.kit.idempotency import MAX_JSON_DEPTH, _fingerprint, json_too_deep
from prm_api.kit.sealing import (
    KEY_FILE,
    Sealer,
    SealingKeyError,
    Unsealable,
    generate_key,
    load_keys,
    parse_keys,
)

SCOPE = {"method": "POST", "path": "/v1/users", "query_string": b""}


def test_key_file_is_created_once_owner_only(tmp_path):
    data_dir = tmp_path / "data"
    keys = load_keys(None, data_dir)
    path = data_dir / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(keys) == 1 and len(keys[0]) == 32
    assert load_keys(None, data_dir) == keys  # read back, not replaced
    assert load_keys("", data_dir) == keys  # an empty variable counts as unset


def test_environment_keys_take_precedence_and_create_no_file(tmp_path):
    a, b = generate_key(), generate_key()
    keys = load_keys(f" {a} , {b} ", tmp_path)
    assert keys == parse_keys(f"{a}\n{b}", source="t")
    assert not (tmp_path / KEY_FILE).exists()


def test_key_file_rotation_newest_first(tmp_path):
    old, new = generate_key(), generate_key()
    (tmp_path / KEY_FILE).write_text(f"# comment\n{new}\n{old}  # retired after the TTL\n")
    keys = load_keys(None, tmp_path)
    sealed_by_old = Sealer(parse_keys(old, source="t")).seal(b"secret", b"row")
    sealer = Sealer(keys)
    assert sealer.open(sealed_by_old, b"row") == b"secret"
    assert Sealer(parse_keys(new, source="t")).open(sealer.seal(b"x", b"row"), b"row") == b"x"


@pytest.mark.parametrize("bad", ["not base64 !", "c2hvcnQ", "", " , "])
def test_unusable_keys_are_refused(bad):
    with pytest.raises(SealingKeyError):
        parse_keys(bad, source="PRM_IDEMPOTENCY_KEYS")


def test_sealed_values_hide_the_plaintext_and_open_only_in_their_row():
    sealer = Sealer([parse_keys(generate_key(), source="t")[0]])
    sealed = sealer.seal(b"whsec_abc", b"owner-a")
    assert b"whsec_abc" not in sealed
    assert sealer.seal(b"whsec_abc", b"owner-a") != sealed  # a fresh nonce each time
    with pytest.raises(Unsealable):
        sealer.open(sealed, b"owner-b")
    with pytest.raises(Unsealable):
        sealer.open(sealed[:-1] + bytes([sealed[-1] ^ 1]), b"owner-a")
    with pytest.raises(Unsealable):
        sealer.open(b'{"plain": "json"}', b"owner-a")
    with pytest.raises(Unsealable):
        Sealer(parse_keys(generate_key(), source="t")).open(sealed, b"owner-a")


def test_json_depth_is_measured_without_recursion():
    assert json_too_deep(b"[" * 50_000)
    assert json_too_deep(b'{"a":' * (MAX_JSON_DEPTH + 1))
    assert not json_too_deep(b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH)
    # Many brackets side by side are not depth; brackets inside strings do not count.
    assert not json_too_deep(b"[" + b"[]," * 10_000 + b"[]]")
    assert not json_too_deep(b'["' + b"[" * 10_000 + b'"]')
    assert not json_too_deep(b'["\\"' + b"[" * 10_000 + b'"]')


def test_fingerprint_of_any_body_never_raises():
    for body in (b"[" * 50_000, b"[" * 900 + b"]" * 900, b"\xff\xfe", b"{"):
        assert len(_fingerprint(SCOPE, body)) == 64
    # Canonical for JSON: key order and whitespace do not matter; raw bytes otherwise.
    assert _fingerprint(SCOPE, b'{"a": 1, "b": 2}') == _fingerprint(SCOPE, b'{"b":2,"a":1}')
    assert _fingerprint(SCOPE, b'{"a":1}', is_json=False) != _fingerprint(SCOPE, b'{"a":1}')
