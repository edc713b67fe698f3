from __future__ import annotations

import uuid
from typing import Any

from pydantic import Field

from prm_api.kit.render import Shape
from prm_api.kit.schemas import ResponseModel, Timestamp


class AuditEventOut(ResponseModel):
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
AUDIT_EVENT = Shape(AuditEventOut)


class AuditVerifyOut(ResponseModel):
    ok: bool = Field(description="True when every link of the chain verifies.")
    checked: int = Field(description="Rows verified before the first broken link (or all).")
    first_broken_seq: int | None = None
    first_broken_id: uuid.UUID | None = None
    reason: str | None = None
    last_hash: str | None = Field(default=None, description="Head of the chain when intact.")
