"""The program cube under concurrent transactions: a partner moving group while another
transaction changes its deals, in either order, and a partner deleted with its history — no
transaction waits for another, and the folded cube equals its rebuild."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

from metrics_support import cube_contents
from sqlalchemy import delete, text, update

from prm_api.metrics.rebuild import rebuild_all
from prm_api.models import Deal, Partner

WON = {"status": "won", "closed_at": date(2026, 3, 2), "amount": "100.00", "currency": "USD"}


async def rebuilt_equals_maintained(sessionmaker) -> None:
    maintained = await cube_contents(sessionmaker)
    async with sessionmaker() as session, session.begin():
        await rebuild_all(session)
    assert await cube_contents(sessionmaker) == maintained


async def test_a_move_and_a_deal_change_in_either_order(store, sessionmaker):
    """Neither waits for the other (the move is the fold's work), and whichever commits
    first, the folded cube equals its rebuild."""
    gold = await store.tier("gold", rank=20)
    partner = await store.partner()
    deal = await store.deal(partner.id, "approved", amount="100.00", currency="USD")
    stamp = datetime(2026, 3, 2, 10, tzinfo=UTC)
    for first in ("move", "deal"):
        async with sessionmaker() as mover, sessionmaker() as writer:
            await mover.begin()
            await writer.begin()
            tier = gold.id if first == "move" else None
            await asyncio.wait_for(
                mover.execute(update(Partner).where(Partner.id == partner.id).values(tier_id=tier)),
                timeout=5,
            )
            await asyncio.wait_for(
                writer.execute(
                    update(Deal)
                    .where(Deal.id == deal.id)
                    .values(status="won", closed_at=date(2026, 3, 2), decided_at=stamp)
                ),
                timeout=5,
            )
            if first == "move":
                await mover.commit()
                await writer.commit()
            else:
                await writer.commit()
                await mover.commit()
        await rebuilt_equals_maintained(sessionmaker)
        await store.set_deal(deal.id, status="approved", closed_at=None)


async def test_a_tier_change_does_not_wait_for_other_partners_writers(store, sessionmaker):
    gold = await store.tier("gold", rank=20)
    busy, moved = await store.partner(), await store.partner()
    deal = await store.deal(busy.id, "approved", amount="100.00", currency="USD")
    async with sessionmaker() as writer, sessionmaker() as mover:
        await writer.begin()
        await writer.execute(
            update(Deal).where(Deal.id == deal.id).values(status="won", closed_at=date(2026, 3, 2))
        )
        await mover.begin()
        await asyncio.wait_for(
            mover.execute(update(Partner).where(Partner.id == moved.id).values(tier_id=gold.id)),
            timeout=5,
        )  # no table lock: another partner's open writer does not hold it up
        await mover.commit()
        await writer.commit()
    await rebuilt_equals_maintained(sessionmaker)


async def test_deleting_a_partner_takes_its_history_out(store, sessionmaker):
    keep, gone = await store.partner(), await store.partner()
    await store.deal(keep.id, **WON)
    await store.deal(gone.id, **WON)
    async with sessionmaker() as session, session.begin():
        await session.execute(delete(Deal).where(Deal.partner_id == gone.id))
        # History that outlives its raw records until the partner goes: engagement counted.
        await session.execute(
            text("INSERT INTO engagement_daily_rollups (partner_id, day, downloads) "
                 "VALUES (:id, '2026-03-02', 3)"), {"id": gone.id},
        )  # fmt: skip
    async with sessionmaker() as session:
        counted = await session.execute(
            text("SELECT count(*) FROM metric_cube_deltas WHERE downloads = 3")
        )
        assert counted.scalar() == 1
    async with sessionmaker() as session, session.begin():
        result = await session.execute(delete(Partner).where(Partner.id == gone.id))
        assert result.rowcount == 1  # the trigger lets the delete through
    async with sessionmaker() as session:
        left = await session.execute(text("SELECT count(*) FROM partners WHERE id = :id"),
                                     {"id": gone.id})  # fmt: skip
        assert left.scalar() == 0
    await rebuilt_equals_maintained(sessionmaker)
