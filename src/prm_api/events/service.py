"""Reading the event log: what a caller may see of it (partner tokens: their own events)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.policy import ensure_visible
from prm_api.auth.principal import Principal
from prm_api.errors import NotFound
from prm_api.events import registry, repository
from prm_api.events.access import may_read
from prm_api.events.outbox import envelope
from prm_api.events.schemas import EventOut
from prm_api.models import Event


def event_out_for(principal: Principal) -> Callable[[Event], EventOut]:
    """The presenter of events for ``principal``: partner tokens get the partner view."""

    def present(event: Event) -> EventOut:
        return EventOut.model_validate(envelope(event, partner_audience=principal.is_partner))

    return present


async def get_visible_event(
    session: AsyncSession, principal: Principal, event_id: uuid.UUID
) -> Any:
    """The event as a plain row, if the caller may read it (404 otherwise)."""
    event = await repository.event_row(session, event_id)
    if event is None:
        raise NotFound("Event not found.")
    ensure_visible(principal, event.partner_id, "Event not found.")
    if event.type in registry.names():
        readable = may_read(principal, registry.get(event.type))
    else:  # a type no longer defined: vendor staff only
        readable = principal.is_vendor
    if not readable:
        # As for another partner's event: what the caller may not read does not exist.
        raise NotFound("Event not found.")
    return event
