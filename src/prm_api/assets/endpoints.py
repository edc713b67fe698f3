"""`/v1/assets`: the content library — records, lifecycle actions, audience explanation.

(File versions, downloads, share links and stats are served by the storage work.)
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from prm_api.assets import lifecycle, service
from prm_api.assets.repository import SORTS
from prm_api.assets.schemas import (
    ASSET,
    Asset,
    AssetCreate,
    AssetFilters,
    AssetKind,
    AssetList,
    AssetStatus,
    AssetTag,
    AssetUpdate,
    asset_out,
)
from prm_api.audience.schemas import AudienceExplanation
from prm_api.auth.policy import AssetsRead, AssetsWrite
from prm_api.db import Session
from prm_api.kit.etag import IfMatch, set_etag
from prm_api.kit.languages import LanguageTag
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery
from prm_api.kit.render import page_body, render
from prm_api.kit.schemas import Timestamp
from prm_api.models import Asset as AssetRow

RANKED_BY_Q = "With `q` and no `sort`, best matches come first."
router = APIRouter(prefix="/v1/assets", tags=["assets"])


def _present(asset: AssetRow, response: Response) -> Asset:
    set_etag(response, asset.version)
    return asset_out(asset)


@router.get(
    "",
    operation_id="assets_list",
    summary="List assets",
    response_model=AssetList,
    responses=errors(400, 401, 403, 422),
)
async def list_assets(
    request: Request,
    session: Session,
    principal: AssetsRead,
    page: PageQuery,
    kind: Annotated[list[AssetKind] | None, Query(description="Repeat for several.")] = None,
    category_id: Annotated[
        uuid.UUID | None, Query(description="This category and every category under it.")
    ] = None,
    tag: Annotated[
        list[AssetTag] | None, Query(description="Assets carrying every tag given.")
    ] = None,
    language: Annotated[
        LanguageTag | None,
        Query(description="BCP 47 tag; `de` also finds `de-AT`, `de-CH`…"),
    ] = None,
    status: Annotated[
        list[AssetStatus] | None,
        Query(
            description="Vendor roles only (repeat for several); partner tokens see "
            "published assets only."
        ),
    ] = None,
    featured: Annotated[bool | None, Query()] = None,
    updated_after: Annotated[Timestamp | None, Query(description="Inclusive.")] = None,
    updated_before: Annotated[Timestamp | None, Query(description="Exclusive.")] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="Search title, description, tags and file name: accents and case "
            "do not matter, typos and run-together words still match.",
        ),
    ] = None,
    sort: Annotated[str | None, sort_query(SORTS, RANKED_BY_Q)] = None,
) -> Response:
    """List assets, most recently updated first. Partner tokens see only published assets
    within their dates (`publish_at`, `expires_at`) whose audience admits their partner."""
    filters = AssetFilters(
        kind=[k.value for k in kind] if kind else None,
        category_id=category_id,
        tag=tag,
        language=language,
        status=[s.value for s in status] if status else None,
        featured=featured,
        updated_after=updated_after,
        updated_before=updated_before,
        q=q,
    )
    result = await service.list_assets(
        session,
        principal,
        filters,
        sort=sort,
        page=page,
        search_threshold=request.app.state.settings.search_threshold,
    )
    return page_body(request, result, ASSET)


@router.post(
    "",
    operation_id="assets_create",
    summary="Create an asset",
    status_code=201,
    response_model=Asset,
    responses=errors(400, 401, 403, 409, 422),
)
async def create_asset(
    body: AssetCreate, response: Response, session: Session, principal: AssetsWrite
) -> Asset:
    """Create an asset as a `draft` (vendor roles). A `link` asset needs its `url`; a file
    asset gets its file as a version (`POST /v1/assets/{id}/versions`) before it can be
    published. Without `audience` only vendor staff see it."""
    asset = await service.create_asset(session, principal, body.model_dump(exclude_unset=True))
    response.headers["Location"] = f"/v1/assets/{asset.id}"
    return _present(asset, response)


@router.get(
    "/{asset_id}",
    operation_id="assets_get",
    summary="Get an asset",
    response_model=Asset,
    responses=errors(401, 403, 404),
)
async def get_asset(asset_id: uuid.UUID, session: Session, principal: AssetsRead) -> Response:
    """One asset. For a partner token an asset that is not published, not live yet or any
    more, or outside its audience does not exist (404)."""
    asset = await service.get_visible_asset_row(session, principal, asset_id)
    return render(ASSET, asset, etag=asset.version)


@router.patch(
    "/{asset_id}",
    operation_id="assets_update",
    summary="Update an asset",
    response_model=Asset,
    responses=errors(400, 401, 403, 404, 409, 412, 422),
)
async def update_asset(
    asset_id: uuid.UUID,
    body: AssetUpdate,
    response: Response,
    session: Session,
    principal: AssetsWrite,
    if_match: IfMatch,
) -> Asset:
    """Edit an asset (vendor roles); `audience` is replaced as a whole. Changing a link into
    a file kind drops its `url`."""
    asset = await service.update_asset(
        session, principal, asset_id, body.model_dump(exclude_unset=True), if_match=if_match
    )
    return _present(asset, response)


_ACTION_ERRORS = errors(400, 401, 403, 404, 409, 412)


@router.post(
    "/{asset_id}/publish",
    operation_id="assets_publish",
    summary="Publish an asset",
    response_model=Asset,
    responses=_ACTION_ERRORS,
)
async def publish_asset(
    asset_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: AssetsWrite,
    if_match: IfMatch,
) -> Asset:
    """`draft → published`. A file asset needs a version first (409 `asset_has_no_version`);
    an asset past `expires_at` is not published (409 `asset_expired`). Partners in its
    audience see it from `publish_at` (if later) until `expires_at`."""
    asset = await lifecycle.act(session, principal, asset_id, "publish", if_match=if_match)
    return _present(asset, response)


@router.post(
    "/{asset_id}/archive",
    operation_id="assets_archive",
    summary="Archive an asset",
    response_model=Asset,
    responses=_ACTION_ERRORS,
)
async def archive_asset(
    asset_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: AssetsWrite,
    if_match: IfMatch,
) -> Asset:
    """`draft | published → archived`: partners no longer see it."""
    asset = await lifecycle.act(session, principal, asset_id, "archive", if_match=if_match)
    return _present(asset, response)


@router.post(
    "/{asset_id}/unarchive",
    operation_id="assets_unarchive",
    summary="Unarchive an asset",
    response_model=Asset,
    responses=_ACTION_ERRORS,
)
async def unarchive_asset(
    asset_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: AssetsWrite,
    if_match: IfMatch,
) -> Asset:
    """`archived → draft`, to be edited and published again."""
    asset = await lifecycle.act(session, principal, asset_id, "unarchive", if_match=if_match)
    return _present(asset, response)


@router.get(
    "/{asset_id}/audience/explain",
    operation_id="assets_audience_explanation_get",
    summary="Explain an asset's audience for a partner",
    response_model=AudienceExplanation,
    responses=errors(400, 401, 403, 404, 422),
)
async def explain_audience(
    asset_id: uuid.UUID,
    partner_id: Annotated[uuid.UUID, Query(description="The partner to check.")],
    session: Session,
    principal: AssetsRead,
) -> AudienceExplanation:
    """Whether the asset's audience admits the partner and which rule decides, each given
    dimension checked against the partner's current tier, type, country and region (vendor
    roles; 403 `vendor_only` for partner tokens). It answers the audience alone: a partner
    also sees only published assets within their dates."""
    return await service.explain_audience(session, principal, asset_id, partner_id)
