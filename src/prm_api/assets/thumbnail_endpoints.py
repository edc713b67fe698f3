"""`GET /v1/assets/{asset_id}/thumbnail`: the current version's thumbnail, made by the worker
(`assets/thumbnails.py`)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request, Response

from prm_api.assets import thumbnails
from prm_api.auth.policy import AssetsRead
from prm_api.db import Session
from prm_api.kit.openapi import errors
from prm_api.storage import get_storage

router = APIRouter(prefix="/v1/assets", tags=["assets"])

_PNG: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The thumbnail: a PNG that fits in 400×400 pixels.",
        "content": {"image/png": {"schema": {"type": "string", "format": "binary"}}},
        "headers": {
            "ETag": {"schema": {"type": "string"}, "description": "Changes with the version."}
        },
    },
    304: {"description": "`If-None-Match` matched: the cached thumbnail is current."},
}


@router.get(
    "/{asset_id}/thumbnail",
    operation_id="assets_thumbnail_get",
    summary="Get an asset's thumbnail",
    response_class=Response,
    responses={**_PNG, **errors(401, 403, 404)},
)
async def get_thumbnail(
    asset_id: uuid.UUID,
    request: Request,
    session: Session,
    principal: AssetsRead,
    if_none_match: Annotated[
        str | None,
        Header(
            alias="If-None-Match",
            max_length=1024,
            description="The `ETag` of a cached copy: 304 when it is still current.",
        ),
    ] = None,
) -> Response:
    """A PNG of the current version's image or first PDF page, fitting in 400×400 pixels.

    Thumbnails are made in the background shortly after an upload (PNG, JPEG, GIF, WebP and
    PDF files); until then, and for other files or files that cannot be rendered, this is a
    404 — `has_thumbnail` on the asset says whether there is one. Visible exactly when the
    asset is (a partner outside its audience gets 404)."""
    thumb = await thumbnails.get_thumbnail(
        session,
        principal,
        asset_id,
        get_storage(request.app.state.settings),
        if_none_match=if_none_match,
    )
    headers = {
        "ETag": thumb.etag,
        "Cache-Control": thumbnails.CACHE_CONTROL,
        "X-Content-Type-Options": "nosniff",
    }
    if thumb.png is None:
        return Response(status_code=304, headers=headers)
    return Response(thumb.png, media_type="image/png", headers=headers)
