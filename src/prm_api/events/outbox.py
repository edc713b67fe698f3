"""Writing events into the transactional outbox, and the envelope they are read as.

:func:`emit` adds the event to the caller's session: it commits with the change or not at
all. An insert trigger on ``events`` sends ``NOTIFY prm_events`` (delivered by PostgreSQL
at commit), which wakes the delivery worker. Services record changes with
:func:`prm_api.events.recording.record_change` (event and audit row together); ``emit``
alone is for events that are not a change of their own (a webhook test ping, the conflicts
a submission found, which its own audit row lists).
"""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel

from prm_api import API_VERSION
from prm_api.auth.principal import Actor
from prm_api.events.registry import EventType
from prm_api.kit.ids import new_id
from prm_api.kit.time import utcnow
from prm_api.models import Event

#: Fields that change on every write; listing them in ``previous_attributes`` says nothing.
_VOLATILE = frozenset({"updated_at", "version"})

Shown = BaseModel | dict[str, Any]


def dump(obj: Shown) -> dict[str, Any]:
    """The JSON the API would return for ``obj``."""
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json", by_alias=True)
    return obj


def previous_attributes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value
        for key, value in before.items()
        if key not in _VOLATILE and after.get(key) != value
    }


def emit(
    session: Any,
    actor: Actor,
    event_type: EventType,
    obj: Shown,
    *,
    resource_id: Any,
    partner_id: uuid.UUID | None = None,
    before: Shown | None = None,
    partner_view: Shown | None = None,
) -> Event:
    """Record ``event_type`` for ``obj`` (as the API returns it) in the current transaction.

    ``before`` — the object as it was, for updates: its changed fields become
    ``data.previous_attributes``. ``partner_view`` — what the partner may see when it differs
    from the vendor's view (its users and endpoints get this one instead).
    """
    if not isinstance(event_type, EventType):
        raise TypeError(f"emit() takes an EventType, not {type(event_type).__name__}")
    after = dump(obj)
    data: dict[str, Any] = {"object": after}
    previous = dump(before) if before is not None else None
    if previous is not None:
        data["previous_attributes"] = previous_attributes(previous, after)
    partner_data = None
    if partner_view is not None:
        partner_data = {"object": dump(partner_view)}
        if previous is not None:
            partner_data["previous_attributes"] = previous_attributes(
                previous, partner_data["object"]
            )
    event = Event(
        id=new_id(),
        type=event_type.name,
        created_at=utcnow(),
        api_version=API_VERSION,
        resource_type=event_type.resource,
        resource_id=str(resource_id),
        partner_id=partner_id,
        actor=actor.as_dict(),
        data=data,
        partner_data=partner_data,
    )
    session.add(event)
    return event


def envelope(event: Event, *, partner_audience: bool) -> dict[str, Any]:
    """The event as the API and webhooks show it; partner audiences get the partner view."""
    data = event.data
    if partner_audience and event.partner_data is not None:
        data = event.partner_data
    return {
        "id": str(event.id),
        "type": event.type,
        "created_at": event.created_at.isoformat().replace("+00:00", "Z"),
        "api_version": event.api_version,
        "data": data,
        "actor": event.actor,
        "partner_id": str(event.partner_id) if event.partner_id else None,
    }
