"""The demo's content library (demo_assets.py): real files that download, thumbnails at once,
audiences that hold for partner tokens, and downloads the stats agree with."""

from __future__ import annotations

import io
import time
from datetime import timedelta

from PIL import Image
from sqlalchemy import func, select

from prm_api.audience.rules import PartnerFacts, audience_of, explain
from prm_api.demo import load_demo
from prm_api.kit.time import utcnow
from prm_api.models import Asset, AssetCategory, AssetDownload, AssetVersion, Partner
from prm_api.storage import get_storage


async def _all(client, headers, query=""):
    r = await client.get(f"/v1/assets?limit=100{query}", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["data"]


async def test_demo_library_loads_with_files_thumbnails_audiences_and_downloads(
    app, sessionmaker, client, auth, admin_headers
):
    storage = get_storage(app.state.settings)
    started = time.perf_counter()
    async with sessionmaker() as session, session.begin():
        assert await load_demo(session, storage=storage) is True
    print(f"load_demo took {time.perf_counter() - started:.1f}s")
    now = utcnow()

    async with sessionmaker() as session:
        assets = (await session.scalars(select(Asset))).all()
        partners = (await session.scalars(select(Partner).where(Partner.status == "active"))).all()
        categories = (await session.scalars(select(AssetCategory))).all()
        multi = await session.scalar(
            select(func.count()).select_from(
                select(AssetVersion.asset_id)
                .group_by(AssetVersion.asset_id)
                .having(func.count() > 1)
                .subquery()
            )
        )
        downloads = dict(
            (
                await session.execute(
                    select(AssetDownload.asset_id, func.count()).group_by(AssetDownload.asset_id)
                )
            ).all()
        )
        first_download = await session.scalar(select(func.min(AssetDownload.at)))

    # The shape the brief promises: a tree, a few dozen assets of every kind and status.
    assert len(categories) >= 10 and any(c.parent_id for c in categories)
    assert len(assets) >= 30
    assert {a.kind for a in assets} >= {"document", "presentation", "image", "archive", "link"}
    assert {a.status for a in assets} == {"draft", "published", "archived"}
    assert {a.language for a in assets} >= {"en", "de", "fr", "pl"}
    assert any(a.featured for a in assets) and any(a.tags for a in assets)
    assert any(a.publish_at and a.publish_at > now for a in assets), "scheduled publication"
    assert any(a.expires_at and now < a.expires_at < now + timedelta(days=10) for a in assets)
    assert any(a.audience_partner_ids for a in assets)
    assert any(a.audience_excluded_partner_ids for a in assets)
    assert multi >= 3, "some assets have several versions"
    # Downloads spread over months, and every count is its rows'.
    assert sum(downloads.values()) >= 200
    assert now - first_download > timedelta(days=60)
    for asset in assets:
        assert asset.download_count == downloads.get(asset.id, 0), asset.title
        assert asset.created_at <= asset.updated_at <= now

    # A partner sees exactly what its audience admits (published, within dates).
    for partner in partners[:6]:
        headers = await auth.headers("partner_user", partner_id=partner.id)
        seen = {a["id"] for a in await _all(client, headers)}
        expected = {
            str(a.id)
            for a in assets
            if a.status == "published"
            and (a.publish_at is None or a.publish_at <= now)
            and (a.expires_at is None or a.expires_at > now)
            and explain(audience_of(a), PartnerFacts.of(partner)).visible
        }
        assert seen == expected, partner.name
    assert seen and len(seen) < len(assets)

    # Files download for real; thumbnails are there at once.
    vendor_view = await _all(client, admin_headers)
    pdf = next(
        a
        for a in vendor_view
        if a["current_version"]
        and a["status"] == "published"
        and a["current_version"]["content_type"] == "application/pdf"
    )
    r = await client.get(f"/v1/assets/{pdf['id']}/content", headers=admin_headers)
    assert r.status_code == 200, r.text
    assert r.content.startswith(b"%PDF-")
    assert len(r.content) == pdf["current_version"]["size_bytes"]
    with_thumbs = [a for a in vendor_view if a["has_thumbnail"]]
    assert len(with_thumbs) >= 20
    for a in vendor_view:
        if a["current_version"] and a["current_version"]["content_type"] in (
            "application/pdf",
            "image/png",
            "image/jpeg",
        ):
            assert a["has_thumbnail"], a["title"]
    r = await client.get(f"/v1/assets/{with_thumbs[0]['id']}/thumbnail", headers=admin_headers)
    assert r.status_code == 200
    assert max(Image.open(io.BytesIO(r.content)).size) == 400

    # The stats show the downloads.
    top = max(assets, key=lambda a: a.download_count)
    r = await client.get(f"/v1/assets/{top.id}/stats", headers=admin_headers)
    assert r.status_code == 200, r.text
    stats = r.json()
    assert stats["total"] == top.download_count > 0
    assert len(stats["by_day"]) > 1
    assert any(p["partner_id"] for p in stats["by_partner"])
