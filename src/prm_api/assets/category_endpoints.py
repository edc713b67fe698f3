"""`/v1/asset-categories`: the tree the content library is filed in."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from prm_api.assets import categories
from prm_api.assets.repository import CATEGORY_SORTS
from prm_api.assets.schemas import (
    ASSET_CATEGORY,
    AssetCategory,
    AssetCategoryCreate,
    AssetCategoryList,
    AssetCategoryUpdate,
)
from prm_api.auth.policy import AssetsRead, AssetsWrite
from prm_api.db import Session
from prm_api.kit.etag import IfMatch, set_etag
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery
from prm_api.kit.render import page_body, render

router = APIRouter(prefix="/v1/asset-categories", tags=["assets"])


@router.get(
    "",
    operation_id="asset_categories_list",
    summary="List asset categories",
    response_model=AssetCategoryList,
    responses=errors(400, 401, 403, 422),
)
async def list_categories(
    request: Request,
    session: Session,
    _: AssetsRead,
    page: PageQuery,
    parent_id: Annotated[
        uuid.UUID | None, Query(description="Only this category's direct children.")
    ] = None,
    top_level: Annotated[
        bool, Query(description="Only top-level categories (ignored with `parent_id`).")
    ] = False,
    sort: Annotated[str | None, sort_query(CATEGORY_SORTS)] = None,
) -> Response:
    """The category tree as a flat list (each with its `parent_id`), by `position`. Partner
    tokens see every category: categories are program-wide, the assets in them are not."""
    result = await categories.list_categories(session, parent_id, top_level, sort, page)
    return page_body(request, result, ASSET_CATEGORY)


@router.post(
    "",
    operation_id="asset_categories_create",
    summary="Create an asset category",
    status_code=201,
    response_model=AssetCategory,
    responses=errors(400, 401, 403, 409, 422),
)
async def create_category(
    body: AssetCategoryCreate, response: Response, session: Session, principal: AssetsWrite
) -> AssetCategory:
    """Create a category (vendor roles). `slug` is unique (409 `category_slug_taken`);
    categories nest at most 4 levels deep (422 `too_deep` on `parent_id`)."""
    category = await categories.create_category(session, principal, body.model_dump())
    set_etag(response, category.version)
    response.headers["Location"] = f"/v1/asset-categories/{category.id}"
    return categories.category_out(category)


@router.get(
    "/{category_id}",
    operation_id="asset_categories_get",
    summary="Get an asset category",
    response_model=AssetCategory,
    responses=errors(401, 403, 404),
)
async def get_category(category_id: uuid.UUID, session: Session, _: AssetsRead) -> Response:
    """One category."""
    category = await categories.get_category_row(session, category_id)
    return render(ASSET_CATEGORY, category, etag=category.version)


@router.patch(
    "/{category_id}",
    operation_id="asset_categories_update",
    summary="Update an asset category",
    response_model=AssetCategory,
    responses=errors(400, 401, 403, 404, 409, 412, 422),
)
async def update_category(
    category_id: uuid.UUID,
    body: AssetCategoryUpdate,
    response: Response,
    session: Session,
    principal: AssetsWrite,
    if_match: IfMatch,
) -> AssetCategory:
    """Rename, reorder or move a category (vendor roles). Moving it under itself or one of its
    descendants (422 `cycle`) or deeper than 4 levels (422 `too_deep`) is refused."""
    category = await categories.update_category(
        session, principal, category_id, body.model_dump(exclude_unset=True), if_match=if_match
    )
    set_etag(response, category.version)
    return categories.category_out(category)


@router.api_route(
    "/{category_id}",
    methods=["DELETE"],
    operation_id="asset_categories_delete",
    summary="Delete an asset category",
    status_code=204,
    responses=errors(401, 403, 404, 409, 412),
)
async def delete_category(
    category_id: uuid.UUID, session: Session, principal: AssetsWrite, if_match: IfMatch
) -> Response:
    """Delete an empty category (409 `category_in_use` while it has children or assets)."""
    await categories.delete_category(session, principal, category_id, if_match=if_match)
    return Response(status_code=204)
