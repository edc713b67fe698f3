"""Conditional and partial GETs of a stored file: ``Range``, ``If-Range``, ``If-None-Match``
(RFC 9110 §13, §14), for any endpoint that serves bytes with a strong ETag.

Only single byte ranges are served as 206. A request with several ranges gets the whole
representation (200), which RFC 9110 §14.2 allows: a ``multipart/byteranges`` body buys a
client little here (download managers ask for one range at a time) and costs a second body
format. A ``Range`` the server cannot parse, or in another unit, is ignored (also allowed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: ``bytes=first-last``, ``bytes=first-`` or ``bytes=-suffix`` (whitespace around tolerated).
_ONE_RANGE = re.compile(r"^\s*(\d*)\s*-\s*(\d*)\s*$")
#: Digits beyond this would be a number no file reaches; refusing them keeps ``int()`` cheap.
_MAX_DIGITS = 19


@dataclass(frozen=True, slots=True)
class ByteRange:
    """The bytes ``start``..``end`` (both inclusive, as HTTP writes them) of a file of
    ``size`` bytes."""

    start: int
    end: int
    size: int

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    @property
    def content_range(self) -> str:
        return f"bytes {self.start}-{self.end}/{self.size}"

    @property
    def reaches_end(self) -> bool:
        """Whether the range ends at the file's last byte (a chunked download's last piece)."""
        return self.end == self.size - 1


class Unsatisfiable(Exception):
    """The single range asked for lies wholly past the end of the file (416, with
    ``Content-Range: bytes */<size>``)."""

    def __init__(self, size: int) -> None:
        super().__init__(f"range not satisfiable for {size} bytes")
        self.size = size

    @property
    def content_range(self) -> str:
        return f"bytes */{self.size}"


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The one byte range ``header`` asks for, clamped to the file; None to send the whole
    file (no header, another unit, several ranges, or syntax the server ignores).

    Raises :class:`Unsatisfiable` when the range starts at or past the end (or is a suffix of
    zero bytes, or the file is empty)."""
    if header is None:
        return None
    unit, sep, spec = header.partition("=")
    if not sep or unit.strip().lower() != "bytes" or "," in spec:
        return None
    match = _ONE_RANGE.match(spec)
    if match is None:
        return None
    first, last = match.groups()
    if len(first) > _MAX_DIGITS or len(last) > _MAX_DIGITS or not (first or last):
        return None
    if first:
        start = int(first)
        end = int(last) if last else size - 1
        if last and end < start:
            return None  # invalid: ignored, the whole file is sent
        if start >= size:
            raise Unsatisfiable(size)
        return ByteRange(start, min(end, size - 1), size)
    suffix = int(last)
    if suffix == 0 or size == 0:
        raise Unsatisfiable(size)
    return ByteRange(max(size - suffix, 0), size - 1, size)


def _tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def _opaque(tag: str) -> str:
    return tag[2:] if tag.startswith("W/") else tag


def none_match(header: str | None, etag: str) -> bool:
    """Whether ``If-None-Match`` matches ``etag`` (weak comparison, ``*`` matches any): the
    client's copy is current, answer 304."""
    if header is None:
        return False
    tags = _tags(header)
    return "*" in tags or _opaque(etag) in {_opaque(tag) for tag in tags}


def range_applies(if_range: str | None, etag: str) -> bool:
    """Whether a ``Range`` is honoured given ``If-Range``: without one, yes; with an entity
    tag, only when it is strongly equal to ``etag`` (a weak tag never is); a date (this
    server sends no ``Last-Modified``) never matches. Not honoured → the whole file, 200."""
    if if_range is None:
        return True
    tag = if_range.strip()
    return not tag.startswith("W/") and tag == etag
