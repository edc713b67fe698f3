"""Writing and verifying audit rows. Called by every service that changes state, inside the
request's transaction, so the audit row commits or rolls back with the change."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import LargeBinary, Table, bindparam, func, select, text
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit.chain import CHAINED_FIELDS, GENESIS_HASH, canonical, link_hash, redact
from prm_api.auth.principal import Actor
from prm_api.kit.ids import new_id
from prm_api.kit.time import utcnow
from prm_api.models import AuditEvent

# Any constant: the transaction that appends to the chain holds this lock until it commits,
# so chain order equals commit order and two writers never fork the chain.
_CHAIN_LOCK = 727002
_CHAIN_LOCK_STATEMENT = text(f"SELECT pg_advisory_xact_lock({_CHAIN_LOCK})")


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


def apply_and_diff(obj: Any, values: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """Set ``values`` on ``obj``; the :func:`diff` of its audited ``fields`` (empty when an
    edit changed nothing worth recording)."""
    fields = tuple(fields)
    before = snapshot(obj, fields)
    for key, value in values.items():
        setattr(obj, key, value)
    return diff(before, snapshot(obj, fields))


def _append_statement() -> Insert:
    """``INSERT … SELECT``: the row, linked to the chain's last hash in the same statement.

    ``hash = sha256(prev_hash || canonical(row))`` is computed by PostgreSQL from the canonical
    bytes Python sends, so reading the last hash costs no round trip of its own. Run it after
    taking the chain lock (a statement of its own: the insert's snapshot must be taken after
    the lock is granted, or it could miss the row of the writer it waited for).
    """
    table = cast(Table, AuditEvent.__table__)
    last = select(
        func.coalesce(
            select(table.c.hash).order_by(table.c.seq.desc()).limit(1).scalar_subquery(),
            GENESIS_HASH,
        ).label("prev")
    ).subquery("last")
    values = [bindparam(name, type_=table.c[name].type) for name in CHAINED_FIELDS]
    link = func.encode(
        func.sha256(
            func.convert_to(last.c.prev, "UTF8").op("||")(bindparam("canonical", type_=LargeBinary))
        ),
        "hex",
    )
    return insert(table).from_select(
        [*CHAINED_FIELDS, "prev_hash", "hash"], select(*values, last.c.prev, link)
    )


_APPEND = _append_statement()


async def record(
    session: AsyncSession,
    actor: Actor,
    action: str,
    resource_type: str,
    resource_id: Any,
    *,
    changes: dict[str, Any] | None = None,
    partner_id: uuid.UUID | None = None,
) -> None:
    """Append an audit row to the chain, in the caller's transaction."""
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
    row["canonical"] = canonical(row)
    await session.execute(_CHAIN_LOCK_STATEMENT)
    await session.execute(_APPEND, row)


@dataclass(frozen=True)
class Anchor:
    """A point of the chain a verifier knows from elsewhere (a signed checkpoint, or a
    sequence number and hash it wrote down): the row at ``seq`` must still have ``hash``,
    and ``count`` rows (when known) must lead up to it."""

    seq: int
    hash: str
    count: int | None = None
    checkpoint_id: uuid.UUID | None = None


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    first_broken_id: uuid.UUID | None = None
    reason: str | None = None
    last_hash: str | None = None
    last_seq: int | None = None
    checkpoint_id: uuid.UUID | None = None
    checkpoint_seq: int | None = None


def _anchor_mismatch(anchor: Anchor, ev: AuditEvent, checked: int) -> str | None:
    """Why ``ev``, the row at the anchor's position, contradicts it (None: it agrees)."""
    if ev.hash != anchor.hash:
        return (
            f"the row at the checkpoint's seq {anchor.seq} no longer has the checkpoint's hash: "
            "the chain was rewritten at or before it (rows altered or removed and the later "
            "hashes recomputed)"
        )
    if anchor.count is not None and checked != anchor.count:
        return (
            f"{checked} rows lead up to the checkpoint's seq {anchor.seq}, the checkpoint "
            f"counted {anchor.count}"
        )
    return None


async def verify_chain(
    session: AsyncSession,
    batch: int = 2000,
    *,
    anchor: Anchor | None = None,
    resume_from: Anchor | None = None,
) -> VerifyResult:
    """Recompute every link in order; report the first row whose hash or link is wrong.

    With an ``anchor``, also require the row at its ``seq`` to exist with its hash: the
    links alone cannot tell a chain whose newest rows were deleted, or that was rewritten
    and re-hashed from some row on, from an intact one.

    ``resume_from`` (an anchor with its ``count``) checks only from that point on: its row
    must still have its hash, and every later link must hold. What lies before it is taken
    on trust (the signed checkpoint vouches for it); a full check starts from the first row.
    """
    prev_hash = GENESIS_HASH
    checked = 0
    last_seq = 0
    anchored = anchor is None
    if resume_from is not None:
        assert resume_from.count is not None
        start = await session.scalar(select(AuditEvent).where(AuditEvent.seq == resume_from.seq))
        if start is None:
            return VerifyResult(
                False,
                0,
                resume_from.seq,
                reason=f"no row has the checkpoint's seq {resume_from.seq} any more: rows "
                "at or after it were deleted",
                checkpoint_id=resume_from.checkpoint_id,
                checkpoint_seq=resume_from.seq,
            )
        data = {c: getattr(start, c) for c in CHAINED_FIELDS}
        if start.hash != resume_from.hash or link_hash(start.prev_hash, data) != start.hash:
            return VerifyResult(
                False,
                0,
                start.seq,
                start.id,
                reason=_anchor_mismatch(resume_from, start, resume_from.count)
                or "the row at the checkpoint's seq was altered",
                checkpoint_id=resume_from.checkpoint_id,
                checkpoint_seq=resume_from.seq,
            )
        prev_hash, checked, last_seq = start.hash, resume_from.count, start.seq

    def result(
        ok: bool,
        broken_seq: int | None = None,
        broken_id: uuid.UUID | None = None,
        *,
        reason: str | None = None,
    ) -> VerifyResult:
        return VerifyResult(
            ok,
            checked,
            broken_seq,
            broken_id,
            reason=reason,
            last_hash=prev_hash if ok and checked else None,
            last_seq=last_seq if ok and checked else None,
            checkpoint_id=anchor.checkpoint_id if anchor else None,
            checkpoint_seq=anchor.seq if anchor else None,
        )

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
            if not anchored:
                assert anchor is not None
                return result(
                    False,
                    anchor.seq,
                    None,
                    reason=f"the chain ends before the checkpoint's seq {anchor.seq}: "
                    "rows at or after it were deleted (the chain was truncated)",
                )
            return result(True)
        for ev in rows:
            data = {c: getattr(ev, c) for c in CHAINED_FIELDS}
            if ev.prev_hash != prev_hash:
                return result(
                    False,
                    ev.seq,
                    ev.id,
                    reason="prev_hash does not match the previous row (a row was removed or "
                    "reordered)",
                )
            if link_hash(prev_hash, data) != ev.hash:
                return result(
                    False,
                    ev.seq,
                    ev.id,
                    reason="the row's content does not match its hash (it was altered)",
                )
            if not anchored:
                assert anchor is not None
                if ev.seq > anchor.seq:
                    return result(
                        False,
                        anchor.seq,
                        None,
                        reason=f"no row has the checkpoint's seq {anchor.seq} any more: it "
                        "was deleted (and the chain re-linked over it)",
                    )
                if ev.seq == anchor.seq:
                    mismatch = _anchor_mismatch(anchor, ev, checked + 1)
                    if mismatch:
                        return result(False, ev.seq, ev.id, reason=mismatch)
                    anchored = True
            prev_hash = ev.hash
            checked += 1
            last_seq = ev.seq
        session.expunge_all()
