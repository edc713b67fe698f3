"""The event envelope (DESIGN §6) — the body of ``GET /v1/events/{id}`` and of every webhook."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import Field

from prm_api.kit.render import Computed, Shape, json_object
from prm_api.kit.schemas import Page, ResponseModel, Timestamp


class EventActor(ResponseModel):
    type: str = Field(description="`user`, `client`, `system` or `anonymous`.")
    id: str | None = Field(default=None, description="User id, client id, or `system`.")
    role: str | None = None
    partner_id: uuid.UUID | None = None
    client_id: str | None = None


class EventData(ResponseModel):
    object: dict[str, Any] = Field(
        description="The resource as the API returns it after the change; its schema per type "
        "is in `GET /v1/event-types`."
    )
    previous_attributes: dict[str, Any] | None = Field(
        default=None,
        description="For updates: the previous value of every top-level field that changed.",
    )


class Event(ResponseModel):
    id: uuid.UUID = Field(description="Also the `webhook-id` of every delivery of this event.")
    type: str = Field(examples=["deal.approved"])
    created_at: Timestamp
    api_version: str = Field(
        examples=["2026-11-29"],
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        description="The API version the payload follows: a label shaped like a date, "
        "compared as text (not a date).",
    )
    data: EventData
    actor: EventActor
    partner_id: uuid.UUID | None = Field(
        description="The partner whose data this is; null for program-wide events."
    )


_event_data = json_object(EventData)


def _data_for(partner_audience: bool, data: dict[str, Any], partner_data: Any) -> Any:
    """Partner audiences read the partner view when the event has one."""
    return _event_data(partner_data if partner_audience and partner_data is not None else data)


#: An event row as the API and webhooks show it; render it with ``context`` = whether the
#: audience is a partner (partner tokens get the partner view).
EVENT = Shape(
    Event,
    data=Computed(_data_for, "data", "partner_data", context=True),
    actor=Computed(json_object(EventActor), "actor"),
)


class EventType(ResponseModel):
    type: str = Field(examples=["deal.approved"])
    resource: str = Field(examples=["deal"])
    description: str
    schema_: dict[str, Any] = Field(
        alias="schema",
        serialization_alias="schema",
        description="JSON Schema (2020-12) of `data.object`.",
    )


class EventTypeList(ResponseModel):
    data: list[EventType]


class PingObject(ResponseModel):
    """The object of a ``ping`` event."""

    webhook_endpoint_id: uuid.UUID
    message: str = Field(examples=["Test event from the PRM API."])


class EventList(Page[Event]):
    """A page of events."""


# The names server code used before the API named these schemas after the resource (it
# keeps using them where an ORM model of the same name is in scope).
EventOut = Event
