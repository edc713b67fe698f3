"""`/v1/events` (the event log, a pull backstop for webhooks) and `/v1/event-types`."""

from __future__ import annotations

import uuid
from functools import cache
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import Field

from prm_api import domains
from prm_api.auth.policy import EventsRead
from prm_api.db import Session
from prm_api.events import repository, service
from prm_api.events.registry import require_known
from prm_api.events.schemas import EVENT, EventList, EventOut, EventType, EventTypeList
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery, SortKeys, paginate
from prm_api.kit.render import page_body, render
from prm_api.kit.schemas import Timestamp
from prm_api.models import Event

router = APIRouter(tags=["events"])
SORTS = SortKeys({"created_at": Event.created_at}, "created_at", Event.id)
TYPE_PATTERN = r"^[a-z_]+(\.(\*|[a-z_]+))?$"  # `ping` has no dot


@router.get(
    "/v1/events",
    operation_id="events_list",
    summary="List events",
    response_model=EventList,
    responses=errors(400, 401, 403, 422),
)
async def list_events(
    request: Request,
    session: Session,
    principal: EventsRead,
    page: PageQuery,
    type: Annotated[
        list[Annotated[str, Field(pattern=TYPE_PATTERN, max_length=80)]] | None,
        Query(
            max_length=20,
            description="Exact type (`deal.approved`) or a resource wildcard (`deal.*`). "
            "Repeat for several.",
        ),
    ] = None,
    resource_id: Annotated[
        str | None, Query(max_length=80, pattern=r"^[^\x00]*$", description="The object's id.")
    ] = None,
    partner_id: Annotated[uuid.UUID | None, Query(description="Vendor roles only.")] = None,
    created_after: Annotated[Timestamp | None, Query(description="Inclusive.")] = None,
    created_before: Annotated[Timestamp | None, Query(description="Exclusive.")] = None,
    sort: Annotated[str | None, sort_query(SORTS)] = None,
) -> Response:
    """The event log, oldest first by default so an integration can page forward from its
    last seen cursor without missing anything. Partner tokens see only their partner's
    events, in the partner's view."""
    if type:
        type = require_known(type, field="type", location="query")
    stmt = repository.events_query(
        principal,
        types=type,
        resource_id=resource_id,
        partner_id=partner_id,
        created_after=created_after,
        created_before=created_before,
    )
    result = await paginate(session, stmt, SORTS, sort, page)
    return page_body(request, result, EVENT, principal.is_partner)


@router.get(
    "/v1/events/{event_id}",
    operation_id="events_get",
    summary="Get an event",
    response_model=EventOut,
    responses=errors(401, 403, 404, 422),
)
async def get_event(
    session: Session,
    principal: EventsRead,
    event_id: Annotated[uuid.UUID, Path()],
) -> Response:
    """One event, as webhooks deliver it."""
    event = await service.get_visible_event(session, principal, event_id)
    return render(EVENT, event, context=principal.is_partner)


@cache
def _catalog() -> EventTypeList:
    return EventTypeList(
        data=[
            EventType(
                type=t.name,
                resource=t.resource,
                description=t.description,
                schema=t.schema.model_json_schema(mode="serialization"),
            )
            for t in domains.event_types()
        ]
    )


@router.get(
    "/v1/event-types",
    operation_id="event_types_list",
    summary="List event types",
    response_model=EventTypeList,
    responses=errors(401, 403),
)
async def list_event_types(
    principal: EventsRead,
) -> EventTypeList:
    """Every event type with its description and the JSON Schema of its ``data.object``."""
    return _catalog()
