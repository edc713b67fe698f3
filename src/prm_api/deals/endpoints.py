"""`/v1/deals`: deal registration, its lifecycle actions and conflicts."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from prm_api.auth.policy import DealsApprove, DealsRead, DealsWrite
from prm_api.db import Session
from prm_api.deals import lifecycle, service
from prm_api.deals.repository import SORTS
from prm_api.deals.schemas import (
    DEAL,
    ActionReason,
    DealClose,
    DealConflictList,
    DealCreate,
    DealExtension,
    DealFilters,
    DealList,
    DealOut,
    DealRejection,
    DealStage,
    DealStatus,
    DealUpdate,
    DealUpsert,
    deal_out,
)
from prm_api.kit.etag import IfMatch, set_etag
from prm_api.kit.fields import EXTERNAL_ID_EXAMPLE
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery
from prm_api.kit.render import page_body, render
from prm_api.kit.schemas import Amount, CurrencyCode, IsoDate, Timestamp
from prm_api.kit.upsert import ExternalSystemPath, answer_created, upsert_responses
from prm_api.models import Deal

#: How ``q`` orders a list when ``sort`` is omitted (DESIGN §5).
RANKED_BY_Q = "With `q` and no `sort`, best matches come first."
router = APIRouter(prefix="/v1/deals", tags=["deals"])
AmountQuery = Annotated[Amount | None, Query(description='Decimal string, e.g. "1000.00".')]


def _present(deal: Deal, response: Response) -> DealOut:
    set_etag(response, deal.version)
    return deal_out(deal)


@router.get(
    "",
    operation_id="deals_list",
    summary="List deals",
    response_model=DealList,
    responses=errors(400, 401, 403, 422),
)
async def list_deals(
    request: Request,
    session: Session,
    principal: DealsRead,
    page: PageQuery,
    status: Annotated[list[DealStatus] | None, Query(description="Repeat for several.")] = None,
    partner_id: Annotated[uuid.UUID | None, Query(description="Vendor roles only.")] = None,
    stage: Annotated[list[DealStage] | None, Query()] = None,
    currency: Annotated[CurrencyCode | None, Query()] = None,
    amount_min: AmountQuery = None,
    amount_max: AmountQuery = None,
    expected_close_after: Annotated[IsoDate | None, Query(description="Inclusive.")] = None,
    expected_close_before: Annotated[IsoDate | None, Query(description="Inclusive.")] = None,
    customer_domain: Annotated[str | None, Query(max_length=253)] = None,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Fuzzy search: customer name, title."),
    ] = None,
    created_after: Annotated[Timestamp | None, Query()] = None,
    created_before: Annotated[Timestamp | None, Query()] = None,
    updated_after: Annotated[Timestamp | None, Query()] = None,
    updated_before: Annotated[Timestamp | None, Query()] = None,
    sort: Annotated[str | None, sort_query(SORTS, RANKED_BY_Q)] = None,
) -> Response:
    """List deals, newest first. Partner tokens see only their own partner's deals."""
    filters = DealFilters(
        status=[s.value for s in status] if status else None,
        partner_id=partner_id,
        stage=[s.value for s in stage] if stage else None,
        currency=currency,
        amount_min=amount_min,
        amount_max=amount_max,
        expected_close_after=expected_close_after,
        expected_close_before=expected_close_before,
        customer_domain=customer_domain,
        q=q,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
    )
    result = await service.list_deals(
        session,
        principal,
        filters,
        sort=sort,
        page=page,
        search_threshold=request.app.state.settings.search_threshold,
    )
    return page_body(request, result, DEAL)


@router.post(
    "",
    operation_id="deals_create",
    summary="Register a deal",
    status_code=201,
    response_model=DealOut,
    responses=errors(400, 401, 403, 409, 422),
)
async def create_deal(
    body: DealCreate,
    response: Response,
    session: Session,
    principal: DealsWrite,
) -> DealOut:
    """Register a deal as a `draft`. Partner tokens register for their own partner (omit
    `partner_id`); vendor roles must name the partner. Submit it with `POST …/submit`."""
    deal = await service.create_deal(session, principal, body.model_dump(exclude_unset=True))
    response.headers["Location"] = f"/v1/deals/{deal.id}"
    return _present(deal, response)


@router.put(
    "/external/{system}/{external_id}",
    operation_id="deals_upsert_external",
    summary="Create or update a deal by external id",
    response_model=DealOut,
    responses=upsert_responses(DealOut),
)
async def upsert_deal_by_external_id(
    body: DealUpsert,
    response: Response,
    session: Session,
    principal: DealsWrite,
    system: ExternalSystemPath,
    external_id: Annotated[
        str,
        Path(min_length=1, max_length=255, pattern=r"^[^\x00]+$", examples=[EXTERNAL_ID_EXAMPLE]),
    ],
) -> DealOut:
    """Idempotent CRM sync keyed by an opportunity id (vendor roles and integrations).
    Creates the deal as a draft (201, `partner_id` required) or updates it (200)."""
    deal, created = await service.upsert_by_external_id(
        session, principal, system, external_id, body.model_dump(exclude_unset=True)
    )
    answer_created(response, created, f"/v1/deals/{deal.id}")
    return _present(deal, response)


@router.get(
    "/{deal_id}",
    operation_id="deals_get",
    summary="Get a deal",
    response_model=DealOut,
    responses=errors(401, 403, 404),
)
async def get_deal(
    deal_id: uuid.UUID,
    session: Session,
    principal: DealsRead,
) -> Response:
    """Fetch a deal. Another partner's deal does not exist for a partner token (404)."""
    row = await service.get_visible_deal_row(session, principal, deal_id)
    return render(DEAL, row, etag=row.version)


@router.patch(
    "/{deal_id}",
    operation_id="deals_update",
    summary="Update a deal",
    response_model=DealOut,
    responses=errors(400, 401, 403, 404, 409, 412, 422),
)
async def update_deal(
    deal_id: uuid.UUID,
    body: DealUpdate,
    response: Response,
    session: Session,
    principal: DealsWrite,
    if_match: IfMatch,
) -> DealOut:
    """Edit a deal. Partners edit drafts and submitted deals (409 `deal_locked` later); on an
    approved deal only `stage` and `amount` (others → 422). Vendor roles edit any deal.
    Changing the customer (name or domain) of a submitted or approved deal runs conflict
    detection again, as at submit: new conflicts are recorded and `has_conflicts` is set.

    An approval never covers terms it did not approve. On a deal a rule approved, a change of
    `amount` (value or currency) is put to the rules again: if none accepts the new terms,
    the deal returns to review. On a deal a person approved, a partner's edit that raises the
    amount or changes the currency returns it to review; an equal or lower amount in the same
    currency keeps the approval, and vendor roles' edits keep it. Returning to review sets
    `status` to `submitted` (new `submitted_at`; decision and protection cleared) and records
    `deal.returned_to_review` after the edit's `deal.updated`."""
    deal = await service.update_deal(
        session, principal, deal_id, body.model_dump(exclude_unset=True), if_match=if_match
    )
    return _present(deal, response)


_ACTION_ERRORS = errors(400, 401, 403, 404, 409, 412, 422)


@router.post(
    "/{deal_id}/submit",
    operation_id="deals_submit",
    summary="Submit a deal for approval",
    response_model=DealOut,
    responses=_ACTION_ERRORS,
)
async def submit_deal(
    deal_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: DealsWrite,
    if_match: IfMatch,
) -> DealOut:
    """`draft → submitted`. Only active partners' deals (409 `partner_not_active`). Other open
    registrations for the same customer are recorded as conflicts; without conflicts the
    first matching approval rule approves the deal at once (`decision.by = rule:<id>`)."""
    return _present(
        await lifecycle.submit(session, principal, deal_id, if_match=if_match), response
    )


@router.post(
    "/{deal_id}/approve",
    operation_id="deals_approve",
    summary="Approve a deal",
    response_model=DealOut,
    responses=_ACTION_ERRORS,
)
async def approve_deal(
    deal_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: DealsApprove,
    if_match: IfMatch,
    body: ActionReason | None = None,
) -> DealOut:
    """`submitted → approved`: protection starts (program `protection_days`)."""
    deal = await lifecycle.approve(
        session, principal, deal_id, reason=body.reason if body else None, if_match=if_match
    )
    return _present(deal, response)


@router.post(
    "/{deal_id}/reject",
    operation_id="deals_reject",
    summary="Reject a deal",
    response_model=DealOut,
    responses=_ACTION_ERRORS,
)
async def reject_deal(
    deal_id: uuid.UUID,
    body: DealRejection,
    response: Response,
    session: Session,
    principal: DealsApprove,
    if_match: IfMatch,
) -> DealOut:
    """`submitted → rejected`, with the reason the partner will read."""
    deal = await lifecycle.reject(
        session, principal, deal_id, reason=body.reason, if_match=if_match
    )
    return _present(deal, response)


@router.post(
    "/{deal_id}/withdraw",
    operation_id="deals_withdraw",
    summary="Withdraw a deal",
    response_model=DealOut,
    responses=_ACTION_ERRORS,
)
async def withdraw_deal(
    deal_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: DealsWrite,
    if_match: IfMatch,
    body: ActionReason | None = None,
) -> DealOut:
    """`submitted | approved → withdrawn`, by the registering partner."""
    deal = await lifecycle.withdraw(
        session, principal, deal_id, reason=body.reason if body else None, if_match=if_match
    )
    return _present(deal, response)


@router.post(
    "/{deal_id}/close",
    operation_id="deals_close",
    summary="Close a deal as won or lost",
    response_model=DealOut,
    responses=_ACTION_ERRORS,
)
async def close_deal(
    deal_id: uuid.UUID,
    body: DealClose,
    response: Response,
    session: Session,
    principal: DealsWrite,
    if_match: IfMatch,
) -> DealOut:
    """`approved → won | lost`, with close date and reason (vendor roles and integrations)."""
    deal = await lifecycle.close(
        session,
        principal,
        deal_id,
        outcome=body.outcome,
        closed_at=body.closed_at,
        reason=body.reason,
        if_match=if_match,
    )
    return _present(deal, response)


@router.post(
    "/{deal_id}/extend",
    operation_id="deals_extend",
    summary="Extend a deal's protection",
    response_model=DealOut,
    responses=_ACTION_ERRORS,
)
async def extend_deal(
    deal_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: DealsApprove,
    if_match: IfMatch,
    body: DealExtension | None = None,
) -> DealOut:
    """Extend an approved deal's protection by the program's `extension_days`, at most
    `max_extensions` times (409 `extension_limit_reached`)."""
    deal = await lifecycle.extend(
        session, principal, deal_id, reason=body.reason if body else None, if_match=if_match
    )
    return _present(deal, response)


@router.get(
    "/{deal_id}/conflicts",
    operation_id="deals_conflicts_list",
    summary="List a deal's conflicts",
    response_model=DealConflictList,
    responses=errors(401, 403, 404),
)
async def deal_conflicts(
    deal_id: uuid.UUID,
    session: Session,
    principal: DealsRead,
) -> DealConflictList:
    """Other registrations that claim the same customer.

    Vendor roles see the other deal, partner and status. A partner sees only that a conflict
    exists and why (`reason`, `score`), never who or which deal.

    Not paged: a deal has few conflicts, so the response is every one of them in `data`,
    without `has_more` or `next_cursor`."""
    return DealConflictList(data=await service.list_conflicts(session, principal, deal_id))
