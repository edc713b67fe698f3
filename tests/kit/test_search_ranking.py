"""``q`` ranks by relevance unless a ``sort`` is asked for (DESIGN §5), on partners and deals,
and keyset pages walk that order exactly once (the cursor holds the score and the id)."""

from __future__ import annotations

import pytest
from factories import deal_body

#: 16 other names that match "ironworks" more or less well.
OTHERS = [
    "Atlantic Ironworks Group",
    "Baltic Ironworks",
    "Northern Iron Works",
    "Ironwork Partners",
    "Global Ironworx",
    "The Ironworker Guild",
    "Steel & Ironworks Co",
    "Irongate Works",
    "Iron Workshop",
    "Pacific Ironworks Trading",
    "Ironworkers Union Supply",
    "Eastern Ironwood Works",
    "Modern Ironworks Studio",
    "Ironsides Works",
    "Western Iron and Works",
    "Coastal Ironworking",
]
BEST = "Ironworks Solutions"


async def _create_partners(client, headers, best_first: bool) -> None:
    names = [BEST, *OTHERS] if best_first else [*OTHERS, BEST]
    for name in names:
        r = await client.post(
            "/v1/partners", headers=headers, json={"name": name, "type": "reseller"}
        )
        assert r.status_code == 201, r.text


async def _walk(client, headers, path, params, limit) -> list[dict]:
    out: list[dict] = []
    params = {**params, "limit": limit}
    while True:
        r = await client.get(path, headers=headers, params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        out += body["data"]
        if not body["has_more"]:
            assert body["next_cursor"] is None
            return out
        params["cursor"] = body["next_cursor"]


@pytest.mark.parametrize("best_first", [True, False], ids=["best_created_first", "best_last"])
async def test_partner_search_puts_the_best_match_first(client, admin_headers, best_first):
    await _create_partners(client, admin_headers, best_first)
    r = await client.get("/v1/partners", headers=admin_headers, params={"q": "ironworks"})
    assert r.status_code == 200, r.text
    names = [p["name"] for p in r.json()["data"]]
    assert names[0] == BEST, names
    # The name starting with it, then the names with a word starting with it, then the rest
    # by similarity.
    word = {n for n in OTHERS if any(w.lower().startswith("ironworks") for w in n.split())}
    assert len(word) == 5
    assert set(names[1:6]) == word, names
    assert names.index("Ironworkers Union Supply") < names.index("Irongate Works"), names
    # An exact name beats a prefix.
    r = await client.post(
        "/v1/partners", headers=admin_headers, json={"name": "IronWorks", "type": "msp"}
    )
    assert r.status_code == 201
    r = await client.get("/v1/partners", headers=admin_headers, params={"q": "ironworks"})
    assert [p["name"] for p in r.json()["data"]][:2] == ["IronWorks", BEST]


async def test_relevance_pages_walk_the_ranked_order_once(client, admin_headers):
    await _create_partners(client, admin_headers, best_first=False)
    # Ties: five partners with the same name score the same; the id breaks the tie.
    for n in range(5):
        r = await client.post(
            "/v1/partners",
            headers=admin_headers,
            json={"name": "Ironworks Trading", "type": "reseller", "domain": f"t{n}.example"},
        )
        assert r.status_code == 201
    whole = await _walk(client, admin_headers, "/v1/partners", {"q": "ironworks"}, 100)
    assert len(whole) >= 17
    for limit in (1, 2, 5, 7):
        paged = await _walk(client, admin_headers, "/v1/partners", {"q": "ironworks"}, limit)
        assert [p["id"] for p in paged] == [p["id"] for p in whole], limit


async def test_relevance_cursor_belongs_to_its_search(client, admin_headers):
    await _create_partners(client, admin_headers, best_first=True)
    r = await client.get(
        "/v1/partners", headers=admin_headers, params={"q": "ironworks", "limit": 2}
    )
    cursor = r.json()["next_cursor"]
    assert cursor
    for params in ({"q": "iron"}, {"q": "ironworks", "sort": "name"}, {}):
        r = await client.get(
            "/v1/partners", headers=admin_headers, params={**params, "cursor": cursor}
        )
        assert r.status_code == 400 and r.json()["code"] == "invalid_cursor", (params, r.text)
    r = await client.get(
        "/v1/partners",
        headers=admin_headers,
        params={"q": "ironworks", "cursor": "eyJzIjoiLXJlbGV2YW5jZSIsInYiOiJ4IiwiaWQiOjF9"},
    )
    assert r.status_code == 400 and r.json()["code"] == "invalid_cursor", r.text


async def test_a_sort_keeps_its_order_with_q(client, admin_headers):
    await _create_partners(client, admin_headers, best_first=False)
    r = await client.get(
        "/v1/partners",
        headers=admin_headers,
        params={"q": "ironworks", "sort": "created_at", "limit": 100},
    )
    created = [p["created_at"] for p in r.json()["data"]]
    assert created == sorted(created)
    assert r.json()["data"][-1]["name"] == BEST


async def test_a_partner_token_searches_only_its_own(client, auth, store):
    mine = await store.partner(name="Ironworks Mine")
    await store.partner(name="Ironworks Solutions")
    headers = await auth.headers("partner_user", partner_id=mine.id)
    r = await client.get("/v1/partners", headers=headers, params={"q": "ironworks"})
    assert [p["id"] for p in r.json()["data"]] == [str(mine.id)]


async def test_deal_search_ranks_the_customer_name(client, auth, store):
    partner = await store.partner()
    headers = await auth.headers("partner_user", partner_id=partner.id)
    for name in [*OTHERS[:8], BEST]:
        r = await client.post("/v1/deals", headers=headers, json=deal_body(name))
        assert r.status_code == 201, r.text
    r = await client.get("/v1/deals", headers=headers, params={"q": "ironworks"})
    assert r.status_code == 200, r.text
    assert r.json()["data"][0]["customer"]["name"] == BEST
    whole = await _walk(client, headers, "/v1/deals", {"q": "ironworks"}, 100)
    paged = await _walk(client, headers, "/v1/deals", {"q": "ironworks"}, 3)
    assert [d["id"] for d in paged] == [d["id"] for d in whole]
    # Another partner's deals never show up in the ranking.
    other = await store.partner()
    oh = await auth.headers("partner_user", partner_id=other.id)
    r = await client.get("/v1/deals", headers=oh, params={"q": "ironworks"})
    assert r.json()["data"] == []
