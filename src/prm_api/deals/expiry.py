"""The expiry job: approved deals whose protection ended become ``expired``.

Idempotent and safe with several workers: due rows are claimed with ``FOR UPDATE SKIP LOCKED``
in batches, each batch in its own transaction, and only ``approved`` rows are ever touched.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.audit import service as audit
from prm_api.auth.principal import Actor
from prm_api.deals.schemas import deal_out
from prm_api.events import service as events
from prm_api.kit.time import utcnow
from prm_api.models import Deal

log = logging.getLogger("prm_api.jobs")
EXPIRY_ACTOR = Actor(type="system", id="job:expire-deals")


async def expire_batch(session: AsyncSession, limit: int = 500) -> int:
    now = utcnow()
    due = (
        await session.scalars(
            select(Deal)
            .where(Deal.status == "approved", Deal.protection_expires_at <= now)
            .order_by(Deal.protection_expires_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
    shown_before = {deal.id: deal_out(deal) for deal in due}
    for deal in due:
        deal.status = "expired"
        deal.expired_at = now
    if due:
        await session.flush()
    for deal in due:
        await events.emit(
            session,
            EXPIRY_ACTOR,
            "deal.expired",
            deal_out(deal),
            resource_id=deal.id,
            partner_id=deal.partner_id,
            before=shown_before[deal.id],
        )
        await audit.record(
            session,
            EXPIRY_ACTOR,
            "deal.expired",
            "deal",
            deal.id,
            changes={"status": {"before": "approved", "after": "expired"}},
            partner_id=deal.partner_id,
        )
    return len(due)


async def expire_due_deals(sessionmaker: async_sessionmaker[AsyncSession], limit: int = 500) -> int:
    """Expire everything due now; returns how many deals moved."""
    total = 0
    while True:
        async with sessionmaker() as session, session.begin():
            moved = await expire_batch(session, limit)
        total += moved
        if moved < limit:
            break
    if total:
        log.info("expired deals", extra={"count": total})
    return total
