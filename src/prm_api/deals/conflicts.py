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

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Actor
from prm_api.deals import repository
from prm_api.deals.events import DEAL_CONFLICT_DETECTED
from prm_api.deals.schemas import conflict_out
from prm_api.events.outbox import emit
from prm_api.kit.domains import is_free_mail
from prm_api.models import Deal, DealConflict, ProgramSettings
from prm_api.program.settings import get_settings


async def lock_for_detection(session: AsyncSession) -> ProgramSettings:
    """Hold off other submissions until this transaction ends (see the module docstring) and
    return the program settings, whose conflict threshold :func:`detect` then applies."""
    settings = await repository.lock_for_detection(session)
    if settings is None:
        await get_settings(session)  # first use: creates the row with the defaults
        settings = await repository.lock_for_detection(session)
        assert settings is not None
    return settings


@dataclass(frozen=True)
class Detected:
    """A conflict just recorded, with what vendors see of the other registration (read by the
    detection query itself, so presenting it costs no further round trip)."""

    conflict: DealConflict
    other_partner_id: uuid.UUID
    other_customer_name: str
    other_status: str


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
    rows = await repository.conflict_candidates(session, deal, by_domain=by_domain)
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
    if conflicts:
        # Both sides of a pair are flagged (lock order: the settings lock is held, and every
        # path that locks a deal and then detects takes the settings lock first).
        await repository.flag_conflicting(session, [d.conflict.other_deal_id for d in conflicts])
    return conflicts


def summary(found: list[Detected]) -> dict[str, Any] | None:
    """What the audit row of the change that found conflicts records about them."""
    if not found:
        return None
    return {"conflicts": [{"reason": d.conflict.reason, "score": d.conflict.score} for d in found]}


def announce(session: AsyncSession, actor: Actor, deal: Deal, found: list[Detected]) -> None:
    """One ``deal.conflict_detected`` event per conflict found (after the flush that wrote
    them). Vendors see the other registration; the partner only that a conflict exists, and
    why. Events only: the change that found them lists them in its audit row."""
    for detected in found:
        conflict = detected.conflict
        emit(
            session,
            actor,
            DEAL_CONFLICT_DETECTED,
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
