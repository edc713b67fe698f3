"""The program's approval histogram (migration 0023, ``metrics.approvals``): for random deal
histories the program-wide distribution of approval durations read from it — before a fold
(changes pending), after a fold and after a rebuild, for a range of whole months, ranges cutting
months, by month, by week and whole — equals the per-partner rows', and so does the median the
engine answers; the folded days equal the per-partner rows summed; and no fold, rebuild or
concurrent approval loses a change or waits for another transaction's writer."""

from __future__ import annotations

import asyncio
import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import delete, text, update

from prm_api.metrics import approvals, cube, engine, readers
from prm_api.metrics.periods import Interval, Period, buckets
from prm_api.metrics.rebuild import rebuild_all
from prm_api.models import Deal, Partner

START = date(2026, 1, 1)
PERIOD = Period(START, date(2026, 6, 30))
#: A range cutting months at both ends.
CUT = Period(date(2026, 1, 10), date(2026, 5, 20))
READS = (
    (PERIOD, None),
    (PERIOD, Interval.month),
    (CUT, None),
    (CUT, Interval.month),
    (CUT, Interval.week),
    (Period(date(2026, 3, 31), date(2026, 3, 31)), None),
)
APPROVED = ("approved", "won", "lost", "expired", "withdrawn")


def scope_of(period: Period, interval: Interval | None, *, use_cube: bool) -> readers.Scope:
    ends = [p.end for p in buckets(period, interval)]
    return readers.Scope(period, interval, (), {}, "USD", ends, use_cube)


async def histogram(session: Any, scope: readers.Scope) -> dict[readers.Key, list]:
    """The ``(hours, deals)`` pairs per period from the histogram, as the reader builds them."""
    assert approvals.covers(scope)
    out: dict[readers.Key, list[tuple[int, int]]] = defaultdict(list)
    rows = await session.execute(text(approvals.histogram_sql(scope)), cube.params(scope))
    for row in rows.mappings():
        if row["deals"]:
            out[scope.key(row, row["bucket"])].append((row["hours"], row["deals"]))
    return out


async def assert_reads_match(sessionmaker) -> None:
    """For every read of ``READS``: the histogram's distribution equals the per-partner rows',
    and the engine's median equals the per-partner median, with and without the cube."""
    async with sessionmaker() as session:
        for period, interval in READS:
            found = await histogram(session, scope_of(period, interval, use_cube=True))
            expected = await readers.approval_hours(
                session, scope_of(period, interval, use_cube=False)
            )
            assert {k: sorted(v) for k, v in found.items()} == {
                k: sorted(v) for k, v in expected.items()
            }, (period, interval)
            medians = {}
            for use_cube in (True, False):
                rows = await engine.run(
                    session, ["median_time_to_approval"], period, interval, (), {}, "USD",
                    use_cube=use_cube,
                )  # fmt: skip
                medians[use_cube] = [(r.period, r.values) for r in rows]
            assert medians[True] == medians[False], (period, interval)
            assert [values["median_time_to_approval"] for _, values in medians[True]] == [
                engine.median_of(found.get((p.start, ()), [])) for p in buckets(period, interval)
            ]


async def assert_folded(sessionmaker) -> dict[tuple[date, int], int]:
    """After a fold: nothing pending, no row of zero deals, and the days are the per-partner
    rows summed. Returns the days."""
    async with sessionmaker() as session:
        pending = await session.execute(text("SELECT count(*) FROM metric_approval_deltas"))
        assert pending.scalar() == 0
        return await assert_days_are_the_rollups(session)


async def assert_days_are_the_rollups(session: Any) -> dict[tuple[date, int], int]:
    days = {
        (r.day, r.hours): r.deals
        for r in await session.execute(text("SELECT * FROM metric_approval_days"))
    }
    assert 0 not in days.values()
    summed = await session.execute(
        text("SELECT day, hours, sum(deals) AS deals FROM deal_approval_hours "
             "GROUP BY day, hours HAVING sum(deals) <> 0")
    )  # fmt: skip
    assert days == {(r.day, r.hours): r.deals for r in summed}
    return days


async def fold(sessionmaker) -> int:
    """The scheduler's fold: the cube's and the histogram's, in one transaction (the second
    takes the advisory lock the first holds)."""
    async with sessionmaker() as session, session.begin():
        return await cube.fold(session)


def stamp(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def random_state(rng: random.Random) -> dict[str, object]:
    """A deal approved (then maybe closed, withdrawn, expired), rejected, submitted or a
    draft, its decision some hours after its submission — or, now and then, before it."""
    status = rng.choice((*APPROVED, *APPROVED, "rejected", "submitted", "draft"))
    submitted = stamp(START + timedelta(days=rng.randrange(-20, 190)), rng.randrange(24))
    hours = rng.choice([rng.randrange(0, 72), rng.randrange(0, 400), -rng.randrange(30)])
    decided = submitted + timedelta(hours=hours)
    out: dict[str, object] = {
        "status": status,
        "amount": Decimal(rng.randrange(100, 100_000)) / 100,
        "submitted_at": None,
        "decided_at": None,
        "closed_at": None,
        "withdrawn_at": None,
        "expired_at": None,
    }
    if status != "draft":
        out["submitted_at"] = submitted
    if status in ("approved", "rejected", "won", "lost", "expired") or (
        status == "withdrawn" and rng.random() < 0.7
    ):
        out["decided_at"] = decided
    if status in ("won", "lost"):
        out["closed_at"] = decided.date() + timedelta(days=rng.randrange(-5, 30))
    if status == "withdrawn":
        out["withdrawn_at"] = decided + timedelta(days=rng.randrange(30))
    if status == "expired":
        out["expired_at"] = decided + timedelta(days=rng.randrange(60, 90))
    return out


@pytest.mark.parametrize("seed", range(8))
async def test_random_histories_median_equals_per_partner(seed, store, sessionmaker):
    rng = random.Random(seed)
    partners = [(await store.partner()).id for _ in range(3)]
    deals: list[Any] = []
    for step in range(48):
        action = rng.random()
        if action < 0.4 or not deals:
            deal = await store.deal(rng.choice(partners), "draft")
            await store.set_deal(deal.id, **random_state(rng))
            deals.append(deal.id)
        elif action < 0.75:
            await store.set_deal(rng.choice(deals), **random_state(rng))  # any transition
        elif action < 0.85:
            await store.set_deal(rng.choice(deals), partner_id=rng.choice(partners))
        elif action < 0.95:
            gone = deals.pop(rng.randrange(len(deals)))
            async with sessionmaker() as session, session.begin():
                await session.execute(delete(Deal).where(Deal.id == gone))
        else:  # a partner goes with its deals; another comes
            gone = partners.pop(rng.randrange(len(partners)))
            async with sessionmaker() as session, session.begin():
                ids = await session.scalars(
                    delete(Deal).where(Deal.partner_id == gone).returning(Deal.id)
                )
                removed = set(ids)
                await session.execute(delete(Partner).where(Partner.id == gone))
            deals = [d for d in deals if d not in removed]
            partners.append((await store.partner()).id)
        if step % 8 == 7:
            await assert_reads_match(sessionmaker)  # changes pending
            await fold(sessionmaker)
            await assert_reads_match(sessionmaker)
            folded = await assert_folded(sessionmaker)
            async with sessionmaker() as session, session.begin():
                # Skewed on purpose: a rebuild derives the days from the rollups alone.
                await session.execute(
                    text("INSERT INTO metric_approval_days VALUES ('2026-02-02', 999, 7)")
                )
                await session.execute(
                    text("INSERT INTO metric_approval_deltas (day, hours, deals) "
                         "VALUES ('2026-02-03', 998, 5)")
                )  # fmt: skip
                await rebuild_all(session)
            assert await assert_folded(sessionmaker) == folded
            await assert_reads_match(sessionmaker)


async def test_a_fold_and_a_concurrent_approval_lose_nothing(store, sessionmaker):
    """A fold neither waits for an open approval nor takes its change: whether the approval
    commits before the fold's statement, while the fold is open or after it, the change is
    counted once — pending, then folded by the next fold."""
    partner = await store.partner()
    submitted = stamp(date(2026, 3, 2), 8)
    for when in ("before", "during", "after"):
        deal = await store.deal(partner.id, "submitted", submitted_at=submitted)
        await store.deal(partner.id, "approved", submitted_at=submitted,
                         decided_at=submitted + timedelta(hours=5))  # fmt: skip
        async with sessionmaker() as writer, sessionmaker() as folder:
            await writer.begin()
            await writer.execute(
                update(Deal)
                .where(Deal.id == deal.id)
                .values(status="approved", decided_at=submitted + timedelta(hours=5))
            )
            if when == "before":
                await writer.commit()
            await folder.begin()
            await asyncio.wait_for(approvals.fold(folder), timeout=5)  # no wait on the writer
            if when == "during":
                await writer.commit()
            await folder.commit()
            if when == "after":
                await writer.commit()
        await assert_reads_match(sessionmaker)
        await fold(sessionmaker)
        await assert_folded(sessionmaker)
        await assert_reads_match(sessionmaker)


async def test_same_day_and_hours_approvals_do_not_wait_for_each_other(store, sessionmaker):
    """Two partners' approvals of the same day and duration each append a change: neither
    waits for the other (a shared histogram row would make one wait)."""
    submitted = stamp(date(2026, 3, 2), 8)
    deals = [
        await store.deal((await store.partner()).id, "submitted", submitted_at=submitted)
        for _ in range(2)
    ]
    async with sessionmaker() as first, sessionmaker() as second:
        for session, deal in zip((first, second), deals, strict=True):
            await session.begin()
            await asyncio.wait_for(
                session.execute(
                    update(Deal)
                    .where(Deal.id == deal.id)
                    .values(status="approved", decided_at=submitted + timedelta(hours=3))
                ),
                timeout=5,
            )
        await second.commit()
        await first.commit()
    await assert_reads_match(sessionmaker)
    assert await fold(sessionmaker) >= 2
    assert (await assert_folded(sessionmaker))[(date(2026, 3, 2), 3)] == 2


async def test_a_rebuild_and_a_concurrent_approval_lose_nothing(store, sessionmaker):
    """The rebuild drops the changes and reads the rollups in one snapshot: an approval
    committed while it is open is neither lost nor counted twice."""
    partner = await store.partner()
    submitted = stamp(date(2026, 4, 7), 22)
    await store.deal(partner.id, "approved", submitted_at=submitted,
                     decided_at=submitted + timedelta(hours=30))  # fmt: skip
    deal = await store.deal(partner.id, "submitted", submitted_at=submitted)
    async with sessionmaker() as writer, sessionmaker() as rebuilder:
        await writer.begin()
        await writer.execute(
            update(Deal)
            .where(Deal.id == deal.id)
            .values(status="approved", decided_at=submitted + timedelta(hours=30))
        )
        await rebuilder.begin()
        await asyncio.wait_for(approvals.rebuild(rebuilder), timeout=5)
        await writer.commit()
        await rebuilder.commit()
    await assert_reads_match(sessionmaker)
    await fold(sessionmaker)
    assert (await assert_folded(sessionmaker))[(date(2026, 4, 9), 30)] == 2


async def test_deleting_a_partner_takes_its_approvals_out(store, sessionmaker):
    """Rollup rows that outlive their deals go with their partner (a cascade): the
    histogram loses them too."""
    keep, gone = await store.partner(), await store.partner()
    submitted = stamp(date(2026, 5, 5), 9)
    for partner in (keep, gone):
        await store.deal(partner.id, "approved", submitted_at=submitted,
                         decided_at=submitted + timedelta(hours=2))  # fmt: skip
    await fold(sessionmaker)
    async with sessionmaker() as session, session.begin():
        await session.execute(delete(Deal).where(Deal.partner_id == gone.id))
        await session.execute(
            text("INSERT INTO deal_approval_hours (partner_id, day, hours, deals) "
                 "VALUES (:id, '2026-05-06', 40, 3)"), {"id": gone.id},
        )  # fmt: skip
    await assert_reads_match(sessionmaker)
    async with sessionmaker() as session, session.begin():
        await session.execute(delete(Partner).where(Partner.id == gone.id))
    await assert_reads_match(sessionmaker)
    await fold(sessionmaker)
    assert await assert_folded(sessionmaker) == {(date(2026, 5, 5), 2): 1}
