"""The one way a service records a change: its event and its audit row, together.

Both are written in the caller's transaction, in the same order everywhere (event, then
audit row), so a change commits with its record or not at all (DESIGN §6, §7). Services
call nothing else to record a change; :func:`record_action` covers the few operational
actions that are audited but are not events (a manual redelivery, a bulk recover).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.principal import Actor
from prm_api.events.outbox import Shown, emit
from prm_api.events.registry import EventType
from prm_api.models import Event


async def record_change(
    session: AsyncSession,
    actor: Actor,
    event_type: EventType,
    obj: Shown,
    *,
    resource_id: Any,
    partner_id: uuid.UUID | None = None,
    changes: dict[str, Any] | None = None,
    before: Shown | None = None,
    partner_view: Shown | None = None,
) -> Event:
    """Write ``event_type`` for ``obj`` and its audit row in the current transaction.

    ``obj`` is the resource as the API returns it after the change; ``before`` as it was
    (its changed fields become ``previous_attributes``); ``partner_view`` what the partner
    may see where that differs. ``changes`` is the audit row's field diff (see
    :func:`prm_api.audit.service.diff`). The audit action comes from the event type.
    """
    event = emit(
        session,
        actor,
        event_type,
        obj,
        resource_id=resource_id,
        partner_id=partner_id,
        before=before,
        partner_view=partner_view,
    )
    await record_action(
        session, actor, event_type.action, resource_id, changes=changes, partner_id=partner_id
    )
    return event


async def record_action(
    session: AsyncSession,
    actor: Actor,
    action: str,
    resource_id: Any,
    *,
    changes: dict[str, Any] | None = None,
    partner_id: uuid.UUID | None = None,
) -> None:
    """Audit ``action`` (``<resource>.<verb>``; the row's ``resource_type`` is its prefix).

    The audit row of every change (:func:`record_change` calls it), and by itself the record
    of an operational action that changes no resource and so has no event.
    """
    await audit.record(
        session,
        actor,
        action,
        action.split(".", 1)[0],
        resource_id,
        changes=changes,
        partner_id=partner_id,
    )
