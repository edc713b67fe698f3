"""The ranking by won revenue read from each partner's won months (``won_ranking``): through
the leaderboard it gives exactly what ranking the daily rollups gives — ties at the last place,
inactive partners, currencies and rates, pending changes, a changed rate — and it stands aside
(the rollups answer) whenever its rows cannot answer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from metrics_support import cube_contents
from sqlalchemy import insert, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from prm_api.metrics import cube, won_ranking
from prm_api.metrics.periods import Period
from prm_api.models import ExchangeRate, Partner, ProgramSettings

YEAR = {"metric": "won_revenue", "period": "2026"}


@pytest.fixture
def calls(monkeypatch):
    """How often the won months answered (not None) and stood aside (None)."""
    seen = {"answered": 0, "aside": 0}
    real = won_ranking.top

    async def spy(*args, **kwargs):
        found = await real(*args, **kwargs)
        seen["answered" if found is not None else "aside"] += 1
        return found

    monkeypatch.setattr(won_ranking, "top", spy)
    return seen


async def board(client, headers, limit: int) -> list[tuple[int, str, str]]:
    r = await client.get("/v1/metrics/leaderboard", params={**YEAR, "limit": limit},
                         headers=headers)  # fmt: skip
    assert r.status_code == 200, r.text
    assert r.json()["ranked"] == 5
    return [(e["rank"], e["partner_name"], e["value"]) for e in r.json()["entries"]]


async def from_rollups(client, headers, limit: int, monkeypatch) -> list[tuple[int, str, str]]:
    async def aside(*args, **kwargs):
        return None

    with monkeypatch.context() as m:
        m.setattr(won_ranking, "top", aside)
        return await board(client, headers, limit)


async def seed(store, sessionmaker):
    """Six partners, one of them inactive with the most won; Delta and echo tie (names sort
    case-blind); a EUR win converts at 1.25, a GBP one has no rate."""
    names = ("alpha", "Bravo", "Charlie", "Delta", "echo")
    partners = {name: await store.partner(name=name) for name in names}
    idle = await store.partner(name="Idle")
    async with sessionmaker() as session, session.begin():
        suspend = update(Partner).where(Partner.id == idle.id).values(status="suspended")
        await session.execute(suspend)
        await session.execute(
            insert(ExchangeRate).values(currency="EUR", rate_date=date(2026, 2, 1),
                                        rate=Decimal("1.25"))
        )  # fmt: skip
    for name, amount, currency, closed in (
        ("alpha", "100.00", "USD", date(2026, 1, 5)),
        ("Bravo", "400.00", "EUR", date(2026, 2, 10)),  # 500.00
        ("Charlie", "300.00", "USD", date(2026, 3, 1)),
        ("Charlie", "900.00", "GBP", date(2026, 3, 2)),  # no rate: not ranked by
        ("Delta", "250.00", "USD", date(2026, 4, 30)),
        ("echo", "250.00", "USD", date(2026, 12, 1)),
    ):
        await store.deal(partners[name].id, "won", amount=amount, currency=currency,
                         closed_at=closed)  # fmt: skip
    await store.deal(idle.id, "won", amount="9999.00", currency="USD", closed_at=date(2026, 5, 1))
    return partners


async def test_the_top_equals_ranking_the_rollups(client, auth, store, sessionmaker, calls,
                                                  monkeypatch):  # fmt: skip
    await seed(store, sessionmaker)
    headers = await auth.headers("channel_manager")
    for folded in (False, True):
        if folded:
            await cube_contents(sessionmaker)  # fold (and check the rows' invariants)
        for limit in (1, 2, 3, 4):
            answered = calls["answered"]
            found = await board(client, headers, limit)
            assert calls["answered"] == answered + 1, limit
            assert found == await from_rollups(client, headers, limit, monkeypatch)
    assert await board(client, headers, 4) == [
        (1, "Bravo", "500.00"),
        (2, "Charlie", "300.00"),
        (3, "Delta", "250.00"),
        (3, "echo", "250.00"),
    ]
    # Five partners have won: asked for more, the rollups rank the rest (nothing won last).
    aside = calls["aside"]
    assert len(await board(client, headers, 10)) == 5
    assert calls["aside"] == aside + 1


async def test_a_changed_rate_counts_before_and_after_the_fold(
    client, auth, store, sessionmaker, calls, monkeypatch
):
    await seed(store, sessionmaker)
    await cube_contents(sessionmaker)
    headers = await auth.headers("admin")
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(ExchangeRate).where(ExchangeRate.currency == "EUR").values(rate=Decimal("0.5"))
        )
    expected = [(1, "Charlie", "300.00"), (2, "Delta", "250.00"), (2, "echo", "250.00"),
                (4, "Bravo", "200.00")]  # fmt: skip
    assert await board(client, headers, 4) == expected  # the month read from its days
    await cube_contents(sessionmaker)  # the month derived again
    assert await board(client, headers, 4) == expected
    assert await from_rollups(client, headers, 4, monkeypatch) == expected


async def test_it_stands_aside_when_its_rows_cannot_answer(store, sessionmaker):
    await seed(store, sessionmaker)
    year = Period(date(2026, 1, 1), date(2026, 12, 31))
    async with sessionmaker() as session:
        assert await won_ranking.top(session, year, "USD", 3) is not None
        # Past the months the rows run through (the one after today's).
        assert await won_ranking.top(session, Period(date(2030, 1, 1), date(2030, 1, 2)),
                                     "USD", 1) is None  # fmt: skip
        # Another base currency than the rows' (no rates: a program may change it).
        assert await won_ranking.top(session, year, "EUR", 1) is None
    async with sessionmaker() as session, session.begin():
        await session.execute(text("DELETE FROM exchange_rates"))
        await session.execute(
            pg_insert(ProgramSettings).values(id=1, base_currency="EUR")
            .on_conflict_do_update(index_elements=["id"], set_={"base_currency": "EUR"})
        )  # fmt: skip
    async with sessionmaker() as session, session.begin():
        await cube.fold(session)  # derives the rows again in EUR
    async with sessionmaker() as session:
        assert await won_ranking.top(session, year, "USD", 1) is None
        found = await won_ranking.top(session, year, "EUR", 1)
        assert found is not None and [e.value for e in found.entries] == [Decimal("400.00")]
    await cube_contents(sessionmaker)  # invariants hold in the new currency


async def test_a_new_month_gets_every_partners_row(store, sessionmaker):
    """The fold pushes the rows on to the month after today's: taken back a few months (as
    if the fold had last run then), the next fold fills every partner's months again."""
    await seed(store, sessionmaker)
    async with sessionmaker() as session, session.begin():
        await session.execute(text("DELETE FROM partner_won_months WHERE month > '2026-09-01'"))
        await session.execute(text("UPDATE partner_won_state SET dense_through = '2026-09-01'"))
    year = Period(date(2026, 1, 1), date(2026, 12, 31))
    async with sessionmaker() as session:
        assert await won_ranking.top(session, year, "USD", 1) is None
    contents = await cube_contents(sessionmaker)  # folds; checks every month is there
    async with sessionmaker() as session:
        values = await won_ranking.won_revenue(session, year, "USD")
    assert values is not None
    assert sorted(values.values()) == sorted(
        Decimal(v) for v in ("100.00", "500.00", "300.00", "250.00", "250.00", "9999.00")
    )
    assert len(contents["partner_won_months"]) == 6


async def test_a_partner_sees_its_own_place_as_the_rollups_give_it(
    client, auth, store, sessionmaker, monkeypatch
):
    partners = await seed(store, sessionmaker)
    nothing = await store.partner(name="Foxtrot")  # active, no deal: ranks last
    answered = []
    real = won_ranking.standing

    async def spy(*args, **kwargs):
        found = await real(*args, **kwargs)
        answered.append(found is not None)
        return found

    monkeypatch.setattr(won_ranking, "standing", spy)

    async def place(partner_id, *, rollups: bool = False):
        headers = await auth.headers("partner_user", partner_id=partner_id)
        with monkeypatch.context() as m:
            if rollups:
                m.setattr(won_ranking, "standing", lambda *a, **k: _none())
            r = await client.get("/v1/metrics/leaderboard", params=YEAR, headers=headers)
        assert r.status_code == 200, r.text
        assert r.json()["entries"] == []
        return r.json()["you"]

    for name, partner in partners.items():
        mine = await place(partner.id)
        assert answered[-1], name
        assert mine == await place(partner.id, rollups=True), name
    assert (await place(partners["echo"].id))["rank"] == 3
    assert (await place(partners["echo"].id))["percentile"] == 33.3  # 2 of 6 below
    # Nothing won: the rollups place it (last, with no value).
    mine = await place(nothing.id)
    assert answered[-1] is False
    assert mine == {"rank": 6, "of": 6, "percentile": 0.0, "value": None}


async def _none():
    return None
