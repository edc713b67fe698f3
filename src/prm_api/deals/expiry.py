"""The expiry job: approved deals whose protection ended become ``expired``.

Idempotent and safe with several workers: due rows are claimed with ``FOR UPDATE SKIP LOCKED``
in batches, each batch in its own transaction, and only ``approved`` rows are ever touched.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.auth.principal import Actor
from prm_api.deals import repository
from prm_api.deals.events import DEAL_EXPIRED
from prm_api.deals.schemas import deal_out
from prm_api.events.recording import record_change
from prm_api.kit.batches import in_batches
from prm_api.kit.time import utcnow

EXPIRY_ACTOR = Actor(type="system", id="job:expire-deals")


async def expire_batch(session: AsyncSession, limit: int = 500) -> int:
    now = utcnow()
    due = await repository.claim_due_for_expiry(session, now, limit)
    shown_before = {deal.id: deal_out(deal) for deal in due}
    for deal in due:
        deal.status = "expired"
        deal.expired_at = now
    if due:
        await session.flush()
    for deal in due:
        await record_change(
            session,
            EXPIRY_ACTOR,
            DEAL_EXPIRED,
            deal_out(deal),
            resource_id=deal.id,
            partner_id=deal.partner_id,
            changes={"status": {"before": "approved", "after": "expired"}},
            before=shown_before[deal.id],
        )
    return len(due)


async def expire_due_deals(sessionmaker: async_sessionmaker[AsyncSession], limit: int = 500) -> int:
    """Expire everything due now; returns how many deals moved."""
    return await in_batches(
        sessionmaker, lambda session: expire_batch(session, limit), limit, "expired deals"
    )
