"""Queries on the event log: what a caller may list of it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, String, any_, bindparam, or_, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.policy import scope_to_partner
from prm_api.auth.principal import Principal
from prm_api.events.access import readable_types
from prm_api.events.registry import type_condition
from prm_api.kit.filters import in_window
from prm_api.models import Event
from prm_api.reads import fetch_row

#: Every column, as plain rows: built once (a select coerces each of its columns, on every
#: request otherwise); each list adds its conditions to a copy.
_EVENT_COLUMNS = select(Event.__table__)


_EVENT_BY_ID = _EVENT_COLUMNS.where(Event.id == bindparam("event_id"))


async def event_row(session: AsyncSession, event_id: uuid.UUID) -> Any | None:
    """One event as a plain row (``reads.fetch_row``); the caller decides who may see it."""
    return await fetch_row(session, _EVENT_BY_ID, {"event_id": event_id})


def events_query(
    principal: Principal,
    *,
    types: list[str] | None,
    resource_id: str | None,
    partner_id: uuid.UUID | None,
    created_after: datetime | None,
    created_before: datetime | None,
) -> Select[Any]:
    """Events matching the filters, as plain rows (a page is read-only); a partner token's
    are only its partner's (whatever ``partner_id`` it asks for), and only of resources its
    scopes let it read."""
    stmt = scope_to_partner(_EVENT_COLUMNS, principal, Event.partner_id)
    readable = readable_types(principal)
    if readable is not None:
        # = ANY(array), one bound value: an IN list would be rendered per execution, which
        # keeps the page off the raw read path (reads.fetch_plain).
        stmt = stmt.where(Event.type == any_(bindparam("readable_types", readable, ARRAY(String))))
    if partner_id is not None and not principal.is_partner:
        stmt = stmt.where(Event.partner_id == partner_id)
    if types:
        stmt = stmt.where(or_(*(type_condition(Event.type, p) for p in types)))
    if resource_id is not None:
        stmt = stmt.where(Event.resource_id == resource_id)
    return in_window(stmt, Event.created_at, created_after, created_before)
