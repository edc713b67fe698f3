"""The rollups the triggers maintain equal a rebuild from the raw records, and
``partner_totals`` reads them with the currency rule."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from metrics_support import rollup_contents
from sqlalchemy import delete, insert, update

from prm_api.metrics.rebuild import rebuild_all
from prm_api.metrics.totals import partner_totals
from prm_api.models import Deal, ExchangeRate


async def rebuilt(sessionmaker: Any) -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
    async with sessionmaker() as session, session.begin():
        await rebuild_all(session)
    return await rollup_contents(sessionmaker)


async def test_triggers_follow_every_change_and_match_a_rebuild(store, sessionmaker):
    partner = await store.partner()
    other = await store.partner()
    won = await store.deal(partner.id, "won", amount="1000.00", currency="USD")
    lost = await store.deal(partner.id, "lost", amount="250.00", currency="EUR")
    open_deal = await store.deal(other.id, "approved", amount="80.00", currency="USD")
    await store.deal(other.id, "rejected")
    await store.deal(other.id, "withdrawn")
    await store.deal(partner.id, "draft")
    # re-pricing, a back-dated close, a move to another partner, a deletion
    await store.set_deal(won.id, amount=Decimal("1200.00"), closed_at=date(2025, 12, 30))
    await store.set_deal(lost.id, partner_id=other.id)
    await store.set_deal(open_deal.id, status="won", closed_at=date(2026, 1, 2))
    async with sessionmaker() as session, session.begin():
        await session.execute(update(Deal).where(Deal.id == lost.id).values(has_conflicts=True))
        await session.execute(delete(Deal).where(Deal.id == won.id))
    maintained = await rollup_contents(sessionmaker)
    assert maintained == await rebuilt(sessionmaker)
    assert maintained["deal_daily_rollups"]  # the comparison is not vacuous


async def test_totals_convert_by_the_month_rule_and_flag_what_has_no_rate(store, sessionmaker):
    partner = await store.partner()
    day = date(2026, 3, 10)
    for amount, currency, closed in (
        ("100.00", "USD", day),
        ("200.00", "EUR", day),  # March has an EUR rate dated before the 10th
        ("300.00", "EUR", date(2026, 4, 2)),  # April's only rate is dated the 5th: none
        ("50.00", "GBP", day),  # no GBP rate at all
    ):
        await store.deal(partner.id, "won", amount=amount, currency=currency, closed_at=closed)
    await store.deal(partner.id, "lost", amount="10.00", currency="USD", closed_at=day)
    async with sessionmaker() as session, session.begin():
        await session.execute(
            insert(ExchangeRate),
            [
                {"currency": "EUR", "rate_date": date(2026, 2, 27), "rate": Decimal("9")},
                {"currency": "EUR", "rate_date": date(2026, 3, 1), "rate": Decimal("1.1")},
                {"currency": "EUR", "rate_date": date(2026, 3, 11), "rate": Decimal("5")},
                {"currency": "EUR", "rate_date": date(2026, 4, 5), "rate": Decimal("1.2")},
            ],
        )
    async with sessionmaker() as session:
        totals = (await partner_totals(session, date(2026, 3, 1), date(2026, 4, 30)))[partner.id]
    assert totals.won_deals == 4 and totals.lost_deals == 1
    assert totals.won_amount == Decimal("320.00")  # 100 + 200 × 1.1
    assert totals.won_unconverted == {"EUR": Decimal("300.00"), "GBP": Decimal("50.00")}
    assert totals.win_rate == 0.8


async def test_pipeline_is_a_level_at_the_end_of_the_window(store, sessionmaker):
    partner = await store.partner()
    today = date.today()
    deal = await store.deal(partner.id, "approved", amount="500.00", currency="USD")
    async with sessionmaker() as session:
        now = (await partner_totals(session, today - timedelta(days=30), today))[partner.id]
        before = (
            await partner_totals(session, today - timedelta(days=60), today - timedelta(days=31))
        )[partner.id]
    assert (now.pipeline_deals, now.pipeline_amount) == (1, Decimal("500.00"))
    assert (before.pipeline_deals, before.pipeline_amount) == (0, Decimal(0))
    await store.set_deal(deal.id, status="won", closed_at=today)
    async with sessionmaker() as session:
        now = (await partner_totals(session, today - timedelta(days=30), today))[partner.id]
    assert now.pipeline_deals == 0 and now.won_deals == 1
    assert now.last_deal_activity == today
