"""Thumbnails (assets/thumbnails.py): made by the make-thumbnails job after an upload, never
in the request; served at /v1/assets/{id}/thumbnail with the asset's visibility."""

from __future__ import annotations

import asyncio
import io
import uuid

import pytest
from factories import assert_problem
from PIL import Image

from prm_api.assets import thumbnails
from prm_api.assets.thumbnails import Unrenderable, make_thumbnails, render_thumbnail
from prm_api.assets.versions import add_version
from prm_api.auth.principal import Actor
from prm_api.storage import Storage, get_storage
from prm_api.storage.derived import derived_exists
from prm_api.worker.jobs import JOBS

UPLOADER = Actor(type="user", id="tests")


def _image(fmt: str, size: tuple[int, int] = (1600, 900)) -> bytes:
    # A random colour: every test stores bytes no earlier run stored (blobs outlive the rows).
    colour = tuple(uuid.uuid4().bytes[:3])
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def _corrupt_png() -> bytes:
    # A PNG signature and header chunk name, then garbage: sniffed as image/png, undecodable.
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + uuid.uuid4().bytes * 8


@pytest.fixture
def storage(app) -> Storage:
    return get_storage(app.state.settings)


@pytest.fixture
def upload(sessionmaker, storage):
    """``await upload(asset_id, data, filename)``: store the bytes, make them the current
    version (as the upload endpoints do, through versions.add_version)."""

    async def make(asset_id: uuid.UUID, data: bytes, filename: str) -> str:
        async def chunks():
            yield data

        blob = await storage.put_stream(chunks(), max_bytes=10**8, filename=filename)
        async with sessionmaker() as session, session.begin():
            await add_version(
                session,
                UPLOADER,
                asset_id,
                sha256=blob.sha256,
                size_bytes=blob.size,
                content_type=blob.content_type,
                filename=filename,
            )
        return blob.content_type

    return make


async def _thumbnail(client, headers, asset_id, **extra):
    return await client.get(f"/v1/assets/{asset_id}/thumbnail", headers={**headers, **extra})


async def test_png_and_pdf_versions_get_thumbnails_after_the_job(
    client, store, sessionmaker, storage, upload, admin_headers
):
    png_asset = await store.asset(kind="image", with_version=False)
    pdf_asset = await store.asset(with_version=False)
    other = await store.asset(with_version=False)
    assert await upload(png_asset.id, _image("PNG"), "banner.png") == "image/png"
    assert await upload(pdf_asset.id, _image("PDF"), "price-list.pdf") == "application/pdf"
    assert await upload(other.id, b"just some text\n" * 10, "notes.txt") == "text/plain"

    # Nothing is rendered in the request path: before the job, none has one.
    for asset in (png_asset, pdf_asset):
        r = await _thumbnail(client, admin_headers, asset.id)
        assert_problem(r, 404, "not_found")
        assert (await store.get_asset(asset.id)).has_thumbnail is False

    assert await make_thumbnails(sessionmaker, storage=storage) == 2
    for asset in (png_asset, pdf_asset):
        row = await store.get_asset(asset.id)
        assert row.has_thumbnail is True
        r = await client.get(f"/v1/assets/{asset.id}", headers=admin_headers)
        assert r.json()["has_thumbnail"] is True
        r = await _thumbnail(client, admin_headers, asset.id)
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == "image/png"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["cache-control"].startswith("private, max-age=")
        assert r.headers["etag"] == f'"thumb-{row.current_sha256}"'
        image = Image.open(io.BytesIO(r.content))
        assert image.format == "PNG"
        assert image.size == (400, 225)  # 1600×900 fitted into 400×400
        # A cached copy is revalidated without a body.
        again = await _thumbnail(
            client, admin_headers, asset.id, **{"If-None-Match": r.headers["etag"]}
        )
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["etag"] == r.headers["etag"]
        stale = await _thumbnail(client, admin_headers, asset.id, **{"If-None-Match": '"thumb-x"'})
        assert stale.status_code == 200
    assert (await store.get_asset(other.id)).has_thumbnail is False
    assert_problem(await _thumbnail(client, admin_headers, other.id), 404, "not_found")
    # Idempotent: a second run finds nothing to do.
    assert await make_thumbnails(sessionmaker, storage=storage) == 0


async def test_the_job_is_registered_for_the_schedule_and_jobs_run():
    assert JOBS["make-thumbnails"] is make_thumbnails


async def test_a_corrupt_image_gets_none_and_is_not_retried_every_run(
    client, store, sessionmaker, storage, upload, admin_headers, monkeypatch
):
    asset = await store.asset(kind="image", with_version=False)
    assert await upload(asset.id, _corrupt_png(), "broken.png") == "image/png"
    calls = []
    real = thumbnails.render_thumbnail

    def counting(source, content_type):
        calls.append(content_type)
        return real(source, content_type)

    monkeypatch.setattr(thumbnails, "render_thumbnail", counting)
    assert await make_thumbnails(sessionmaker, storage=storage) == 0
    assert calls == ["image/png"]
    row = await store.get_asset(asset.id)
    assert row.has_thumbnail is False
    assert await derived_exists(storage, thumbnails._failure_key(row.current_sha256))
    assert_problem(await _thumbnail(client, admin_headers, asset.id), 404, "not_found")
    # The failure is remembered: later runs do not render it again.
    assert await make_thumbnails(sessionmaker, storage=storage) == 0
    assert await make_thumbnails(sessionmaker, storage=storage) == 0
    assert calls == ["image/png"]


async def test_a_new_current_version_gets_its_own_thumbnail(
    client, store, sessionmaker, storage, upload, admin_headers
):
    asset = await store.asset(kind="image", with_version=False)
    await upload(asset.id, _image("JPEG"), "photo.jpg")
    assert await make_thumbnails(sessionmaker, storage=storage) == 1
    first = (await _thumbnail(client, admin_headers, asset.id)).headers["etag"]

    await upload(asset.id, _image("WEBP", (300, 600)), "photo.webp")
    row = await store.get_asset(asset.id)
    assert row.has_thumbnail is False  # the old thumbnail is not the new file's
    assert_problem(await _thumbnail(client, admin_headers, asset.id), 404, "not_found")
    assert await make_thumbnails(sessionmaker, storage=storage) == 1
    r = await _thumbnail(client, admin_headers, asset.id)
    assert r.status_code == 200
    assert r.headers["etag"] != first
    assert Image.open(io.BytesIO(r.content)).size == (200, 400)

    # Back to bytes seen before: their thumbnail exists, nothing is rendered again.
    await upload(asset.id, _image("GIF", (100, 50)), "small.gif")
    assert await make_thumbnails(sessionmaker, storage=storage) == 1
    r = await _thumbnail(client, admin_headers, asset.id)
    assert Image.open(io.BytesIO(r.content)).size == (100, 50)  # never enlarged


async def test_thumbnail_visibility_follows_the_asset(
    client, store, sessionmaker, storage, upload, auth
):
    inside = await store.partner()
    outside = await store.partner()
    asset = await store.asset(
        kind="image", with_version=False, audience={"partner_ids": [inside.id]}
    )
    draft = await store.asset("draft", kind="image", with_version=False)
    await upload(asset.id, _image("PNG"), "logo.png")
    await upload(draft.id, _image("PNG"), "draft.png")
    assert await make_thumbnails(sessionmaker, storage=storage) == 2

    in_h = await auth.headers("partner_user", partner_id=inside.id)
    out_h = await auth.headers("partner_user", partner_id=outside.id)
    assert (await _thumbnail(client, in_h, asset.id)).status_code == 200
    r = await _thumbnail(client, out_h, asset.id)
    assert_problem(r, 404, "not_found")
    # Even with the right ETag: the 404 comes before any precondition.
    etag = f'"thumb-{(await store.get_asset(asset.id)).current_sha256}"'
    r = await _thumbnail(client, out_h, asset.id, **{"If-None-Match": etag})
    assert_problem(r, 404, "not_found")
    # A draft is the vendor's alone.
    assert_problem(await _thumbnail(client, in_h, draft.id), 404, "not_found")
    assert_problem(await _thumbnail(client, in_h, uuid.uuid4()), 404, "not_found")
    # No token, or a token without assets:read.
    assert (await client.get(f"/v1/assets/{asset.id}/thumbnail")).status_code == 401
    no_scope = await auth.headers("partner_user", partner_id=inside.id, scopes=["deals:read"])
    assert (await _thumbnail(client, no_scope, asset.id)).status_code == 403


async def test_two_workers_at_once_render_each_asset_once(
    store, sessionmaker, storage, upload, monkeypatch
):
    assets = [await store.asset(kind="image", with_version=False) for _ in range(5)]
    for asset in assets:
        await upload(asset.id, _image("PNG", (64, 64)), "icon.png")
    rendered = []
    real = thumbnails.render_thumbnail

    def counting(source, content_type):
        rendered.append(content_type)
        return real(source, content_type)

    monkeypatch.setattr(thumbnails, "render_thumbnail", counting)
    made = await asyncio.gather(
        make_thumbnails(sessionmaker, storage=storage, batch=2),
        make_thumbnails(sessionmaker, storage=storage, batch=2),
    )
    assert sum(made) == 5
    assert len(rendered) == 5
    for asset in assets:
        assert (await store.get_asset(asset.id)).has_thumbnail is True


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_images_with_absurd_pixel_counts_are_refused_before_decoding():
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG")  # 100 MP, a few KB
    assert len(out.getvalue()) < 100_000
    with pytest.raises(Unrenderable, match="pixels"):
        render_thumbnail(out.getvalue(), "image/png")


def test_pdfs_with_absurd_pages_and_other_types_are_refused():
    out = io.BytesIO()
    Image.new("RGB", (20, 4000)).save(out, format="PDF")  # 1:200
    with pytest.raises(Unrenderable, match="thin"):
        render_thumbnail(out.getvalue(), "application/pdf")
    with pytest.raises(Unrenderable):
        render_thumbnail(b"%PDF-1.7\n" + b"\x00" * 100, "application/pdf")
    with pytest.raises(Unrenderable):
        render_thumbnail(b"<svg/>", "image/svg+xml")
    # A PNG claimed as JPEG is refused, not decoded by another plugin.
    with pytest.raises(Unrenderable):
        render_thumbnail(_image("PNG"), "image/jpeg")


async def test_the_thumbnail_flag_leaves_the_etag_and_emits_nothing(
    client, store, sessionmaker, storage, upload, admin_headers
):
    """Like download_count, has_thumbnail is derived, not an edit: the job's flip keeps the
    asset's row version, so an editor's If-Match still holds and no event is emitted."""
    asset = await store.asset(kind="image", with_version=False)
    assert await upload(asset.id, _image("PNG"), "banner.png") == "image/png"
    before = await client.get(f"/v1/assets/{asset.id}", headers=admin_headers)
    etag = before.headers["etag"]
    mark = await store.mark()
    assert await make_thumbnails(sessionmaker, storage=storage) == 1
    after = await client.get(f"/v1/assets/{asset.id}", headers=admin_headers)
    assert after.json()["has_thumbnail"] is True
    assert after.headers["etag"] == etag
    assert await store.since(mark) == []
    r = await client.patch(
        f"/v1/assets/{asset.id}",
        json={"title": "Banner, edited"},
        headers={**admin_headers, "If-Match": etag},
    )
    assert r.status_code == 200, r.text


def test_the_job_index_names_every_renderable_type():
    """``ix_assets_thumbnail_due`` spells the job's filter; a type added to the renderer but
    not to the index would leave the job reading the whole table again."""
    from prm_api.assets.thumbnails import THUMBNAIL_TYPES
    from prm_api.models.asset import THUMBNAIL_CONTENT_TYPES

    assert set(THUMBNAIL_CONTENT_TYPES) == THUMBNAIL_TYPES
