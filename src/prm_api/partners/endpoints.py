"""`/v1/partners`: the partner record, CRM upsert, lifecycle actions and tier assignment."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.policy import PartnersRead, PartnersWrite
from prm_api.db import Session
from prm_api.errors import BadRequest
from prm_api.kit import search
from prm_api.kit.etag import IfMatch, set_etag
from prm_api.kit.fields import EXTERNAL_ID_EXAMPLE
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery, SortKeys
from prm_api.kit.render import page_body, render
from prm_api.kit.schemas import CountryCode, Timestamp
from prm_api.kit.search import set_search_threshold
from prm_api.kit.upsert import ExternalSystemPath, answer_created, upsert_responses
from prm_api.models import Partner
from prm_api.partners import lifecycle, repository, service
from prm_api.partners.schemas import (
    PARTNER,
    LifecycleAction,
    PartnerCreate,
    PartnerList,
    PartnerOut,
    PartnerStatus,
    PartnerType,
    PartnerUpdate,
    PartnerUpsert,
    TierAssignment,
)

#: How ``q`` orders a list when ``sort`` is omitted (DESIGN §5).
RANKED_BY_Q = "With `q` and no `sort`, best matches come first."
router = APIRouter(prefix="/v1/partners", tags=["partners"])
SORTS = SortKeys(
    {"created_at": Partner.created_at, "updated_at": Partner.updated_at, "name": Partner.name},
    "-created_at",
    Partner.id,
)


async def _present(session: AsyncSession, partner: Partner, response: Response) -> PartnerOut:
    set_etag(response, partner.version)
    return await service.present(session, partner)


def _external_id(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    system, sep, ext = value.partition(":")
    if not sep or not system or not ext:
        raise BadRequest(
            "external_id must look like `system:id`, e.g. `salesforce:001xx`.",
            code="invalid_filter",
        )
    return system, ext


@router.get(
    "",
    operation_id="partners_list",
    summary="List partners",
    response_model=PartnerList,
    responses=errors(400, 401, 403, 422),
)
async def list_partners(
    request: Request,
    session: Session,
    principal: PartnersRead,
    page: PageQuery,
    status: Annotated[list[PartnerStatus] | None, Query(description="Repeat for several.")] = None,
    tier: Annotated[str | None, Query(max_length=64, description="Tier id or key.")] = None,
    type: Annotated[list[PartnerType] | None, Query()] = None,
    country: Annotated[list[CountryCode] | None, Query()] = None,
    manager_id: Annotated[uuid.UUID | None, Query()] = None,
    tag: Annotated[list[str] | None, Query(description="All given tags must be present.")] = None,
    external_id: Annotated[
        str | None,
        Query(
            max_length=300,
            pattern=r"^[a-z][a-z0-9_-]{0,31}:[^\x00]+$",
            description="`system:id`, e.g. `salesforce:001xx`.",
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Fuzzy search over name and domain."),
    ] = None,
    created_after: Annotated[Timestamp | None, Query()] = None,
    created_before: Annotated[Timestamp | None, Query()] = None,
    updated_after: Annotated[Timestamp | None, Query()] = None,
    updated_before: Annotated[Timestamp | None, Query()] = None,
    sort: Annotated[str | None, sort_query(SORTS, RANKED_BY_Q)] = None,
) -> Response:
    """List partners. Partner tokens see only their own partner.

    `q` matches names and domains approximately (trigram word similarity), so `nortwind`
    finds *Northwind Systems*. Without `sort`, matches come best first: the name equal to
    `q`, then names starting with it, then names with a word starting with it, then by
    similarity; pages follow that order (the cursor belongs to that `q`).
    """
    stmt, values = repository.partners_query(
        principal,
        status=[s.value for s in status] if status else None,
        tier=tier,
        type_=[t.value for t in type] if type else None,
        country=country,
        manager_id=manager_id,
        tag=tag,
        external_id=_external_id(external_id),
        q=q,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
    )
    if q:
        await set_search_threshold(session, request.app.state.settings.search_threshold)
    result = await search.paginate(session, stmt, SORTS, sort, page, q=q, values=values)
    return page_body(request, result, PARTNER)


@router.post(
    "",
    operation_id="partners_create",
    summary="Create a partner",
    status_code=201,
    response_model=PartnerOut,
    responses=errors(400, 401, 403, 409, 422),
)
async def create_partner(
    body: PartnerCreate,
    response: Response,
    session: Session,
    principal: PartnersWrite,
) -> PartnerOut:
    """Create a partner directly (vendor roles). It starts in `onboarding`.

    The normalized domain must not belong to another live partner or open application
    (409 `duplicate_partner`).
    """
    partner = await service.create_partner(
        session, principal.actor, body.model_dump(exclude_unset=True)
    )
    response.headers["Location"] = f"/v1/partners/{partner.id}"
    return await _present(session, partner, response)


@router.put(
    "/external/{system}/{external_id}",
    operation_id="partners_upsert_external",
    summary="Create or update a partner by external id",
    response_model=PartnerOut,
    responses=upsert_responses(PartnerOut),
)
async def upsert_partner_by_external_id(
    body: PartnerUpsert,
    response: Response,
    session: Session,
    principal: PartnersWrite,
    system: ExternalSystemPath,
    external_id: Annotated[str, Path(min_length=1, max_length=255, examples=[EXTERNAL_ID_EXAMPLE])],
) -> PartnerOut:
    """Idempotent CRM sync keyed by an external id (e.g. a Salesforce account id).

    Creates the partner (201) or updates it (200). Sending the same body twice changes
    nothing the second time and writes no audit row.
    """
    partner, created = await service.upsert_by_external_id(
        session, principal, system, external_id, body.model_dump(exclude_unset=True)
    )
    answer_created(response, created, f"/v1/partners/{partner.id}")
    return await _present(session, partner, response)


@router.get(
    "/{partner_id}",
    operation_id="partners_get",
    summary="Get a partner",
    response_model=PartnerOut,
    responses=errors(401, 403, 404),
)
async def get_partner(
    partner_id: uuid.UUID,
    session: Session,
    principal: PartnersRead,
) -> Response:
    """Fetch a partner. A partner token gets 404 for any partner but its own."""
    row = await repository.visible_partner_row(session, principal, partner_id)
    return render(PARTNER, row, etag=row.version)


@router.patch(
    "/{partner_id}",
    operation_id="partners_update",
    summary="Update a partner",
    response_model=PartnerOut,
    responses=errors(400, 401, 403, 404, 409, 412, 422),
)
async def update_partner(
    partner_id: uuid.UUID,
    body: PartnerUpdate,
    response: Response,
    session: Session,
    principal: PartnersWrite,
    if_match: IfMatch,
) -> PartnerOut:
    """Change profile fields. Partner admins may change only `description`, `website`,
    `contact` and `address` of their own partner (anything else → 422). Status and tier
    change through actions, never here."""
    partner = await repository.get_visible_partner(session, principal, partner_id, for_update=True)
    partner = await service.update_partner(
        session, principal, partner, body.model_dump(exclude_unset=True), if_match=if_match
    )
    return await _present(session, partner, response)


def _action(action: str, summary: str) -> None:
    async def endpoint(
        partner_id: uuid.UUID,
        response: Response,
        session: Session,
        principal: PartnersWrite,
        if_match: IfMatch,
        body: LifecycleAction | None = None,
    ) -> PartnerOut:
        partner = await lifecycle.transition(
            session,
            principal,
            partner_id,
            action,
            reason=body.reason if body else None,
            if_match=if_match,
        )
        return await _present(session, partner, response)

    step = lifecycle.TRANSITIONS[action]
    endpoint.__doc__ = (
        f"{summary}\n\nAllowed from: {', '.join(sorted(step.sources))} → `{step.target}`. "
        "Vendor roles only. Any other status → 409 `invalid_transition` listing the allowed "
        "actions. Honours `If-Match`."
    )
    router.add_api_route(
        f"/{{partner_id}}/{action}",
        endpoint,
        methods=["POST"],
        operation_id=f"partners_{action}",
        response_model=PartnerOut,
        responses=errors(400, 401, 403, 404, 409, 412, 422),
        summary=summary,
    )


_action("approve", "Approve an application")
_action("decline", "Decline an application")
_action("activate", "Activate an onboarded partner")
_action("suspend", "Suspend a partner")
_action("reinstate", "Reinstate a suspended partner")
_action("terminate", "Terminate a partner")


@router.post(
    "/{partner_id}/tier",
    operation_id="partners_assign_tier",
    summary="Assign a partner's tier",
    response_model=PartnerOut,
    responses=errors(400, 401, 403, 404, 412, 422),
)
async def assign_tier(
    partner_id: uuid.UUID,
    body: TierAssignment,
    response: Response,
    session: Session,
    principal: PartnersWrite,
    if_match: IfMatch,
) -> PartnerOut:
    """Put a partner in a tier by hand (vendor roles), with a reason that is audited."""
    partner = await service.assign_tier(
        session, principal, partner_id, body.tier_id, reason=body.reason, if_match=if_match
    )
    return await _present(session, partner, response)
