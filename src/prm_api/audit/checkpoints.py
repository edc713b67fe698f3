"""Signed checkpoints of the audit chain: its head, signed, and published outside the database.

The hash chain alone proves only that the rows it still holds link up: a superuser who
deletes the newest rows, or alters a row and recomputes every later hash, leaves a chain that
verifies. A checkpoint is the head at one moment — the last row's ``seq``, its chain ``hash``
and the ``count`` of rows up to it — as a compact JWS signed with the service's JWT signing
key (verifiable with ``/.well-known/jwks.json``), published as the ``audit.checkpoint_created``
event so webhook receivers keep a copy. Verifying against a checkpoint detects both attacks:
the row at its ``seq`` is gone (truncation) or no longer has its ``hash`` (rewrite).

What it cannot prove: anything about rows after the newest checkpoint the verifier holds,
or against someone who holds both the database and the signing key (they can sign a
checkpoint of a forged chain). Keep copies outside the database (webhooks, a SIEM).
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from sqlalchemy import Select, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.audit import service as audit
from prm_api.audit.events import AUDIT_CHECKPOINT_CREATED
from prm_api.audit.schemas import AUDIT_CHECKPOINT
from prm_api.auth.keys import KeyRing, load_key_ring
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Actor, Principal
from prm_api.config import Settings, get_settings
from prm_api.errors import BadRequest, Conflict, NotFound
from prm_api.events.outbox import emit
from prm_api.kit.ids import new_id
from prm_api.kit.time import utcnow
from prm_api.models import AuditCheckpoint, AuditEvent

log = logging.getLogger("prm_api.jobs")

#: The JWS ``typ``: a checkpoint is never mistaken for an access token (``at+jwt``), and an
#: access token is never accepted as a checkpoint.
CHECKPOINT_TYP = "audit-checkpoint+jwt"
JOB_ACTOR = Actor(type="system", id="job:audit-checkpoint")
# Any constant (the chain's own lock is 727002): two processes running the job at once
# serialize here, and the second finds the head already signed.
_CHECKPOINT_LOCK = text("SELECT pg_advisory_xact_lock(727003)")


class InvalidCheckpoint(BadRequest):
    """The checkpoint sent is not one this service signed. A 400 like ``invalid_cursor``:
    only values the API issued are valid, and no schema can describe that set."""

    code, title = "invalid_checkpoint", "Invalid checkpoint"


@dataclass(frozen=True)
class Head:
    """The chain's newest row: its ``seq``, its hash, and the rows up to it."""

    seq: int
    hash: str
    count: int


def sign(
    ring: KeyRing, settings: Settings, checkpoint_id: uuid.UUID, head: Head, at: datetime
) -> str:
    """The compact JWS of a checkpoint, signed with the ring's current key (``kid`` in the
    header, so a receiver picks the key from the JWKS)."""
    claims = {
        "iss": settings.issuer,
        "iat": int(at.timestamp()),
        "jti": str(checkpoint_id),
        "seq": head.seq,
        "hash": head.hash,
        "count": head.count,
        "created_at": at.isoformat().replace("+00:00", "Z"),
    }
    header = {"alg": ring.alg, "kid": ring.kid, "typ": CHECKPOINT_TYP}
    return jwt.encode(header, claims, ring.signing_key, algorithms=[ring.alg])


def read_checkpoint(ring: KeyRing, token: str) -> audit.Anchor:
    """The anchor a checkpoint JWS states, once its signature verifies against the key ring
    (every key the JWKS publishes); :class:`InvalidCheckpoint` otherwise."""
    try:
        decoded = jwt.decode(token, ring.verify_keys, algorithms=["ES256", "RS256"])
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        raise InvalidCheckpoint(
            "The checkpoint's signature does not verify with any key of "
            f"/.well-known/jwks.json ({exc.__class__.__name__}): it was altered, or not "
            "signed by this service."
        ) from None
    if decoded.header.get("typ") != CHECKPOINT_TYP:
        raise InvalidCheckpoint(f"Not an audit checkpoint (its typ is not {CHECKPOINT_TYP}).")
    claims = decoded.claims
    try:
        seq, hash_, count = claims["seq"], claims["hash"], claims["count"]
        checkpoint_id = uuid.UUID(str(claims["jti"]))
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (seq, count)):
            raise TypeError
        if not isinstance(hash_, str):
            raise TypeError
    except (KeyError, TypeError, ValueError):
        raise InvalidCheckpoint("The checkpoint lacks seq, hash, count or jti.") from None
    return audit.Anchor(seq=seq, hash=hash_, count=count, checkpoint_id=checkpoint_id)


async def _newest(session: AsyncSession) -> AuditCheckpoint | None:
    return await session.scalar(
        select(AuditCheckpoint).order_by(AuditCheckpoint.seq.desc()).limit(1)
    )


async def create_checkpoint(
    session: AsyncSession,
    ring: KeyRing,
    settings: Settings,
    actor: Actor,
    *,
    min_age_s: float | None = None,
) -> tuple[AuditCheckpoint | None, bool]:
    """Sign the chain's head: ``(checkpoint, created)``.

    Only when the chain advanced since the newest checkpoint (else that one, not created);
    with ``min_age_s``, only when the newest is at least that old (else ``(None, False)``).
    Refuses (409) an empty chain, and a chain that no longer verifies. Publishes
    ``audit.checkpoint_created`` through the outbox, in the caller's transaction.
    """
    await session.execute(_CHECKPOINT_LOCK)
    previous = await _newest(session)
    newest_seq = await session.scalar(select(func.max(AuditEvent.seq)))
    if newest_seq is None:
        raise Conflict(
            "The audit trail is empty: there is nothing to checkpoint yet.",
            code="audit_trail_empty",
        )
    if previous is not None and previous.seq >= newest_seq:
        return previous, False
    now = utcnow()
    if (
        min_age_s is not None
        and previous is not None
        and previous.created_at > now - timedelta(seconds=min_age_s)
    ):
        return None, False
    # Never sign a chain that was already cut or rewritten: check it from the previous
    # checkpoint on (its row must still have its hash), or from the first row.
    try:
        since = read_checkpoint(ring, previous.jws) if previous is not None else None
    except InvalidCheckpoint as exc:
        raise Conflict(
            f"The newest stored checkpoint is not valid ({exc.detail}); no checkpoint was signed.",
            code="audit_chain_broken",
        ) from None
    check = await audit.verify_chain(session, resume_from=since)
    if not check.ok or check.last_seq is None or check.last_hash is None:
        raise Conflict(
            f"The audit chain does not verify ({check.reason}); no checkpoint was signed.",
            code="audit_chain_broken",
            first_broken_seq=check.first_broken_seq,
        )
    # Sign exactly the head that was verified (rows committed meanwhile wait for the next).
    head = Head(check.last_seq, check.last_hash, check.checked)
    checkpoint_id = new_id()
    checkpoint = AuditCheckpoint(
        id=checkpoint_id,
        seq=head.seq,
        hash=head.hash,
        row_count=head.count,
        created_at=now,
        kid=ring.kid,
        jws=sign(ring, settings, checkpoint_id, head, now),
        actor_type=actor.type,
        actor_id=actor.id,
    )
    session.add(checkpoint)
    await session.flush()
    # An event, not record_change: an audit row for the checkpoint would advance the chain it
    # anchors, so every run would find it "advanced" and sign again. The checkpoint row and
    # its event are the record (the event's actor says who asked).
    emit(
        session,
        actor,
        AUDIT_CHECKPOINT_CREATED,
        AUDIT_CHECKPOINT.validated(checkpoint),
        resource_id=checkpoint.id,
    )
    return checkpoint, True


async def request_checkpoint(
    session: AsyncSession, ring: KeyRing, settings: Settings, principal: Principal
) -> tuple[AuditCheckpoint, bool]:
    """``POST /v1/audit-events/checkpoints``: sign the head now (vendor staff only)."""
    require_vendor(principal, "sign audit checkpoints")
    checkpoint, created = await create_checkpoint(session, ring, settings, principal.actor)
    assert checkpoint is not None  # no min_age_s: always a checkpoint or a 409
    return checkpoint, created


async def get_checkpoint(session: AsyncSession, checkpoint_id: uuid.UUID) -> AuditCheckpoint:
    checkpoint = await session.get(AuditCheckpoint, checkpoint_id)
    if checkpoint is None:
        raise NotFound("No such audit checkpoint.")
    return checkpoint


def checkpoints_query() -> Select[Any]:
    """Every checkpoint, as plain rows (a page is read-only)."""
    return select(*AuditCheckpoint.__table__.columns)


async def verify_against_newest(session: AsyncSession, ring: KeyRing) -> audit.VerifyResult:
    """The plain ``verify``: the whole chain, and the row the newest stored checkpoint
    signed. Its anchor is read from its JWS, not its columns, so a row edited in the
    database does not move it; a stored JWS that no longer verifies is itself a finding."""
    newest = await _newest(session)
    if newest is None:
        return await audit.verify_chain(session)
    try:
        anchor = read_checkpoint(ring, newest.jws)
    except InvalidCheckpoint as exc:
        return audit.VerifyResult(
            False,
            0,
            newest.seq,
            None,
            reason=f"the newest stored checkpoint ({newest.id}) is not valid: {exc.detail}",
            checkpoint_id=newest.id,
            checkpoint_seq=newest.seq,
        )
    return await audit.verify_chain(session, anchor=anchor)


async def verify_against(
    session: AsyncSession, ring: KeyRing, *, jws: str | None, seq: int | None, hash_: str | None
) -> audit.VerifyResult:
    """``POST /v1/audit-events/verify``: the whole chain, anchored at the checkpoint the
    caller kept (a JWS, checked against the JWKS first; or a bare ``seq`` and ``hash``)."""
    if jws is not None:
        anchor = read_checkpoint(ring, jws)
    else:
        assert seq is not None and hash_ is not None
        anchor = audit.Anchor(seq=seq, hash=hash_)
    return await audit.verify_chain(session, anchor=anchor)


async def checkpoint_job(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings | None = None
) -> int:
    """The scheduled ``audit-checkpoint`` job: 1 when it signed a checkpoint, else 0.

    Runs on the scheduler's every round (``jobs_interval_s``) and signs only when the newest
    checkpoint is ``audit_checkpoint_interval_s`` old and the chain grew. Safe with several
    processes (an advisory lock, and ``seq`` is unique).
    """
    settings = settings or get_settings()
    started = time.monotonic()
    async with sessionmaker() as session, session.begin():
        ring = await load_key_ring(session)
        try:
            checkpoint, created = await create_checkpoint(
                session,
                ring,
                settings,
                JOB_ACTOR,
                min_age_s=settings.audit_checkpoint_interval_s,
            )
        except Conflict as exc:
            if exc.code == "audit_chain_broken":
                # An alarm, not a crash: said on every round until someone looks.
                log.error("audit chain broken: no checkpoint signed", extra={"detail": exc.detail})
            elif exc.code != "audit_trail_empty":
                raise
            return 0
    if created and checkpoint is not None:
        log.info(
            "audit checkpoint signed",
            extra={
                "seq": checkpoint.seq,
                "count": checkpoint.row_count,
                "duration_ms": round((time.monotonic() - started) * 1000),
            },
        )
        return 1
    return 0
