"""Streamed uploads of asset versions: size limit while streaming, sniffed types, filenames,
content addressing, numbering, roles; the versions list and get."""

from __future__ import annotations

import asyncio

import pytest
from factories import assert_problem, settings_overridden
from files_support import EXE, PDF, PNG, raw_upload, stored_files, upload
from sqlalchemy import select

from prm_api.models import Asset, AssetVersion, Event

LIMIT = 4096


@pytest.fixture
def blobs(app, tmp_path):
    """The app with its files under this test's directory and a small size limit."""
    with settings_overridden(app, data_dir=tmp_path, storage_url=None, asset_max_bytes=LIMIT):
        yield tmp_path / "blobs"


@pytest.fixture
async def asset(store):
    return await store.asset("draft", with_version=False)


async def test_upload_makes_the_current_version_and_records_the_event(
    client, admin_headers, asset, blobs, store, db
):
    r = await upload(client, asset.id, admin_headers, PDF, "Prezentacja Łódź.pdf", note="v1")
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["number"] == 1
    assert body["content_type"] == "application/pdf"
    assert body["size_bytes"] == len(PDF)
    assert body["filename"] == "Prezentacja Łódź.pdf"
    assert body["note"] == "v1"
    assert r.headers["location"] == f"/v1/assets/{asset.id}/versions/1"
    got = (await client.get(f"/v1/assets/{asset.id}", headers=admin_headers)).json()
    assert got["current_version"]["sha256"] == body["sha256"]
    assert got["current_version"]["filename"] == "Prezentacja Łódź.pdf"
    events = (await db.scalars(select(Event).where(Event.type == "asset.version_added"))).all()
    assert [e.data["object"]["sha256"] for e in events] == [body["sha256"]]
    assert any(f.startswith("sha256/") for f in stored_files(blobs))


async def test_versions_are_numbered_and_duplicate_bytes_are_stored_once(
    client, admin_headers, asset, blobs
):
    numbers = []
    for content in (PDF, PDF, PNG):
        r = await upload(client, asset.id, admin_headers, content)
        assert r.status_code == 201, r.text
        numbers.append(r.json()["number"])
    assert numbers == [1, 2, 3]
    assert len(stored_files(blobs)) == 2  # PDF once, PNG once
    listed = await client.get(f"/v1/assets/{asset.id}/versions", headers=admin_headers)
    assert [v["number"] for v in listed.json()["data"]] == [3, 2, 1]
    one = await client.get(f"/v1/assets/{asset.id}/versions/2", headers=admin_headers)
    assert one.status_code == 200 and one.json()["content_type"] == "application/pdf"
    assert_problem(
        await client.get(f"/v1/assets/{asset.id}/versions/9", headers=admin_headers),
        404,
        "not_found",
    )


async def test_concurrent_uploads_take_distinct_numbers(client, admin_headers, asset, blobs):
    results = await asyncio.gather(
        *(upload(client, asset.id, admin_headers, PDF + bytes([i])) for i in range(4))
    )
    assert sorted(r.json()["number"] for r in results) == [1, 2, 3, 4]


async def test_exactly_at_the_limit_is_accepted(client, admin_headers, asset, blobs):
    content = PDF + b"\x00" * (LIMIT - len(PDF))
    r = await upload(client, asset.id, admin_headers, content)
    assert r.status_code == 201, r.text
    assert r.json()["size_bytes"] == LIMIT


async def test_one_byte_over_the_limit_is_413_and_nothing_is_stored(
    client, admin_headers, asset, blobs, store
):
    content = PDF + b"\x00" * (LIMIT + 1 - len(PDF))
    r = await upload(client, asset.id, admin_headers, content)
    assert_problem(r, 413, "payload_too_large")
    assert stored_files(blobs) == []
    assert (await store.get_asset(asset.id)).current_version_id is None
    assert await store.count(AssetVersion) == 0


async def test_a_file_over_the_global_body_limit_streams_through(
    app, client, admin_headers, asset, tmp_path
):
    size = app.state.settings.max_body_bytes * 3
    with settings_overridden(app, data_dir=tmp_path, storage_url=None, asset_max_bytes=size):
        r = await upload(client, asset.id, admin_headers, PDF + b"\x00" * (size - len(PDF)))
    assert r.status_code == 201, r.text
    assert r.json()["size_bytes"] == size


async def test_other_routes_keep_the_global_body_limit(app, client, admin_headers, blobs):
    padding = "x" * (app.state.settings.max_body_bytes + 1)
    r = await client.post(
        "/v1/assets", headers=admin_headers, json={"title": "t", "kind": "document", "d": padding}
    )
    assert_problem(r, 413, "payload_too_large")


async def test_an_empty_file_is_refused(client, admin_headers, asset, blobs):
    r = await upload(client, asset.id, admin_headers, b"", "empty.pdf")
    body = assert_problem(r, 422, "validation_error")
    assert body["errors"][0]["code"] == "empty_file"
    assert stored_files(blobs) == []


async def test_the_type_comes_from_the_bytes_not_the_claim(client, admin_headers, asset, blobs):
    r = await upload(client, asset.id, admin_headers, PNG, "photo.pdf", content_type="text/html")
    assert r.status_code == 201, r.text
    assert r.json()["content_type"] == "image/png"


async def test_an_executable_renamed_pdf_is_refused_and_not_stored(
    client, admin_headers, asset, blobs
):
    r = await upload(client, asset.id, admin_headers, EXE, "invoice.pdf")
    assert_problem(r, 422, "content_type_refused")
    assert stored_files(blobs) == []


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\boot.ini.pdf", "boot.ini.pdf"),
        ("re\x01port\x7f\u202egnp.pdf", "reportgnp.pdf"),
        ("tab\there\x1b[31m.pdf", "tab here[31m.pdf"),
        ("..", "file"),
    ],
)
async def test_filenames_are_sanitized(client, admin_headers, asset, blobs, sent, kept):
    r = await raw_upload(client, asset.id, admin_headers, sent, PDF)
    assert r.status_code == 201, r.text
    assert r.json()["filename"] == kept
    d = (await client.get(f"/v1/assets/{asset.id}/content", headers=admin_headers)).headers
    assert "/" not in d["content-disposition"] and "\\" not in d["content-disposition"]


async def test_a_partner_cannot_upload(client, auth, store, asset, blobs):
    partner = await store.partner()
    headers = await auth.headers("partner_admin", partner_id=partner.id)
    assert_problem(await upload(client, asset.id, headers, PDF), 403, "insufficient_scope")
    assert stored_files(blobs) == []


async def test_vendor_without_write_scope_cannot_upload(client, auth, asset, blobs):
    headers = await auth.headers("channel_manager", scopes=["assets:read"])
    assert_problem(await upload(client, asset.id, headers, PDF), 403, "insufficient_scope")


async def test_a_link_asset_takes_no_file(client, admin_headers, store, blobs):
    link = await store.asset("draft", kind="link")
    assert_problem(await upload(client, link.id, admin_headers, PDF), 409, "asset_is_link")
    assert stored_files(blobs) == []


async def test_unknown_asset_is_404(client, admin_headers, blobs):
    r = await upload(client, "0190c0de-0000-7000-8000-000000000000", admin_headers, PDF)
    assert_problem(r, 404, "not_found")


async def test_malformed_forms(client, admin_headers, asset, blobs):
    url = f"/v1/assets/{asset.id}/versions"
    no_file = await client.post(url, headers=admin_headers, files={"note": (None, "x")})
    assert assert_problem(no_file, 422, "validation_error")["errors"][0]["field"] == "file"
    unknown = await client.post(
        url, headers=admin_headers, files={"file": ("a.pdf", PDF), "other": (None, "x")}
    )
    assert_problem(unknown, 422, "validation_error")
    long_note = await upload(client, asset.id, admin_headers, PDF, note="n" * 2001)
    assert_problem(long_note, 422, "validation_error")
    cut = await client.post(
        url,
        headers={**admin_headers, "content-type": "multipart/form-data; boundary=XyZ"},
        content=b'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
        + PDF,
    )
    assert_problem(cut, 400, "invalid_multipart")
    json_body = await client.post(url, headers=admin_headers, json={"file": "x"})
    assert_problem(json_body, 415, "unsupported_media_type")
    assert stored_files(blobs) == []
    assert (await client.get(url, headers=admin_headers)).json()["data"] == []


async def test_partners_see_only_the_current_version(client, auth, store, admin_headers, blobs):
    asset = await store.asset("draft", with_version=False)
    for content in (PDF, PNG):
        assert (await upload(client, asset.id, admin_headers, content)).status_code == 201
    await store.set_asset(asset.id, status="published")
    partner = await store.partner()
    headers = await auth.headers("partner_user", partner_id=partner.id)
    listed = await client.get(f"/v1/assets/{asset.id}/versions", headers=headers)
    assert [v["number"] for v in listed.json()["data"]] == [2]
    assert (
        await client.get(f"/v1/assets/{asset.id}/versions/2", headers=headers)
    ).status_code == 200
    old = await client.get(f"/v1/assets/{asset.id}/versions/1", headers=headers)
    assert_problem(old, 404, "not_found")
    content = await client.get(f"/v1/assets/{asset.id}/versions/1/content", headers=headers)
    assert_problem(content, 404, "not_found")
    vendor = await client.get(f"/v1/assets/{asset.id}/versions/1/content", headers=admin_headers)
    assert vendor.status_code == 200 and vendor.content == PDF
    row = await store.get_asset(asset.id)
    assert isinstance(row, Asset) and row.current_version_number == 2
