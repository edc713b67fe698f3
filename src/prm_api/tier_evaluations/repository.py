"""Queries of tier evaluations: set-based reads for a whole-program evaluation (one query per
kind of figure, whatever the number of partners) and the evaluations' own rows."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, case, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.metrics import readers
from prm_api.metrics.periods import Period
from prm_api.metrics.readers import Scope
from prm_api.models import Certification, Partner, Tier, TierEvaluation, TierEvaluationChange
from prm_api.models.certification import CURRENT_CERTIFICATION
from prm_api.models.tier_evaluation import OPEN_CHANGE_STATUSES
from prm_api.reads import fetch_row

#: Two runs never interleave (the second waits, or a scheduled one skips): a transaction-level
#: advisory lock, released at commit or rollback.
_RUN_LOCK_KEY = 0x7E1E_0A11
#: Only active partners are evaluated (applied, onboarding, suspended… keep their tier).
EVALUATED_STATUS = "active"


async def lock_runs(session: AsyncSession, *, wait: bool) -> bool:
    """Take the evaluation lock; ``wait=False`` returns False at once when a run holds it."""
    if wait:
        await session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _RUN_LOCK_KEY})
        return True
    got = await session.scalar(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": _RUN_LOCK_KEY})
    return bool(got)


async def tiers(session: AsyncSession) -> Sequence[Any]:
    """Every tier, highest rank first."""
    stmt = select(*Tier.__table__.columns).order_by(Tier.rank.desc())
    return (await session.execute(stmt)).all()


async def evaluated_partners(
    session: AsyncSession, partner_ids: Collection[uuid.UUID] | None = None
) -> Sequence[Any]:
    """``(id, name, tier_id)`` of the active partners (of ``partner_ids`` when given)."""
    stmt = select(Partner.id, Partner.name, Partner.tier_id).where(
        Partner.status == EVALUATED_STATUS
    )
    if partner_ids is not None:
        stmt = stmt.where(Partner.id.in_(list(partner_ids)))
    return (await session.execute(stmt)).all()


async def certified_users(
    session: AsyncSession, now: datetime, partner_ids: Collection[uuid.UUID] | None = None
) -> dict[uuid.UUID, int]:
    """Per partner: its users holding an ``active`` or ``expiring`` certification not yet
    past expiry (``trainings.certifications.count_certified_users``, for many partners in one
    query). Partners with none are absent."""
    stmt = (
        select(Certification.partner_id, func.count(func.distinct(Certification.user_id)))
        .where(
            Certification.status.in_(CURRENT_CERTIFICATION),
            Certification.expires_at > now,
        )
        .group_by(Certification.partner_id)
    )
    if partner_ids is not None:
        stmt = stmt.where(Certification.partner_id.in_(list(partner_ids)))
    return {row[0]: int(row[1]) for row in (await session.execute(stmt)).all()}


async def won_in_window(
    session: AsyncSession, partner_id: uuid.UUID, start: date, end: date, base: str
) -> tuple[Decimal, dict[str, Decimal], int]:
    """One partner's won revenue (base currency), unconverted won amounts by currency and won
    deals over ``start``–``end``: the metrics engine's own deal-flow reader (the definition
    ``partner_totals`` and every metric use), alone — one statement, the scorecard's hot path."""
    scope = Scope(Period(start, end), None, (), {"partner_id": [partner_id]}, base, [end])
    flow = next(iter((await readers.deal_flows(session, scope)).values()), readers.DealFlow())
    return flow.won_base, dict(flow.won_unconverted), flow.won


_OPEN_COLUMNS = (
    TierEvaluationChange.id,
    TierEvaluationChange.evaluation_id,
    TierEvaluationChange.partner_id,
    TierEvaluationChange.status,
    TierEvaluationChange.from_tier_id,
    TierEvaluationChange.to_tier_id,
    TierEvaluationChange.effective_at,
)


async def open_changes(
    session: AsyncSession,
    *,
    lock: bool,
    partner_ids: Collection[uuid.UUID] | None = None,
) -> Sequence[Any]:
    """Changes still ``proposed`` or ``pending_grace`` (at most one per partner); locked when a
    run is about to supersede them, so a decision in flight finishes first."""
    stmt = select(*_OPEN_COLUMNS).where(TierEvaluationChange.status.in_(OPEN_CHANGE_STATUSES))
    if partner_ids is not None:
        stmt = stmt.where(TierEvaluationChange.partner_id.in_(list(partner_ids)))
    if lock:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).all()


async def cancel_changes(
    session: AsyncSession,
    reasons: dict[uuid.UUID, str],
    *,
    by: str,
    at: datetime,
) -> None:
    """Cancel open changes, each with its reason (one statement, executed for every row)."""
    if not reasons:
        return
    table = cast(Table, TierEvaluationChange.__table__)
    stmt = (
        update(table)
        .where(table.c.id == bindparam("change_id"))
        .values(
            status="cancelled",
            reason=bindparam("why"),
            decided_by=by,
            decided_at=at,
            updated_at=at,
            version=table.c.version + 1,
        )
    )
    conn = await session.connection()
    await conn.execute(stmt, [{"change_id": cid, "why": why} for cid, why in reasons.items()])


async def recount_open(session: AsyncSession, evaluation_ids: Collection[uuid.UUID]) -> None:
    """Recount the open changes of these evaluations; one left with none is ``completed``."""
    if not evaluation_ids:
        return
    table = cast(Table, TierEvaluation.__table__)
    changes = cast(Table, TierEvaluationChange.__table__)
    still_open = (
        select(func.count())
        .where(
            changes.c.evaluation_id == table.c.id,
            changes.c.status.in_(OPEN_CHANGE_STATUSES),
        )
        .scalar_subquery()
    )
    conn = await session.connection()
    await conn.execute(
        update(table)
        .where(table.c.id.in_(list(evaluation_ids)))
        .values(
            open_changes=still_open,
            status=case((still_open == 0, "completed"), else_=table.c.status),
            updated_at=func.now(),
            version=table.c.version + 1,
        )
    )


async def last_started_at(session: AsyncSession) -> datetime | None:
    return await session.scalar(select(func.max(TierEvaluation.started_at)))


async def due_downgrades(session: AsyncSession, now: datetime, limit: int) -> Sequence[Any]:
    """Downgrades whose grace period is over, claimed (``SKIP LOCKED``: several workers share
    the work, each row once)."""
    stmt = (
        select(TierEvaluationChange)
        .where(
            TierEvaluationChange.status == "pending_grace",
            TierEvaluationChange.effective_at <= now,
        )
        .order_by(TierEvaluationChange.effective_at, TierEvaluationChange.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return (await session.scalars(stmt)).all()


async def lock_partner(session: AsyncSession, partner_id: uuid.UUID) -> Partner | None:
    return await session.scalar(select(Partner).where(Partner.id == partner_id).with_for_update())


async def lock_partners(session: AsyncSession, partner_ids: Collection[uuid.UUID]) -> list[Partner]:
    """Lock and load the partners a run changes, in id order: one statement per thousand
    partners instead of one each, and concurrent writers queue behind one consistent order.
    The caller keeps the list while it works: the session's identity map holds objects
    weakly, and ``session.get`` finds them there only while something else references them."""
    ids = sorted(set(partner_ids))
    loaded: list[Partner] = []
    for i in range(0, len(ids), 1000):
        stmt = (
            select(Partner)
            .where(Partner.id.in_(ids[i : i + 1000]))
            .order_by(Partner.id)
            .with_for_update()
        )
        loaded += (await session.scalars(stmt)).all()
    return loaded


async def load_tiers(session: AsyncSession) -> list[Tier]:
    """Every tier as ORM objects, for a run to keep referenced (see :func:`lock_partners`)."""
    return list((await session.scalars(select(Tier))).all())


# --- reads of the API -------------------------------------------------------------------------


def evaluations_query() -> Select[Any]:
    return select(*TierEvaluation.__table__.columns)


_EVALUATION_BY_ID = evaluations_query().where(TierEvaluation.id == bindparam("evaluation_id"))


async def evaluation_row(session: AsyncSession, evaluation_id: uuid.UUID) -> Any | None:
    return await fetch_row(session, _EVALUATION_BY_ID, {"evaluation_id": evaluation_id})


def changes_query(evaluation_id: uuid.UUID) -> Select[Any]:
    """An evaluation's changes with their partner's name (plain rows)."""
    return (
        select(*TierEvaluationChange.__table__.columns, Partner.name.label("partner_name"))
        .join(Partner, Partner.id == TierEvaluationChange.partner_id)
        .where(TierEvaluationChange.evaluation_id == evaluation_id)
    )


_CHANGE_BY_ID = (
    select(*TierEvaluationChange.__table__.columns, Partner.name.label("partner_name"))
    .join(Partner, Partner.id == TierEvaluationChange.partner_id)
    .where(
        TierEvaluationChange.id == bindparam("change_id"),
        TierEvaluationChange.evaluation_id == bindparam("evaluation_id"),
    )
)


async def change_row(
    session: AsyncSession, evaluation_id: uuid.UUID, change_id: uuid.UUID
) -> Any | None:
    return await fetch_row(
        session, _CHANGE_BY_ID, {"change_id": change_id, "evaluation_id": evaluation_id}
    )


async def lock_change(
    session: AsyncSession, evaluation_id: uuid.UUID, change_id: uuid.UUID
) -> TierEvaluationChange | None:
    stmt = (
        select(TierEvaluationChange)
        .where(
            TierEvaluationChange.id == change_id,
            TierEvaluationChange.evaluation_id == evaluation_id,
        )
        .with_for_update()
    )
    return await session.scalar(stmt)


async def partner_name(session: AsyncSession, partner_id: uuid.UUID) -> str:
    return await session.scalar(select(Partner.name).where(Partner.id == partner_id)) or ""
