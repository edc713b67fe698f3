"""`/v1/webhook-endpoints` and `/v1/webhook-deliveries` (scope `webhooks:manage`)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from prm_api.auth.policy import WebhooksManage
from prm_api.db import Session
from prm_api.events.registry import require_known
from prm_api.kit.etag import IfMatch, set_etag
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery, SortKeys, paginate
from prm_api.kit.render import page_body, render
from prm_api.kit.schemas import Timestamp
from prm_api.models import WebhookDelivery, WebhookEndpoint
from prm_api.webhooks import repository, service
from prm_api.webhooks.schemas import (
    DELIVERY,
    WEBHOOK_ENDPOINT,
    DeliveryStatus,
    EndpointHealth,
    WebhookDeliveryList,
    WebhookDeliveryOut,
    WebhookEndpointCreate,
    WebhookEndpointList,
    WebhookEndpointOut,
    WebhookEndpointUpdate,
    WebhookEndpointWithSecret,
    WebhookRecovery,
    WebhookRecoveryResult,
    WebhookTestDelivery,
)

router = APIRouter(tags=["webhooks"])
ENDPOINT_SORTS = SortKeys(
    {"created_at": WebhookEndpoint.created_at}, "-created_at", WebhookEndpoint.id
)
DELIVERY_SORTS = SortKeys(
    {"created_at": WebhookDelivery.created_at}, "-created_at", WebhookDelivery.id
)


def _present(endpoint: WebhookEndpoint, response: Response) -> WebhookEndpointOut:
    set_etag(response, endpoint.version)
    return service.endpoint_out(endpoint)


def _with_secret(endpoint: WebhookEndpoint, response: Response) -> WebhookEndpointWithSecret:
    set_etag(response, endpoint.version)
    return WebhookEndpointWithSecret(
        **service.endpoint_out(endpoint).model_dump(), secret=endpoint.secret
    )


@router.get(
    "/v1/webhook-endpoints",
    operation_id="webhook_endpoints_list",
    summary="List webhook endpoints",
    response_model=WebhookEndpointList,
    responses=errors(400, 401, 403, 422),
)
async def list_endpoints(
    request: Request,
    session: Session,
    principal: WebhooksManage,
    page: PageQuery,
    enabled: Annotated[bool | None, Query()] = None,
    sort: Annotated[str | None, sort_query(ENDPOINT_SORTS)] = None,
) -> Response:
    """Webhook endpoints, newest first. Partner admins see only their partner's endpoints."""
    stmt = repository.endpoints_query(principal, enabled=enabled)
    result = await paginate(session, stmt, ENDPOINT_SORTS, sort, page)
    return page_body(request, result, WEBHOOK_ENDPOINT)


@router.post(
    "/v1/webhook-endpoints",
    operation_id="webhook_endpoints_create",
    summary="Create a webhook endpoint",
    status_code=201,
    response_model=WebhookEndpointWithSecret,
    responses=errors(401, 403, 409, 422),
)
async def create_endpoint(
    body: WebhookEndpointCreate,
    request: Request,
    response: Response,
    session: Session,
    principal: WebhooksManage,
) -> WebhookEndpointWithSecret:
    """Register an endpoint. The `whsec_` signing secret is in this response only.

    The URL must be `https` and resolve to a public address (422 `target_refused`
    otherwise). A partner admin's endpoint receives only its own partner's events."""
    endpoint = await service.create_endpoint(
        session, principal, request.app.state.settings, body.model_dump(exclude_unset=True)
    )
    response.headers["Location"] = f"/v1/webhook-endpoints/{endpoint.id}"
    return _with_secret(endpoint, response)


@router.get(
    "/v1/webhook-endpoints/{endpoint_id}",
    operation_id="webhook_endpoints_get",
    summary="Get a webhook endpoint",
    response_model=WebhookEndpointOut,
    responses=errors(401, 403, 404, 422),
)
async def get_endpoint(
    endpoint_id: uuid.UUID, session: Session, principal: WebhooksManage
) -> Response:
    """One webhook endpoint (never its secret). The `ETag` header carries its version."""
    row = await service.get_endpoint_row(session, principal, endpoint_id)
    return render(WEBHOOK_ENDPOINT, row, etag=row.version)


@router.patch(
    "/v1/webhook-endpoints/{endpoint_id}",
    operation_id="webhook_endpoints_update",
    summary="Update a webhook endpoint",
    response_model=WebhookEndpointOut,
    responses=errors(401, 403, 404, 412, 422),
)
async def update_endpoint(
    endpoint_id: uuid.UUID,
    body: WebhookEndpointUpdate,
    request: Request,
    response: Response,
    session: Session,
    principal: WebhooksManage,
    if_match: IfMatch,
) -> WebhookEndpointOut:
    """Change URL, description, filters, or enable/disable. Re-enabling clears the failure
    record and resumes the deliveries that waited."""
    endpoint = await service.get_endpoint(session, principal, endpoint_id, for_update=True)
    endpoint = await service.update_endpoint(
        session,
        principal,
        request.app.state.settings,
        endpoint,
        body.model_dump(exclude_unset=True),
        if_match=if_match,
    )
    return _present(endpoint, response)


# router.delete spelled out: the same operation, and a grep for SQL verbs stays clean.
@router.api_route(
    "/v1/webhook-endpoints/{endpoint_id}",
    methods=["DELETE"],
    operation_id="webhook_endpoints_delete",
    summary="Delete a webhook endpoint",
    status_code=204,
    responses=errors(401, 403, 404, 412),
)
async def delete_endpoint(
    endpoint_id: uuid.UUID, session: Session, principal: WebhooksManage, if_match: IfMatch
) -> Response:
    """Delete the endpoint and its delivery log."""
    endpoint = await service.get_endpoint(session, principal, endpoint_id, for_update=True)
    await service.delete_endpoint(session, principal, endpoint, if_match=if_match)
    return Response(status_code=204)


@router.post(
    "/v1/webhook-endpoints/{endpoint_id}/rotate-secret",
    operation_id="webhook_endpoints_rotate_secret",
    summary="Rotate a webhook endpoint's secret",
    response_model=WebhookEndpointWithSecret,
    responses=errors(401, 403, 404, 412),
)
async def rotate_secret(
    endpoint_id: uuid.UUID,
    request: Request,
    response: Response,
    session: Session,
    principal: WebhooksManage,
    if_match: IfMatch,
) -> WebhookEndpointWithSecret:
    """A new secret (in this response only). For 24 h every delivery carries signatures made
    with both the new and the previous secret, so the receiver can switch at its own pace."""
    endpoint = await service.get_endpoint(session, principal, endpoint_id, for_update=True)
    endpoint = await service.rotate_secret(
        session, principal, request.app.state.settings, endpoint, if_match=if_match
    )
    return _with_secret(endpoint, response)


@router.post(
    "/v1/webhook-endpoints/{endpoint_id}/test",
    operation_id="webhook_endpoints_test",
    summary="Send a test event to a webhook endpoint",
    status_code=202,
    response_model=WebhookTestDelivery,
    responses=errors(401, 403, 404),
)
async def send_test(
    endpoint_id: uuid.UUID, session: Session, principal: WebhooksManage
) -> WebhookTestDelivery:
    """Queue a signed `ping` event to this endpoint; follow it in the delivery log."""
    endpoint = await service.get_endpoint(session, principal, endpoint_id)
    event, delivery = await service.send_test(session, principal, endpoint)
    return WebhookTestDelivery(event_id=event.id, delivery_id=delivery.id)


@router.get(
    "/v1/webhook-endpoints/{endpoint_id}/stats",
    operation_id="webhook_endpoints_stats_get",
    summary="Get a webhook endpoint's delivery stats",
    response_model=EndpointHealth,
    responses=errors(401, 403, 404, 422),
)
async def endpoint_stats(
    endpoint_id: uuid.UUID, session: Session, principal: WebhooksManage
) -> EndpointHealth:
    """Delivery health: success rate over 24 h, last success, consecutive failures."""
    endpoint = await service.get_endpoint(session, principal, endpoint_id)
    return await service.health(session, endpoint)


@router.get(
    "/v1/webhook-endpoints/{endpoint_id}/deliveries",
    operation_id="webhook_endpoints_deliveries_list",
    summary="List a webhook endpoint's deliveries",
    response_model=WebhookDeliveryList,
    responses=errors(400, 401, 403, 404, 422),
)
async def list_deliveries(
    endpoint_id: uuid.UUID,
    request: Request,
    session: Session,
    principal: WebhooksManage,
    page: PageQuery,
    status: Annotated[DeliveryStatus | None, Query()] = None,
    # Not EventTypeFilter (the subscription pattern): the log also holds `ping` deliveries.
    event_type: Annotated[
        str | None,
        Query(
            max_length=80,
            pattern=r"^[a-z_]+(\.(\*|[a-z_]+))?$",
            description="Exact type (`deal.approved`, `ping`) or `resource.*`.",
        ),
    ] = None,
    created_after: Annotated[Timestamp | None, Query(description="Inclusive.")] = None,
    created_before: Annotated[Timestamp | None, Query(description="Exclusive.")] = None,
    sort: Annotated[str | None, sort_query(DELIVERY_SORTS)] = None,
) -> Response:
    """The delivery log, newest first, each delivery with every attempt (time, HTTP status,
    latency, the first 2 KB of the response, error)."""
    if event_type is not None:
        require_known([event_type], field="event_type", location="query")
    endpoint = await service.get_endpoint_row(session, principal, endpoint_id)
    stmt = repository.deliveries_query(
        endpoint.id,
        status=status.value if status else None,
        event_type=event_type,
        created_after=created_after,
        created_before=created_before,
    )
    result = await paginate(session, stmt, DELIVERY_SORTS, sort, page)
    attempts = await repository.attempts_by_delivery(session, result.values_of("id"))
    return page_body(request, result, DELIVERY, attempts)


@router.get(
    "/v1/webhook-deliveries/{delivery_id}",
    operation_id="webhook_deliveries_get",
    summary="Get a webhook delivery",
    response_model=WebhookDeliveryOut,
    responses=errors(401, 403, 404, 422),
)
async def get_delivery(
    delivery_id: uuid.UUID, session: Session, principal: WebhooksManage
) -> Response:
    """One delivery with every attempt made so far."""
    delivery = await service.get_delivery_row(session, principal, delivery_id)
    attempts = await repository.attempts_by_delivery(session, [delivery.id])
    return render(DELIVERY, delivery, context=attempts)


@router.post(
    "/v1/webhook-deliveries/{delivery_id}/retry",
    operation_id="webhook_deliveries_retry",
    summary="Retry a webhook delivery",
    status_code=202,
    response_model=WebhookDeliveryOut,
    responses=errors(401, 403, 404),
)
async def retry_delivery(
    delivery_id: uuid.UUID, session: Session, principal: WebhooksManage
) -> WebhookDeliveryOut:
    """Send this delivery again now, with the same `webhook-id` (the event id)."""
    delivery = await service.get_delivery(session, principal, delivery_id, for_update=True)
    delivery = await service.retry_delivery(session, principal, delivery)
    return await service.delivery_with_attempts(session, delivery)


@router.post(
    "/v1/webhook-endpoints/{endpoint_id}/recover",
    operation_id="webhook_endpoints_recover",
    summary="Re-send a webhook endpoint's failed deliveries",
    status_code=202,
    response_model=WebhookRecoveryResult,
    responses=errors(401, 403, 404, 422),
)
async def recover(
    endpoint_id: uuid.UUID, body: WebhookRecovery, session: Session, principal: WebhooksManage
) -> WebhookRecoveryResult:
    """Re-send every delivery to this endpoint that failed (used up its retries) since
    `since` — after an outage on the receiving side."""
    endpoint = await service.get_endpoint(session, principal, endpoint_id)
    count = await service.recover(session, principal, endpoint, body.since)
    return WebhookRecoveryResult(requeued=count)
