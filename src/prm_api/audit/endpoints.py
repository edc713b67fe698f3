"""The audit trail (`/v1/audit-events`): read it, and prove nothing was altered."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Request, Response

from prm_api.audit import checkpoints
from prm_api.audit.repository import audit_events_query
from prm_api.audit.schemas import (
    AUDIT_CHECKPOINT,
    AUDIT_EVENT,
    AuditCheckpointList,
    AuditCheckpointOut,
    AuditEventList,
    AuditVerification,
    AuditVerifyCheckpoint,
    AuditVerifyRequest,
)
from prm_api.audit.service import VerifyResult
from prm_api.auth.policy import AuditRead
from prm_api.db import Session
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery, SortKeys, paginate
from prm_api.kit.render import page_body, render
from prm_api.kit.schemas import Timestamp
from prm_api.models import AuditCheckpoint, AuditEvent

router = APIRouter(prefix="/v1/audit-events", tags=["audit"])
SORTS = SortKeys({"occurred_at": AuditEvent.occurred_at}, "-occurred_at", AuditEvent.id)
CHECKPOINT_SORTS = SortKeys(
    {"created_at": AuditCheckpoint.created_at}, "-created_at", AuditCheckpoint.id
)


@router.get(
    "",
    operation_id="audit_events_list",
    summary="List audit events",
    response_model=AuditEventList,
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
    sort: Annotated[str | None, sort_query(SORTS)] = None,
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
    result = await paginate(session, stmt, SORTS, sort, page)
    return page_body(request, result, AUDIT_EVENT)


def _verified(result: VerifyResult) -> AuditVerification:
    return AuditVerification.model_validate(result, from_attributes=True)


@router.get(
    "/verify",
    operation_id="audit_events_verify",
    summary="Verify the audit chain",
    response_model=AuditVerification,
    responses=errors(401, 403),
)
async def verify_audit_chain(request: Request, session: Session, _: AuditRead) -> AuditVerification:
    """Recompute the hash chain from the first row, and check it against the newest stored
    checkpoint (its signature, and that the row at its `seq` still has its hash). `ok: false`
    names the first row that was altered, removed or reordered, or the checkpoint's `seq`
    when the chain was cut or rewritten up to it; `reason` says which.

    **What it proves.** The links prove no row was altered, removed or reordered between rows
    still present. A checkpoint (a signed `seq` and `hash`, see `/v1/audit-events/checkpoints`)
    also proves that nothing up to its `seq` was cut from the end or rewritten with every
    later hash recomputed: the row at its `seq` is gone, or has another hash.

    **What it cannot prove.** Anything after the newest checkpoint the verifier holds: rows
    added since can still be cut without trace. A stored checkpoint is only as safe as the
    database holding it (whoever deletes rows can delete checkpoints too), so keep the
    `audit.checkpoint_created` events outside it (a webhook receiver, a SIEM) and verify
    with those. Someone holding both the database and the signing key can sign checkpoints
    of a forged chain; only a checkpoint kept elsewhere before the forgery exposes it."""
    return _verified(await checkpoints.verify_against_newest(session, request.app.state.key_ring))


@router.post(
    "/verify",
    operation_id="audit_events_verify_checkpoint",
    summary="Verify the audit chain against a kept checkpoint",
    response_model=AuditVerification,
    responses=errors(400, 401, 403, 422),
)
async def verify_against_checkpoint(
    request: Request,
    session: Session,
    _: AuditRead,
    body: Annotated[
        AuditVerifyRequest,
        Body(description="A checkpoint's `jws`, or a `seq` and its chain `hash`."),
    ],
) -> AuditVerification:
    """Verify the chain against a checkpoint you kept outside this service: either its `jws`
    (`{"checkpoint": "…"}`: the signature is checked against `/.well-known/jwks.json` first,
    400 `invalid_checkpoint` if it does not verify) or a `seq` and `hash` you wrote down.
    `ok: false` when a link is broken, when no row has that `seq` any more (rows at or after
    it were deleted), or when the row there has another hash (the chain was rewritten).

    **What it proves.** The links prove no row was altered, removed or reordered between rows
    still present. A checkpoint (a signed `seq` and `hash`, see `/v1/audit-events/checkpoints`)
    also proves that nothing up to its `seq` was cut from the end or rewritten with every
    later hash recomputed: the row at its `seq` is gone, or has another hash.

    **What it cannot prove.** Anything after the newest checkpoint the verifier holds: rows
    added since can still be cut without trace. A stored checkpoint is only as safe as the
    database holding it (whoever deletes rows can delete checkpoints too), so keep the
    `audit.checkpoint_created` events outside it (a webhook receiver, a SIEM) and verify
    with those. Someone holding both the database and the signing key can sign checkpoints
    of a forged chain; only a checkpoint kept elsewhere before the forgery exposes it."""
    if isinstance(body, AuditVerifyCheckpoint):
        result = await checkpoints.verify_against(
            session, request.app.state.key_ring, jws=body.checkpoint, seq=None, hash_=None
        )
    else:
        result = await checkpoints.verify_against(
            session, request.app.state.key_ring, jws=None, seq=body.seq, hash_=body.hash
        )
    return _verified(result)


@router.get(
    "/checkpoints",
    operation_id="audit_checkpoints_list",
    summary="List audit checkpoints",
    response_model=AuditCheckpointList,
    responses=errors(400, 401, 403, 422),
)
async def list_checkpoints(
    request: Request,
    session: Session,
    _: AuditRead,
    page: PageQuery,
    sort: Annotated[str | None, sort_query(CHECKPOINT_SORTS)] = None,
) -> Response:
    """Signed checkpoints of the audit chain, newest first. One is signed every
    `PRM_AUDIT_CHECKPOINT_INTERVAL_S` seconds (default 3600) when the chain grew, and on
    request; each is also published as an `audit.checkpoint_created` event."""
    stmt = checkpoints.checkpoints_query()
    result = await paginate(session, stmt, CHECKPOINT_SORTS, sort, page)
    return page_body(request, result, AUDIT_CHECKPOINT)


@router.post(
    "/checkpoints",
    operation_id="audit_checkpoints_create",
    summary="Sign an audit checkpoint now",
    response_model=AuditCheckpointOut,
    status_code=201,
    responses={
        200: {"description": "The chain has not grown since the newest checkpoint: that one."},
        **errors(401, 403, 409, 422),
    },
)
async def create_checkpoint(request: Request, session: Session, principal: AuditRead) -> Response:
    """Sign a checkpoint of the chain's head now (vendor staff). 201 with the new checkpoint;
    200 with the newest one when no row was added since. The chain is checked from the
    previous checkpoint on first: 409 `audit_chain_broken` if it does not verify (nothing is
    signed), 409 `audit_trail_empty` when there is no row yet."""
    checkpoint, created = await checkpoints.request_checkpoint(
        session, request.app.state.key_ring, request.app.state.settings, principal
    )
    return render(AUDIT_CHECKPOINT, checkpoint, status_code=201 if created else 200)


@router.get(
    "/checkpoints/{checkpoint_id}",
    operation_id="audit_checkpoints_get",
    summary="Get an audit checkpoint",
    response_model=AuditCheckpointOut,
    responses=errors(401, 403, 404, 422),
)
async def get_checkpoint(
    session: Session, _: AuditRead, checkpoint_id: Annotated[uuid.UUID, Path()]
) -> Response:
    """One signed checkpoint."""
    return render(AUDIT_CHECKPOINT, await checkpoints.get_checkpoint(session, checkpoint_id))
