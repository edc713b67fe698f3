"""Asset thumbnails: a PNG that fits in 400×400, made by the worker after an upload.

**What gets one.** An asset whose current version is a PNG, JPEG, GIF or WebP image (the
first frame of an animation) or a PDF (its first page), by the type sniffed from the bytes at
upload. Anything else — and a file that cannot be rendered — simply has none.

**Where it is kept.** Content-addressed by the *source* blob, beside the blobs:
``thumbnails/ab/cd/<source sha256>.png`` (:mod:`prm_api.storage.derived`); no table records
it. ``Asset.has_thumbnail`` says the asset's *current* version has one; a new current version
clears it (``assets.versions.set_current_version``) and gets its own on the next run — at
once, without rendering, when its bytes were seen before. Setting the flag is not an edit:
like ``download_count`` it is written by a plain UPDATE, so the asset's row version (its ETag)
stays and no ``asset.updated`` is emitted.

**Failures are remembered without a migration**: a file that cannot be rendered (corrupt,
not what its magic number claims, a decompression bomb, an encrypted or absurdly sized PDF,
over MAX_SOURCE_BYTES) gets a small text marker at ``thumbnails/…/<sha256>.none`` holding the
reason. It is not rendered again; the job still finds the asset (``has_thumbnail`` stays
false) and pays one storage HEAD for it per run. Delete the marker to have it retried.
An unexpected error (storage unreachable, the source blob missing) leaves no marker: the
asset is retried on the next run and the error is logged.

**The job** ``make-thumbnails`` (on the schedule ``serve`` runs, or
``prm-api jobs run make-thumbnails``): candidates are read in id order, a few per
transaction, locked ``FOR UPDATE SKIP LOCKED`` (another process renders the rows it holds),
so it is idempotent and safe with several processes; the row lock also keeps a new version
from becoming current while its predecessor's thumbnail is being flipped on.

**Bounded work.** Rendering runs in a thread (``asyncio.to_thread``), never on the event
loop. Images are opened lazily and refused above MAX_PIXELS before any pixel is decoded
(Pillow's own decompression-bomb guard stays on behind it); JPEGs decode at a reduced scale.
A PDF's first page is refused past MAX_PAGE_POINTS a side and rendered straight at the
thumbnail's scale, so its bitmap is never larger than the thumbnail. The source is read from
the local file directly, or streamed from object storage into a temporary file, never into
memory.
"""

from __future__ import annotations

import asyncio
import io
import logging
import tempfile
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.assets.service import get_visible_asset_row
from prm_api.auth.principal import Principal
from prm_api.errors import NotFound
from prm_api.kit.ranges import none_match
from prm_api.models import Asset
from prm_api.models.asset import THUMBNAIL_CONTENT_TYPES
from prm_api.storage import LocalStorage, Storage, blob_key, get_storage
from prm_api.storage.derived import derived_exists, derived_key, get_derived, put_derived

log = logging.getLogger("prm_api.jobs")

#: The thumbnail fits in a box of this many pixels a side (aspect ratio kept).
SIZE = 400
#: Sources with more pixels are refused before decoding (50 MP: a 8660×5773 photo passes;
#: Pillow's own guard, which refuses twice its 89.5 MP warning level, stays behind it).
MAX_PIXELS = 50_000_000
#: A PDF page larger than this many points (1/72 in) a side is refused: 14,400 pt (200 in)
#: is the largest page PDF 1.7 allows without a user unit. Pages thinner than 1/MAX_ASPECT of
#: their length are refused too (their thumbnail would be a line).
MAX_PAGE_POINTS = 14_400.0
MAX_ASPECT = 100.0
#: Larger sources get no thumbnail (a print-ready PDF of a few hundred MiB still gets one).
MAX_SOURCE_BYTES = 512 * 1024**2
IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}
PDF = "application/pdf"
#: Content types (as sniffed at upload) that get a thumbnail.
THUMBNAIL_TYPES = frozenset({*IMAGE_FORMATS, PDF})
# The job's partial index (``ix_assets_thumbnail_due``) lists the same types
# (``models.asset.THUMBNAIL_CONTENT_TYPES``; a test holds them equal).
#: How long a browser may reuse a thumbnail without asking (it revalidates with its ETag).
CACHE_CONTROL = "private, max-age=300"

# PDFium is not thread-safe: one render at a time per process (pypdfium2's documentation).
_PDFIUM = threading.Lock()


class Unrenderable(Exception):
    """The file cannot be made into a thumbnail; remembered, never retried."""


def thumbnail_key(source_sha256: str) -> str:
    return derived_key("thumbnails", source_sha256, ".png")


def _failure_key(source_sha256: str) -> str:
    return derived_key("thumbnails", source_sha256, ".none")


# --- rendering (blocking: call in a thread) -------------------------------------------------


def _fit(width: float, height: float) -> tuple[int, int]:
    scale = min(SIZE / width, SIZE / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _png(image: Image.Image) -> bytes:
    # Keep transparency where there is some; everything else as plain RGB.
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


def _render_image(source: Any, fmt: str) -> bytes:
    with Image.open(source, formats=[fmt]) as image:  # reads the header only
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise Unrenderable(f"{width}×{height} pixels is over the {MAX_PIXELS:,} limit")
        # JPEG: decode at 1/2, 1/4 or 1/8 scale when that still covers the box.
        image.draft("RGB", (SIZE, SIZE))
        oriented = ImageOps.exif_transpose(image)  # a phone photo's EXIF rotation
        oriented.thumbnail((SIZE, SIZE), Image.Resampling.LANCZOS, reducing_gap=3.0)
        return _png(oriented)


def _render_pdf(source: Any) -> bytes:
    import pypdfium2 as pdfium

    with _PDFIUM:
        pdf = pdfium.PdfDocument(source)
        try:
            if len(pdf) == 0:
                raise Unrenderable("the PDF has no pages")
            page = pdf[0]
            width, height = page.get_size()
            if not (0 < width <= MAX_PAGE_POINTS and 0 < height <= MAX_PAGE_POINTS):
                raise Unrenderable(f"a {width:.0f}×{height:.0f} pt page is out of bounds")
            if max(width, height) / min(width, height) > MAX_ASPECT:
                raise Unrenderable(f"a {width:.0f}×{height:.0f} pt page is too thin")
            scale = min(SIZE / width, SIZE / height)
            bitmap = page.render(scale=scale, may_draw_forms=False)
            return _png(bitmap.to_pil())
        finally:
            pdf.close()


def render_thumbnail(source: Path | bytes, content_type: str) -> bytes:
    """A PNG thumbnail of ``source`` (a file, or the bytes of a small one) of that sniffed
    type. Raises :class:`Unrenderable` for anything that cannot become one. Blocking."""
    opened: Any = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        if content_type == PDF:
            return _render_pdf(str(opened) if isinstance(opened, Path) else opened)
        fmt = IMAGE_FORMATS.get(content_type)
        if fmt is None:
            raise Unrenderable(f"no thumbnails for {content_type}")
        return _render_image(opened, fmt)
    except Unrenderable:
        raise
    except Exception as exc:
        # Whatever a hostile or broken file makes the decoders raise (OSError for truncated
        # data, DecompressionBombError, PdfiumError for encrypted or corrupt PDFs, …).
        raise Unrenderable(f"{type(exc).__name__}: {exc}") from exc


# --- storing --------------------------------------------------------------------------------


async def _render_blob(storage: Storage, sha256: str, content_type: str) -> bytes:
    size = (await storage.open(sha256)).size
    if size > MAX_SOURCE_BYTES:
        raise Unrenderable(f"{size} bytes is over the {MAX_SOURCE_BYTES} bytes limit")
    if isinstance(storage, LocalStorage):
        path = storage.root / blob_key(sha256)
        return await asyncio.to_thread(render_thumbnail, path, content_type)
    with tempfile.TemporaryDirectory(prefix="prm-thumb-") as tmp:
        path = Path(tmp) / "source"
        with path.open("wb") as out:
            async for chunk in storage.iter_range(sha256):
                await asyncio.to_thread(out.write, chunk)
        return await asyncio.to_thread(render_thumbnail, path, content_type)


async def store_thumbnail(storage: Storage, sha256: str, png: bytes) -> None:
    await put_derived(storage, thumbnail_key(sha256), png, "image/png")


async def ensure_thumbnail(storage: Storage, sha256: str, content_type: str) -> bool:
    """Whether the blob has a thumbnail, rendering and storing it when it was never tried.
    An :class:`Unrenderable` file is marked (so never tried again) and answers False; any
    other error propagates (the caller retries later)."""
    if content_type not in THUMBNAIL_TYPES:
        return False
    if await derived_exists(storage, thumbnail_key(sha256)):
        return True
    if await derived_exists(storage, _failure_key(sha256)):
        return False
    try:
        png = await _render_blob(storage, sha256, content_type)
    except Unrenderable as exc:
        log.info("no thumbnail", extra={"sha256": sha256, "reason": str(exc)})
        await put_derived(storage, _failure_key(sha256), str(exc).encode()[:1000], "text/plain")
        return False
    await store_thumbnail(storage, sha256, png)
    return True


# --- the job --------------------------------------------------------------------------------


async def _claim(session: AsyncSession, after: uuid.UUID | None, limit: int) -> Sequence[Asset]:
    """Assets whose current version could have a thumbnail and has none yet, locked; rows
    another worker holds are skipped (it is rendering them)."""
    stmt = select(Asset).where(
        Asset.has_thumbnail.is_(False),
        Asset.current_sha256.is_not(None),
        Asset.current_content_type.in_(THUMBNAIL_CONTENT_TYPES),
    )
    if after is not None:
        stmt = stmt.where(Asset.id > after)
    stmt = stmt.order_by(Asset.id).limit(limit).with_for_update(skip_locked=True)
    return (await session.scalars(stmt)).all()


async def make_thumbnails(
    sessionmaker: async_sessionmaker[AsyncSession],
    *,
    storage: Storage | None = None,
    batch: int = 10,
) -> int:
    """The ``make-thumbnails`` job: every asset that needs a thumbnail, a batch per
    transaction (rows stay locked while their batch renders). Returns how many got one."""
    storage = storage or get_storage()
    made = 0
    after: uuid.UUID | None = None
    while True:
        async with sessionmaker() as session, session.begin():
            assets = await _claim(session, after, batch)
            done: list[uuid.UUID] = []
            for asset in assets:
                sha256, content_type = asset.current_sha256, asset.current_content_type
                assert sha256 is not None and content_type is not None  # the query's filter
                try:
                    if not await ensure_thumbnail(storage, sha256, content_type):
                        continue
                except Exception:
                    log.exception("thumbnail failed; retried next run", extra={"sha256": sha256})
                    continue
                done.append(asset.id)
            if done:
                # A plain UPDATE, as for download_count: a thumbnail is derived from the
                # current version's bytes, not an edit of the asset, so its row version (the
                # ETag an editor's If-Match holds) does not move, and no event says it did.
                await session.execute(
                    update(Asset)
                    .where(Asset.id.in_(done))
                    .values(has_thumbnail=True)
                    .execution_options(synchronize_session=False)
                )
                made += len(done)
        if len(assets) < batch:
            break
        after = assets[-1].id
    if made:
        log.info("made thumbnails", extra={"count": made})
    return made


# --- serving --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Thumbnail:
    etag: str
    #: None when the caller's copy is current (``If-None-Match`` matched: answer 304).
    png: bytes | None


def thumbnail_etag(source_sha256: str) -> str:
    # A thumbnail is fixed by its source's bytes: the source hash names it.
    return f'"thumb-{source_sha256}"'


async def get_thumbnail(
    session: AsyncSession,
    principal: Principal,
    asset_id: uuid.UUID,
    storage: Storage,
    *,
    if_none_match: str | None,
) -> Thumbnail:
    """The current version's thumbnail of an asset the principal sees (404 otherwise, and
    404 when it has none)."""
    row = await get_visible_asset_row(session, principal, asset_id)
    if not row.has_thumbnail or row.current_sha256 is None:
        raise NotFound(f"Asset {asset_id} has no thumbnail.")
    etag = thumbnail_etag(row.current_sha256)
    if none_match(if_none_match, etag):
        return Thumbnail(etag, None)
    png = await get_derived(storage, thumbnail_key(row.current_sha256))
    if png is None:
        # Flagged but gone from storage (a restored database over other storage).
        raise NotFound(f"Asset {asset_id} has no thumbnail.")
    return Thumbnail(etag, png)
