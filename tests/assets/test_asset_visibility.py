"""Who sees an asset (DESIGN §9): each audience rule, the status and dates, for partner
tokens in lists and gets alike; everything a partner may not see is a 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import assert_problem

from prm_api.kit.time import utcnow


async def _sees(client, headers, asset_id) -> bool:
    """The partner finds the asset by get and in the list, or in neither (never one only)."""
    got = await client.get(f"/v1/assets/{asset_id}", headers=headers)
    listed = await client.get("/v1/assets?limit=100", headers=headers)
    assert listed.status_code == 200, listed.text
    in_list = str(asset_id) in {a["id"] for a in listed.json()["data"]}
    if got.status_code == 404:
        assert_problem(got, 404, "not_found")
    else:
        assert got.status_code == 200, got.text
    assert in_list == (got.status_code == 200), (in_list, got.status_code)
    return in_list


@pytest.fixture
async def world(store, auth):
    gold, silver = await store.tier("gold", 1), await store.tier("silver", 2)
    inside = await store.partner(tier_id=gold.id, type="reseller", country="DE", region="DACH")
    outside = await store.partner(tier_id=silver.id, type="distributor", country="PL", region="CEE")
    return {
        "gold": gold,
        "silver": silver,
        "inside": inside,
        "outside": outside,
        "in_h": await auth.headers("partner_user", partner_id=inside.id),
        "out_h": await auth.headers("partner_user", partner_id=outside.id),
    }


@pytest.mark.parametrize(
    "rule",
    ["everyone", "tier", "type", "country", "region", "named", "combined"],
)
async def test_each_rule_admits_the_partner_inside_and_hides_from_the_one_outside(
    client, store, world, rule
):
    audience = {
        "everyone": {"everyone": True, "excluded_partner_ids": [world["outside"].id]},
        "tier": {"tier_ids": [world["gold"].id]},
        "type": {"partner_types": ["reseller", "msp"]},
        "country": {"countries": ["DE", "AT", "CH"]},
        "region": {"regions": ["DACH"]},
        "named": {"partner_ids": [world["inside"].id]},
        "combined": {
            "tier_ids": [world["gold"].id, world["silver"].id],
            "partner_types": ["reseller"],
            "countries": ["DE", "AT", "CH"],
        },
    }[rule]
    asset = await store.asset(audience=audience)
    assert await _sees(client, world["in_h"], asset.id)
    assert not await _sees(client, world["out_h"], asset.id)


async def test_a_tier_change_changes_visibility_at_once(client, store, world):
    asset = await store.asset(audience={"tier_ids": [world["gold"].id]})
    assert not await _sees(client, world["out_h"], asset.id)
    await store.set_partner(world["outside"].id, tier_id=world["gold"].id)
    assert await _sees(client, world["out_h"], asset.id)
    await store.set_partner(world["outside"].id, tier_id=None)
    assert not await _sees(client, world["out_h"], asset.id)


async def test_exclusion_beats_naming_and_an_empty_audience_is_vendor_only(
    client, store, world, admin_headers
):
    inside = world["inside"].id
    excluded = await store.asset(
        audience={"partner_ids": [inside], "excluded_partner_ids": [inside], "everyone": True}
    )
    nobody = await store.asset(audience={})
    for asset in (excluded, nobody):
        assert not await _sees(client, world["in_h"], asset.id)
        r = await client.get(f"/v1/assets/{asset.id}", headers=admin_headers)
        assert r.status_code == 200


@pytest.mark.parametrize(
    "state",
    ["draft", "archived", "not_yet", "expired"],
)
async def test_only_published_live_assets_exist_for_partners(
    client, store, world, admin_headers, state
):
    now = utcnow()
    values = {
        "draft": {"status": "draft"},
        "archived": {"status": "archived"},
        "not_yet": {"publish_at": now + timedelta(days=1)},
        "expired": {"expires_at": now - timedelta(seconds=1)},
    }[state]
    status = values.pop("status", "published")
    asset = await store.asset(status, audience={"everyone": True}, **values)
    assert not await _sees(client, world["in_h"], asset.id)
    r = await client.get(f"/v1/assets/{asset.id}", headers=admin_headers)
    assert r.status_code == 200, r.text
    # A vendor filters by status; partners cannot widen what they see with it.
    r = await client.get("/v1/assets?status=draft&status=archived", headers=world["in_h"])
    assert r.json()["data"] == []


async def test_explain_is_for_vendors_and_agrees_with_what_the_partner_sees(
    client, store, world, admin_headers
):
    asset = await store.asset(audience={"tier_ids": [world["gold"].id], "countries": ["DE", "AT"]})
    url = f"/v1/assets/{asset.id}/audience/explain"
    r = await client.get(url, params={"partner_id": str(world["inside"].id)}, headers=admin_headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["visible"], body["decided_by"]) == (True, "criteria")
    assert {d["dimension"]: d["matched"] for d in body["dimensions"]} == {
        "tier": True,
        "country": True,
    }
    r = await client.get(
        url, params={"partner_id": str(world["outside"].id)}, headers=admin_headers
    )
    body = r.json()
    assert (body["visible"], body["decided_by"]) == (False, "no_matching_rule")
    country = next(d for d in body["dimensions"] if d["dimension"] == "country")
    assert country == {
        "dimension": "country",
        "required": ["DE", "AT"],
        "partner_value": "PL",
        "matched": False,
    }
    # Partner tokens: vendor only; an unknown partner is a 422 naming the parameter.
    r = await client.get(url, params={"partner_id": str(world["inside"].id)}, headers=world["in_h"])
    assert_problem(r, 403, "vendor_only")
    r = await client.get(url, params={"partner_id": str(asset.id)}, headers=admin_headers)
    problem = assert_problem(r, 422, "validation_error")
    assert problem["errors"][0]["field"] == "partner_id"
