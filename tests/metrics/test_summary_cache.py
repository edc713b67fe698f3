"""The summary kept a few seconds per audience: answered again within its age, read anew
after it, after a write this process answered, or on ``Cache-Control: no-cache``; never
shared between vendors and a partner, nor between partners."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from prm_api.metrics.summary import SummaryCache

RANGE = {"date_range": "2026"}


@pytest.fixture
async def kept(app) -> AsyncIterator[SummaryCache]:
    cache: SummaryCache = app.state.summary_cache
    cache.max_age_s = 5.0
    try:
        yield cache
    finally:
        cache.max_age_s = 0.0
        cache.invalidate()


async def read(client, headers, **extra_headers):
    r = await client.get("/v1/metrics/summary", params=RANGE, headers={**headers, **extra_headers})
    assert r.status_code == 200, r.text
    return r.json()


async def won(store, partner_id, amount: str) -> None:
    from datetime import date

    await store.deal(partner_id, "won", amount=amount, currency="USD", closed_at=date(2026, 3, 2))


async def test_kept_within_its_age_then_read_anew(client, auth, store, kept):
    partner = await store.partner(name="Alpha")
    await won(store, partner.id, "100.00")
    vendor = await auth.headers("admin")
    first = await read(client, vendor)
    assert first["kpis"]["metrics"]["won_revenue"] == "100.00"
    await won(store, partner.id, "50.00")  # straight into the database: no request seen
    again = await read(client, vendor)
    assert again == first  # the same summary, computed_at included
    fresh = await read(client, vendor, **{"Cache-Control": "no-cache"})
    assert fresh["kpis"]["metrics"]["won_revenue"] == "150.00"
    assert fresh["computed_at"] > first["computed_at"]
    kept.max_age_s = 0.2
    await won(store, partner.id, "25.00")
    await asyncio.sleep(0.3)
    assert (await read(client, vendor))["kpis"]["metrics"]["won_revenue"] == "175.00"


async def test_a_write_answered_here_drops_it(client, auth, store, kept):
    partner = await store.partner(name="Alpha")
    await won(store, partner.id, "100.00")
    vendor = await auth.headers("admin")
    first = await read(client, vendor)
    await won(store, partner.id, "50.00")
    r = await client.post(  # any write: the next summary is read anew
        "/v1/exchange-rates",
        json={"currency": "EUR", "rate_date": "2026-03-01", "rate": "1.1"},
        headers=vendor,
    )
    assert r.status_code == 201, r.text
    after = await read(client, vendor)
    assert after["kpis"]["metrics"]["won_revenue"] == "150.00"
    assert after["computed_at"] > first["computed_at"]


async def test_never_shared_between_audiences(client, auth, store, kept):
    alpha = await store.partner(name="Alpha")
    beta = await store.partner(name="Beta")
    await won(store, alpha.id, "100.00")
    await won(store, beta.id, "1000.00")
    program = await read(client, await auth.headers("admin"))
    assert program["kpis"]["metrics"]["won_revenue"] == "1100.00"
    assert [p["partner_name"] for p in program["top_partners"]] == ["Beta", "Alpha"]
    mine = await read(client, await auth.headers("partner_admin", partner_id=alpha.id))
    assert mine["kpis"]["metrics"]["won_revenue"] == "100.00"
    assert mine["top_partners"] == [] and "Beta" not in str(mine)
    theirs = await read(client, await auth.headers("partner_user", partner_id=beta.id))
    assert theirs["kpis"]["metrics"]["won_revenue"] == "1000.00"
    assert "Alpha" not in str(theirs)
    # A channel manager sees the program, as kept for the admin.
    assert await read(client, await auth.headers("channel_manager")) == program


async def test_one_computation_at_a_time_per_audience():
    cache = SummaryCache(max_age_s=5.0)
    calls = 0

    async def compute():
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.05)
        return calls

    results = await asyncio.gather(*(cache.get(("k",), compute) for _ in range(5)))
    assert results == [1] * 5 and calls == 1
    # A write answered while one is computed: that one is not kept.
    slow = asyncio.ensure_future(cache.get(("other",), compute, fresh=True))
    await asyncio.sleep(0.01)
    cache.invalidate()
    assert await slow == 2
    assert await cache.get(("other",), compute) == 3


async def test_never_answered_past_the_freshness_bound(monkeypatch):
    """A summary whose reading began more than 5 s ago is read anew, however recent its end."""
    from prm_api.metrics import summary

    monkeypatch.setattr(summary, "FRESHNESS_S", 0.15)
    cache = SummaryCache(max_age_s=5.0)
    calls = 0

    async def slow():
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.1)
        return calls

    assert await cache.get(("k",), slow) == 1
    assert await cache.get(("k",), slow) == 1  # ended just now, began 0.1 s ago
    await asyncio.sleep(0.1)
    assert await cache.get(("k",), slow) == 2  # began 0.2 s ago: past the bound
