"""Conflict detection at submit: other open registrations for the same customer.

- exact match on the normalized customer domain (free-mail domains never match);
- fuzzy match on the normalized company name (pg_trgm similarity ≥ the program threshold).

Submissions are serialized by one transaction-scoped advisory lock, so two partners
registering the same customer at the same moment cannot both slip through: the second one
sees the first. The lock is program-wide because fuzzy matches cannot be partitioned:
"Contoso Pharma" and "Contoso Pharmacy" share no domain and no name key, yet conflict. (Every
submit also appends to the audit chain, which is serialized anyway.)
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Select, String, Text, bindparam, cast, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Actor
from prm_api.deals.schemas import conflict_out
from prm_api.deals.settings import get_settings
from prm_api.events import service as events
from prm_api.kit.domains import is_free_mail
from prm_api.models import Deal, DealConflict, ProgramSettings
from prm_api.models.deal import OPEN_DEAL_STATUSES


def _lock_key(value: str) -> int:
    return int.from_bytes(hashlib.sha256(value.encode()).digest()[:8], "big", signed=True)


_DETECTION_LOCK = _lock_key("deal-conflict-detection")

# The open statuses are written into the SQL, not bound: the candidate indexes are partial
# (``WHERE status IN ('submitted', 'approved')``) and a cached plan can use them only if the
# statement itself implies that predicate. With bound values PostgreSQL re-planned the query
# on every submit (about 1 ms) to check it against the values of the moment.
_IS_OPEN = Deal.status.in_(
    bindparam("open_statuses", list(OPEN_DEAL_STATUSES), expanding=True, literal_execute=True)
)


def _lock_and_settings() -> Select:
    """Take the detection lock, set this transaction's trigram threshold from the program
    settings, and read those settings — one round trip. (No settings row yet: no row, and
    no lock either; :func:`lock_for_detection` creates the row and asks again.)"""
    return select(
        ProgramSettings,
        func.pg_advisory_xact_lock(literal(_DETECTION_LOCK, BigInteger)),
        func.set_config(
            "pg_trgm.similarity_threshold", cast(ProgramSettings.conflict_threshold, Text), True
        ),
    ).where(ProgramSettings.id == 1)


_LOCK_AND_SETTINGS = _lock_and_settings()


async def lock_for_detection(session: AsyncSession) -> ProgramSettings:
    """Hold off other submissions until this transaction ends (see the module docstring) and
    return the program settings, whose conflict threshold :func:`detect` then applies."""
    row = (await session.execute(_LOCK_AND_SETTINGS)).first()
    if row is None:
        await get_settings(session)  # first use: creates the row with the defaults
        row = (await session.execute(_LOCK_AND_SETTINGS)).one()
    return row[0]


@dataclass(frozen=True)
class Detected:
    """A conflict just recorded, with what vendors see of the other registration (read by the
    detection query itself, so presenting it costs no further round trip)."""

    conflict: DealConflict
    other_partner_id: uuid.UUID
    other_customer_name: str
    other_status: str


def _candidates(with_domain: bool) -> Select:
    """Other open registrations matching by domain or by name; built once per shape."""
    name_key = bindparam("name_key", type_=String)
    name_match = Deal.customer_name_key.op("%")(name_key)
    condition = (
        or_(Deal.customer_domain == bindparam("domain", type_=String), name_match)
        if with_domain
        else name_match
    )
    return (
        select(
            Deal.id,
            Deal.customer_domain,
            func.similarity(Deal.customer_name_key, name_key).label("score"),
            Deal.partner_id,
            Deal.customer_name,
            Deal.status,
        )
        .where(_IS_OPEN, Deal.id != bindparam("deal_id"), condition)
        .limit(100)
    )


_CANDIDATES = {with_domain: _candidates(with_domain) for with_domain in (True, False)}


async def detect(
    session: AsyncSession,
    deal: Deal,
    threshold: float,
    *,
    known: frozenset[uuid.UUID] = frozenset(),
) -> list[Detected]:
    """Add this deal's conflicts with other open registrations to the session and return them
    (they are written by the caller's next flush, together with the deal's own change).

    Call after :func:`lock_for_detection`, which sets the trigram threshold the ``%`` match
    uses (``threshold`` is that same setting). ``known``: other deals already recorded as
    conflicting with this one (not recorded twice).
    """
    by_domain = bool(deal.customer_domain) and not is_free_mail(deal.customer_domain)
    params = {"name_key": deal.customer_name_key, "deal_id": deal.id}
    if by_domain:
        params["domain"] = deal.customer_domain
    rows = (await session.execute(_CANDIDATES[by_domain], params)).all()
    conflicts = []
    for other_id, other_domain, name_score, other_partner, other_name, other_status in rows:
        if other_id in known:
            continue
        if by_domain and other_domain == deal.customer_domain:
            reason, value = "domain", 1.0
        elif name_score is not None and name_score >= threshold:
            reason, value = "name", round(float(name_score), 3)
        else:
            continue
        conflict = DealConflict(deal_id=deal.id, other_deal_id=other_id, reason=reason, score=value)
        session.add(conflict)
        conflicts.append(Detected(conflict, other_partner, other_name, other_status))
    return conflicts


async def recorded_with(session: AsyncSession, deal: Deal) -> frozenset[uuid.UUID]:
    """The other deals already recorded as conflicting with this one, in either direction
    (found when this deal was checked, or when the other one was)."""
    found_here = select(DealConflict.other_deal_id).where(DealConflict.deal_id == deal.id)
    found_there = select(DealConflict.deal_id).where(DealConflict.other_deal_id == deal.id)
    rows = await session.scalars(found_here.union(found_there))
    return frozenset(rows.all())


def summary(found: list[Detected]) -> dict[str, Any] | None:
    """What the audit row of the change that found conflicts records about them."""
    if not found:
        return None
    return {"conflicts": [{"reason": d.conflict.reason, "score": d.conflict.score} for d in found]}


async def announce(session: AsyncSession, actor: Actor, deal: Deal, found: list[Detected]) -> None:
    """One ``deal.conflict_detected`` event per conflict found (after the flush that wrote
    them). Vendors see the other registration; the partner only that a conflict exists, and
    why."""
    for detected in found:
        conflict = detected.conflict
        await events.emit(
            session,
            actor,
            "deal.conflict_detected",
            conflict_out(
                deal.id,
                conflict,
                other_deal_id=conflict.other_deal_id,
                other_partner_id=detected.other_partner_id,
                other_customer_name=detected.other_customer_name,
                other_status=detected.other_status,
            ),
            resource_id=deal.id,
            partner_id=deal.partner_id,
            partner_view=conflict_out(deal.id, conflict),
        )
