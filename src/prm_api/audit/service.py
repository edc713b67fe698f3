"""Writing and verifying audit rows. Called by every service that changes state, inside the
request's transaction, so the audit row commits or rolls back with the change."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit.chain import GENESIS_HASH, link_hash, redact
from prm_api.auth.principal import Actor
from prm_api.kit.ids import new_id
from prm_api.kit.time import utcnow
from prm_api.models import AuditEvent

# Any constant: the transaction that appends to the chain holds this lock until it commits,
# so chain order equals commit order and two writers never fork the chain.
_CHAIN_LOCK = 727002


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """``{field: {"before": …, "after": …}}`` for every field whose value changed."""
    out = {}
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        if b != a:
            out[key] = {"before": _json_safe(b), "after": _json_safe(a)}
    return out


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {f: getattr(obj, f) for f in fields}


async def record(
    session: AsyncSession,
    actor: Actor,
    action: str,
    resource_type: str,
    resource_id: Any,
    *,
    changes: dict[str, Any] | None = None,
    partner_id: uuid.UUID | None = None,
) -> AuditEvent:
    await session.execute(text(f"SELECT pg_advisory_xact_lock({_CHAIN_LOCK})"))
    prev = await session.scalar(select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1))
    row: dict[str, Any] = {
        "id": new_id(),
        "occurred_at": utcnow(),
        "actor_type": actor.type,
        "actor_id": actor.id,
        "actor_role": actor.role,
        "actor_partner_id": actor.partner_id,
        "client_id": actor.client_id,
        "action": action,
        "resource_type": resource_type,
        "resource_id": str(resource_id) if resource_id is not None else None,
        "partner_id": partner_id,
        "changes": _json_safe(redact(changes or {})),
        "request_id": actor.request_id,
        "ip": actor.ip,
    }
    prev_hash = prev or GENESIS_HASH
    row["prev_hash"] = prev_hash
    row["hash"] = link_hash(prev_hash, row)
    result = await session.execute(insert(AuditEvent).values(**row).returning(AuditEvent))
    return result.scalar_one()


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    first_broken_id: uuid.UUID | None = None
    reason: str | None = None
    last_hash: str | None = None


async def verify_chain(session: AsyncSession, batch: int = 2000) -> VerifyResult:
    """Recompute every link in order; report the first row whose hash or link is wrong."""
    prev_hash = GENESIS_HASH
    checked = 0
    last_seq = 0
    while True:
        rows = (
            await session.scalars(
                select(AuditEvent)
                .where(AuditEvent.seq > last_seq)
                .order_by(AuditEvent.seq)
                .limit(batch)
            )
        ).all()
        if not rows:
            return VerifyResult(ok=True, checked=checked, last_hash=prev_hash if checked else None)
        for ev in rows:
            data = {
                c: getattr(ev, c)
                for c in (
                    "id",
                    "occurred_at",
                    "actor_type",
                    "actor_id",
                    "actor_role",
                    "actor_partner_id",
                    "client_id",
                    "action",
                    "resource_type",
                    "resource_id",
                    "partner_id",
                    "changes",
                    "request_id",
                    "ip",
                )
            }
            if ev.prev_hash != prev_hash:
                return VerifyResult(
                    False,
                    checked,
                    ev.seq,
                    ev.id,
                    "prev_hash does not match the previous row (a row was removed or reordered)",
                )
            if link_hash(prev_hash, data) != ev.hash:
                return VerifyResult(
                    False,
                    checked,
                    ev.seq,
                    ev.id,
                    "the row's content does not match its hash (it was altered)",
                )
            prev_hash = ev.hash
            checked += 1
            last_seq = ev.seq
        session.expunge_all()
