"""The tus 1.0.0 protocol's wire level: its version and extensions, its errors (412, 460,
409, 410, 413) and the parsing of its headers (``Tus-Resumable``, ``Upload-Metadata``,
``Upload-Checksum``). The rules of an upload over the storage are in :mod:`.tus`."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from prm_api.config import Settings
from prm_api.errors import AppError, BadRequest, Conflict
from prm_api.kit.time import utcnow

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,expiration,checksum,termination"
#: ``Upload-Checksum`` algorithms (tus names → hashlib constructors).
CHECKSUMS: dict[str, Callable[[], Any]] = {
    "sha1": hashlib.sha1,
    "sha256": hashlib.sha256,
    "md5": hashlib.md5,
}
#: A part is written once this much has arrived: the most a PATCH holds in memory, and the
#: most a process that dies mid-request can lose (the client resends it).
SEGMENT_BYTES = 8 * 1024 * 1024
#: ... or once this many seconds passed since the last part (a slow link still makes progress
#: that survives a crash).
FLUSH_INTERVAL_S = 10.0
#: ``Upload-Metadata`` header limit (tus does not set one; filenames and types are short).
MAX_METADATA_BYTES = 4096


class ChecksumMismatch(AppError):
    status, code, title = 460, "checksum_mismatch", "Checksum mismatch"


class OffsetMismatch(Conflict):
    code, title = "offset_mismatch", "Upload-Offset mismatch"


class UploadExpired(AppError):
    status, code, title = 410, "upload_expired", "Upload expired"


class UploadTooLarge(AppError):
    status, code, title = 413, "payload_too_large", "Payload too large"


class UnsupportedTusVersion(AppError):
    status, code, title = 412, "tus_version_unsupported", "Unsupported tus version"

    def __init__(self, got: str | None) -> None:
        super().__init__(
            f"Send Tus-Resumable: {TUS_VERSION} (got {got or 'none'}).",
            headers={"Tus-Version": TUS_VERSION},
        )


class BodyInterrupted(Exception):
    """The client's connection ended before the body did (raised by the body iterator)."""


@dataclass(frozen=True)
class Checksum:
    algorithm: str
    digest: bytes


def check_tus_resumable(value: str | None) -> None:
    if value != TUS_VERSION:
        raise UnsupportedTusVersion(value)


_METADATA_KEY = r"[!-+\--~]+"  # printable ASCII but space and comma
_BASE64 = r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?"
_METADATA_PAIR = rf"{_METADATA_KEY}(?: {_BASE64})?"
#: ``Upload-Metadata`` as the document declares it: comma-separated ``key`` or
#: ``key base64value`` pairs, or nothing (tus clients send an empty header without metadata),
#: so a value the pattern admits is a value the server takes.
METADATA_HEADER = re.compile(rf"^(?:{_METADATA_PAIR}(?:, ?{_METADATA_PAIR})*)?$")


def parse_metadata(header: str | None) -> dict[str, str | None]:
    """``Upload-Metadata: filename ZGVjay5wZGY=,filetype YXBwbGljYXRpb24vcGRm,private``.

    A key given twice keeps its last value; a value that is not UTF-8 is read with
    replacement characters (the filename is sanitized anyway)."""
    if not header:
        return {}
    if len(header) > MAX_METADATA_BYTES:
        raise BadRequest(f"Upload-Metadata exceeds {MAX_METADATA_BYTES} characters.")
    if not METADATA_HEADER.match(header):
        raise BadRequest("Upload-Metadata: comma-separated `key base64value` pairs.")
    out: dict[str, str | None] = {}
    for pair in header.split(","):
        fields = pair.strip().split(" ")
        key = fields[0]
        if len(fields) == 1:
            out[key] = None
            continue
        try:
            value = base64.b64decode(fields[1], validate=True).decode("utf-8", "replace")
        except binascii.Error as exc:  # the pattern admits none; kept as a guard
            raise BadRequest(f"Upload-Metadata: the value of {key!r} is not base64.") from exc
        out[key] = value.replace("\x00", "")
    return out


#: ``Upload-Checksum``: an algorithm, one space, a non-empty digest in whole (padded) base64.
#: Non-empty because HTTP servers strip trailing spaces: `sha1 ` arrives as `sha1`.
CHECKSUM_HEADER = re.compile(
    r"^(sha1|sha256|md5) ((?:[A-Za-z0-9+/]{4})*"
    r"(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=))$"
)


def parse_checksum(header: str | None) -> Checksum | None:
    """``Upload-Checksum: sha1 <base64 digest>``; another algorithm or anything not in that
    form is a 400 (the protocol's answer for an unsupported algorithm)."""
    if header is None:
        return None
    algorithm = header.partition(" ")[0]
    if algorithm not in CHECKSUMS:
        raise BadRequest(
            f"Upload-Checksum: unsupported algorithm {algorithm!r} "
            f"(use one of {', '.join(CHECKSUMS)}).",
            code="checksum_algorithm_unsupported",
        )
    found = CHECKSUM_HEADER.match(header)
    if found is None:
        raise BadRequest("Upload-Checksum: send `<algorithm> <base64 digest>`.")
    return Checksum(algorithm, base64.b64decode(found.group(2)))


def expiry(settings: Settings) -> datetime:
    return utcnow() + timedelta(seconds=settings.tus_expiry_s)
