"""Share links: create (token once, only its hash kept), list (a partner its own), revoke,
download without a bearer token (counted for the link's partner), and every way a link stops
working (expired, revoked, unknown, the partner out of the audience, the asset archived)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from factories import assert_problem, settings_overridden
from files_support import PDF, upload
from sqlalchemy import select

from prm_api.kit.time import utcnow
from prm_api.models import AssetDownload, AssetShareLink


@pytest.fixture
async def world(app, client, admin_headers, store, auth, tmp_path):
    with settings_overridden(app, data_dir=tmp_path, storage_url=None):
        gold = await store.tier("gold", 1)
        asset = await store.asset("draft", with_version=False, audience={"tier_ids": [gold.id]})
        assert (await upload(client, asset.id, admin_headers, PDF)).status_code == 201
        await store.set_asset(asset.id, status="published")
        inside = await store.partner(tier_id=gold.id)
        other = await store.partner(tier_id=gold.id)
        yield {
            "asset": asset,
            "inside": inside,
            "in_h": await auth.headers("partner_user", partner_id=inside.id),
            "other_h": await auth.headers("partner_user", partner_id=other.id),
        }


def _path(url: str) -> str:
    return url.split("testserver", 1)[1]


async def test_life_cycle(client, world, db, store):
    base = f"/v1/assets/{world['asset'].id}/share-links"
    r = await client.post(base, headers=world["in_h"], json={})
    assert r.status_code == 201, r.text
    link = r.json()
    assert link["partner_id"] == str(world["inside"].id)
    assert link["url"].endswith(f"/v1/shared/{link['token']}")
    days = (
        (await db.get(AssetShareLink, link["id"])).expires_at - utcnow()
    ).total_seconds() / 86400
    assert 6.9 < days <= 7
    stored = await db.get(AssetShareLink, link["id"])
    assert stored.token_hash == hashlib.sha256(link["token"].encode()).hexdigest()

    # No bearer token: the file, counted for the link's partner.
    got = await client.get(_path(link["url"]))
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["content-security-policy"] == "default-src 'none'; sandbox"
    ranged = await client.get(_path(link["url"]), headers={"Range": "bytes=0-3"})
    assert ranged.status_code == 206 and ranged.content == PDF[:4]
    rows = (await db.scalars(select(AssetDownload))).all()
    assert [(d.partner_id, d.actor_type, str(d.share_link_id)) for d in rows] == [
        (world["inside"].id, "share_link", link["id"])
    ]

    # Listed for its partner, not for another; never with the token.
    mine = (await client.get(base, headers=world["in_h"])).json()["data"]
    assert [x["id"] for x in mine] == [link["id"]] and "token" not in mine[0]
    assert (await client.get(base, headers=world["other_h"])).json()["data"] == []
    assert_problem(
        await client.delete(f"{base}/{link['id']}", headers=world["other_h"]), 404, "not_found"
    )

    # Revoked: a 404 like an unknown token.
    assert (await client.delete(f"{base}/{link['id']}", headers=world["in_h"])).status_code == 204
    assert_problem(await client.get(_path(link["url"])), 404, "not_found")
    assert_problem(await client.get("/v1/shared/not-a-token"), 404, "not_found")


async def test_expired_link_is_404(client, world, store, sessionmaker):
    r = await client.post(
        f"/v1/assets/{world['asset'].id}/share-links", headers=world["in_h"], json={}
    )
    link = r.json()
    async with sessionmaker() as s, s.begin():
        row = await s.get(AssetShareLink, link["id"])
        row.expires_at = utcnow() - timedelta(seconds=1)
    assert_problem(await client.get(_path(link["url"])), 404, "not_found")


async def test_link_stops_when_the_partner_leaves_the_audience_or_the_asset_is_archived(
    client, world, store
):
    base = f"/v1/assets/{world['asset'].id}/share-links"
    url = _path((await client.post(base, headers=world["in_h"], json={})).json()["url"])
    assert (await client.get(url)).status_code == 200
    await store.set_partner(world["inside"].id, tier_id=None)
    assert_problem(await client.get(url), 404, "not_found")
    await store.set_partner(world["inside"].id, tier_id=world["asset"].audience_tier_ids[0])
    assert (await client.get(url)).status_code == 200
    await store.set_asset(world["asset"].id, status="archived")
    assert_problem(await client.get(url), 404, "not_found")


async def test_vendor_links_and_bounds(client, world, admin_headers, store):
    base = f"/v1/assets/{world['asset'].id}/share-links"
    vendor = await client.post(base, headers=admin_headers, json={})
    assert vendor.status_code == 201 and vendor.json()["partner_id"] is None
    assert (await client.get(_path(vendor.json()["url"]))).status_code == 200
    far = (utcnow() + timedelta(days=91)).isoformat()
    assert_problem(
        await client.post(base, headers=admin_headers, json={"expires_at": far}),
        422,
        "validation_error",
    )
    past = (utcnow() - timedelta(days=1)).isoformat()
    assert_problem(
        await client.post(base, headers=admin_headers, json={"expires_at": past}),
        422,
        "validation_error",
    )
    outsider = await store.partner()
    refused = await client.post(base, headers=admin_headers, json={"partner_id": str(outsider.id)})
    assert_problem(refused, 422, "validation_error")
    named = await client.post(
        base, headers=admin_headers, json={"partner_id": str(world["inside"].id)}
    )
    assert named.status_code == 201
    as_other = await client.post(base, headers=world["in_h"], json={"partner_id": str(outsider.id)})
    assert_problem(as_other, 422, "validation_error")
    # Vendors see every link of the asset.
    listed = (await client.get(base, headers=admin_headers)).json()["data"]
    assert len(listed) == 2
