"""The audit trail (`/v1/audit-events`): read it, and prove nothing was altered."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from prm_api.audit.repository import audit_events_query
from prm_api.audit.schemas import AUDIT_EVENT, AuditEventOut, AuditVerifyOut
from prm_api.audit.service import verify_chain
from prm_api.auth.policy import AuditRead
from prm_api.db import Session
from prm_api.kit.openapi import errors
from prm_api.kit.pagination import PageQuery, SortKeys, paginate
from prm_api.kit.render import page_body
from prm_api.kit.schemas import Page, Timestamp
from prm_api.models import AuditEvent

router = APIRouter(prefix="/v1/audit-events", tags=["audit"])
SORTS = SortKeys({"occurred_at": AuditEvent.occurred_at}, "-occurred_at", AuditEvent.id)


@router.get(
    "",
    operation_id="audit_events_list",
    response_model=Page[AuditEventOut],
    responses=errors(400, 401, 403, 422),
)
async def list_audit_events(
    request: Request,
    session: Session,
    _: AuditRead,
    page: PageQuery,
    actor_id: Annotated[
        str | None, Query(max_length=80, description="User id or client_id.")
    ] = None,
    action: Annotated[str | None, Query(max_length=80, examples=["user.created"])] = None,
    resource_type: Annotated[str | None, Query(max_length=48)] = None,
    resource_id: Annotated[str | None, Query(max_length=80)] = None,
    partner_id: Annotated[uuid.UUID | None, Query()] = None,
    request_id: Annotated[str | None, Query(max_length=128)] = None,
    occurred_after: Annotated[Timestamp | None, Query(description="Inclusive bound.")] = None,
    occurred_before: Annotated[
        Timestamp | None, Query(description="Exclusive upper bound.")
    ] = None,
    sort: Annotated[
        str | None, Query(description="`occurred_at` or `-occurred_at` (default).")
    ] = None,
) -> Response:
    """Every recorded change, newest first: who did what to which resource, when and from where."""
    stmt = audit_events_query(
        actor_id=actor_id,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        partner_id=partner_id,
        request_id=request_id,
        occurred_after=occurred_after,
        occurred_before=occurred_before,
    )
    result = await paginate(session, stmt, SORTS, sort, page, entities=False)
    return page_body(request, result, AUDIT_EVENT)


@router.get(
    "/verify",
    operation_id="audit_events_verify",
    response_model=AuditVerifyOut,
    responses=errors(401, 403),
)
async def verify_audit_chain(session: Session, _: AuditRead) -> AuditVerifyOut:
    """Recompute the hash chain from the first row. `ok: false` names the first row that was
    altered, removed or reordered."""
    result = await verify_chain(session)
    return AuditVerifyOut.model_validate(result, from_attributes=True)
