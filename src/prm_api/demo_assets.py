"""The demo's content library (part of `prm-api serve --demo`, called by ``demo.load_demo``).

A small category tree and ~40 assets across kinds, languages, featured flags and tags, with
audiences across tiers, partner types, countries and regions, named partners and an
exclusion; some scheduled (``publish_at`` ahead, ``expires_at`` within days), a few drafts
and archived ones, some with several versions. The files are real, made now
(:mod:`prm_api.demo_files`), stored through the storage package (so they download), made
versions through ``assets.versions.add_version``, and given their thumbnails at once.

Then downloads over the past months: each by a user of a partner that sees the asset, after
the partner joined and the asset was published, of the version current then; the assets'
``download_count`` is the number of their rows. Asset timestamps are moved into the past
like the rest of the demo's (created, versions uploaded, published, archived — in order).
One seeded generator (the demo's) drives every choice. The downloads are history written as
rows: no ``asset.downloaded`` events are emitted for them (the event log keeps real times).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api import demo_files as files
from prm_api.assets import categories, lifecycle
from prm_api.assets import service as assets
from prm_api.assets.thumbnails import ensure_thumbnail
from prm_api.assets.versions import add_version
from prm_api.audience.rules import PartnerFacts, audience_of, explain
from prm_api.auth.principal import Principal
from prm_api.kit.ids import new_id
from prm_api.models import Asset, AssetDownload, AssetVersion, Partner, Tier, User
from prm_api.storage import Storage, StoredBlob

Data = dict[str, Any]


@dataclass(frozen=True)
class Item:
    """One demo asset (an entry of ``assets.library`` in ``demo_data.json``). ``make``: doc,
    deck, png, jpeg, logo, logo-dark, logo-pack, link or none (no file yet). ``status``:
    published, draft, archived, scheduled (a draft with ``publish_at`` ahead) or expiring
    (published, ``expires_at`` within days). ``audience``: a key of :func:`_audience`."""

    title: str
    category: str
    make: str
    kind: str
    language: str | None = "en"
    tags: tuple[str, ...] = ()
    audience: str = "everyone"
    status: str = "published"
    featured: bool = False
    versions: int = 1
    pages: int = 1
    url: str | None = None
    description: str = ""

    @classmethod
    def of(cls, entry: Data) -> Item:
        return cls(**{**entry, "tags": tuple(entry.get("tags", ()))})


def _audience(key: str, tiers: dict[str, Tier], partners: list[Partner]) -> Data:
    """The audience a library entry names by ``key``."""
    ids = {name: tiers[name].id for name in tiers}
    audiences: dict[str, Data] = {
        "everyone": {"everyone": True},
        "silver+": {"tier_ids": [ids["silver"], ids["gold"], ids["platinum"]]},
        "gold+": {"tier_ids": [ids["gold"], ids["platinum"]]},
        "platinum": {"tier_ids": [ids["platinum"]]},
        "resellers": {"partner_types": ["reseller", "distributor"]},
        "msp": {"partner_types": ["msp"]},
        "tech": {"partner_types": ["technology", "reseller"]},
        "de": {"countries": ["DE"]},
        "dach": {"countries": ["DE", "AT", "CH"]},
        "fr": {"countries": ["FR"]},
        "pl": {"countries": ["PL"]},
        "amer": {"regions": ["AMER"]},
        "emea": {"regions": ["EMEA"], "tier_ids": [ids["gold"], ids["platinum"]]},
        # The first two partners by name (one of them signs in with the demo password).
        "named": {"partner_ids": [p.id for p in partners[:2]]},
        "everyone-but": {"everyone": True, "excluded_partner_ids": [partners[-1].id]},
    }
    return audiences[key]


@dataclass
class Context:
    """What loading one item needs."""

    session: AsyncSession
    rng: random.Random
    demo: Principal
    storage: Storage
    now: datetime
    data: Data
    tiers: dict[str, Tier]
    partners: list[Partner]
    categories: dict[str, uuid.UUID] = field(default_factory=dict)


def _maker(
    item: Item, data: Data, accent: tuple[int, int, int]
) -> Callable[[int], tuple[bytes, str]]:
    """``make(revision)`` → (bytes, filename) of that version of the item's file."""
    stem = "-".join("".join(c if c.isalnum() else " " for c in item.title.lower()).split())
    category = data["categories"][item.category]["name"]
    points = data["points"]

    def make(revision: int) -> tuple[bytes, str]:
        subtitle = item.description or f"{category} · partner edition"
        if item.make == "doc":
            lines = [*(data["price_rows"] if "pricing" in item.tags else []), *points]
            pdf = files.document_pdf(
                item.title, subtitle, lines, accent=accent, revision=revision, pages=item.pages
            )
            return pdf, f"{stem}.pdf"
        if item.make == "deck":
            deck = files.slides_pdf(item.title, points, accent=accent, revision=revision)
            return deck, f"{stem}.pdf"
        if item.make in ("png", "jpeg"):
            fmt = item.make.upper()
            ext = "jpg" if fmt == "JPEG" else "png"
            return files.banner(item.title, accent=accent, fmt=fmt), f"{stem}.{ext}"
        if item.make in ("logo", "logo-dark"):
            mark = files.logo("Demo", accent=accent, dark=item.make == "logo-dark")
            return mark, f"{stem}.png"
        if item.make == "logo-pack":
            pack = {
                "demo-logo.png": files.logo("Demo", accent=accent),
                "demo-logo-white.png": files.logo("Demo", accent=accent, dark=True),
            }
            return files.zip_of(pack), "demo-logo-pack.zip"
        raise ValueError(item.make)

    return make


async def _store(storage: Storage, data: bytes, filename: str) -> StoredBlob:
    async def chunks() -> AsyncIterator[bytes]:
        yield data

    return await storage.put_stream(chunks(), max_bytes=len(data) + 1, filename=filename)


@dataclass
class Loaded:
    """A loaded asset and, once retimed, its moments."""

    asset: Asset
    item: Item
    version_times: list[datetime] = field(default_factory=list)
    published: datetime | None = None
    archived: datetime | None = None


async def load_demo_assets(
    session: AsyncSession,
    rng: random.Random,
    demo: Principal,
    storage: Storage,
    now: datetime,
    data: Data,
) -> None:
    """Categories, the library (``data``: the ``assets`` part of ``demo_data.json``) with
    its files and thumbnails, and months of downloads. Call after the partners and their
    timeline are loaded."""
    tiers = {t.key: t for t in (await session.scalars(select(Tier))).all()}
    # Fresh rows: the demo's timeline moved the partners' dates with plain UPDATEs.
    partners = (
        await session.scalars(
            select(Partner)
            .where(Partner.status == "active")
            .order_by(Partner.name)
            .execution_options(populate_existing=True)
        )
    ).all()
    ctx = Context(session, rng, demo, storage, now, data, tiers, list(partners))
    for position, (slug, node) in enumerate(data["categories"].items()):
        parent = ctx.categories[node["parent"]] if node["parent"] else None
        body = {"name": node["name"], "slug": slug, "parent_id": parent, "position": position}
        ctx.categories[slug] = (await categories.create_category(session, demo, body)).id
    loaded = [await _load_item(ctx, Item.of(entry)) for entry in data["library"]]
    await _retime(session, rng, now, loaded)
    await _downloads(session, rng, now, loaded, ctx.partners)


async def _load_item(ctx: Context, item: Item) -> Loaded:
    body: Data = {
        "title": item.title,
        "description": item.description,
        "kind": item.kind,
        "url": item.url,
        "category_id": ctx.categories[item.category],
        "tags": list(item.tags),
        "language": item.language,
        "featured": item.featured,
        "external_ids": {},
        "audience": _audience(item.audience, ctx.tiers, ctx.partners),
    }
    if item.status == "scheduled":
        body["publish_at"] = ctx.now + timedelta(days=ctx.rng.randint(3, 20))
    elif item.status == "expiring":
        body["expires_at"] = ctx.now + timedelta(days=ctx.rng.randint(2, 9))
    session, demo = ctx.session, ctx.demo
    asset = await assets.create_asset(session, demo, body)
    accent = tuple(ctx.rng.choice(ctx.data["accents"]))
    if item.make not in ("link", "none"):
        make = _maker(item, ctx.data, (accent[0], accent[1], accent[2]))
        for revision in range(1, item.versions + 1):
            content, filename = make(revision)
            blob = await _store(ctx.storage, content, filename)
            asset, _ = await add_version(
                session,
                demo.actor,
                asset.id,
                sha256=blob.sha256,
                size_bytes=blob.size,
                content_type=blob.content_type,
                filename=filename,
                note=None if revision == 1 else f"Revision {revision}: figures and wording.",
            )
        # The demo shows thumbnails at once instead of waiting for the job's next run.
        sha256, content_type = asset.current_sha256, asset.current_content_type
        assert sha256 is not None and content_type is not None
        if await ensure_thumbnail(ctx.storage, sha256, content_type):
            asset.has_thumbnail = True
    if item.status in ("published", "expiring", "archived"):
        asset = await lifecycle.act(session, demo, asset.id, "publish", if_match=None)
    if item.status == "archived":
        asset = await lifecycle.act(session, demo, asset.id, "archive", if_match=None)
    await session.flush()
    return Loaded(asset, item)


async def _retime(
    session: AsyncSession, rng: random.Random, now: datetime, loaded: list[Loaded]
) -> None:
    """Created over the past eight months; versions, publication and archiving after it, in
    order, all before now (see demo_timeline for why)."""
    for entry in loaded:
        asset = entry.asset
        created = now - timedelta(days=rng.uniform(60, 240))
        version_ids = (
            await session.scalars(
                select(AssetVersion.id)
                .where(AssetVersion.asset_id == asset.id)
                .order_by(AssetVersion.number)
            )
        ).all()
        moment = created + timedelta(hours=rng.uniform(1, 48))
        for version_id in version_ids:
            await session.execute(
                update(AssetVersion)
                .where(AssetVersion.id == version_id)
                .values(uploaded_at=moment)
                .execution_options(synchronize_session=False)
            )
            entry.version_times.append(moment)
            moment += timedelta(days=rng.uniform(10, 30))
        last = entry.version_times[-1] if entry.version_times else created
        values: dict[str, Any] = {"created_at": created, "updated_at": last}
        if entry.version_times:
            values["current_uploaded_at"] = last
        if asset.published_at is not None:
            entry.published = (entry.version_times[0] if entry.version_times else created) + (
                timedelta(hours=2)
            )
            values["published_at"] = entry.published
            values["updated_at"] = max(last, entry.published)
        if asset.archived_at is not None:
            entry.archived = min(now - timedelta(days=2), values["updated_at"] + timedelta(days=30))
            values["archived_at"] = values["updated_at"] = entry.archived
        await session.execute(
            update(Asset)
            .where(Asset.id == asset.id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )


async def _downloads(
    session: AsyncSession,
    rng: random.Random,
    now: datetime,
    loaded: list[Loaded],
    partners: list[Partner],
) -> None:
    """Downloads by the people of the partners that see each published file, between its
    publication (or the partner's activation, if later) and now (or its archiving); featured
    assets are fetched more. A few by vendor staff. ``download_count`` follows the rows."""
    people: dict[uuid.UUID | None, list[User]] = {}
    for user in (await session.scalars(select(User).order_by(User.email))).all():
        people.setdefault(user.partner_id, []).append(user)
    rows: list[dict[str, Any]] = []

    def add(entry: Loaded, at: datetime, partner_id: uuid.UUID | None, user: User) -> None:
        number = sum(1 for t in entry.version_times if t <= at) or 1
        rows.append(
            {
                "id": new_id(),
                "asset_id": entry.asset.id,
                "version_number": number,
                "partner_id": partner_id,
                "actor_type": "user",
                "actor_id": str(user.id),
                "share_link_id": None,
                "at": at,
            }
        )

    for entry in loaded:
        if entry.published is None or not entry.version_times:
            continue
        end = entry.archived or now
        audience = audience_of(entry.asset)
        for partner in partners:
            users = people.get(partner.id)
            if not users or not explain(audience, PartnerFacts.of(partner)).visible:
                continue
            start = max(entry.published, partner.activated_at or entry.published)
            if start >= end:
                continue
            for _ in range(rng.randint(0, 5 if entry.item.featured else 2)):
                add(entry, start + (end - start) * rng.random(), partner.id, rng.choice(users))
        for _ in range(rng.randint(0, 2)):
            staff = people.get(None) or []
            if staff:
                add(
                    entry,
                    entry.published + (end - entry.published) * rng.random(),
                    None,
                    rng.choice(staff),
                )
    if rows:
        await session.execute(insert(AssetDownload), rows)
    counts = (
        select(func.count())
        .where(AssetDownload.asset_id == Asset.id)
        .correlate(Asset)
        .scalar_subquery()
    )
    await session.execute(
        update(Asset)
        .where(Asset.id.in_([entry.asset.id for entry in loaded]))
        .values(download_count=counts)
        .execution_options(synchronize_session=False)
    )
