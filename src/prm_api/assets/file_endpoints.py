"""Asset files over HTTP: the streamed upload of a version, the versions, downloads (Range,
conditional, HEAD, presigned redirect), share links, download statistics."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from prm_api.assets import files, share_links, stats
from prm_api.assets.file_schemas import (
    ASSET_SHARE_LINK,
    ASSET_VERSION,
    MAX_NOTE_CHARS,
    AssetShareLink,
    AssetShareLinkCreate,
    AssetShareLinkCreated,
    AssetShareLinkList,
    AssetStats,
    AssetVersionList,
    PartnerEngagement,
)
from prm_api.assets.files import Download
from prm_api.assets.schemas import AssetVersion
from prm_api.assets.versions import version_out
from prm_api.auth.policy import AssetsRead, AssetsWrite
from prm_api.db import Session
from prm_api.kit.context import client_ip
from prm_api.kit.middleware import StreamedUpload
from prm_api.kit.openapi import errors
from prm_api.kit.pagination import PageQuery
from prm_api.kit.render import page_body, render
from prm_api.kit.schemas import Timestamp
from prm_api.storage import get_storage
from prm_api.storage.serving import serve_download

router = APIRouter(tags=["assets"])

_ASSET = "/v1/assets/{asset_id}"
_UUID = "[0-9a-fA-F-]{32,36}"
#: The upload streams its body itself (kit.middleware.StreamedUpload): not held to the global
#: body limit, its own (PRM_ASSET_MAX_BYTES) enforced as it reads; never buffered. Its bound,
#: declared, lets the idempotency layer honour Idempotency-Key (fingerprint taken as it streams).
STREAMED_UPLOADS = (
    StreamedUpload(
        "POST",
        rf"/v1/assets/{_UUID}/versions",
        ("multipart/form-data",),
        max_body=lambda settings: settings.asset_max_bytes + files.FORM_OVERHEAD_BYTES,
    ),
)

VersionNumber = Annotated[int, Path(ge=1, le=2_147_483_647, description="From 1.")]
Redirect = Annotated[
    bool,
    Query(
        description="With object storage (S3), answer `302` to a short-lived presigned URL "
        "of the bytes instead of streaming them through the API (the stored object's name "
        "is its hash; `Content-Disposition` still says attachment). Ignored with local "
        "storage."
    ),
]
Window = Annotated[Timestamp | None, Query(description="Inclusive.", alias="from")]
WindowEnd = Annotated[Timestamp | None, Query(description="Exclusive.")]

_BINARY = {"schema": {"type": "string", "format": "binary"}}
_FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The file.", "content": {"application/octet-stream": _BINARY}},
    206: {
        "description": "The byte range asked for (`Content-Range` says which).",
        "content": {"application/octet-stream": _BINARY},
    },
    302: {"description": "`?redirect=true` with object storage: the presigned URL."},
    304: {"description": "`If-None-Match` names the current ETag: the copy is current."},
    **errors(401, 403, 404, 416),
}
_FILE_HEADERS_DOC = (
    "\n\nResponses carry `ETag` (the SHA-256 of the bytes), `Accept-Ranges: bytes`, "
    "`Content-Disposition: attachment` with the file's name (RFC 6266 `filename*`), "
    "`X-Content-Type-Options: nosniff` and a sandboxing `Content-Security-Policy`. Send "
    "`If-None-Match` for a `304`, `Range: bytes=a-b` (or `a-`, `-n`) for a `206` (several "
    "ranges: the whole file; past the end: `416` with `Content-Range: bytes */size`), "
    "`If-Range` to get the whole file when it changed. `HEAD` answers the same headers. "
    "A download counts (stats, `download_count`, `asset.downloaded`) once completed: a "
    "whole-file answer, or a range ending at the last byte."
)


async def _serve(request: Request, download: Download, redirect: bool) -> Response:
    settings = request.app.state.settings
    return await serve_download(
        request,
        get_storage(settings),
        download,
        redirect=redirect,
        presign_ttl=timedelta(seconds=settings.storage_presign_ttl_s),
        on_complete=lambda: files.record_download(request.app.state.sessionmaker, download),
    )


# --- versions --------------------------------------------------------------------------------


@router.post(
    f"{_ASSET}/versions",
    operation_id="assets_versions_create",
    summary="Upload a new version of an asset's file",
    status_code=201,
    response_model=AssetVersion,
    responses=errors(400, 401, 403, 404, 409, 413, 415, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "title": "AssetVersionUpload",
                        "required": ["file"],
                        "properties": {
                            "file": {
                                "type": "string",
                                "format": "binary",
                                "description": "The file (its name is kept, sanitized).",
                            },
                            "note": {
                                "type": "string",
                                "maxLength": MAX_NOTE_CHARS,
                                "description": "What changed in this version.",
                            },
                        },
                        "additionalProperties": False,
                    },
                    "encoding": {"file": {"contentType": "application/octet-stream"}},
                }
            },
        }
    },
)
async def create_version(
    asset_id: uuid.UUID, request: Request, session: Session, principal: AssetsWrite
) -> Response:
    """Upload a file as the asset's new current version (vendor roles), as
    `multipart/form-data` with the field `file` and optionally `note`.

    The body is streamed to storage as it arrives, so files up to `PRM_ASSET_MAX_BYTES`
    (default 2 GiB; more: `413`, nothing kept) are accepted whatever the API's usual 1 MiB
    body limit. The content type is detected from the bytes, whatever the upload claims;
    executables, installers and scripts are refused (`422 content_type_refused`), as is an
    empty file (`422`). Identical bytes are stored once. A `link` asset takes no files
    (`409 asset_is_link`). `Idempotency-Key` is honoured as on every `POST`: a retry of the
    same upload (same file bytes, filename and note; the multipart boundary may differ) is
    answered with the first response and makes no second version; another upload under the
    same key is a `422 idempotency_key_reused`, and one while the first still streams a
    `409 idempotency_in_flight`. An upload refused while streaming (`413`) keeps no key."""
    settings = request.app.state.settings
    form = files.new_form(
        request.headers.get("content-type"), request.stream(), settings, MAX_NOTE_CHARS
    )
    version = await files.upload_version(
        session,
        principal,
        asset_id,
        form,
        storage=get_storage(settings),
        settings=settings,
    )
    response = render(ASSET_VERSION, version_out(version), status_code=201)
    response.headers["Location"] = f"/v1/assets/{asset_id}/versions/{version.number}"
    return response


@router.get(
    f"{_ASSET}/versions",
    operation_id="assets_versions_list",
    summary="List an asset's versions",
    response_model=AssetVersionList,
    responses=errors(400, 401, 403, 404),
)
async def list_versions(
    asset_id: uuid.UUID, request: Request, session: Session, principal: AssetsRead, page: PageQuery
) -> Response:
    """The asset's file versions, newest first. Vendor roles see every version; partner
    tokens only the current one."""
    result = await files.list_versions(session, principal, asset_id, page)
    return page_body(request, result, ASSET_VERSION)


@router.get(
    f"{_ASSET}/versions/{{number}}",
    operation_id="assets_versions_get",
    summary="Get a version of an asset's file",
    response_model=AssetVersion,
    responses=errors(401, 403, 404),
)
async def get_version(
    asset_id: uuid.UUID, number: VersionNumber, session: Session, principal: AssetsRead
) -> Response:
    """One version. Partner tokens see only the current version (others: 404)."""
    return render(ASSET_VERSION, await files.get_version(session, principal, asset_id, number))


# --- downloads -------------------------------------------------------------------------------


@router.get(
    f"{_ASSET}/content",
    operation_id="assets_content_get",
    summary="Download an asset's current file",
    response_class=Response,
    responses=_FILE_RESPONSES,
    description="The current version's bytes." + _FILE_HEADERS_DOC,
)
async def download_current(
    asset_id: uuid.UUID,
    request: Request,
    session: Session,
    principal: AssetsRead,
    redirect: Redirect = False,
) -> Response:
    download = await files.resolve_download(session, principal, asset_id)
    return await _serve(request, download, redirect)


@router.get(
    f"{_ASSET}/versions/{{number}}/content",
    operation_id="assets_versions_content_get",
    summary="Download a version of an asset's file",
    response_class=Response,
    responses=_FILE_RESPONSES,
    description="A version's bytes: vendor roles any version, partner tokens the current "
    "one only (others: 404)." + _FILE_HEADERS_DOC,
)
async def download_version(
    asset_id: uuid.UUID,
    number: VersionNumber,
    request: Request,
    session: Session,
    principal: AssetsRead,
    redirect: Redirect = False,
) -> Response:
    download = await files.resolve_download(session, principal, asset_id, number)
    return await _serve(request, download, redirect)


# HEAD: the same answers without the body (not separate operations in the document).
router.add_api_route(
    f"{_ASSET}/content", download_current, methods=["HEAD"], include_in_schema=False
)
router.add_api_route(
    f"{_ASSET}/versions/{{number}}/content",
    download_version,
    methods=["HEAD"],
    include_in_schema=False,
)


# --- share links -----------------------------------------------------------------------------


@router.post(
    f"{_ASSET}/share-links",
    operation_id="assets_share_links_create",
    summary="Create a share link",
    status_code=201,
    response_model=AssetShareLinkCreated,
    responses=errors(400, 401, 403, 404, 422),
)
async def create_share_link(
    asset_id: uuid.UUID,
    body: AssetShareLinkCreate,
    request: Request,
    session: Session,
    principal: AssetsRead,
) -> AssetShareLinkCreated:
    """A URL that downloads the asset's current file without a bearer token, until it
    expires (default 7 days, at most 90) or is revoked. Partner tokens may share what they
    see; downloads through the link count for their partner, and stop (404) once the partner
    no longer sees the asset. The `token` is shown only in this response."""
    link, token = await share_links.create_link(
        session, principal, asset_id, body.model_dump(exclude_unset=True)
    )
    url = f"{str(request.base_url).rstrip('/')}/v1/shared/{token}"
    shown = AssetShareLink.model_validate(link, from_attributes=True).model_dump()
    return AssetShareLinkCreated(**shown, token=token, url=url)


@router.get(
    f"{_ASSET}/share-links",
    operation_id="assets_share_links_list",
    summary="List an asset's share links",
    response_model=AssetShareLinkList,
    responses=errors(400, 401, 403, 404),
)
async def list_share_links(
    asset_id: uuid.UUID, request: Request, session: Session, principal: AssetsRead, page: PageQuery
) -> Response:
    """The asset's share links, newest first (tokens are never shown again). A partner token
    sees its own partner's links."""
    result = await share_links.list_links(session, principal, asset_id, page)
    return page_body(request, result, ASSET_SHARE_LINK)


@router.api_route(
    f"{_ASSET}/share-links/{{link_id}}",
    methods=["DELETE"],
    operation_id="assets_share_links_revoke",
    summary="Revoke a share link",
    status_code=204,
    response_class=Response,
    responses=errors(401, 403, 404),
)
async def revoke_share_link(
    asset_id: uuid.UUID, link_id: uuid.UUID, session: Session, principal: AssetsRead
) -> Response:
    """The link stops working at once. A partner token revokes its own partner's links."""
    await share_links.revoke_link(session, principal, asset_id, link_id)
    return Response(status_code=204)


@router.get(
    "/v1/shared/{token}",
    name="shared_assets_get",
    operation_id="shared_assets_get",
    summary="Download through a share link",
    response_class=Response,
    responses={k: v for k, v in _FILE_RESPONSES.items() if k not in (401, 403, "401", "403")},
    openapi_extra={"security": []},
    description="The shared asset's current file, without a bearer token. An unknown, "
    "expired or revoked token, or an asset the link's partner no longer sees, is a 404. "
    "Limited per client address like the other public operations." + _FILE_HEADERS_DOC,
)
async def shared_download(
    token: Annotated[str, Path(min_length=1, max_length=share_links.MAX_TOKEN_CHARS)],
    request: Request,
    session: Session,
    redirect: Redirect = False,
) -> Response:
    download = await share_links.resolve_token(session, token, ip=client_ip(request))
    return await _serve(request, download, redirect)


router.add_api_route(
    "/v1/shared/{token}", shared_download, methods=["HEAD"], include_in_schema=False
)


# --- statistics ------------------------------------------------------------------------------


@router.get(
    f"{_ASSET}/stats",
    operation_id="assets_stats_get",
    summary="Download statistics of an asset",
    response_model=AssetStats,
    responses=errors(400, 401, 403, 404, 422),
)
async def asset_stats(
    asset_id: uuid.UUID,
    session: Session,
    principal: AssetsRead,
    from_: Window = None,
    to: WindowEnd = None,
) -> AssetStats:
    """Completed downloads of the asset in `[from, to)`: total, by partner, by UTC day, by
    version. Partner tokens see their own partner's downloads only."""
    return await stats.asset_stats(session, principal, asset_id, from_, to)


@router.get(
    "/v1/partners/{partner_id}/engagement",
    operation_id="partners_engagement_get",
    summary="A partner's asset downloads",
    response_model=PartnerEngagement,
    responses=errors(400, 401, 403, 404, 422),
)
async def partner_engagement(
    partner_id: uuid.UUID,
    session: Session,
    principal: AssetsRead,
    from_: Window = None,
    to: WindowEnd = None,
) -> PartnerEngagement:
    """The partner's completed asset downloads in `[from, to)`, by asset and by UTC month.
    Partner tokens: their own partner only (another is a 404), and only assets they can see
    now: downloads of an asset since archived, expired or moved out of their audience are
    neither listed nor counted."""
    return await stats.partner_engagement(session, principal, partner_id, from_, to)
