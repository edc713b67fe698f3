"""Property-style: random deal histories — every status, currency changes, re-pricing,
back-dated closes, moves between partners, tier, type and country changes, exchange rates
added, moved and removed, deletions — and after each, the rollups and the program cube the
triggers maintained equal a from-scratch rebuild, the cube's program-wide answers equal the
per-partner rollups', for every metric and every dimension of the query engine (whole months,
ranges cutting months, weeks), and the core figures equal a recomputation in Python from the
raw deals."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from metrics_support import cube_contents, rollup_contents
from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert

from prm_api.metrics import engine, readers, won_ranking
from prm_api.metrics.definitions import BY_KEY, METRIC_KEYS
from prm_api.metrics.periods import Interval, Period
from prm_api.metrics.rebuild import rebuild_all
from prm_api.models import Deal, ExchangeRate, UserActivityDay

START = date(2026, 1, 1)
PERIOD = Period(START, date(2026, 6, 30))
#: A range that cuts months at both ends (read partly by day), by month, whole and by week.
CUT = Period(date(2026, 1, 10), date(2026, 5, 20))
READS = ((PERIOD, Interval.month), (CUT, Interval.month), (CUT, None), (CUT, Interval.week))
CURRENCIES = ("USD", "EUR", "GBP")
STATUSES = ("draft", "submitted", "approved", "rejected", "withdrawn", "won", "lost", "expired")


def stamp(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def random_state(rng: random.Random) -> dict[str, object]:
    """A deal in a random status with consistent (or deliberately back-dated) stamps."""
    status = rng.choice(STATUSES)
    submitted = START + timedelta(days=rng.randrange(150))
    decided = submitted + timedelta(days=rng.randrange(0, 20))
    out: dict[str, object] = {
        "status": status,
        "amount": Decimal(rng.randrange(100, 100_000)) / 100,
        "currency": rng.choice(CURRENCIES),
        "has_conflicts": rng.random() < 0.2,
        "submitted_at": None,
        "decided_at": None,
        "closed_at": None,
        "withdrawn_at": None,
        "expired_at": None,
    }
    if status != "draft":
        out["submitted_at"] = stamp(submitted, rng.randrange(24))
    if status in ("approved", "rejected", "won", "lost", "expired") or (
        status == "withdrawn" and rng.random() < 0.5
    ):
        out["decided_at"] = stamp(decided, rng.randrange(24))
    if status in ("won", "lost"):
        # sometimes back-dated before the decision
        out["closed_at"] = decided + timedelta(days=rng.randrange(-10, 40))
    if status == "withdrawn":
        out["withdrawn_at"] = stamp(decided + timedelta(days=rng.randrange(30)), 9)
    if status == "expired":
        out["expired_at"] = stamp(decided + timedelta(days=rng.randrange(60, 90)), 3)
    return out


ALL_SPLITS = ((), ("partner",), ("tier",), ("partner_type",), ("country",), ("currency",),
              ("tier", "country"))  # fmt: skip
#: The splits a partner's move to another group leaves alone until the next fold.
GROUP_FREE = ((), ("partner",), ("currency",))


async def all_dimension_results(
    sessionmaker, *, use_cube: bool = True, splits: tuple = ALL_SPLITS
) -> dict[str, list]:
    """The engine's answer for every metric, for each read of ``READS``, split by each
    dimension of ``splits`` in turn (and, with every split, filtered by type and country)."""
    out: dict[str, list[object]] = {}
    async with sessionmaker() as session:
        for period, interval in READS:
            for dims in splits:
                metrics = [m for m in METRIC_KEYS if all(d in BY_KEY[m].dimensions for d in dims)]
                rows = await engine.run(
                    session, metrics, period, interval, dims, {}, "USD", fill=False,
                    use_cube=use_cube,
                )  # fmt: skip
                key = f"{period.start}/{interval}/{'/'.join(dims)}"
                out[key] = [(r.period, r.dimensions, r.values, r.unconverted) for r in rows]
            if splits != ALL_SPLITS:
                continue
            filters = {"country": ["PL"], "partner_type": ["msp", "reseller"]}
            rows = await engine.run(
                session, list(METRIC_KEYS), period, interval, (), filters, "USD", fill=False,
                use_cube=use_cube,
            )  # fmt: skip
            out[f"{period.start}/{interval}/filtered"] = [(r.period, r.values) for r in rows]
    return out


#: Ranges the won ranking is read over: whole months, cutting months, one day, one month.
WON_RANGES = (
    PERIOD,
    CUT,
    Period(date(2026, 3, 31), date(2026, 3, 31)),
    Period(date(2026, 2, 1), date(2026, 2, 28)),
    Period(date(2025, 12, 5), START),
)


async def assert_won_ranking_matches(sessionmaker) -> None:
    """Each partner's won revenue from its won months (``won_ranking``, the leaderboard's)
    equals the per-partner rollups' over every range of ``WON_RANGES`` (a partner with none
    left out on both sides)."""
    async with sessionmaker() as session:
        for period in WON_RANGES:
            rows = await engine.run(
                session, ["won_revenue"], period, None, ("partner",), {}, "USD", fill=False
            )
            expected = {
                r.dimensions[0]: r.values["won_revenue"]
                for r in rows
                if r.values["won_revenue"] != "0.00"
            }
            found = await won_ranking.won_revenue(session, period, "USD")
            assert found is not None
            assert {
                str(partner): engine.money_text(amount)
                for partner, amount in found.items()
                if engine.money(amount)
            } == expected, period


def python_figures(
    deals: list[Deal], rates: dict[tuple[str, date], Decimal], period: Period = PERIOD
) -> dict[str, object]:
    """Won revenue (base), unconverted by currency, won/lost, registered and (for ``PERIOD``)
    the pipeline at the period's end, straight from the deals."""
    won_base, unconverted = Decimal(0), {}
    won = lost = registered = 0
    pipeline = Decimal(0)
    end = period.end
    for d in deals:
        if d.submitted_at and period.start <= d.submitted_at.date() <= end:
            registered += 1
        if d.status in ("won", "lost") and d.closed_at and period.start <= d.closed_at <= end:
            if d.status == "lost":
                lost += 1
                continue
            won += 1
            rate = Decimal(1) if d.currency == "USD" else rates.get((d.currency, d.closed_at))
            if rate is None:
                unconverted[d.currency] = unconverted.get(d.currency, 0) + d.amount
            else:
                won_base += d.amount * rate
        approved = d.decided_at is not None and d.status not in ("rejected", "submitted", "draft")
        if approved and d.decided_at.date() <= end and period == PERIOD:
            exit_at = {"won": d.closed_at, "lost": d.closed_at}.get(d.status)
            if d.status == "expired":
                exit_at = d.expired_at.date()
            if d.status == "withdrawn":
                exit_at = d.withdrawn_at.date()
            if exit_at is not None:
                exit_at = max(exit_at, d.decided_at.date())
            if exit_at is None or exit_at > end:
                rate = Decimal(1) if d.currency == "USD" else rates.get((d.currency, end))
                assert rate is not None  # June has both rates
                pipeline += d.amount * rate
    return {
        "won_revenue": f"{engine.money(won_base):.2f}",
        "unconverted": {c: engine.money(a) for c, a in unconverted.items()},
        "won": won,
        "lost": lost,
        "registered": registered,
        "pipeline": f"{engine.money(pipeline):.2f}",
    }


@pytest.mark.parametrize("seed", range(4))
async def test_random_histories_rollups_equal_recomputation(seed, store, factory, sessionmaker):
    rng = random.Random(seed)
    tiers = [await store.tier(f"t{seed}{i}", rank=10 * seed + i) for i in range(2)]
    partners = [
        await store.partner(type=rng.choice(["reseller", "msp"]), country=rng.choice(["PL", "DE"]))
        for _ in range(3)
    ]
    async with sessionmaker() as session, session.begin():
        rates = {}
        for month in range(1, 7):
            for currency in ("EUR", "GBP"):
                if currency == "GBP" and month == 3:
                    continue  # a month without a GBP rate
                day = date(2026, month, rng.randrange(1, 10))
                rate = Decimal(rng.randrange(90, 140)) / 100
                await session.execute(
                    insert(ExchangeRate).values(currency=currency, rate_date=day, rate=rate)
                )
                rates[(currency, day)] = rate
    users = [
        await factory.user(role="partner_user", partner_id=rng.choice(partners).id)
        for _ in range(3)
    ]
    deal_ids = []
    for step in range(40):
        action = rng.random()
        if action < 0.1:
            await sign_in_days(rng, sessionmaker, users)
        elif action < 0.45 or not deal_ids:
            deal = await store.deal(rng.choice(partners).id, "draft")
            await store.set_deal(deal.id, **random_state(rng))
            deal_ids.append(deal.id)
        elif action < 0.75:
            await store.set_deal(rng.choice(deal_ids), **random_state(rng))  # any transition
        elif action < 0.82:
            await store.set_deal(rng.choice(deal_ids), partner_id=rng.choice(partners).id)
        elif action < 0.86:
            async with sessionmaker() as session, session.begin():
                await session.execute(delete(Deal).where(Deal.id == deal_ids.pop(0)))
        elif action < 0.93:
            await store.set_partner(
                rng.choice(partners).id,
                **rng.choice([{"tier_id": rng.choice([*(t.id for t in tiers), None])},
                              {"type": rng.choice(["reseller", "msp"])},
                              {"country": rng.choice(["PL", "DE", None])}]),
            )  # fmt: skip
        else:
            await change_a_rate(rng, sessionmaker, rates)
        if step % 10 == 9:
            maintained_tables = await rollup_contents(sessionmaker)
            # Before the fold (pending changes, months with changed rates read by day): every
            # split a move to another group does not touch yet.
            pending = await all_dimension_results(sessionmaker, splits=GROUP_FREE)
            assert (
                await all_dimension_results(sessionmaker, use_cube=False, splits=GROUP_FREE)
                == pending
            )
            await assert_won_ranking_matches(sessionmaker)  # pending changes, changed rates
            maintained_cube = await cube_contents(sessionmaker)  # folded first
            await assert_won_ranking_matches(sessionmaker)
            assert await all_dimension_results(sessionmaker, splits=GROUP_FREE) == pending
            maintained = await all_dimension_results(sessionmaker)  # folded: every split
            assert await all_dimension_results(sessionmaker, use_cube=False) == maintained
            async with sessionmaker() as session, session.begin():
                await rebuild_all(session)
            assert await rollup_contents(sessionmaker) == maintained_tables
            assert await cube_contents(sessionmaker) == maintained_cube
            assert await all_dimension_results(sessionmaker) == maintained
            await assert_won_ranking_matches(sessionmaker)
    async with sessionmaker() as session:
        deals = list((await session.scalars(select(Deal))).all())
        totals = (await engine.run(session, ["won_revenue", "won_deals", "win_rate",
                  "deals_registered", "pipeline"], PERIOD, None, (), {}, "USD"))[0]  # fmt: skip
        sign_ins = (await session.execute(select(UserActivityDay))).scalars().all()
        for period in (PERIOD, CUT):
            active = (await engine.run(
                session, ["active_users", "active_partners"], period, None, (), {}, "USD"
            ))[0].values  # fmt: skip
            assert active["active_users"] == len(
                {a.user_id for a in sign_ins if period.start <= a.day <= period.end}
            )
            assert active["active_partners"] == len({
                d.partner_id for d in deals
                if (d.submitted_at and period.start <= d.submitted_at.date() <= period.end)
                or (d.status == "won" and d.closed_at and period.start <= d.closed_at <= period.end)
            })  # fmt: skip
    by_day = _rates_by_day(rates)
    expected = python_figures(deals, by_day)
    assert totals.values["won_revenue"] == expected["won_revenue"]
    assert totals.unconverted.get("won_revenue", {}) == expected["unconverted"]
    assert totals.values["won_deals"] == expected["won"]
    assert totals.values["deals_registered"] == expected["registered"]
    closed = expected["won"] + expected["lost"]
    assert totals.values["win_rate"] == (round(expected["won"] / closed, 4) if closed else None)
    assert totals.values["pipeline"] == expected["pipeline"]
    # Per partner over a range cutting months, against the raw deals.
    async with sessionmaker() as session:
        split = await engine.run(
            session, ["won_revenue", "won_deals", "deals_registered"], CUT, None, ("partner",),
            {}, "USD", fill=False,
        )  # fmt: skip
    for row in split:
        mine = python_figures([d for d in deals if str(d.partner_id) == row.dimensions[0]],
                              by_day, CUT)  # fmt: skip
        assert row.values["won_revenue"] == mine["won_revenue"]
        assert row.unconverted.get("won_revenue", {}) == mine["unconverted"]
        assert (row.values["won_deals"], row.values["deals_registered"]) == (
            mine["won"],
            mine["registered"],
        )
    # Rates looked up row by row (a scope of a few partners: scorecards, health) give what the
    # day table gives (program-wide reads, split by partner here).
    flow_metrics = ["won_revenue", "won_deals", "win_rate", "deals_registered"]
    async with sessionmaker() as session:
        split = await engine.run(
            session, flow_metrics, PERIOD, Interval.month, ("partner",), {}, "USD", fill=False
        )
        for partner in partners:
            scope = {"partner_id": [partner.id]}
            assert readers.rates_by_row(readers.Scope(PERIOD, Interval.month, (), scope, "USD"))
            alone = await engine.run(
                session, flow_metrics, PERIOD, Interval.month, (), scope, "USD", fill=False
            )
            mine = [r for r in split if r.dimensions == (str(partner.id),)]
            assert [(r.period, r.values, r.unconverted) for r in alone] == [
                (r.period, r.values, r.unconverted) for r in mine
            ]


async def sign_in_days(rng: random.Random, sessionmaker, users: list) -> None:
    """A user signs in on a few days (some already counted), or loses a day's record."""
    user = rng.choice(users)
    async with sessionmaker() as session, session.begin():
        if rng.random() < 0.7:
            for _ in range(rng.randrange(1, 4)):
                day = START + timedelta(days=rng.randrange(180))
                await session.execute(
                    insert(UserActivityDay)
                    .values(user_id=user.id, partner_id=user.partner_id, day=day)
                    .on_conflict_do_nothing()
                )
        else:
            days = (await session.scalars(
                select(UserActivityDay.day).where(UserActivityDay.user_id == user.id)
            )).all()  # fmt: skip
            if days:
                await session.execute(
                    delete(UserActivityDay).where(
                        UserActivityDay.user_id == user.id, UserActivityDay.day == rng.choice(days)
                    )
                )


async def change_a_rate(rng: random.Random, sessionmaker, rates: dict) -> None:
    """Add a rate, move one within its month or remove one (never June's, which the pipeline
    check converts at; never a GBP rate in March, the month without one)."""
    movable = [(c, d) for (c, d) in rates if d.month < 6]
    choice = rng.random()
    async with sessionmaker() as session, session.begin():
        if choice < 0.4 or not movable:
            currency, month = rng.choice(["EUR", "GBP"]), rng.randrange(1, 6)
            day = date(2026, month, rng.randrange(1, 28))
            if (currency == "GBP" and month == 3) or (currency, day) in rates:
                return
            rate = Decimal(rng.randrange(90, 140)) / 100
            await session.execute(
                insert(ExchangeRate).values(currency=currency, rate_date=day, rate=rate)
            )
            rates[(currency, day)] = rate
        elif choice < 0.7:
            currency, day = rng.choice(movable)
            moved = day.replace(day=rng.randrange(1, 28))
            if (currency, moved) in rates:
                return
            await session.execute(
                update(ExchangeRate)
                .where(ExchangeRate.currency == currency, ExchangeRate.rate_date == day)
                .values(rate_date=moved)
            )
            rates[(currency, moved)] = rates.pop((currency, day))
        else:
            currency, day = rng.choice(movable)
            await session.execute(
                delete(ExchangeRate).where(
                    ExchangeRate.currency == currency, ExchangeRate.rate_date == day
                )
            )
            del rates[(currency, day)]


def _rates_by_day(rates: dict[tuple[str, date], Decimal]) -> dict[tuple[str, date], Decimal]:
    """The same-month rule, day by day, from the rates as inserted."""
    out: dict[tuple[str, date], Decimal] = {}
    day = PERIOD.start - timedelta(days=40)
    while day <= PERIOD.end + timedelta(days=40):
        for currency in ("EUR", "GBP"):
            candidates = [
                (d, r) for (c, d), r in rates.items()
                if c == currency and d <= day and (d.year, d.month) == (day.year, day.month)
            ]  # fmt: skip
            if candidates:
                out[(currency, day)] = max(candidates)[1]
        day += timedelta(days=1)
    return out
