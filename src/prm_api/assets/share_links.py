"""Share links: an expiring, revocable URL that downloads an asset's current file without a
bearer token (for an email, a co-marketing page).

The token is ``secrets.token_urlsafe(32)`` (256 random bits), shown once; only its sha256 is
stored, so the table cannot be read back into working links. A download through a link counts
for the link's partner, and is served only while that partner would see the asset itself (its
audience, the asset's status and dates, evaluated at download time: a partner moved out of
the audience, or an archived asset, makes the link a 404). A vendor's link (no partner)
serves a published asset within its dates.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.assets import service
from prm_api.assets.file_schemas import DEFAULT_LINK_DAYS, MAX_LINK_DAYS
from prm_api.assets.files import Download, current_download
from prm_api.audience import rules
from prm_api.auth.principal import Actor, Principal
from prm_api.errors import NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_action
from prm_api.kit.pagination import PageParams, PageResult, SortKeys, paginate
from prm_api.kit.time import utcnow
from prm_api.models import AssetShareLink, Partner
from prm_api.reads import fetch_row

SORTS = SortKeys({"created_at": AssetShareLink.created_at}, "-created_at", AssetShareLink.id)
_COLUMNS = select(*(c for c in AssetShareLink.__table__.columns if c.name != "token_hash"))
_BY_HASH = select(*AssetShareLink.__table__.columns).where(
    AssetShareLink.token_hash == bindparam("token_hash")
)
#: Longest token accepted in a URL (token_urlsafe(32) is 43 characters): longer is not ours.
MAX_TOKEN_CHARS = 128


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _refuse(field: str, code: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, errors=[field_error(field, code, message)])


async def _link_partner(
    session: AsyncSession, principal: Principal, asset: Any, partner_id: uuid.UUID | None
) -> uuid.UUID | None:
    """Whose downloads the link counts: a partner token's own partner (it may not name
    another); for vendor staff the partner named, which must exist and see the asset."""
    if principal.is_partner:
        if partner_id is not None and partner_id != principal.partner_id:
            raise _refuse("partner_id", "not_allowed", "A partner token shares as itself.")
        return principal.partner_id
    if partner_id is None:
        return None
    partner = await session.get(Partner, partner_id)
    if partner is None:
        raise _refuse("partner_id", "not_found", "No such partner.")
    if not rules.explain(rules.audience_of(asset), rules.PartnerFacts.of(partner)).visible:
        raise _refuse(
            "partner_id", "not_in_audience", "The asset's audience does not admit this partner."
        )
    return partner_id


async def create_link(
    session: AsyncSession, principal: Principal, asset_id: uuid.UUID, data: dict[str, Any]
) -> tuple[AssetShareLink, str]:
    """A new link and its token (returned once). ``expires_at``: future, ≤ 90 days ahead."""
    asset = await service.get_visible_asset_row(session, principal, asset_id)
    if asset.kind == "link" or asset.current_version_number is None:
        raise NotFound(f"Asset {asset_id} has no file to share.")
    now = utcnow()
    expires_at = data.get("expires_at") or now + timedelta(days=DEFAULT_LINK_DAYS)
    if expires_at <= now:
        raise _refuse("expires_at", "in_the_past", "expires_at must be in the future.")
    if expires_at > now + timedelta(days=MAX_LINK_DAYS):
        raise _refuse("expires_at", "too_far", f"At most {MAX_LINK_DAYS} days ahead.")
    partner_id = await _link_partner(session, principal, asset, data.get("partner_id"))
    token = secrets.token_urlsafe(32)
    link = AssetShareLink(
        asset_id=asset.id,
        partner_id=partner_id,
        token_hash=token_hash(token),
        created_by=principal.subject_id,
        created_at=now,
        expires_at=expires_at,
    )
    session.add(link)
    await session.flush()
    await record_action(
        session,
        principal.actor,
        "asset.share_link_created",
        asset.id,
        changes={"share_link": {"before": None, "after": str(link.id)}},
        partner_id=partner_id,
    )
    return link, token


def _visible_links(principal: Principal, asset_id: uuid.UUID) -> Any:
    stmt = _COLUMNS.where(AssetShareLink.asset_id == asset_id)
    if principal.is_partner:
        stmt = stmt.where(AssetShareLink.partner_id == principal.partner_id)
    return stmt


async def list_links(
    session: AsyncSession, principal: Principal, asset_id: uuid.UUID, page: PageParams
) -> PageResult[Any]:
    """The asset's links, newest first: a partner sees only its own."""
    await service.get_visible_asset_row(session, principal, asset_id)
    return await paginate(session, _visible_links(principal, asset_id), SORTS, None, page)


async def revoke_link(
    session: AsyncSession, principal: Principal, asset_id: uuid.UUID, link_id: uuid.UUID
) -> None:
    """Revoke a link (a partner: only its own; another's is a 404). Revoking twice is a
    no-op."""
    await service.get_visible_asset_row(session, principal, asset_id)
    stmt = _visible_links(principal, asset_id).where(AssetShareLink.id == link_id)
    if await fetch_row(session, stmt) is None:
        raise NotFound(f"No share link {link_id}.")
    revoked = await session.execute(
        update(AssetShareLink)
        .where(AssetShareLink.id == link_id, AssetShareLink.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .returning(AssetShareLink.partner_id)
    )
    row = revoked.first()
    if row is not None:
        await record_action(
            session,
            principal.actor,
            "asset.share_link_revoked",
            asset_id,
            changes={"share_link": {"before": str(link_id), "after": None}},
            partner_id=row.partner_id,
        )


def _link_principal(link: Any) -> Principal:
    """Who a link downloads as: its partner with read access to assets (the asset lookup
    then applies that partner's audience), or vendor staff for a vendor's link."""
    return Principal(
        subject_type="share_link",
        subject_id=str(link.id),
        client_id="share-link",
        role="partner_user" if link.partner_id is not None else "channel_manager",
        scopes=frozenset({"assets:read"}),
        partner_id=link.partner_id,
    )


async def resolve_token(session: AsyncSession, token: str, *, ip: str | None = None) -> Download:
    """What ``GET /v1/shared/{token}`` serves; 404 alike for an unknown, expired or revoked
    token and for an asset the link's partner no longer sees."""
    missing = NotFound("No such share link, or it expired or was revoked.")
    if not token or len(token) > MAX_TOKEN_CHARS:
        raise missing
    link = await fetch_row(session, _BY_HASH, {"token_hash": token_hash(token)})
    if link is None or link.revoked_at is not None or link.expires_at <= utcnow():
        raise missing
    principal = _link_principal(link)
    try:
        asset = await service.get_visible_asset_row(session, principal, link.asset_id)
    except NotFound:
        raise missing from None
    if link.partner_id is None and not _live(asset):
        raise missing
    actor = Actor(type="anonymous", id=f"share_link:{link.id}", partner_id=link.partner_id, ip=ip)
    return current_download(asset, link.partner_id, actor, link.id)


def _live(asset: Any) -> bool:
    now = utcnow()
    return (
        asset.status == "published"
        and (asset.publish_at is None or asset.publish_at <= now)
        and (asset.expires_at is None or asset.expires_at > now)
    )
