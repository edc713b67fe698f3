"""Asset records: reads (one asset, a page, an audience explanation), create and edit.

The lifecycle (publish, archive, unarchive, the schedule) lives in lifecycle.py.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.assets import repository
from prm_api.assets.events import ASSET
from prm_api.assets.schemas import AssetFilters, asset_out
from prm_api.assets.versions import search_source
from prm_api.audience import rules
from prm_api.audience.columns import COLUMNS as AUDIENCE_COLUMNS
from prm_api.audience.schemas import Audience, AudienceExplanation
from prm_api.audit import service as audit
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.errors import NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit import search
from prm_api.kit.etag import check_if_match
from prm_api.kit.pagination import PageParams, PageResult
from prm_api.kit.search import set_search_threshold
from prm_api.models import Asset, AssetCategory, Partner

AUDITED = (
    "title",
    "description",
    "kind",
    "url",
    "category_id",
    "tags",
    "language",
    "status",
    "publish_at",
    "expires_at",
    "featured",
    "external_ids",
    *AUDIENCE_COLUMNS.values(),
)
#: Fields a PATCH may change but not clear.
REQUIRED = ("title", "description", "kind", "tags", "featured", "audience")
#: What the search document is made of.
SEARCHED = frozenset({"title", "description", "tags"})


async def get_visible_asset(
    session: AsyncSession, principal: Principal, asset_id: uuid.UUID, *, for_update: bool = False
) -> Asset:
    """The asset, if the principal may see it (404 otherwise: for a partner token every asset
    not published, not live or outside its audience)."""
    asset = await repository.visible_asset(session, principal, asset_id, for_update=for_update)
    if asset is None:
        raise NotFound(f"No asset {asset_id}.")
    return asset


async def get_visible_asset_row(
    session: AsyncSession, principal: Principal, asset_id: uuid.UUID
) -> Any:
    """The asset as a plain row, for reads; 404 as :func:`get_visible_asset`."""
    row = await repository.visible_asset_row(session, principal, asset_id)
    if row is None:
        raise NotFound(f"No asset {asset_id}.")
    return row


async def list_assets(
    session: AsyncSession,
    principal: Principal,
    filters: AssetFilters,
    *,
    sort: str | None,
    page: PageParams,
    search_threshold: float,
) -> PageResult[Any]:
    """A page of the assets the principal may see, as plain result rows (one statement)."""
    stmt = repository.list_query(principal, filters)
    if filters.q:
        await set_search_threshold(session, search_threshold)
    return await search.paginate(session, stmt, repository.SORTS, sort, page, q=filters.q)


def _refuse(field: str, code: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, errors=[field_error(field, code, message)])


async def _check(session: AsyncSession, asset: Asset, data: dict[str, Any]) -> None:
    """The rules between fields and the references, on the asset as it would be. Fields that
    must agree with each other (kind and url, the two dates) are 422 ``mismatch``: no schema
    of the body alone can say it, as an update depends on the stored asset."""
    kind = data.get("kind", asset.kind)
    url = data.get("url", asset.url)
    if kind == "link" and not url:
        raise _refuse("url", "mismatch", "A link asset needs its url.")
    if kind != "link" and url:
        raise _refuse("url", "mismatch", "Only link assets have a url.")
    category_id = data.get("category_id")
    if category_id is not None and await session.get(AssetCategory, category_id) is None:
        raise _refuse("category_id", "not_found", "No such asset category.")
    publish_at = data.get("publish_at", asset.publish_at)
    expires_at = data.get("expires_at", asset.expires_at)
    if publish_at is not None and expires_at is not None and expires_at <= publish_at:
        raise _refuse("expires_at", "mismatch", "expires_at must be after publish_at.")
    if data.get("audience") is not None:
        await rules.check_references(session, data["audience"], "audience")


def _parsed(data: dict[str, Any]) -> dict[str, Any]:
    """The body as the endpoint dumped it, with the audience as an :class:`Audience` again."""
    if isinstance(data.get("audience"), dict):
        data["audience"] = Audience.model_validate(data["audience"])
    return data


def _columns(data: dict[str, Any]) -> dict[str, Any]:
    """API shape → columns (the audience spread over its columns)."""
    out = dict(data)
    audience = out.pop("audience", None)
    if audience is not None:
        out.update(rules.columns_of(audience))
    if "external_ids" in out and out["external_ids"] is None:
        out["external_ids"] = {}
    return out


async def create_asset(session: AsyncSession, principal: Principal, data: dict[str, Any]) -> Asset:
    require_vendor(principal, "create assets")
    data = _parsed(data)
    data.setdefault("audience", Audience())
    asset = Asset(
        status="draft",
        created_by=principal.subject_id,
        description="",
        tags=[],
        featured=False,
        external_ids={},
        has_thumbnail=False,
        download_count=0,
    )
    await _check(session, asset, data)
    for key, value in _columns(data).items():
        setattr(asset, key, value)
    asset.search_source = search_source(asset)
    session.add(asset)
    await session.flush()
    await record_change(
        session,
        principal.actor,
        ASSET["created"],
        asset_out(asset),
        resource_id=asset.id,
        changes=audit.diff({}, audit.snapshot(asset, AUDITED)),
    )
    return asset


async def update_asset(
    session: AsyncSession,
    principal: Principal,
    asset_id: uuid.UUID,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> Asset:
    """Apply the fields sent; equal values change nothing and record nothing."""
    require_vendor(principal, "edit assets")
    data = _parsed(data)
    asset = await get_visible_asset(session, principal, asset_id, for_update=True)
    check_if_match(if_match, asset.version)
    nulls = sorted(k for k in REQUIRED if k in data and data[k] is None)
    if nulls:
        raise ValidationFailed(
            f"{', '.join(nulls)} cannot be null.",
            errors=[field_error(k, "null", "Cannot be null.") for k in nulls],
        )
    if "kind" in data and data["kind"] != "link" and "url" not in data:
        data["url"] = None  # a link turned into a file keeps no url
    await _check(session, asset, data)
    shown_before = asset_out(asset)
    delta = audit.apply_and_diff(asset, _columns(data), AUDITED)
    if not delta:
        return asset
    if SEARCHED & delta.keys():
        asset.search_source = search_source(asset)
    await session.flush()
    await record_change(
        session,
        principal.actor,
        ASSET["updated"],
        asset_out(asset),
        resource_id=asset.id,
        changes=delta,
        before=shown_before,
    )
    return asset


async def explain_audience(
    session: AsyncSession, principal: Principal, asset_id: uuid.UUID, partner_id: uuid.UUID
) -> AudienceExplanation:
    """Whether the asset's audience admits the partner, and which rule decides (vendors)."""
    require_vendor(principal, "explain audiences")
    asset = await get_visible_asset(session, principal, asset_id)
    partner = await session.get(Partner, partner_id)
    if partner is None:
        raise ValidationFailed(
            "No such partner.",
            errors=[field_error("partner_id", "not_found", "No such partner.", "query")],
        )
    return rules.explain(rules.audience_of(asset), rules.PartnerFacts.of(partner))
