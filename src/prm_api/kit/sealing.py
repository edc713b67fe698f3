"""Sealing data at rest with keys that live outside the database (AES-256-GCM).

Used for the stored ``Idempotency-Key`` responses, which can hold one-time secrets (API client
secrets, ``whsec_`` webhook secrets, invitation tokens): whoever reads the database (a backup,
a replica, a SQL injection elsewhere) must not read those.

Keys are a list, newest first: the first seals, every one opens (rotation). They come from
``PRM_IDEMPOTENCY_KEYS`` (comma-separated) when it is set, otherwise from the key file
``<PRM_DATA_DIR>/idempotency-keys`` (one key per line, newest first; ``#`` starts a comment),
which is created with one fresh key and mode 0600 the first time it is needed. Each key is
32 random bytes in URL-safe base64 (:func:`generate_key`).

A sealed value is ``version (1 byte) | key id (8) | nonce (12) | AES-GCM ciphertext + tag``.
The key id (a hash of the key, which reveals nothing of it) picks the key to open with; the
caller's associated data binds a value to its row, so a sealed value copied into another
row does not open.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = b"\x01"
KEY_BYTES = 32
_KID_BYTES = 8
_NONCE_BYTES = 12
_HEADER = len(VERSION) + _KID_BYTES + _NONCE_BYTES
KEY_FILE = "idempotency-keys"


class SealingKeyError(ValueError):
    """The configured key material is unusable (not base64, wrong length, empty)."""


class Unsealable(Exception):
    """A sealed value cannot be opened: unknown key (rotated away or lost), altered, or not
    sealed at all (a row written before sealing existed)."""


def generate_key() -> str:
    """A new key in the form the key file and ``PRM_IDEMPOTENCY_KEYS`` take."""
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode()


def parse_keys(text: str, *, source: str) -> list[bytes]:
    """Keys from comma- or newline-separated base64url text, newest first; ``#`` comments."""
    keys = []
    for line in text.splitlines():
        for item in line.split("#", 1)[0].split(","):
            item = item.strip()
            if not item:
                continue
            try:
                key = base64.urlsafe_b64decode(item + "=" * (-len(item) % 4))
            except (binascii.Error, ValueError):
                raise SealingKeyError(f"{source}: a key is not URL-safe base64") from None
            if len(key) != KEY_BYTES:
                raise SealingKeyError(f"{source}: a key must be {KEY_BYTES} bytes, not {len(key)}")
            keys.append(key)
    if not keys:
        raise SealingKeyError(f"{source}: no key")
    return keys


def _key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"prm-seal-key-id\x00" + key).digest()[:_KID_BYTES]


class Sealer:
    """Seals with the newest key, opens with any of them."""

    def __init__(self, keys: Sequence[bytes]) -> None:
        if not keys:
            raise SealingKeyError("no key")
        self._newest = (_key_id(keys[0]), AESGCM(keys[0]))
        self._by_id = {_key_id(key): AESGCM(key) for key in reversed(keys)}

    def seal(self, plaintext: bytes, associated_data: bytes) -> bytes:
        kid, aead = self._newest
        # A random 96-bit nonce per value: safe far beyond the number of values one key seals
        # between rotations.
        nonce = os.urandom(_NONCE_BYTES)
        return VERSION + kid + nonce + aead.encrypt(nonce, plaintext, associated_data)

    def open(self, sealed: bytes, associated_data: bytes) -> bytes:
        if len(sealed) < _HEADER or sealed[:1] != VERSION:
            raise Unsealable("not a sealed value")
        aead = self._by_id.get(sealed[1 : 1 + _KID_BYTES])
        if aead is None:
            raise Unsealable("sealed with a key this server no longer has")
        try:
            return aead.decrypt(sealed[1 + _KID_BYTES : _HEADER], sealed[_HEADER:], associated_data)
        except InvalidTag:
            raise Unsealable("altered, or bound to another row") from None


def read_or_create_key_file(path: Path) -> list[bytes]:
    """The keys in ``path``; a new file with one fresh key (mode 0600) if there is none.

    ``O_EXCL``: two processes starting at once agree on one key.
    """
    try:
        return parse_keys(path.read_text(), source=str(path))
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return parse_keys(path.read_text(), source=str(path))
    with os.fdopen(fd, "w") as out:
        out.write(
            "# Keys sealing stored Idempotency-Key responses, newest first (see README).\n"
            f"{generate_key()}\n"
        )
    return parse_keys(path.read_text(), source=str(path))


def load_keys(env_keys: str | None, data_dir: Path) -> list[bytes]:
    """``PRM_IDEMPOTENCY_KEYS`` when set (the file is then not read nor created), else the
    key file in the data directory."""
    if env_keys is not None and env_keys.strip():
        return parse_keys(env_keys, source="PRM_IDEMPOTENCY_KEYS")
    return read_or_create_key_file(Path(data_dir).expanduser() / KEY_FILE)
