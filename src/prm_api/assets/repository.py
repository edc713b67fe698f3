"""The asset queries: one visible asset, the list, the category tree, due scheduled changes.

A partner token reads an asset only when the database says it may, in the statement that
reads it: published, within its dates, and admitted by its audience
(:func:`prm_api.audience.rules.admits`). Everything else does not exist for it (404, never in
a list or a count).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    any_,
    bindparam,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.assets.schemas import AssetFilters
from prm_api.audience.rules import admits
from prm_api.auth.principal import Principal
from prm_api.kit.filters import escape_like, in_window
from prm_api.kit.pagination import SortKeys
from prm_api.kit.textsearch import document_match, document_ranked
from prm_api.models import Asset, AssetCategory
from prm_api.reads import fetch_row

#: The generated search columns: queried, never shown.
SEARCH_COLUMNS = frozenset({"search_source", "search_text", "search_vector"})
#: Every shown column, as plain rows: built once; each list adds its conditions to a copy.
_ASSET_COLUMNS = select(*(c for c in Asset.__table__.columns if c.name not in SEARCH_COLUMNS))

SORTS = SortKeys(
    {
        "created_at": Asset.created_at,
        "updated_at": Asset.updated_at,
        "title": Asset.title,
        "published_at": Asset.published_at,
    },
    "-updated_at",
    Asset.id,
)


def partner_visible(principal: Principal) -> ColumnElement[bool]:
    """What a partner token may read: published, live now, in the audience. Vendors: all.

    The dates are checked here as well as by the publish job: between the job's runs an
    asset past ``expires_at`` is already gone for partners."""
    if principal.is_vendor:
        return true()
    return _partner_visible(principal.partner_id, admits(Asset, principal))


@functools.lru_cache(maxsize=4096)
def _partner_visible(
    _partner_id: uuid.UUID | None, admitted: ColumnElement[bool]
) -> ColumnElement[bool]:
    # One shared expression per partner (the key; ``admitted`` is ``admits``' own shared one
    # for it): building it anew cost more CPU than running it. ``now()`` is evaluated by the
    # database on each query.
    now = func.now()
    return and_(
        Asset.status == "published",
        or_(Asset.publish_at.is_(None), Asset.publish_at <= now),
        or_(Asset.expires_at.is_(None), Asset.expires_at > now),
        admitted,
    )


_ASSET_BY_ID = _ASSET_COLUMNS.where(Asset.id == bindparam("asset_id"))


async def visible_asset_row(
    session: AsyncSession, principal: Principal, asset_id: uuid.UUID
) -> Any | None:
    """The asset as a plain row (``reads.fetch_row``, one statement with the partner's
    visibility), for reads: a get builds no ORM object."""
    stmt = _ASSET_BY_ID if principal.is_vendor else _ASSET_BY_ID.where(partner_visible(principal))
    return await fetch_row(session, stmt, {"asset_id": asset_id})


async def visible_asset(
    session: AsyncSession, principal: Principal, asset_id: uuid.UUID, *, for_update: bool = False
) -> Asset | None:
    stmt = select(Asset).where(Asset.id == asset_id, partner_visible(principal))
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


def _category_and_descendants(category_id: uuid.UUID) -> Select[Any]:
    root = select(AssetCategory.id).where(AssetCategory.id == category_id)
    tree = root.cte("category_tree", recursive=True)
    tree = tree.union_all(select(AssetCategory.id).where(AssetCategory.parent_id == tree.c.id))
    return select(tree.c.id)


def _any(column: Any, values: list[str], name: str) -> ColumnElement[bool]:
    # = ANY(one array parameter), not IN (…): an IN list is rendered per execution, which
    # would keep the page off the raw read path (reads.fetch_plain).
    return column == any_(bindparam(name, values, ARRAY(String)))


def list_query(principal: Principal, f: AssetFilters) -> Select[Any]:
    """The assets a list shows, as plain rows (no ORM objects): one statement, the partner's
    visibility included."""
    stmt = _ASSET_COLUMNS
    if principal.is_partner:
        stmt = stmt.where(partner_visible(principal))
    elif f.status:
        stmt = stmt.where(_any(Asset.status, f.status, "statuses"))
    if f.kind:
        stmt = stmt.where(_any(Asset.kind, f.kind, "kinds"))
    if f.category_id is not None:
        stmt = stmt.where(Asset.category_id.in_(_category_and_descendants(f.category_id)))
    if f.tag:
        stmt = stmt.where(Asset.tags.contains(bindparam("tags", f.tag, ARRAY(String(64)))))
    if f.language:
        # ``de`` also finds ``de-AT`` and ``de-CH``: a tag names its more specific ones.
        stmt = stmt.where(
            or_(
                Asset.language == f.language,
                Asset.language.like(f"{escape_like(f.language)}-%", escape="\\"),
            )
        )
    if f.featured is not None:
        stmt = stmt.where(Asset.featured.is_(f.featured))
    stmt = in_window(stmt, Asset.updated_at, f.updated_after, f.updated_before)
    if f.q:
        stmt = document_ranked(
            stmt.where(document_match(f.q, Asset.search_text, Asset.search_vector)),
            f.q,
            Asset.title,
            Asset.search_text,
            Asset.search_vector,
        )
    return stmt


# --- categories ------------------------------------------------------------------------------

CATEGORY_SORTS = SortKeys(
    {"position": AssetCategory.position, "name": AssetCategory.name},
    "position",
    AssetCategory.id,
)


def categories_query(parent_id: uuid.UUID | None, top_level: bool) -> Select[Any]:
    """Every category (or the children of one, or the top level) as plain rows."""
    stmt = select(*AssetCategory.__table__.columns)
    if parent_id is not None:
        stmt = stmt.where(AssetCategory.parent_id == parent_id)
    elif top_level:
        stmt = stmt.where(AssetCategory.parent_id.is_(None))
    return stmt


_CATEGORY_BY_ID = select(*AssetCategory.__table__.columns).where(
    AssetCategory.id == bindparam("category_id")
)


async def category_row(session: AsyncSession, category_id: uuid.UUID) -> Any | None:
    return await fetch_row(session, _CATEGORY_BY_ID, {"category_id": category_id})


async def ancestors(session: AsyncSession, category_id: uuid.UUID) -> list[uuid.UUID]:
    """The category and its ancestors, nearest first (a cycle cannot exist: moves refuse
    them, and the walk stops after a few levels anyway)."""
    start = select(AssetCategory.id, AssetCategory.parent_id, literal(1).label("depth")).where(
        AssetCategory.id == category_id
    )
    up = start.cte("up", recursive=True)
    up = up.union_all(
        select(AssetCategory.id, AssetCategory.parent_id, (up.c.depth + 1).label("depth"))
        .join(up, AssetCategory.id == up.c.parent_id)
        .where(up.c.depth < 50)
    )
    rows = await session.execute(select(up.c.id).order_by(up.c.depth))
    return list(rows.scalars().all())


async def subtree_height(session: AsyncSession, category_id: uuid.UUID) -> int:
    """Levels in the category's subtree (1: no children)."""
    start = select(AssetCategory.id, literal(1).label("depth")).where(
        AssetCategory.id == category_id
    )
    down = start.cte("down", recursive=True)
    down = down.union_all(
        select(AssetCategory.id, (down.c.depth + 1).label("depth"))
        .join(down, AssetCategory.parent_id == down.c.id)
        .where(down.c.depth < 50)
    )
    return int(await session.scalar(select(func.max(down.c.depth))) or 1)


async def category_in_use(session: AsyncSession, category_id: uuid.UUID) -> str | None:
    """``"children"`` or ``"assets"`` when something still hangs on the category."""
    child = select(AssetCategory.id).where(AssetCategory.parent_id == category_id).limit(1)
    if await session.scalar(child) is not None:
        return "children"
    asset = select(Asset.id).where(Asset.category_id == category_id).limit(1)
    if await session.scalar(asset) is not None:
        return "assets"
    return None


# --- scheduled changes -----------------------------------------------------------------------


async def claim_due(session: AsyncSession, now: datetime, limit: int) -> Sequence[Asset]:
    """Assets whose schedule is due, locked; rows another worker holds are skipped.

    Due: a draft whose ``publish_at`` has come and that can be published (a link, or a file
    with a version, and not already past ``expires_at``), or a published asset past
    ``expires_at``."""
    publishable = and_(
        Asset.status == "draft",
        Asset.publish_at.is_not(None),
        Asset.publish_at <= now,
        or_(Asset.kind == "link", Asset.current_version_id.is_not(None)),
        or_(Asset.expires_at.is_(None), Asset.expires_at > now),
    )
    expired = and_(
        Asset.status == "published", Asset.expires_at.is_not(None), Asset.expires_at <= now
    )
    return (
        await session.scalars(
            select(Asset)
            .where(or_(publishable, expired))
            .order_by(Asset.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
