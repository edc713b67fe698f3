"""GET /v1/deals: filters, fuzzy search, sorts and keyset pagination."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from prm_api.kit.time import utcnow


@pytest.fixture
async def deals(store):
    """Six deals of one partner with distinct amounts, stages, currencies and dates."""
    p = await store.partner()
    q = await store.partner()
    now = utcnow()
    specs = [
        ("Acme Sp. z o.o.", "acme.example", "100.00", "EUR", "qualification", "draft", 1),
        ("Globex Corporation", "globex.example", "2500.00", "EUR", "proposal", "submitted", 2),
        ("Initech", "initech.example", "9000.00", "USD", "negotiation", "approved", 3),
        ("Umbrella Health", None, "50.00", "PLN", "commit", "won", 4),
        ("Hooli", "hooli.example", "700.00", "EUR", "proposal", "rejected", 5),
        ("Stark Industries", "stark.example", "1200.00", "USD", "commit", "approved", 6),
    ]
    out = {}
    for n, (name, domain, amount, cur, stage, status, month) in enumerate(specs):
        deal = await store.deal(
            p.id if n < 5 else q.id,
            status,
            customer=name,
            domain=domain,
            amount=amount,
            currency=cur,
            stage=stage,
            title=f"{name.split()[0]} rollout",
            expected_close_date=date(2031, month, 15),
            created_at=now - timedelta(days=10 - n),
            updated_at=now - timedelta(days=10 - n),
        )
        out[name.split()[0]] = str(deal.id)
    return {"p": p, "q": q, "ids": out}


async def _ids(client, headers, query):
    r = await client.get(f"/v1/deals{query}", headers=headers)
    assert r.status_code == 200, (query, r.text)
    return [d["id"] for d in r.json()["data"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Stark", "Hooli", "Umbrella", "Initech", "Globex", "Acme"]),
        ("?status=approved", ["Stark", "Initech"]),
        ("?status=approved&status=draft", ["Stark", "Initech", "Acme"]),
        ("?stage=proposal", ["Hooli", "Globex"]),
        ("?currency=USD", ["Stark", "Initech"]),
        ("?amount_min=700&amount_max=2500", ["Stark", "Hooli", "Globex"]),
        ("?amount_min=700.01", ["Stark", "Initech", "Globex"]),
        (
            "?expected_close_after=2031-02-15&expected_close_before=2031-04-15",
            ["Umbrella", "Initech", "Globex"],
        ),
        ("?customer_domain=WWW.Globex.Example.", ["Globex"]),
        ("?customer_domain=globex.example", ["Globex"]),
        ("?q=Globex", ["Globex"]),
        ("?q=Globx", ["Globex"]),  # a typo still finds it
        ("?q=rollout&currency=EUR", ["Hooli", "Globex", "Acme"]),
        ("?q=umbrela%20health", ["Umbrella"]),
        ("?q=zzzzzz", []),
        ("?sort=amount", ["Umbrella", "Acme", "Hooli", "Stark", "Globex", "Initech"]),
        ("?sort=-amount&limit=2", ["Initech", "Globex"]),
        ("?sort=created_at", ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark"]),
        ("?sort=-expected_close_date", ["Stark", "Hooli", "Umbrella", "Initech", "Globex", "Acme"]),
    ],
)
async def test_filters_and_sorts(client, auth, deals, query, expected):
    cm = await auth.headers("channel_manager")
    assert await _ids(client, cm, query) == [deals["ids"][n] for n in expected]


async def test_vendor_partner_filter_and_time_ranges(client, auth, deals):
    cm = await auth.headers("admin")
    ids = deals["ids"]
    assert await _ids(client, cm, f"?partner_id={deals['q'].id}") == [ids["Stark"]]
    cutoff = (utcnow() - timedelta(days=7, hours=12)).isoformat().replace("+00:00", "Z")
    assert set(await _ids(client, cm, f"?created_after={cutoff}")) == {
        ids[n] for n in ("Umbrella", "Hooli", "Stark")
    }
    assert set(await _ids(client, cm, f"?updated_before={cutoff}")) == {
        ids[n] for n in ("Acme", "Globex", "Initech")
    }
    assert set(await _ids(client, cm, f"?created_before={cutoff}&q=rollout")) == {
        ids[n] for n in ("Acme", "Globex", "Initech")
    }
    # A partner sees only its own, whatever it asks for.
    pu = await auth.headers("partner_user", partner_id=deals["p"].id)
    assert ids["Stark"] not in await _ids(client, pu, "?limit=100")
    assert await _ids(client, pu, f"?partner_id={deals['q'].id}") == []


@pytest.mark.parametrize("sort", ["-created_at", "amount", "-updated_at", "-amount"])
async def test_pagination_walks_everything_once(client, auth, deals, sort):
    cm = await auth.headers("channel_manager")
    seen: list[str] = []
    url = f"/v1/deals?limit=2&sort={sort}"
    while url:
        r = await client.get(url, headers=cm)
        assert r.status_code == 200, r.text
        page = r.json()
        seen += [d["id"] for d in page["data"]]
        if page["has_more"]:
            assert 'rel="next"' in r.headers["Link"]
            url = f"/v1/deals?limit=2&sort={sort}&cursor={page['next_cursor']}"
        else:
            assert page["next_cursor"] is None
            url = None
    assert sorted(seen) == sorted(deals["ids"].values())
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("sort", ["expected_close_date", "-expected_close_date"])
@pytest.mark.parametrize("limit", [1, 2, 3])
async def test_pagination_by_expected_close_date(client, auth, store, deals, sort, limit):
    """Date cursors round-trip, and rows without a date (NULL) are neither lost nor repeated:
    last when ascending, first when descending."""
    await store.deal(deals["p"].id, "draft", customer="Nameless", expected_close_date=None)
    await store.deal(deals["p"].id, "draft", customer="Nameless 2", expected_close_date=None)
    cm = await auth.headers("channel_manager")
    seen: list[dict] = []
    url = f"/v1/deals?limit={limit}&sort={sort}"
    while url:
        r = await client.get(url, headers=cm)
        assert r.status_code == 200, r.text
        page = r.json()
        seen += page["data"]
        cursor = page["next_cursor"]
        url = f"/v1/deals?limit={limit}&sort={sort}&cursor={cursor}" if cursor else None
    ids = [d["id"] for d in seen]
    assert len(ids) == len(set(ids)) == 8
    dates = [d["expected_close_date"] for d in seen]
    if sort.startswith("-"):
        assert dates[:2] == [None, None]
        assert dates[2:] == sorted(dates[2:], reverse=True)
    else:
        assert dates[-2:] == [None, None]
        assert dates[:-2] == sorted(dates[:-2])


async def test_bad_list_parameters(client, auth, deals):
    cm = await auth.headers("channel_manager")
    for query, status in (
        ("?cursor=garbage", 400),
        ("?sort=title", 400),
        ("?limit=0", 422),
        ("?limit=101", 422),
        ("?status=open", 422),
        ("?stage=won", 422),
        ("?currency=EURO", 422),
        ("?amount_min=-1", 422),
        ("?partner_id=nope", 422),
        ("?created_after=yesterday", 422),
    ):
        r = await client.get(f"/v1/deals{query}", headers=cm)
        assert r.status_code == status, (query, r.text)
    r = await client.get("/v1/deals?limit=1&sort=amount", headers=cm)
    cursor = r.json()["next_cursor"]
    r = await client.get(f"/v1/deals?sort=-created_at&cursor={cursor}", headers=cm)
    assert r.status_code == 400, r.text


async def test_one_statement_shape_serves_every_value(client, auth, deals):
    """Lists are prebuilt per combination of filters (kit.statements), with the values bound
    per request: the same filters with other values, or another partner's token, must never
    get the rows of the request that built the statement."""
    ids = deals["ids"]
    pu_p = await auth.headers("partner_user", partner_id=deals["p"].id)
    pu_q = await auth.headers("partner_user", partner_id=deals["q"].id)
    for _ in range(2):
        assert await _ids(client, pu_p, "?currency=USD") == [ids["Initech"]]
        assert await _ids(client, pu_q, "?currency=USD") == [ids["Stark"]]
        assert await _ids(client, pu_p, "?currency=EUR") == [
            ids["Hooli"],
            ids["Globex"],
            ids["Acme"],
        ]
        assert await _ids(client, pu_q, "?currency=EUR") == []
        assert await _ids(client, pu_p, "?status=won&status=rejected") == [
            ids["Hooli"],
            ids["Umbrella"],
        ]
        # Two pages of one shape, each after its own cursor.
        r = await client.get("/v1/deals?limit=2&sort=amount", headers=pu_p)
        first = r.json()
        r = await client.get(
            f"/v1/deals?limit=2&sort=amount&cursor={first['next_cursor']}", headers=pu_p
        )
        second = [d["id"] for d in r.json()["data"]]
        assert [d["id"] for d in first["data"]] == [ids["Umbrella"], ids["Acme"]]
        assert second == [ids["Hooli"], ids["Globex"]]
