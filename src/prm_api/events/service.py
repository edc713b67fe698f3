"""Reading the event log: what a caller may see of it (partner tokens: their own events)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Actor, Principal
from prm_api.errors import NotFound
from prm_api.events.outbox import envelope
from prm_api.events.registry import type_condition
from prm_api.events.schemas import EventOut
from prm_api.models import Event


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


async def emit(session: AsyncSession, actor: Actor, type: str, obj: Any, **kwargs: Any) -> Event:
    """TRANSITIONAL shim while services move to ``record_change``; removed when none calls it."""
    from prm_api.events import registry
    from prm_api.events.outbox import emit as emit_type

    return emit_type(session, actor, registry.get(type), obj, **kwargs)
