"""Download statistics: an asset's (vendor: all; partner: its own) and a partner's engagement
(partner tokens only their own), with from/to windows."""

from __future__ import annotations

from datetime import datetime, timedelta

from factories import assert_problem

from prm_api.kit.time import utcnow
from prm_api.models import AssetDownload


async def _arrange(store, sessionmaker):
    asset = await store.asset("published", title="Price list")
    other_asset = await store.asset("published", title="Deck")
    p1, p2 = await store.partner(), await store.partner()
    march = datetime(2027, 3, 10, 12, tzinfo=utcnow().tzinfo)
    rows = [
        (asset.id, 1, p1.id, march),
        (asset.id, 1, p1.id, march + timedelta(days=1)),
        (asset.id, 2, p2.id, march + timedelta(days=1)),
        (asset.id, 2, None, march + timedelta(days=40)),
        (other_asset.id, 1, p1.id, march + timedelta(days=40)),
    ]
    async with sessionmaker() as s, s.begin():
        for asset_id, number, partner_id, at in rows:
            s.add(
                AssetDownload(
                    asset_id=asset_id,
                    version_number=number,
                    partner_id=partner_id,
                    actor_type="user",
                    actor_id="u",
                    at=at,
                )
            )
    return asset, other_asset, p1, p2, march


async def test_asset_stats_for_vendor_and_partner(client, admin_headers, auth, store, sessionmaker):
    asset, _, p1, p2, _ = await _arrange(store, sessionmaker)
    r = await client.get(f"/v1/assets/{asset.id}/stats", headers=admin_headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 4
    assert body["by_partner"][0] == {"partner_id": str(p1.id), "downloads": 2}
    assert {(x["partner_id"], x["downloads"]) for x in body["by_partner"]} == {
        (str(p1.id), 2),
        (str(p2.id), 1),
        (None, 1),
    }
    assert body["by_day"] == [
        {"day": "2027-03-10", "downloads": 1},
        {"day": "2027-03-11", "downloads": 2},
        {"day": "2027-04-19", "downloads": 1},
    ]
    assert body["by_version"] == [
        {"version_number": 2, "downloads": 2},
        {"version_number": 1, "downloads": 2},
    ]
    window = await client.get(
        f"/v1/assets/{asset.id}/stats",
        headers=admin_headers,
        params={"from": "2027-03-11T00:00:00Z", "to": "2027-04-01T00:00:00Z"},
    )
    assert window.json()["total"] == 2 and window.json()["from"] == "2027-03-11T00:00:00Z"
    p1_h = await auth.headers("partner_user", partner_id=p1.id)
    mine = (await client.get(f"/v1/assets/{asset.id}/stats", headers=p1_h)).json()
    assert mine["total"] == 2
    assert mine["by_partner"] == [{"partner_id": str(p1.id), "downloads": 2}]
    bad = await client.get(
        f"/v1/assets/{asset.id}/stats",
        headers=admin_headers,
        params={"from": "2027-04-01T00:00:00Z", "to": "2027-03-01T00:00:00Z"},
    )
    assert bad.status_code == 200 and bad.json()["total"] == 0  # an empty window


async def test_partner_engagement(client, admin_headers, auth, store, sessionmaker):
    asset, other_asset, p1, p2, _ = await _arrange(store, sessionmaker)
    r = await client.get(f"/v1/partners/{p1.id}/engagement", headers=admin_headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 3
    assert body["by_asset"] == [
        {"asset_id": str(asset.id), "title": "Price list", "downloads": 2},
        {"asset_id": str(other_asset.id), "title": "Deck", "downloads": 1},
    ]
    assert body["by_month"] == [
        {"month": "2027-03", "downloads": 2},
        {"month": "2027-04", "downloads": 1},
    ]
    p1_h = await auth.headers("partner_user", partner_id=p1.id)
    assert (await client.get(f"/v1/partners/{p1.id}/engagement", headers=p1_h)).status_code == 200
    other = await client.get(f"/v1/partners/{p2.id}/engagement", headers=p1_h)
    assert_problem(other, 404, "not_found")
    missing = await client.get(
        "/v1/partners/0190c0de-0000-7000-8000-000000000000/engagement", headers=admin_headers
    )
    assert_problem(missing, 404, "not_found")


async def test_partner_engagement_lists_only_assets_the_partner_still_sees(
    client, admin_headers, auth, store, sessionmaker
):
    """Downloads of an asset whose audience moved away from the partner, or that was
    archived, are not listed (title included) nor counted for the partner's token; vendors
    still see them."""
    asset, other_asset, p1, _p2, _ = await _arrange(store, sessionmaker)
    archived = await store.asset("published", title="Old price list")
    async with sessionmaker() as s, s.begin():
        s.add(
            AssetDownload(
                asset_id=archived.id,
                version_number=1,
                partner_id=p1.id,
                actor_type="user",
                actor_id="u",
                at=datetime(2027, 5, 2, tzinfo=utcnow().tzinfo),
            )
        )
    p1_h = await auth.headers("partner_user", partner_id=p1.id)
    before = (await client.get(f"/v1/partners/{p1.id}/engagement", headers=p1_h)).json()
    assert before["total"] == 4
    assert {a["title"] for a in before["by_asset"]} == {"Price list", "Deck", "Old price list"}

    await store.set_asset(other_asset.id, audience_everyone=False, audience_partner_ids=[])
    await store.set_asset(archived.id, status="archived")
    r = await client.get(f"/v1/partners/{p1.id}/engagement", headers=p1_h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["by_asset"] == [{"asset_id": str(asset.id), "title": "Price list", "downloads": 2}]
    assert body["total"] == 2
    assert body["by_month"] == [{"month": "2027-03", "downloads": 2}]
    for hidden in (other_asset.id, archived.id):
        assert_problem(
            await client.get(f"/v1/assets/{hidden}/stats", headers=p1_h), 404, "not_found"
        )
    # An exclusion works the same way.
    await store.set_asset(asset.id, audience_excluded_partner_ids=[p1.id])
    body = (await client.get(f"/v1/partners/{p1.id}/engagement", headers=p1_h)).json()
    assert (body["total"], body["by_asset"], body["by_month"]) == (0, [], [])

    vendor = (await client.get(f"/v1/partners/{p1.id}/engagement", headers=admin_headers)).json()
    assert vendor["total"] == 4
    assert {a["title"] for a in vendor["by_asset"]} == {"Price list", "Deck", "Old price list"}
