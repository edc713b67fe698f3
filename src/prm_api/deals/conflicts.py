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

from sqlalchemy import func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.kit.domains import is_free_mail
from prm_api.models import Deal, DealConflict
from prm_api.models.deal import OPEN_DEAL_STATUSES


def _lock_key(value: str) -> int:
    return int.from_bytes(hashlib.sha256(value.encode()).digest()[:8], "big", signed=True)


_DETECTION_LOCK = _lock_key("deal-conflict-detection")


async def lock_customer(session: AsyncSession, deal: Deal, threshold: float) -> None:
    """Hold off other submissions until this transaction ends (see the module docstring), and
    set this transaction's trigram threshold for :func:`detect` in the same round trip."""
    await session.execute(
        text(
            "SELECT pg_advisory_xact_lock(:k), set_config('pg_trgm.similarity_threshold', :t, true)"
        ),
        {"k": _DETECTION_LOCK, "t": str(threshold)},
    )


@dataclass(frozen=True)
class Detected:
    """A conflict just recorded, with what vendors see of the other registration (read by the
    detection query itself, so presenting it costs no further round trip)."""

    conflict: DealConflict
    other_partner_id: uuid.UUID
    other_customer_name: str
    other_status: str


async def detect(session: AsyncSession, deal: Deal, threshold: float) -> list[Detected]:
    """Record and return this deal's conflicts with other open registrations.

    Call after :func:`lock_customer`, which sets the trigram threshold the ``%`` match uses.
    """
    score = func.similarity(Deal.customer_name_key, deal.customer_name_key)
    domain_match = (
        Deal.customer_domain == deal.customer_domain
        if deal.customer_domain and not is_free_mail(deal.customer_domain)
        else None
    )
    name_match = Deal.customer_name_key.op("%")(deal.customer_name_key)
    condition = or_(domain_match, name_match) if domain_match is not None else name_match
    rows = (
        await session.execute(
            select(
                Deal.id,
                Deal.customer_domain,
                score.label("score"),
                Deal.partner_id,
                Deal.customer_name,
                Deal.status,
            )
            .where(Deal.status.in_(OPEN_DEAL_STATUSES), Deal.id != deal.id, condition)
            .limit(100)
        )
    ).all()
    conflicts = []
    for other_id, other_domain, name_score, other_partner, other_name, other_status in rows:
        if domain_match is not None and other_domain == deal.customer_domain:
            reason, value = "domain", 1.0
        elif name_score is not None and name_score >= threshold:
            reason, value = "name", round(float(name_score), 3)
        else:
            continue
        conflict = DealConflict(deal_id=deal.id, other_deal_id=other_id, reason=reason, score=value)
        session.add(conflict)
        conflicts.append(Detected(conflict, other_partner, other_name, other_status))
    if conflicts:
        await session.flush()
    return conflicts
