"""A ``multipart/form-data`` body read as it arrives: one file field streamed, a few small
text fields collected.

FastAPI's ``UploadFile`` spools a file to a temporary file of its full size before the
endpoint runs, and reads the body into memory up to a threshold; an upload of gigabytes must
go to storage as it arrives instead. This drives python-multipart's push parser (the one
Starlette uses) over ``request.stream()`` and hands the file's bytes on as an async iterator,
holding no more than one received chunk of the body at a time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from prm_api.errors import AppError, BadRequest, ValidationFailed, field_error


class FormTooLarge(AppError):
    status, code, title = 413, "payload_too_large", "Payload too large"


class StreamedForm:
    """Usage::

        form = StreamedForm(request.headers.get("content-type"), request.stream(),
                            file_field="file", text_fields={"note": 10_000}, max_body=…)
        await form.start()             # reads up to the file's first bytes
        await consume(form.file_chunks())   # the file, then the rest of the body
        form.filename, form.fields["note"]

    Fields other than ``file_field`` and ``text_fields`` are refused (422), as is a second
    file or a body without the file. A text field longer than its limit is a 422; a body
    longer than ``max_body`` (the file's limit plus room for the rest) a 413. A body that
    is not valid multipart, or ends before its closing boundary, is a 400.
    """

    def __init__(
        self,
        content_type: str | None,
        stream: AsyncIterator[bytes],
        *,
        file_field: str = "file",
        text_fields: dict[str, int] | None = None,
        max_body: int,
    ) -> None:
        media, params = parse_options_header(content_type)
        boundary = params.get(b"boundary")
        if media != b"multipart/form-data" or not boundary:
            raise BadRequest(
                "Send the body as multipart/form-data with a boundary.", code="invalid_multipart"
            )
        self.file_field = file_field
        self.text_limits = dict(text_fields or {})
        self.max_body = max_body
        self.fields: dict[str, str] = {}
        self.filename: str | None = None
        #: The client's claim about the file's type (kept for logs; never trusted).
        self.declared_type: str | None = None
        self.file_bytes = 0
        self._stream = stream
        self._received = 0
        self._out: list[bytes] = []
        self._error: AppError | None = None
        self._ended = False
        self._file_started = False
        self._file_done = False
        # The part being parsed.
        self._headers: dict[str, str] = {}
        self._header_field = bytearray()
        self._header_value = bytearray()
        self._part: str | None = None  # "file", a text field's name, or None
        self._text = bytearray()
        callbacks: Any = {
            "on_part_begin": self._on_part_begin,
            "on_header_field": self._on_header_field,
            "on_header_value": self._on_header_value,
            "on_header_end": self._on_header_end,
            "on_headers_finished": self._on_headers_finished,
            "on_part_data": self._on_part_data,
            "on_part_end": self._on_part_end,
            "on_end": self._on_end,
        }
        self._parser = MultipartParser(boundary, callbacks)

    # -- parser callbacks (synchronous; an error is kept and raised by the driver) -----------

    def _fail(self, error: AppError) -> None:
        if self._error is None:
            self._error = error

    def _on_part_begin(self) -> None:
        self._headers = {}
        self._part = None
        self._text = bytearray()

    def _on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def _on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _on_header_end(self) -> None:
        name = self._header_field.decode("latin-1").strip().lower()
        self._headers[name] = self._header_value.decode("latin-1")
        self._header_field = bytearray()
        self._header_value = bytearray()

    def _on_headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get("content-disposition", ""))
        name = params.get(b"name", b"").decode("utf-8", errors="replace")
        if name == self.file_field:
            if self._file_started:
                self._fail(self._refuse(name, "duplicate", "Send one file per request."))
                return
            self._file_started = True
            self._part = "file"
            raw = params.get(b"filename")
            if raw is not None:
                try:
                    self.filename = raw.decode("utf-8")
                except UnicodeDecodeError:
                    self.filename = raw.decode("latin-1")
            self.declared_type = self._headers.get("content-type")
        elif name in self.text_limits:
            if name in self.fields:
                self._fail(self._refuse(name, "duplicate", "Send this field once."))
                return
            self._part = name
        else:
            self._fail(self._refuse(name or "(unnamed)", "unknown_field", "Unknown form field."))

    def _on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._part == "file":
            self._out.append(data[start:end])
            self.file_bytes += end - start
        elif self._part is not None:
            self._text += data[start:end]
            if len(self._text) > self.text_limits[self._part] * 4:  # UTF-8: up to 4 bytes/char
                self._fail(self._too_long(self._part))

    def _on_part_end(self) -> None:
        if self._part == "file":
            self._file_done = True
        elif self._part is not None:
            try:
                value = self._text.decode("utf-8")
            except UnicodeDecodeError:
                self._fail(self._refuse(self._part, "invalid_utf8", "Send UTF-8 text."))
                return
            if len(value) > self.text_limits[self._part]:
                self._fail(self._too_long(self._part))
                return
            if "\x00" in value:
                self._fail(self._refuse(self._part, "nul", "NUL characters are not allowed."))
                return
            self.fields[self._part] = value
        self._part = None

    def _on_end(self) -> None:
        self._ended = True

    @staticmethod
    def _refuse(field: str, code: str, message: str) -> ValidationFailed:
        return ValidationFailed(
            f"{field}: {message}", errors=[field_error(field, code, message, "form")]
        )

    def _too_long(self, field: str) -> ValidationFailed:
        limit = self.text_limits[field]
        return self._refuse(field, "too_long", f"At most {limit} characters.")

    # -- driving the parser ---------------------------------------------------------------

    async def _pump(self) -> bool:
        """Feed the parser the next chunk of the body; False once the body is over."""
        try:
            chunk = await anext(self._stream)
        except StopAsyncIteration:
            if not self._ended:
                raise BadRequest(
                    "The multipart body ended before its closing boundary.",
                    code="invalid_multipart",
                ) from None
            return False
        self._received += len(chunk)
        if self._received > self.max_body:
            raise FormTooLarge(f"The request body exceeds {self.max_body} bytes.")
        try:
            self._parser.write(chunk)
        except MultipartParseError as exc:
            raise BadRequest(f"Malformed multipart body: {exc}", code="invalid_multipart") from exc
        if self._error is not None:
            raise self._error
        return True

    async def start(self) -> None:
        """Read until the file's content begins (the fields before it are collected)."""
        while not self._file_started:
            if self._ended or not await self._pump():
                raise self._refuse(self.file_field, "required", "The file is missing.")

    async def file_chunks(self) -> AsyncIterator[bytes]:
        """The file's bytes as they arrive; then the rest of the body is read (fields after
        the file). Call :meth:`start` first."""
        while True:
            if self._out:
                data = b"".join(self._out)
                self._out.clear()
                yield data
            if self._file_done:
                break
            await self._pump()
        while not self._ended:
            await self._pump()
        # Whatever follows the closing boundary (an epilogue) is read and ignored.
        async for chunk in self._stream:
            self._received += len(chunk)
            if self._received > self.max_body:
                raise FormTooLarge(f"The request body exceeds {self.max_body} bytes.")
