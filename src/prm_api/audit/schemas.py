from __future__ import annotations

import uuid
from typing import Annotated, Any

from pydantic import Field

from prm_api.kit.render import Shape
from prm_api.kit.schemas import JSON_INTEGER, Page, RequestModel, ResponseModel, Timestamp


class AuditEvent(ResponseModel):
    id: uuid.UUID
    seq: int = Field(description="Position in the hash chain.")
    occurred_at: Timestamp
    actor_type: str = Field(description="`user`, `client`, `system` or `anonymous`.")
    actor_id: str | None
    actor_role: str | None
    actor_partner_id: uuid.UUID | None
    client_id: str | None
    action: str = Field(examples=["user.created"])
    resource_type: str
    resource_id: str | None
    partner_id: uuid.UUID | None
    changes: dict[str, Any] = Field(
        description="`{field: {before, after}}`; personal values appear only as `sha256:` digests."
    )
    request_id: str | None
    ip: str | None
    prev_hash: str
    hash: str


#: An audit row as the API shows it.
AUDIT_EVENT = Shape(AuditEvent)


class AuditVerification(ResponseModel):
    ok: bool = Field(
        description="True when every link of the chain verifies and the checkpoint's row "
        "(if any) still has the checkpoint's hash."
    )
    checked: int = Field(description="Rows verified before the first broken link (or all).")
    first_broken_seq: int | None = None
    first_broken_id: uuid.UUID | None = None
    reason: str | None = None
    last_hash: str | None = Field(default=None, description="Head of the chain when intact.")
    last_seq: int | None = Field(default=None, description="`seq` of the head when intact.")
    checkpoint_id: uuid.UUID | None = Field(
        default=None,
        description="The checkpoint the chain was checked against: the newest stored one "
        "(`GET`), or the one sent (`POST`, when a JWS). Null: none.",
    )
    checkpoint_seq: int | None = Field(
        default=None, description="The `seq` that checkpoint anchors."
    )


class AuditCheckpoint(ResponseModel):
    """The chain's head at one moment, signed: keep the `jws` outside this service."""

    id: uuid.UUID
    seq: int = Field(description="`seq` of the newest audit row the checkpoint covers.")
    hash: str = Field(description="That row's chain hash.", pattern="^[0-9a-f]{64}$")
    count: int = Field(description="Audit rows in the chain up to and including `seq`.")
    created_at: Timestamp
    kid: str = Field(description="Key id of the signing key in `/.well-known/jwks.json`.")
    jws: str = Field(
        description="Compact JWS (header `typ: audit-checkpoint+jwt`, `alg` ES256 or RS256, "
        "`kid`) whose claims are `iss`, `iat`, `jti` (this id), `seq`, `hash`, `count` and "
        "`created_at`. Verify it with any JOSE library against `/.well-known/jwks.json`, or "
        "send it back to `POST /v1/audit-events/verify`."
    )
    actor_type: str = Field(description="`system` (the scheduled job), `user` or `client`.")
    actor_id: str | None = Field(description="`job:audit-checkpoint`, or who asked for it.")


#: A checkpoint as the API shows it (the column is ``row_count``: ``count`` is a Row method).
AUDIT_CHECKPOINT = Shape(AuditCheckpoint, count="row_count")

#: A compact JWS: three base64url segments.
COMPACT_JWS = r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$"


class AuditVerifyCheckpoint(RequestModel):
    """Verify against a checkpoint JWS kept outside the service."""

    checkpoint: str = Field(
        pattern=COMPACT_JWS,
        max_length=8192,
        description="The `jws` of a checkpoint (from its `audit.checkpoint_created` event or "
        "`GET /v1/audit-events/checkpoints`).",
    )


class AuditVerifyPosition(RequestModel):
    """Verify against a position the caller wrote down (no signature to check)."""

    # At most 2^53 - 1: beyond it a JSON number is not an exact integer for most parsers.
    seq: Annotated[int, Field(ge=1, le=2**53 - 1), JSON_INTEGER]
    hash: str = Field(pattern="^[0-9a-f]{64}$", description="The chain hash at `seq`.")


AuditVerifyRequest = AuditVerifyCheckpoint | AuditVerifyPosition


class AuditEventList(Page[AuditEvent]):
    """A page of audit events."""


class AuditCheckpointList(Page[AuditCheckpoint]):
    """A page of audit checkpoints."""


# The names server code used before the API named these schemas after the resource (it
# keeps using them where an ORM model of the same name is in scope).
AuditEventOut = AuditEvent
AuditCheckpointOut = AuditCheckpoint
