"""`GET /v1/partners`: every filter narrows correctly, fuzzy search, keyset pagination."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

SORTS = ["name", "-name", "created_at", "-created_at", "updated_at", "-updated_at"]


def ts(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


@pytest.fixture
async def catalog(store, factory):
    gold = await store.tier("gold", 30)
    silver = await store.tier("silver", 20)
    m1 = await factory.user(role="channel_manager")
    m2 = await factory.user(role="admin")
    p1 = await store.partner(
        "active",
        name="Northwind Systems",
        domain="northwind.example",
        type="reseller",
        country="DE",
        tier_id=gold.id,
        manager_id=m1.id,
        tags=["a", "b"],
        external_ids={"salesforce": "N1"},
        created_at=ts("2024-01-01"),
        updated_at=ts("2024-06-01"),
    )
    p2 = await store.partner(
        "applied",
        name="Contoso Ltd",
        domain="contoso.example",
        type="msp",
        country="US",
        tier_id=silver.id,
        manager_id=m2.id,
        tags=["a"],
        external_ids={"hubspot": "C2"},
        created_at=ts("2024-02-01"),
        updated_at=ts("2024-03-01"),
    )
    p3 = await store.partner(
        "suspended",
        name="Fabrikam",
        domain="fbkm-dist.example",
        type="distributor",
        country="FR",
        created_at=ts("2024-03-01"),
        updated_at=ts("2024-04-01"),
    )
    return {
        "p1": str(p1.id),
        "p2": str(p2.id),
        "p3": str(p3.id),
        "gold": gold,
        "silver": silver,
        "m1": m1,
        "m2": m2,
    }


async def _ids(client, headers, params) -> set[str]:
    r = await client.get("/v1/partners", headers=headers, params=params)
    assert r.status_code == 200, (params, r.text)
    return {p["id"] for p in r.json()["data"]}


async def test_every_filter_narrows(client, auth, catalog):
    admin = await auth.headers("admin")
    c = catalog
    cases = [
        ({}, {"p1", "p2", "p3"}),
        ({"status": "active"}, {"p1"}),
        ({"status": ["active", "suspended"]}, {"p1", "p3"}),
        ({"status": "terminated"}, set()),
        ({"tier": "gold"}, {"p1"}),
        ({"tier": str(c["silver"].id)}, {"p2"}),
        ({"tier": "platinum"}, set()),
        ({"tier": str(uuid.uuid4())}, set()),
        ({"type": "msp"}, {"p2"}),
        ({"type": ["msp", "distributor"]}, {"p2", "p3"}),
        ({"country": "FR"}, {"p3"}),
        ({"country": ["DE", "US"]}, {"p1", "p2"}),
        ({"manager_id": str(c["m1"].id)}, {"p1"}),
        ({"manager_id": str(uuid.uuid4())}, set()),
        ({"tag": "a"}, {"p1", "p2"}),
        ({"tag": ["a", "b"]}, {"p1"}),
        ({"tag": "zzz"}, set()),
        ({"external_id": "salesforce:N1"}, {"p1"}),
        ({"external_id": "hubspot:C2"}, {"p2"}),
        ({"external_id": "hubspot:N1"}, set()),
        ({"created_after": "2024-02-01T00:00:00Z"}, {"p2", "p3"}),
        ({"created_before": "2024-02-01T00:00:00Z"}, {"p1"}),
        (
            {"created_after": "2024-01-15T00:00:00Z", "created_before": "2024-02-15T00:00:00Z"},
            {"p2"},
        ),
        ({"updated_after": "2024-04-01T00:00:00Z"}, {"p1", "p3"}),
        ({"updated_before": "2024-04-01T00:00:00Z"}, {"p2"}),
        ({"updated_after": "2024-03-15T02:00:00+02:00"}, {"p1", "p3"}),
        ({"status": "active", "country": "DE"}, {"p1"}),
        ({"status": "active", "country": "FR"}, set()),
        ({"q": "nortwind"}, {"p1"}),
        ({"q": "northwind systems"}, {"p1"}),
        ({"q": "NORTHWND"}, {"p1"}),
        ({"q": "contso"}, {"p2"}),
        ({"q": "fbkm-dist"}, {"p3"}),  # the domain only
        ({"q": "fabrkam"}, {"p3"}),
        ({"q": "xyzzy"}, set()),
        ({"q": "%"}, set()),
        ({"q": "_"}, set()),
        ({"q": "nortwind", "status": "suspended"}, set()),
    ]
    for params, expected in cases:
        assert await _ids(client, admin, params) == {c[k] for k in expected}, params


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"type": "vendor"},
        {"country": "de"},
        {"manager_id": "not-a-uuid"},
        {"created_after": "2024-01-01T00:00:00"},
        {"updated_before": "yesterday"},
        {"limit": 0},
        {"limit": 101},
        {"q": ""},
    ],
)
async def test_bad_filters_are_422(client, auth, params):
    admin = await auth.headers("admin")
    r = await client.get("/v1/partners", headers=admin, params=params)
    assert r.status_code == 422, (params, r.text)


@pytest.mark.parametrize(
    "params",
    [{"sort": "status"}, {"sort": "-domain"}, {"cursor": "garbage"}],
)
async def test_bad_sort_or_cursor_is_400(client, auth, params):
    admin = await auth.headers("admin")
    r = await client.get("/v1/partners", headers=admin, params=params)
    assert r.status_code == 400, (params, r.text)


async def test_malformed_external_id_filter_is_422(client, auth):
    admin = await auth.headers("admin")
    r = await client.get("/v1/partners", headers=admin, params={"external_id": "x"})
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["field"] == "external_id"


async def test_cursor_is_bound_to_its_sort(client, auth, store):
    admin = await auth.headers("admin")
    for _ in range(3):
        await store.partner("active")
    r = await client.get("/v1/partners", headers=admin, params={"limit": 1, "sort": "name"})
    cursor = r.json()["next_cursor"]
    r = await client.get(
        "/v1/partners", headers=admin, params={"limit": 1, "sort": "-name", "cursor": cursor}
    )
    assert r.status_code == 400, r.text


@pytest.fixture
async def many(store):
    """33 partners with repeated names and timestamps, so the id tie-break matters."""
    base = ts("2024-05-01")
    rows = []
    for i in range(33):
        p = await store.partner(
            ["active", "applied", "onboarding"][i % 3],
            name=f"Zeta {i // 3:02d}",
            created_at=base + timedelta(hours=i // 2),
            updated_at=base + timedelta(days=1, hours=(33 - i) // 4),
        )
        rows.append(p)
    return rows


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("limit", [1, 7, 100])
async def test_pagination_returns_everything_once_in_order(client, auth, many, sort, limit):
    admin = await auth.headers("admin")
    field = sort.lstrip("-")
    expected = sorted(many, key=lambda p: (getattr(p, field), p.id), reverse=sort.startswith("-"))
    seen: list[str] = []
    params: dict[str, object] = {"limit": limit, "sort": sort}
    pages = 0
    while True:
        r = await client.get("/v1/partners", headers=admin, params=params)
        assert r.status_code == 200, r.text
        page = r.json()
        assert len(page["data"]) <= limit
        seen += [p["id"] for p in page["data"]]
        pages += 1
        if not page["has_more"]:
            assert page["next_cursor"] is None and "link" not in r.headers
            break
        assert 'rel="next"' in r.headers["link"]
        params = {"limit": limit, "sort": sort, "cursor": page["next_cursor"]}
        assert pages <= 40
    assert seen == [str(p.id) for p in expected]
    assert len(set(seen)) == 33


async def test_pagination_with_a_filter(client, auth, many):
    admin = await auth.headers("admin")
    seen: list[str] = []
    params: dict[str, object] = {"limit": 4, "status": "applied", "sort": "name"}
    while True:
        page = (await client.get("/v1/partners", headers=admin, params=params)).json()
        seen += [p["id"] for p in page["data"]]
        if not page["has_more"]:
            break
        params["cursor"] = page["next_cursor"]
    assert sorted(seen) == sorted(str(p.id) for p in many if p.status == "applied")
    assert len(seen) == 11


async def test_default_order_is_newest_first(client, auth, many):
    admin = await auth.headers("admin")
    r = await client.get("/v1/partners", headers=admin, params={"limit": 100})
    expected = sorted(many, key=lambda p: (p.created_at, p.id), reverse=True)
    assert [p["id"] for p in r.json()["data"]] == [str(p.id) for p in expected]
    r = await client.get("/v1/partners", headers=admin)
    assert len(r.json()["data"]) == 25 and r.json()["has_more"] is True
