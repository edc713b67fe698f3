"""Downloads: Range (first byte, last byte, suffix, past the end, If-Range), 304, HEAD, the
headers that keep a file from running in the API's origin, partner visibility, and download
counting (a chunked download counts once; 304, HEAD and 416 never)."""

from __future__ import annotations

import hashlib

import pytest
from factories import assert_problem, settings_overridden
from files_support import PDF, upload
from sqlalchemy import select

from prm_api.kit.ranges import ByteRange, Unsatisfiable, none_match, parse_range, range_applies
from prm_api.models import AssetDownload, Event

ETAG = f'"{hashlib.sha256(PDF).hexdigest()}"'
SIZE = len(PDF)


@pytest.fixture
async def file_asset(app, client, admin_headers, store, tmp_path):
    with settings_overridden(app, data_dir=tmp_path, storage_url=None):
        asset = await store.asset("draft", with_version=False)
        r = await upload(client, asset.id, admin_headers, PDF, "Cennik 2027.pdf")
        assert r.status_code == 201, r.text
        await store.set_asset(asset.id, status="published")
        yield asset


async def _downloads(db) -> list[AssetDownload]:
    return list((await db.scalars(select(AssetDownload).order_by(AssetDownload.at))).all())


async def test_whole_file_with_its_headers(client, admin_headers, file_asset):
    r = await client.get(f"/v1/assets/{file_asset.id}/content", headers=admin_headers)
    assert r.status_code == 200
    assert r.content == PDF
    h = r.headers
    assert h["etag"] == ETAG
    assert h["accept-ranges"] == "bytes"
    assert h["content-length"] == str(SIZE)
    assert h["content-type"] == "application/pdf"
    assert h["x-content-type-options"] == "nosniff"
    assert h["content-security-policy"] == "default-src 'none'; sandbox"
    assert h["cache-control"] == "private"
    assert h["content-disposition"] == (
        "attachment; filename=\"Cennik 2027.pdf\"; filename*=UTF-8''Cennik%202027.pdf"
    )


@pytest.mark.parametrize(
    ("spec", "start", "end"),
    [
        ("bytes=0-0", 0, 0),
        (f"bytes={SIZE - 1}-{SIZE - 1}", SIZE - 1, SIZE - 1),
        ("bytes=-10", SIZE - 10, SIZE - 1),
        ("bytes=5-", 5, SIZE - 1),
        (f"bytes=10-{SIZE + 100}", 10, SIZE - 1),
    ],
)
async def test_single_ranges(client, admin_headers, file_asset, spec, start, end):
    r = await client.get(
        f"/v1/assets/{file_asset.id}/content", headers={**admin_headers, "Range": spec}
    )
    assert r.status_code == 206
    assert r.content == PDF[start : end + 1]
    assert r.headers["content-range"] == f"bytes {start}-{end}/{SIZE}"
    assert r.headers["content-length"] == str(end - start + 1)
    assert r.headers["etag"] == ETAG


async def test_a_range_past_the_end_is_416(client, admin_headers, file_asset, db):
    r = await client.get(
        f"/v1/assets/{file_asset.id}/content", headers={**admin_headers, "Range": f"bytes={SIZE}-"}
    )
    assert_problem(r, 416, "range_not_satisfiable")
    assert r.headers["content-range"] == f"bytes */{SIZE}"
    assert await _downloads(db) == []


async def test_several_ranges_get_the_whole_file(client, admin_headers, file_asset):
    r = await client.get(
        f"/v1/assets/{file_asset.id}/content", headers={**admin_headers, "Range": "bytes=0-1,5-6"}
    )
    assert r.status_code == 200 and r.content == PDF


async def test_if_range_with_a_stale_etag_gets_the_whole_file(client, admin_headers, file_asset):
    url = f"/v1/assets/{file_asset.id}/content"
    stale = await client.get(
        url, headers={**admin_headers, "Range": "bytes=0-9", "If-Range": '"x"'}
    )
    assert stale.status_code == 200 and stale.content == PDF
    fresh = await client.get(url, headers={**admin_headers, "Range": "bytes=0-9", "If-Range": ETAG})
    assert fresh.status_code == 206 and fresh.content == PDF[:10]


async def test_if_none_match_is_304_and_not_counted(client, admin_headers, file_asset, db):
    for tag in (ETAG, f"W/{ETAG}", '"other", ' + ETAG, "*"):
        r = await client.get(
            f"/v1/assets/{file_asset.id}/content", headers={**admin_headers, "If-None-Match": tag}
        )
        assert r.status_code == 304, tag
        assert r.content == b"" and r.headers["etag"] == ETAG
    other = await client.get(
        f"/v1/assets/{file_asset.id}/content", headers={**admin_headers, "If-None-Match": '"x"'}
    )
    assert other.status_code == 200
    assert len(await _downloads(db)) == 1


async def test_head_answers_the_headers_and_is_not_counted(client, admin_headers, file_asset, db):
    r = await client.head(f"/v1/assets/{file_asset.id}/content", headers=admin_headers)
    assert r.status_code == 200
    assert r.content == b""
    assert r.headers["content-length"] == str(SIZE)
    assert r.headers["etag"] == ETAG
    v = await client.head(f"/v1/assets/{file_asset.id}/versions/1/content", headers=admin_headers)
    assert v.status_code == 200
    assert await _downloads(db) == []


async def test_a_chunked_download_counts_once(client, auth, store, file_asset, db):
    partner = await store.partner()
    headers = await auth.headers("partner_user", partner_id=partner.id)
    url = f"/v1/assets/{file_asset.id}/content"
    got = b""
    for start in range(0, SIZE, 100):
        spec = f"bytes={start}-{min(start + 99, SIZE - 1)}"
        r = await client.get(url, headers={**headers, "Range": spec})
        assert r.status_code == 206
        got += r.content
    assert got == PDF
    downloads = await _downloads(db)
    assert len(downloads) == 1
    d = downloads[0]
    assert (d.partner_id, d.version_number, d.actor_type) == (partner.id, 1, "user")
    assert (await store.get_asset(file_asset.id)).download_count == 1
    events = (await db.scalars(select(Event).where(Event.type == "asset.downloaded"))).all()
    assert len(events) == 1
    assert events[0].data["object"]["partner_id"] == str(partner.id)
    assert events[0].partner_id is None  # asset events go to vendor staff only
    asset = (await client.get(f"/v1/assets/{file_asset.id}", headers=headers)).json()
    assert asset["download_count"] == 1


async def test_a_download_does_not_move_the_assets_etag(client, admin_headers, file_asset):
    before = (await client.get(f"/v1/assets/{file_asset.id}", headers=admin_headers)).headers
    await client.get(f"/v1/assets/{file_asset.id}/content", headers=admin_headers)
    after = await client.get(f"/v1/assets/{file_asset.id}", headers=admin_headers)
    assert after.headers["etag"] == before["etag"]
    assert after.json()["download_count"] == 1


async def test_a_failure_to_count_does_not_break_the_download(
    client, admin_headers, file_asset, monkeypatch, db
):
    from prm_api.assets import files

    def broken(*args, **kwargs):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(files, "emit", broken)
    r = await client.get(f"/v1/assets/{file_asset.id}/content", headers=admin_headers)
    assert r.status_code == 200 and r.content == PDF
    assert await _downloads(db) == []  # its transaction rolled back as a whole


async def test_partner_outside_the_audience_gets_404_everywhere(client, auth, store, file_asset):
    await store.set_asset(file_asset.id, audience_everyone=False)
    partner = await store.partner()
    headers = await auth.headers("partner_admin", partner_id=partner.id)
    base = f"/v1/assets/{file_asset.id}"
    for path in ("/content", "/versions", "/versions/1", "/versions/1/content", "/share-links",
                 "/stats"):  # fmt: skip
        assert_problem(await client.get(base + path, headers=headers), 404, "not_found")
    head = await client.head(base + "/content", headers=headers)
    assert head.status_code == 404
    created = await client.post(base + "/share-links", headers=headers, json={})
    assert_problem(created, 404, "not_found")


async def test_redirect_with_local_storage_serves_the_file(client, admin_headers, file_asset):
    r = await client.get(f"/v1/assets/{file_asset.id}/content?redirect=true", headers=admin_headers)
    assert r.status_code == 200 and r.content == PDF


async def test_an_asset_without_a_file_has_no_content(client, admin_headers, store):
    asset = await store.asset("draft", with_version=False)
    r = await client.get(f"/v1/assets/{asset.id}/content", headers=admin_headers)
    assert_problem(r, 404, "not_found")


# --- kit.ranges --------------------------------------------------------------------------------


def test_range_parsing():
    assert parse_range(None, 10) is None
    assert parse_range("items=0-1", 10) is None
    assert parse_range("bytes=5-2", 10) is None  # invalid: ignored
    assert parse_range("bytes=abc", 10) is None
    assert parse_range("bytes=0-1, 3-4", 10) is None
    assert parse_range("bytes=-3", 10) == ByteRange(7, 9, 10)
    assert parse_range("bytes=-30", 10) == ByteRange(0, 9, 10)
    for bad in ("bytes=10-", "bytes=-0", "bytes=10-20"):
        with pytest.raises(Unsatisfiable):
            parse_range(bad, 10)
    with pytest.raises(Unsatisfiable):
        parse_range("bytes=0-", 0)
    assert parse_range("bytes=" + "9" * 30 + "-", 10) is None


def test_conditionals():
    assert none_match('W/"a"', '"a"') and not none_match('"b"', '"a"') and not none_match(None, "x")
    assert range_applies(None, '"a"') and range_applies('"a"', '"a"')
    assert not range_applies('W/"a"', '"a"')
    assert not range_applies("Wed, 21 Oct 2015 07:28:00 GMT", '"a"')
