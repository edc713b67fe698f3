"""Reading the event log: what a caller may see of it (partner tokens: their own events)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.policy import ensure_visible
from prm_api.auth.principal import Principal
from prm_api.errors import NotFound
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
) -> Event:
    event = await session.get(Event, event_id)
    if event is None:
        raise NotFound("Event not found.")
    ensure_visible(principal, event.partner_id, "Event not found.")
    return event
