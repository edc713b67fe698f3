"""Asset categories: a tree at most :data:`MAX_CATEGORY_DEPTH` levels deep, without cycles.

Tree changes (create, move, delete) take one program-wide advisory lock: they are rare, and
two moves checked side by side could together build the cycle each alone would not.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import BigInteger, func, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.assets import repository
from prm_api.assets.events import ASSET_CATEGORY
from prm_api.assets.schemas import AssetCategory as AssetCategoryOut
from prm_api.audit import service as audit
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.db import flush_unique
from prm_api.errors import Conflict, NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit import search
from prm_api.kit.etag import check_if_match
from prm_api.kit.pagination import PageParams, PageResult
from prm_api.models import AssetCategory
from prm_api.models.asset import MAX_CATEGORY_DEPTH

AUDITED = ("name", "slug", "parent_id", "position")
REQUIRED = ("name", "slug", "position")
_TREE_LOCK = 0x61737365745F6361  # "asset_ca"


async def list_categories(
    session: AsyncSession,
    parent_id: uuid.UUID | None,
    top_level: bool,
    sort: str | None,
    page: PageParams,
) -> PageResult[Any]:
    """A page of categories as plain rows (every token with ``assets:read`` sees them all)."""
    stmt = repository.categories_query(parent_id, top_level)
    return await search.paginate(session, stmt, repository.CATEGORY_SORTS, sort, page, q=None)


def category_out(category: AssetCategory) -> AssetCategoryOut:
    return AssetCategoryOut.model_validate(category)


async def _lock_tree(session: AsyncSession) -> None:
    await session.execute(select(func.pg_advisory_xact_lock(literal(_TREE_LOCK, BigInteger))))


async def get_category(
    session: AsyncSession, category_id: uuid.UUID, *, for_update: bool = False
) -> AssetCategory:
    category = await session.get(AssetCategory, category_id, with_for_update=for_update or None)
    if category is None:
        raise NotFound(f"No asset category {category_id}.")
    return category


async def get_category_row(session: AsyncSession, category_id: uuid.UUID) -> Any:
    """The category as a plain row, for reads; 404 if there is none."""
    row = await repository.category_row(session, category_id)
    if row is None:
        raise NotFound(f"No asset category {category_id}.")
    return row


async def _check_parent(
    session: AsyncSession, parent_id: uuid.UUID, moving: AssetCategory | None
) -> None:
    """422 ``parent_id`` when the parent does not exist, is the category itself or one of its
    descendants (a cycle), or would put the tree deeper than allowed."""
    chain = await repository.ancestors(session, parent_id)
    if not chain:
        raise ValidationFailed(
            "No such parent category.",
            errors=[field_error("parent_id", "not_found", "No such category.")],
        )
    height = 1
    if moving is not None:
        if moving.id in chain:
            raise ValidationFailed(
                "A category cannot move under itself or one of its descendants.",
                errors=[field_error("parent_id", "cycle", "Would make a cycle.")],
            )
        height = await repository.subtree_height(session, moving.id)
    if len(chain) + height > MAX_CATEGORY_DEPTH:
        raise ValidationFailed(
            f"Categories nest at most {MAX_CATEGORY_DEPTH} levels deep.",
            errors=[
                field_error(
                    "parent_id", "too_deep", f"At most {MAX_CATEGORY_DEPTH} levels of categories."
                )
            ],
        )


async def _flush(session: AsyncSession, category: AssetCategory) -> None:
    await flush_unique(
        session,
        category,
        {
            "uq_asset_categories_slug": Conflict(
                "Another category already has this slug.", code="category_slug_taken"
            )
        },
    )


async def create_category(
    session: AsyncSession, principal: Principal, data: dict[str, Any]
) -> AssetCategory:
    require_vendor(principal, "manage asset categories")
    await _lock_tree(session)
    if data.get("parent_id") is not None:
        await _check_parent(session, data["parent_id"], None)
    category = AssetCategory(**data)
    await _flush(session, category)
    await record_change(
        session,
        principal.actor,
        ASSET_CATEGORY["created"],
        category_out(category),
        resource_id=category.id,
        changes=audit.diff({}, audit.snapshot(category, AUDITED)),
    )
    return category


async def update_category(
    session: AsyncSession,
    principal: Principal,
    category_id: uuid.UUID,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> AssetCategory:
    require_vendor(principal, "manage asset categories")
    await _lock_tree(session)
    category = await get_category(session, category_id, for_update=True)
    check_if_match(if_match, category.version)
    nulls = sorted(k for k in REQUIRED if k in data and data[k] is None)
    if nulls:
        raise ValidationFailed(
            f"{', '.join(nulls)} cannot be null.",
            errors=[field_error(k, "null", "Cannot be null.") for k in nulls],
        )
    if data.get("parent_id") is not None and data["parent_id"] != category.parent_id:
        await _check_parent(session, data["parent_id"], category)
    shown_before = category_out(category)
    delta = audit.apply_and_diff(category, data, AUDITED)
    if delta:
        await _flush(session, category)
        await record_change(
            session,
            principal.actor,
            ASSET_CATEGORY["updated"],
            category_out(category),
            resource_id=category.id,
            changes=delta,
            before=shown_before,
        )
    return category


async def delete_category(
    session: AsyncSession, principal: Principal, category_id: uuid.UUID, *, if_match: str | None
) -> None:
    """Delete an empty category (409 ``category_in_use`` while it has children or assets)."""
    require_vendor(principal, "manage asset categories")
    await _lock_tree(session)
    category = await get_category(session, category_id, for_update=True)
    check_if_match(if_match, category.version)
    in_use = await repository.category_in_use(session, category.id)
    if in_use:
        raise Conflict(
            f"The category still has {in_use}; move or delete them first.",
            code="category_in_use",
        )
    await record_change(
        session,
        principal.actor,
        ASSET_CATEGORY["deleted"],
        category_out(category),
        resource_id=category.id,
        changes=audit.diff(audit.snapshot(category, AUDITED), {}),
    )
    try:
        # An asset filed under it after the check above still holds it (FK RESTRICT).
        async with session.begin_nested():
            await session.delete(category)
            await session.flush()
    except IntegrityError:
        raise Conflict(
            "The category still has assets; move them first.", code="category_in_use"
        ) from None
