"""Queries on the audit trail."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select

from prm_api.kit.filters import in_window
from prm_api.models import AuditEvent

#: Every column, as plain rows: built once (a select coerces each of its columns, on every
#: request otherwise); each list adds its conditions to a copy.
_AUDIT_COLUMNS = select(AuditEvent.__table__)


def audit_events_query(
    *,
    actor_id: str | None,
    action: str | None,
    resource_type: str | None,
    resource_id: str | None,
    partner_id: uuid.UUID | None,
    request_id: str | None,
    occurred_after: datetime | None,
    occurred_before: datetime | None,
) -> Select[Any]:
    """Audit rows matching every filter given (exact matches; time bounds half-open), as
    plain rows (a page is read-only)."""
    stmt = _AUDIT_COLUMNS
    for column, value in (
        (AuditEvent.actor_id, actor_id),
        (AuditEvent.action, action),
        (AuditEvent.resource_type, resource_type),
        (AuditEvent.resource_id, resource_id),
        (AuditEvent.partner_id, partner_id),
        (AuditEvent.request_id, request_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    return in_window(stmt, AuditEvent.occurred_at, occurred_after, occurred_before)
