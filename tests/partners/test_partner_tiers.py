"""`/v1/tiers` and manual tier assignment."""

from __future__ import annotations

import pytest
from factories import claims_of

from prm_api.models import Tier

GOLD = {
    "key": "gold",
    "name": "Gold",
    "rank": 30,
    "benefits": "MDF, deal protection 120 days",
    "min_won_revenue": {"amount": "100000.00", "currency": "EUR"},
    "min_won_deals": 10,
    "min_certified_users": 3,
}


@pytest.mark.parametrize("role", ["admin", "channel_manager"])
async def test_tier_crud(client, auth, store, role):
    headers = await auth.headers(role)
    r = await client.post("/v1/tiers", headers=headers, json=GOLD)
    assert r.status_code == 201, r.text
    tier = r.json()
    assert r.headers["location"] == f"/v1/tiers/{tier['id']}"
    assert {k: tier[k] for k in GOLD} == GOLD
    etag = r.headers["etag"]

    r = await client.get(f"/v1/tiers/{tier['id']}", headers=headers)
    assert r.status_code == 200 and r.json() == tier and r.headers["etag"] == etag

    r = await client.patch(
        f"/v1/tiers/{tier['id']}",
        headers={**headers, "If-Match": etag},
        json={"name": "Gold+", "min_won_revenue": {"amount": "150000", "currency": "USD"}},
    )
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "Gold+"
    assert r.json()["min_won_revenue"] == {"amount": "150000.00", "currency": "USD"}
    assert r.headers["etag"] != etag
    r = await client.patch(
        f"/v1/tiers/{tier['id']}", headers={**headers, "If-Match": etag}, json={"name": "x"}
    )
    assert r.status_code == 412, r.text
    r = await client.patch(
        f"/v1/tiers/{tier['id']}", headers=headers, json={"min_won_revenue": None}
    )
    assert r.status_code == 200 and r.json()["min_won_revenue"] is None, r.text

    r = await client.delete(f"/v1/tiers/{tier['id']}", headers=headers)
    assert r.status_code == 204, r.text
    assert (await client.get(f"/v1/tiers/{tier['id']}", headers=headers)).status_code == 404
    actions = [a.action for a in await store.audit(tier["id"])]
    assert actions == ["tier.created", "tier.updated", "tier.updated", "tier.deleted"]


async def test_tiers_list_by_rank(client, auth):
    admin = await auth.headers("admin")
    for key, rank in [("gold", 30), ("registered", 0), ("silver", 20), ("platinum", 40)]:
        r = await client.post(
            "/v1/tiers", headers=admin, json={"key": key, "name": key, "rank": rank}
        )
        assert r.status_code == 201, r.text
    r = await client.get("/v1/tiers", headers=admin)
    assert [t["key"] for t in r.json()["data"]] == ["registered", "silver", "gold", "platinum"]
    r = await client.get("/v1/tiers", headers=admin, params={"sort": "-rank", "limit": 3})
    assert [t["key"] for t in r.json()["data"]] == ["platinum", "gold", "silver"]
    r = await client.get(
        "/v1/tiers",
        headers=admin,
        params={"sort": "-rank", "limit": 3, "cursor": r.json()["next_cursor"]},
    )
    assert [t["key"] for t in r.json()["data"]] == ["registered"]


async def test_unique_key_and_rank(client, auth, store):
    admin = await auth.headers("admin")
    assert (await client.post("/v1/tiers", headers=admin, json=GOLD)).status_code == 201
    r = await client.post("/v1/tiers", headers=admin, json={**GOLD, "rank": 31})
    assert r.status_code == 409 and r.json()["code"] == "tier_key_taken", r.text
    r = await client.post("/v1/tiers", headers=admin, json={**GOLD, "key": "gold2"})
    assert r.status_code == 409 and r.json()["code"] == "tier_rank_taken", r.text
    r = await client.post(
        "/v1/tiers", headers=admin, json={"key": "silver", "name": "S", "rank": 20}
    )
    silver = r.json()
    r = await client.patch(f"/v1/tiers/{silver['id']}", headers=admin, json={"rank": 30})
    assert r.status_code == 409 and r.json()["code"] == "tier_rank_taken", r.text
    r = await client.patch(f"/v1/tiers/{silver['id']}", headers=admin, json={"key": "gold"})
    assert r.status_code == 409 and r.json()["code"] == "tier_key_taken", r.text
    assert await store.count(Tier) == 2
    r = await client.get(f"/v1/tiers/{silver['id']}", headers=admin)
    assert r.json()["rank"] == 20 and r.json()["key"] == "silver"


@pytest.mark.parametrize("field", ["key", "name", "rank", "benefits"])
async def test_required_tier_fields_cannot_be_nulled(client, auth, store, field):
    admin = await auth.headers("admin")
    r = await client.post("/v1/tiers", headers=admin, json=GOLD)
    r = await client.patch(f"/v1/tiers/{r.json()['id']}", headers=admin, json={field: None})
    assert r.status_code == 422, r.text
    assert any(e["field"] == field for e in r.json()["errors"]), r.json()


@pytest.mark.parametrize(
    "patch",
    [
        {"key": "Gold"},
        {"rank": -1},
        {"min_won_revenue": {"amount": 100.5, "currency": "EUR"}},
        {"min_won_revenue": {"amount": "100", "currency": "eur"}},
        {"min_won_revenue": {"amount": "-1", "currency": "EUR"}},
        {"min_won_deals": -1},
        {"id": "01900000-0000-7000-8000-000000000001"},
        {"version": 3},
    ],
)
async def test_tier_validation(client, auth, store, patch):
    admin = await auth.headers("admin")
    r = await client.post("/v1/tiers", headers=admin, json={**GOLD, **patch})
    assert r.status_code == 422, (patch, r.text)
    assert await store.count(Tier) == 0


async def test_tier_in_use_cannot_be_deleted(client, auth, store):
    admin = await auth.headers("admin")
    tier = (await client.post("/v1/tiers", headers=admin, json=GOLD)).json()
    partner = await store.partner("active")
    r = await client.post(
        f"/v1/partners/{partner.id}/tier",
        headers=admin,
        json={"tier_id": tier["id"], "reason": "strategic"},
    )
    assert r.status_code == 200, r.text
    r = await client.delete(f"/v1/tiers/{tier['id']}", headers=admin)
    assert r.status_code == 409 and r.json()["code"] == "tier_in_use", r.text
    assert await store.count(Tier) == 1
    r = await client.post(
        f"/v1/partners/{partner.id}/tier", headers=admin, json={"tier_id": None, "reason": "moved"}
    )
    assert r.status_code == 200 and r.json()["tier"] is None, r.text
    assert (await client.delete(f"/v1/tiers/{tier['id']}", headers=admin)).status_code == 204


@pytest.mark.parametrize(
    ("role", "code"), [("partner_admin", "vendor_only"), ("partner_user", "insufficient_scope")]
)
async def test_partner_tokens_read_but_do_not_manage_tiers(client, auth, store, role, code):
    admin = await auth.headers("admin")
    tier = (await client.post("/v1/tiers", headers=admin, json=GOLD)).json()
    partner = await store.partner("active")
    headers = await auth.headers(role, partner_id=partner.id)
    r = await client.get("/v1/tiers", headers=headers)
    assert r.status_code == 200 and [t["id"] for t in r.json()["data"]] == [tier["id"]]
    assert (await client.get(f"/v1/tiers/{tier['id']}", headers=headers)).status_code == 200
    for method, url, body in [
        ("POST", "/v1/tiers", {**GOLD, "key": "mine", "rank": 99}),
        ("PATCH", f"/v1/tiers/{tier['id']}", {"name": "Mine"}),
        ("DELETE", f"/v1/tiers/{tier['id']}", None),
        ("POST", f"/v1/partners/{partner.id}/tier", {"tier_id": tier["id"], "reason": "me"}),
    ]:
        r = await client.request(method, url, headers=headers, json=body)
        assert r.status_code == 403, (method, url, r.text)
        assert r.json()["code"] == code
    assert await store.count(Tier) == 1
    assert (await store.get_partner(partner.id)).tier_id is None


async def test_tokens_without_partners_read_cannot_list_tiers(client, auth):
    headers = await auth.headers("admin", scopes=["deals:read"])
    r = await client.get("/v1/tiers", headers=headers)
    assert r.status_code == 403 and r.json()["code"] == "insufficient_scope", r.text
    assert (await client.get("/v1/tiers")).status_code == 401


async def test_manual_tier_assignment(client, auth, store):
    admin = await auth.headers("admin")
    admin_id = claims_of(admin)["sub"]
    gold = (await client.post("/v1/tiers", headers=admin, json=GOLD)).json()
    partner = await store.partner("active")
    etag = (await client.get(f"/v1/partners/{partner.id}", headers=admin)).headers["etag"]

    r = await client.post(
        f"/v1/partners/{partner.id}/tier", headers=admin, json={"tier_id": gold["id"]}
    )
    assert r.status_code == 422, r.text  # a reason is required
    r = await client.post(
        f"/v1/partners/{partner.id}/tier",
        headers=admin,
        json={"tier_id": "01900000-0000-7000-8000-000000000001", "reason": "x"},
    )
    assert r.status_code == 422, r.text
    r = await client.post(
        f"/v1/partners/{partner.id}/tier",
        headers={**admin, "If-Match": '"999"'},
        json={"tier_id": gold["id"], "reason": "x"},
    )
    assert r.status_code == 412, r.text
    assert await store.audit(partner.id) == []

    r = await client.post(
        f"/v1/partners/{partner.id}/tier",
        headers={**admin, "If-Match": etag},
        json={"tier_id": gold["id"], "reason": "strategic account"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["tier"] == {"id": gold["id"], "key": "gold", "name": "Gold", "rank": 30}
    assert r.headers["etag"] != etag
    [row] = await store.audit(partner.id)
    assert row.action == "partner.tier_changed" and row.actor_id == admin_id
    assert row.changes["reason"] == "strategic account"
    assert row.changes["tier_id"] == {"before": None, "after": gold["id"]}
    # Same tier again: nothing to record.
    r = await client.post(
        f"/v1/partners/{partner.id}/tier",
        headers=admin,
        json={"tier_id": gold["id"], "reason": "again"},
    )
    assert r.status_code == 200 and len(await store.audit(partner.id)) == 1
    r = await client.get("/v1/partners", headers=admin, params={"tier": "gold"})
    assert [p["id"] for p in r.json()["data"]] == [str(partner.id)]


@pytest.mark.parametrize("round_", range(4))
async def test_concurrent_assign_and_delete_never_500(client, auth, store, round_):
    import asyncio

    admin = await auth.headers("admin")
    tier = (await client.post("/v1/tiers", headers=admin, json=GOLD)).json()
    partner = await store.partner("active")
    assign, delete = await asyncio.gather(
        client.post(
            f"/v1/partners/{partner.id}/tier",
            headers=admin,
            json={"tier_id": tier["id"], "reason": "race"},
        ),
        client.delete(f"/v1/tiers/{tier['id']}", headers=admin),
    )
    assert {assign.status_code, delete.status_code} in ({200, 409}, {422, 204}), (
        assign.text,
        delete.text,
    )
    row = await store.get_partner(partner.id)
    if delete.status_code == 204:
        assert row.tier_id is None and await store.count(Tier) == 0
    else:
        assert str(row.tier_id) == tier["id"] and delete.json()["code"] == "tier_in_use"


async def test_concurrent_tier_patches_with_the_same_etag(client, auth):
    import asyncio

    admin = await auth.headers("admin")
    created = await client.post("/v1/tiers", headers=admin, json=GOLD)
    url, etag = f"/v1/tiers/{created.json()['id']}", created.headers["etag"]
    results = await asyncio.gather(
        *(
            client.patch(url, headers={**admin, "If-Match": etag}, json={"name": f"Gold {i}"})
            for i in range(3)
        )
    )
    assert sorted(r.status_code for r in results) == [200, 412, 412], [r.text for r in results]
    results = await asyncio.gather(
        *(client.patch(url, headers=admin, json={"benefits": f"b{i}"}) for i in range(3))
    )
    assert [r.status_code for r in results] == [200, 200, 200], [r.text for r in results]
