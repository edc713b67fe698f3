"""The audit trail's event types (``audit.*``)."""

from __future__ import annotations

from prm_api.audit.schemas import AuditCheckpointOut
from prm_api.events.registry import define

AUDIT_CHECKPOINT_CREATED = define(
    "audit.checkpoint_created",
    "A signed checkpoint of the audit chain's head (``data.object.jws``). Keep it: verifying "
    "against it later (``POST /v1/audit-events/verify``) detects rows deleted or rewritten "
    "up to it, even by someone with direct database access.",
    AuditCheckpointOut,
)
