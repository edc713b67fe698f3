"""`/v1/assets/{asset_id}/uploads`: resumable uploads of an asset's files (tus 1.0.0).

The protocol (core, creation, expiration, checksum, termination) for tus clients (Uppy,
tus-js-client, tuspy): ``POST`` creates an upload, ``HEAD`` tells its offset, ``PATCH``
appends bytes at that offset, ``DELETE`` abandons it. The rules live in
:mod:`prm_api.assets.tus`; here headers are parsed and written. Every response carries
``Tus-Resumable``, errors included (problem+json where a body is allowed).
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import datetime
from email.utils import format_datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.requests import ClientDisconnect

from prm_api.assets import tus, tus_protocol, tus_receive
from prm_api.auth.policy import AssetsWrite
from prm_api.db import Session
from prm_api.error_handlers import app_error_handler, request_validation_handler
from prm_api.errors import AppError
from prm_api.kit.middleware import StreamedUpload
from prm_api.kit.openapi import errors
from prm_api.models import AssetUpload
from prm_api.storage import get_storage

OFFSET_OCTET_STREAM = "application/offset+octet-stream"
UPLOAD_PATH = r"/v1/assets/[^/]+/uploads/[^/]+"
#: PATCH bodies stream past the global body limit (kit.middleware.BodyGuardMiddleware);
#: :func:`prm_api.assets.tus.receive_chunk` enforces PRM_TUS_MAX_CHUNK_BYTES as it reads.
STREAMED_UPLOADS = (StreamedUpload("PATCH", UPLOAD_PATH, (OFFSET_OCTET_STREAM,)),)


class TusRoute(APIRoute):
    """Adds ``Tus-Resumable`` to every response, errors included (rendered here as the
    app's handlers would, so the header is not lost on the way)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def tus_handler(request: Request) -> Response:
            try:
                response = await handler(request)
            except AppError as exc:
                response = await app_error_handler(request, exc)
            except RequestValidationError as exc:
                response = await request_validation_handler(request, exc)
            response.headers["Tus-Resumable"] = tus_protocol.TUS_VERSION
            return response

        return tus_handler


router = APIRouter(prefix="/v1/assets/{asset_id}/uploads", tags=["assets"], route_class=TusRoute)


def require_tus_resumable(request: Request) -> None:
    """412 with ``Tus-Version`` unless the client speaks tus 1.0.0. Declared after the
    token's check, so a request without a valid token is a 401 first (OPTIONS is exempt:
    the protocol's discovery). Read from the request rather than declared as a parameter:
    FastAPI would answer a missing one with its 422 where the protocol says 412; the
    document declares it (:data:`TUS_RESUMABLE_PARAMETER`)."""
    tus_protocol.check_tus_resumable(request.headers.get("tus-resumable"))


#: ``Tus-Resumable`` as the document declares it: required, the one version served.
TUS_RESUMABLE_PARAMETER: dict[str, Any] = {
    "parameters": [
        {
            "name": "Tus-Resumable",
            "in": "header",
            "required": True,
            "description": "The protocol version: `1.0.0` (else 412 with `Tus-Version`).",
            # A pattern rather than `const`: SDK generators refuse a literal-typed header
            # (openapi-python-client skips the operation), a pattern stays a plain string.
            "schema": {"type": "string", "pattern": r"^1\.0\.0$"},
        }
    ]
}


#: ``Upload-Checksum`` as the document declares it: optional, never null (an absent header is
#: no checksum), base64 whole. Read from the request (``tus_protocol.parse_checksum``: 400
#: for another algorithm or broken base64) — a declared ``str | None`` parameter would be
#: documented as nullable, and a client sending the text ``null`` would get a pattern's 422.
UPLOAD_CHECKSUM_PARAMETER: dict[str, Any] = {
    "name": "Upload-Checksum",
    "in": "header",
    "required": False,
    "description": "`<algorithm> <base64 digest>` of this body (sha1, sha256, md5); "
    "a mismatch is a 460 and nothing is appended.",
    "schema": {
        "type": "string",
        "maxLength": 200,
        "pattern": tus_protocol.CHECKSUM_HEADER.pattern,
    },
}

TusResumable = Annotated[None, Depends(require_tus_resumable)]
TUS_HEADERS: dict[str, Any] = {"Tus-Resumable": {"schema": {"type": "string", "const": "1.0.0"}}}


def _http_date(moment: datetime) -> str:
    return format_datetime(moment, usegmt=True)


def _encode_metadata(metadata: dict[str, Any]) -> str:
    return ",".join(
        key if value is None else f"{key} {base64.b64encode(value.encode()).decode()}"
        for key, value in metadata.items()
    )


def _options(request: Request) -> Response:
    settings = request.app.state.settings
    response = Response(status_code=204)
    response.headers["Tus-Version"] = tus_protocol.TUS_VERSION
    response.headers["Tus-Extension"] = tus_protocol.TUS_EXTENSIONS
    response.headers["Tus-Max-Size"] = str(settings.asset_max_bytes)
    response.headers["Tus-Checksum-Algorithm"] = ",".join(tus_protocol.CHECKSUMS)
    return response


@router.options("", include_in_schema=False)
async def discover(request: Request, asset_id: str) -> Response:
    """tus discovery: the protocol version, extensions, the maximum size and the checksum
    algorithms (no token needed: it describes the server, not an asset)."""
    return _options(request)


@router.options("/{upload_id}", include_in_schema=False)
async def discover_upload(request: Request, asset_id: str, upload_id: str) -> Response:
    return _options(request)


@router.post(
    "",
    operation_id="assets_uploads_create",
    summary="Start a resumable upload (tus)",
    openapi_extra=TUS_RESUMABLE_PARAMETER,
    status_code=201,
    response_class=Response,
    responses={
        201: {
            "description": "Created: `Location` is the upload's URL, `Upload-Expires` when an "
            "unfinished upload is dropped.",
            "headers": {
                "Location": {"schema": {"type": "string"}},
                "Upload-Expires": {"schema": {"type": "string"}},
                **TUS_HEADERS,
            },
        },
        **errors(400, 401, 403, 404, 409, 412, 413, 422),
    },
)
async def create_upload(
    request: Request,
    asset_id: uuid.UUID,
    session: Session,
    principal: AssetsWrite,
    tus_resumable: TusResumable,
    upload_length: Annotated[
        int,
        Header(
            alias="Upload-Length",
            ge=0,
            le=2**62,
            description="The file's size in bytes (at most `Tus-Max-Size`, PRM_ASSET_MAX_BYTES).",
        ),
    ],
    upload_metadata: Annotated[
        str | None,
        Header(
            alias="Upload-Metadata",
            max_length=tus_protocol.MAX_METADATA_BYTES,
            pattern=tus_protocol.METADATA_HEADER.pattern,
            description="`filename <base64>,filetype <base64>`: the filename is kept "
            "(sanitized) for the version; the type is ignored (it is detected from the bytes).",
        ),
    ] = None,
) -> Response:
    """Create a **tus 1.0.0** upload of a new file version for a file asset (vendor staff).

    Any tus client works (Uppy, tus-js-client, tuspy): point it at this URL with the bearer
    token. Then `PATCH` the bytes to the returned `Location` in chunks (up to
    PRM_TUS_MAX_CHUNK_BYTES each, 64 MiB by default) with `Upload-Offset`; after an
    interruption `HEAD` tells the offset to resume from. When the last byte arrives the file
    becomes the asset's current version (`asset.version_added`); its type is detected from
    the bytes and a refused type (executables by default) is a 422 that keeps nothing.
    Supported: core, `creation`, `expiration` (unfinished uploads expire PRM_TUS_EXPIRY_S
    after their last chunk; then 410), `checksum` (`Upload-Checksum` with sha1, sha256 or
    md5: 460 on a mismatch) and `termination` (`DELETE`). `OPTIONS` answers the server's
    capabilities without a token."""
    settings = request.app.state.settings
    upload = await tus.create_upload(
        session,
        principal,
        asset_id,
        length=upload_length,
        metadata=tus_protocol.parse_metadata(upload_metadata),
        settings=settings,
    )
    response = Response(status_code=201)
    response.headers["Location"] = f"/v1/assets/{asset_id}/uploads/{upload.id}"
    response.headers["Upload-Expires"] = _http_date(upload.expires_at)
    return response


def _state_headers(response: Response, upload: AssetUpload) -> None:
    response.headers["Upload-Offset"] = str(upload.offset)
    response.headers["Upload-Length"] = str(upload.length)
    if upload.version_id is None:
        response.headers["Upload-Expires"] = _http_date(upload.expires_at)
    if upload.upload_metadata:
        response.headers["Upload-Metadata"] = _encode_metadata(upload.upload_metadata)


@router.head(
    "/{upload_id}",
    operation_id="assets_uploads_head",
    summary="Get a resumable upload's offset (tus)",
    openapi_extra=TUS_RESUMABLE_PARAMETER,
    response_class=Response,
    responses={
        200: {
            "description": "`Upload-Offset`: the bytes received, where the next `PATCH` "
            "starts; `Upload-Length`; `Upload-Expires` while unfinished.",
            "headers": {
                "Upload-Offset": {"schema": {"type": "integer"}},
                "Upload-Length": {"schema": {"type": "integer"}},
                **TUS_HEADERS,
            },
        },
        **errors(401, 403, 404, 410, 412),
    },
)
async def head_upload(
    asset_id: uuid.UUID,
    upload_id: uuid.UUID,
    session: Session,
    principal: AssetsWrite,
    tus_resumable: TusResumable,
) -> Response:
    """How much of the upload arrived (resume a `PATCH` from `Upload-Offset`). A finished
    upload answers `Upload-Offset` = `Upload-Length` until it expires."""
    upload = await tus.get_upload(session, principal, asset_id, upload_id)
    response = Response(status_code=200)
    response.headers["Cache-Control"] = "no-store"
    _state_headers(response, upload)
    return response


async def _body(request: Request) -> AsyncIterator[bytes]:
    try:
        async for chunk in request.stream():
            if chunk:
                yield chunk
    except ClientDisconnect as exc:
        raise tus_protocol.BodyInterrupted from exc


@router.patch(
    "/{upload_id}",
    operation_id="assets_uploads_append",
    summary="Append bytes to a resumable upload (tus)",
    status_code=204,
    response_class=Response,
    openapi_extra={
        "parameters": [*TUS_RESUMABLE_PARAMETER["parameters"], UPLOAD_CHECKSUM_PARAMETER],
        "requestBody": {
            "required": True,
            "content": {OFFSET_OCTET_STREAM: {"schema": {"type": "string", "format": "binary"}}},
        },
    },
    responses={
        204: {
            "description": "Appended: `Upload-Offset` is the new offset. The request that "
            "completes the upload returns once the file is the asset's new version.",
            "headers": {
                "Upload-Offset": {"schema": {"type": "integer"}},
                "Upload-Expires": {"schema": {"type": "string"}},
                **TUS_HEADERS,
            },
        },
        460: {
            "description": "`Upload-Checksum` does not match the body: nothing was appended.",
            "content": errors(400)[400]["content"],
        },
        **errors(400, 401, 403, 404, 409, 410, 412, 413, 415, 422),
    },
)
async def append(
    request: Request,
    asset_id: uuid.UUID,
    upload_id: uuid.UUID,
    principal: AssetsWrite,
    tus_resumable: TusResumable,
    upload_offset: Annotated[
        int,
        Header(
            alias="Upload-Offset",
            ge=0,
            le=2**62,
            description="Where this body starts: the upload's current offset (else 409).",
        ),
    ],
) -> Response:
    """Append the body (`Content-Type: application/offset+octet-stream`) at `Upload-Offset`.

    Bytes are kept as they arrive: if the connection drops, what was received counts, and
    `HEAD` tells where to resume. With `Upload-Checksum` the body counts only whole and
    verified. A body past `Upload-Length` or over PRM_TUS_MAX_CHUNK_BYTES is a 413. No
    database session is held while the body streams (commits are short, per part)."""
    ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if ctype != OFFSET_OCTET_STREAM:
        raise AppError(
            f"Send the body as {OFFSET_OCTET_STREAM}.",
            status=415,
            code="unsupported_media_type",
            title="Unsupported media type",
        )
    length_header = request.headers.get("content-length")
    declared = int(length_header) if length_header and length_header.isdigit() else None
    settings = request.app.state.settings
    try:
        progress = await tus_receive.receive_chunk(
            request.app.state.sessionmaker,
            get_storage(settings),
            settings,
            principal,
            asset_id,
            upload_id,
            offset=upload_offset,
            checksum=tus_protocol.parse_checksum(request.headers.get("upload-checksum")),
            content_length=declared,
            body=_body(request),
        )
    except tus_protocol.BodyInterrupted:
        # Nobody reads this answer; what arrived was kept.
        return Response(status_code=400)
    response = Response(status_code=204)
    response.headers["Upload-Offset"] = str(progress.offset)
    if progress.version_id is None:
        response.headers["Upload-Expires"] = _http_date(progress.expires_at)
    return response


@router.api_route(
    "/{upload_id}",
    methods=["DELETE"],
    operation_id="assets_uploads_terminate",
    summary="Abandon a resumable upload (tus)",
    openapi_extra=TUS_RESUMABLE_PARAMETER,
    status_code=204,
    response_class=Response,
    responses={
        204: {"description": "Deleted, with the bytes received.", "headers": TUS_HEADERS},
        **errors(401, 403, 404, 410, 412),
    },
)
async def terminate(
    request: Request,
    asset_id: uuid.UUID,
    upload_id: uuid.UUID,
    session: Session,
    principal: AssetsWrite,
    tus_resumable: TusResumable,
) -> Response:
    """tus termination: the upload and the bytes received so far are deleted (a finished
    upload's version stays; its record goes)."""
    storage = get_storage(request.app.state.settings)
    await tus.terminate_upload(session, storage, principal, asset_id, upload_id)
    return Response(status_code=204)
