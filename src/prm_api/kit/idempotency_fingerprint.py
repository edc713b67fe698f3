"""The identity of a request for ``Idempotency-Key`` (:mod:`.idempotency`): its method, path,
query and body.

A buffered body is hashed as sent, JSON canonicalized (:func:`_fingerprint`). An upload of
gigabytes (:class:`~prm_api.kit.middleware.StreamedUpload` routes that declare ``max_body``) is
never buffered. So its fingerprint is computed while the body streams through to the endpoint
(:func:`tee`), and is known only once the endpoint has read the body whole; a retry under a
used key is answered without running the endpoint, after its body is read through the same
fingerprint (:func:`read_fingerprint`, bounded by the route's ``max_body``) and discarded.

A ``multipart/form-data`` body is identified by its content, not its bytes: clients draw a
new random boundary each time they encode a form, so the same upload retried is other bytes
on the wire. What counts is, for each part in order, its field name, its filename and the
sha256 of its data (a part's ``Content-Type`` is the client's claim, which the server never
uses). Any other media type is identified by its bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.types import Message, Receive, Scope

from prm_api.kit.middleware import header


def _request_line(scope: Scope) -> Any:
    h = hashlib.sha256()
    for part in (scope["method"].encode(), scope["path"].encode(), scope.get("query_string", b"")):
        h.update(part + b"\x00")
    return h


def placeholder(scope: Scope) -> str:
    """The ``request_hash`` an in-flight streamed request's row holds until its body has been
    read (a retry meanwhile to the same URL is the 409, to another the 422)."""
    h = _request_line(scope)
    h.update(b"streamed, body not read yet")
    return h.hexdigest()


class BodyFingerprint:
    """Feed the body's chunks, then :meth:`end`; :attr:`digest` is the fingerprint, or None
    when the body was not read whole (the endpoint stopped early), exceeded ``max_body`` or
    is not the multipart it says it is."""

    def __init__(self, scope: Scope, max_body: int) -> None:
        self.max_body = max_body
        self.size = 0
        self.failed = False
        self.ended = False
        self._hasher = _request_line(scope)
        self._parser: MultipartParser | None = None
        media, params = parse_options_header(header(scope, b"content-type"))
        boundary = params.get(b"boundary")
        if media == b"multipart/form-data" and boundary:
            self._hasher.update(b"multipart\x00")
            self._part_hasher: Any = None
            self._disposition = b""
            self._field = bytearray()
            self._value = bytearray()
            self._form_ended = False
            self._parser = MultipartParser(
                boundary,
                {
                    "on_part_begin": self._on_part_begin,
                    "on_header_field": self._on_header_field,
                    "on_header_value": self._on_header_value,
                    "on_header_end": self._on_header_end,
                    "on_part_data": self._on_part_data,
                    "on_part_end": self._on_part_end,
                    "on_end": self._on_end,
                },
            )
        else:
            self._hasher.update(b"raw\x00")

    def feed(self, chunk: bytes) -> None:
        if self.failed or self.ended:
            return
        self.size += len(chunk)
        if self.size > self.max_body:
            self.failed = True
            return
        if self._parser is None:
            self._hasher.update(chunk)
            return
        try:
            self._parser.write(chunk)
        except MultipartParseError:
            self.failed = True

    def end(self) -> None:
        self.ended = True
        if self._parser is not None and not self.failed:
            try:
                self._parser.finalize()
            except MultipartParseError:
                self.failed = True
            if not self._form_ended:
                self.failed = True

    @property
    def digest(self) -> str | None:
        if not self.ended or self.failed:
            return None
        return str(self._hasher.hexdigest())

    # -- multipart callbacks -----------------------------------------------------------------

    def _on_part_begin(self) -> None:
        self._disposition = b""
        self._part_hasher = hashlib.sha256()

    def _on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def _on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _on_header_end(self) -> None:
        if bytes(self._field).strip().lower() == b"content-disposition":
            self._disposition = bytes(self._value)
        self._field = bytearray()
        self._value = bytearray()

    def _on_part_data(self, data: bytes, start: int, end: int) -> None:
        self._part_hasher.update(memoryview(data)[start:end])

    def _on_part_end(self) -> None:
        _, params = parse_options_header(self._disposition)
        filename = params.get(b"filename")
        self._hasher.update(
            b"\x00".join(
                (
                    b"part",
                    params.get(b"name", b""),
                    b"\x01" if filename is None else b"=" + filename,
                    self._part_hasher.digest(),
                )
            )
            + b"\x00"
        )

    def _on_end(self) -> None:
        self._form_ended = True


def tee(receive: Receive, fingerprint: BodyFingerprint) -> Receive:
    """``receive`` for the endpoint, feeding each body chunk to ``fingerprint`` on its way."""

    async def receive_and_fingerprint() -> Message:
        message = await receive()
        if message["type"] == "http.request":
            fingerprint.feed(message.get("body", b""))
            if not message.get("more_body"):
                fingerprint.end()
        return message

    return receive_and_fingerprint


async def read_fingerprint(scope: Scope, receive: Receive, max_body: int) -> str | None:
    """Read the body (discarding it) for its fingerprint; None when it is over ``max_body``
    (it cannot be the request that was stored) or the client went away."""
    fingerprint = BodyFingerprint(scope, max_body)
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        fingerprint.feed(message.get("body", b""))
        if fingerprint.failed:
            return None
        if not message.get("more_body"):
            fingerprint.end()
            return fingerprint.digest


# --- buffered bodies ---

# No request of this API nests JSON beyond a handful of levels. Deeper bodies are refused
# before they are parsed: parsing is recursive, and a body of 50,000 ``[`` exhausted the stack.
MAX_JSON_DEPTH = 128

_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPENING = frozenset(b"[{")


def _is_json(scope: Scope) -> bool:
    ctype = (header(scope, b"content-type") or "").split(";")[0].strip().lower()
    return ctype == "application/json" or ctype.endswith("+json")


def json_too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether ``body`` nests arrays/objects deeper than ``limit``, found without parsing
    (and without recursion): brackets inside strings do not count."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth = 0
    for byte in _JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKETS):
        if byte in _OPENING:
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _fingerprint(scope: Scope, body: bytes, *, is_json: bool = True) -> str:
    """The request's identity: method, path, query and body — JSON canonicalized, so key
    order and whitespace do not matter. Over-deep or invalid JSON is hashed as sent."""
    canonical_body = body
    if body and is_json and not json_too_deep(body):
        try:
            canonical_body = json.dumps(json.loads(body), sort_keys=True).encode()
        except (ValueError, UnicodeDecodeError, RecursionError):
            pass
    h = hashlib.sha256()
    for part in (
        scope["method"].encode(),
        scope["path"].encode(),
        scope.get("query_string", b""),
        canonical_body,
    ):
        h.update(part + b"\x00")
    return h.hexdigest()
