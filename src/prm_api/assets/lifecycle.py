"""The asset lifecycle, by vendor staff and by the schedule.

``draft → published`` (publish; or the job at ``publish_at``) · ``draft | published →
archived`` (archive; or the job at ``expires_at``) · ``archived → draft`` (unarchive).
A file asset is published only once it has a version; nothing is published past its
``expires_at``.

The job (``publish-assets``) is idempotent and safe with several workers: due rows are
claimed with ``FOR UPDATE SKIP LOCKED`` in batches, each batch in its own transaction, and a
row is changed only from the status the schedule expects.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.assets import repository
from prm_api.assets.events import ASSET
from prm_api.assets.schemas import asset_out
from prm_api.assets.service import get_visible_asset
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Actor, Principal
from prm_api.errors import Conflict, InvalidTransition
from prm_api.events.recording import record_change
from prm_api.kit.batches import in_batches
from prm_api.kit.etag import check_if_match
from prm_api.kit.time import utcnow
from prm_api.models import Asset

SCHEDULE_ACTOR = Actor(type="system", id="job:publish-assets")


@dataclass(frozen=True)
class Step:
    sources: frozenset[str]
    target: str
    event: str


STEPS: dict[str, Step] = {
    "publish": Step(frozenset({"draft"}), "published", "published"),
    "archive": Step(frozenset({"draft", "published"}), "archived", "archived"),
    "unarchive": Step(frozenset({"archived"}), "draft", "unarchived"),
}


def allowed_actions(status: str) -> list[str]:
    return [name for name, step in STEPS.items() if status in step.sources]


def _check_publishable(asset: Asset) -> None:
    if asset.kind != "link" and asset.current_version_id is None:
        raise Conflict(
            "Upload a version first: a file asset without a file cannot be published.",
            code="asset_has_no_version",
        )
    if asset.expires_at is not None and asset.expires_at <= utcnow():
        raise Conflict(
            "The asset expired (expires_at is past); move expires_at to publish it.",
            code="asset_expired",
        )


async def _move(session: AsyncSession, actor: Actor, asset: Asset, action: str) -> Asset:
    step = STEPS[action]
    before = asset.status
    shown_before = asset_out(asset)
    now = utcnow()
    asset.status = step.target
    if step.target == "published":
        asset.published_at = now
    elif step.target == "archived":
        asset.archived_at = now
    await session.flush()
    await record_change(
        session,
        actor,
        ASSET[step.event],
        asset_out(asset),
        resource_id=asset.id,
        changes={"status": {"before": before, "after": step.target}},
        before=shown_before,
    )
    return asset


async def act(
    session: AsyncSession,
    principal: Principal,
    asset_id: uuid.UUID,
    action: str,
    *,
    if_match: str | None,
) -> Asset:
    """Who may act (403), on which version (412), from which status (409), then move."""
    require_vendor(principal, f"{action} assets")
    asset = await get_visible_asset(session, principal, asset_id, for_update=True)
    check_if_match(if_match, asset.version)
    if asset.status not in STEPS[action].sources:
        raise InvalidTransition(
            f"Cannot {action} an asset in status {asset.status!r}.",
            current=asset.status,
            allowed=allowed_actions(asset.status),
        )
    if action == "publish":
        _check_publishable(asset)
    return await _move(session, principal.actor, asset, action)


# --- the schedule ----------------------------------------------------------------------------


async def apply_schedule_batch(session: AsyncSession, limit: int = 500) -> int:
    """Publish the drafts whose ``publish_at`` came, archive the published assets past
    ``expires_at``; returns how many moved."""
    now = utcnow()
    due = await repository.claim_due(session, now, limit)
    for asset in due:
        await _move(
            session, SCHEDULE_ACTOR, asset, "publish" if asset.status == "draft" else "archive"
        )
    return len(due)


async def publish_due_assets(
    sessionmaker: async_sessionmaker[AsyncSession], limit: int = 500
) -> int:
    """The ``publish-assets`` job: everything due now, in batches."""
    return await in_batches(
        sessionmaker,
        lambda session: apply_schedule_batch(session, limit),
        limit,
        "applied asset schedules",
    )
