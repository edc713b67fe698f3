"""Serving a stored blob over HTTP (DESIGN §9 "Serving files"), for any domain that hands out
files: streamed from storage, ``ETag`` = the sha256, ``If-None-Match`` → 304, a single
``Range`` → 206 (``kit.ranges``), ``HEAD``, and the headers that keep an uploaded file from
ever running in the API's origin.

The response is only started once the first chunk has been read, so a blob missing from
storage is still a problem document, not a response cut short. ``on_complete`` runs when the
whole file, or a range reaching its last byte, has been sent (the download it counts is
complete), shielded from the client going away at that moment; never for 304, HEAD or 416.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import Any, Protocol

import anyio
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse

from prm_api.errors import AppError, NotFound
from prm_api.kit.ranges import ByteRange, Unsatisfiable, none_match, parse_range, range_applies
from prm_api.storage.base import Storage
from prm_api.storage.errors import BlobNotFound
from prm_api.storage.filenames import content_disposition

log = logging.getLogger("prm_api.storage")

#: Uploaded HTML or SVG opened from the API's origin must not run: no sources at all, and a
#: sandbox (scripts, forms, same-origin access off) even if a browser renders it inline.
SANDBOX_CSP = "default-src 'none'; sandbox"


class ServedFile(Protocol):
    @property
    def sha256(self) -> str: ...
    @property
    def size(self) -> int: ...
    @property
    def content_type(self) -> str: ...
    @property
    def filename(self) -> str: ...


class RangeNotSatisfiable(AppError):
    status, code, title = 416, "range_not_satisfiable", "Range not satisfiable"


def file_headers(file: ServedFile) -> dict[str, str]:
    """The headers of every answer about the file (200, 206, 304, HEAD)."""
    return {
        "ETag": f'"{file.sha256}"',
        "Accept-Ranges": "bytes",
        "Content-Disposition": content_disposition(file.filename),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": SANDBOX_CSP,
        "Cache-Control": "private",
    }


async def serve_download(
    request: Request,
    storage: Storage,
    file: ServedFile,
    *,
    redirect: bool = False,
    presign_ttl: timedelta = timedelta(minutes=5),
    on_complete: Callable[[], Awaitable[Any]] | None = None,
) -> Response:
    """The response to a GET or HEAD of ``file`` (see the module docstring). ``redirect``:
    with storage that can sign URLs, a 302 to a presigned GET instead of the bytes (counted
    as complete when it is not a partial request)."""
    headers = file_headers(file)
    etag = headers["ETag"]
    if none_match(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    byte_range: ByteRange | None = None
    if range_applies(request.headers.get("if-range"), etag):
        try:
            byte_range = parse_range(request.headers.get("range"), file.size)
        except Unsatisfiable as exc:
            raise RangeNotSatisfiable(
                f"The file has {file.size} bytes.",
                headers={"Content-Range": exc.content_range, "Accept-Ranges": "bytes"},
            ) from exc
    completes = byte_range is None or byte_range.reaches_end
    is_head = request.method == "HEAD"

    if redirect and not is_head:
        url = await storage.presigned_get_url(
            file.sha256,
            expires_in=presign_ttl,
            filename=file.filename,
            content_type=file.content_type,
        )
        if url is not None:
            if completes and on_complete is not None:
                await on_complete()
            return RedirectResponse(url, status_code=302, headers={"Cache-Control": "no-store"})

    status = 200
    start, end = 0, file.size
    if byte_range is not None:
        status = 206
        start, end = byte_range.start, byte_range.end + 1
        headers["Content-Range"] = byte_range.content_range
    headers["Content-Length"] = str(end - start)
    if is_head or start == end:
        # HEAD: the headers alone. An empty file: nothing to read.
        return Response(status_code=status, headers=headers, media_type=file.content_type)

    chunks = aiter(storage.iter_range(file.sha256, start, end))
    try:
        first = await anext(chunks)
    except (BlobNotFound, StopAsyncIteration):
        log.error("blob %s is missing from storage", file.sha256)
        raise NotFound("The file's content is not available.", code="file_missing") from None

    async def body() -> AsyncIterator[bytes]:
        yield first
        async for chunk in chunks:
            yield chunk
        if completes and on_complete is not None:
            # Every byte was handed to the server: the download is complete. Shielded: the
            # client leaving now must not cancel the count half-way.
            with anyio.CancelScope(shield=True):
                await on_complete()

    return StreamingResponse(
        body(), status_code=status, headers=headers, media_type=file.content_type
    )
