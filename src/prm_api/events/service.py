"""Recording events (inside the caller's transaction) and reading the event log.

Services call :func:`emit` next to their audit row, in the same transaction as the change:
the event commits with the change or not at all. An insert trigger on ``events`` sends
``NOTIFY prm_events`` (delivered by PostgreSQL at commit), which wakes the delivery worker.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api import API_VERSION
from prm_api.auth.principal import Actor, Principal
from prm_api.errors import NotFound
from prm_api.events.catalog import type_condition
from prm_api.events.schemas import EventOut
from prm_api.kit.ids import new_id
from prm_api.kit.time import utcnow
from prm_api.models import Event

#: Fields that change on every write; listing them in ``previous_attributes`` says nothing.
_VOLATILE = frozenset({"updated_at", "version"})


def dump(obj: BaseModel | dict[str, Any]) -> dict[str, Any]:
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


async def emit(
    session: AsyncSession,
    actor: Actor,
    type: str,
    obj: BaseModel | dict[str, Any],
    *,
    resource_id: Any,
    partner_id: uuid.UUID | None = None,
    before: BaseModel | dict[str, Any] | None = None,
    partner_view: BaseModel | dict[str, Any] | None = None,
) -> Event:
    """Record ``type`` for ``obj`` (as the API returns it) in the current transaction.

    ``before`` — the object as it was, for updates: its changed fields become
    ``data.previous_attributes``. ``partner_view`` — what the partner may see when it differs
    from the vendor's view (its users and endpoints get this one instead).
    """
    after = dump(obj)
    data: dict[str, Any] = {"object": after}
    if before is not None:
        data["previous_attributes"] = previous_attributes(dump(before), after)
    partner_data = None
    if partner_view is not None:
        partner_data = {"object": dump(partner_view)}
        if "previous_attributes" in data:
            partner_data["previous_attributes"] = previous_attributes(
                dump(before), partner_data["object"]
            )
    event = Event(
        id=new_id(),
        type=type,
        created_at=utcnow(),
        api_version=API_VERSION,
        resource_type=type.split(".", 1)[0],
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


def event_out_for(principal: Principal):
    def present(event: Event) -> EventOut:
        return EventOut.model_validate(envelope(event, partner_audience=principal.is_partner))

    return present


def list_query(
    principal: Principal,
    *,
    types: list[str] | None,
    resource_id: str | None,
    partner_id: uuid.UUID | None,
    created_after: datetime | None,
    created_before: datetime | None,
) -> Select:
    stmt = select(Event)
    if principal.is_partner:
        stmt = stmt.where(Event.partner_id == principal.partner_id)
    elif partner_id is not None:
        stmt = stmt.where(Event.partner_id == partner_id)
    if types:
        stmt = stmt.where(or_(*(type_condition(Event.type, p) for p in types)))
    if resource_id is not None:
        stmt = stmt.where(Event.resource_id == resource_id)
    if created_after is not None:
        stmt = stmt.where(Event.created_at >= created_after)
    if created_before is not None:
        stmt = stmt.where(Event.created_at < created_before)
    return stmt


async def get_visible_event(
    session: AsyncSession, principal: Principal, event_id: uuid.UUID
) -> Event:
    event = await session.get(Event, event_id)
    if event is None or (principal.is_partner and event.partner_id != principal.partner_id):
        raise NotFound("Event not found.")
    return event
