"""Tiers of the partner program and their criteria: the vendor's to define."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.db import flush_unique
from prm_api.errors import Conflict, NotFound, ValidationFailed
from prm_api.events.recording import record_change
from prm_api.kit.etag import check_if_match
from prm_api.models import Tier
from prm_api.tiers import repository
from prm_api.tiers.events import TIER_CREATED, TIER_DELETED, TIER_UPDATED
from prm_api.tiers.schemas import tier_out

AUDITED = (
    "key",
    "name",
    "rank",
    "benefits",
    "min_won_revenue",
    "min_won_revenue_currency",
    "min_won_deals",
    "min_certified_users",
)
#: Columns a PATCH may change but not clear (the criteria may be null: "no requirement").
REQUIRED = ("key", "name", "rank", "benefits")


def _columns(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    if "min_won_revenue" in out:
        money = out.pop("min_won_revenue")
        out["min_won_revenue"] = money["amount"] if money else None
        out["min_won_revenue_currency"] = money["currency"] if money else None
    return out


async def get_tier(session: AsyncSession, tier_id: uuid.UUID, *, for_update: bool = False) -> Tier:
    tier = await session.get(Tier, tier_id, with_for_update=for_update or None)
    if tier is None:
        raise NotFound(f"No tier {tier_id}.")
    return tier


async def get_tier_row(session: AsyncSession, tier_id: uuid.UUID) -> Any:
    """The tier as a plain row, for reads; 404 if there is none."""
    row = await repository.tier_row(session, tier_id)
    if row is None:
        raise NotFound(f"No tier {tier_id}.")
    return row


async def _flush_unique(session: AsyncSession, tier: Tier) -> None:
    await flush_unique(
        session,
        tier,
        {
            f"uq_tiers_{field}": Conflict(
                f"Another tier already has this {field}.", code=f"tier_{field}_taken"
            )
            for field in ("key", "rank")
        },
    )


async def create_tier(session: AsyncSession, principal: Principal, data: dict[str, Any]) -> Tier:
    require_vendor(principal, "manage tiers")
    tier = Tier(**_columns(data))
    await _flush_unique(session, tier)
    await record_change(
        session,
        principal.actor,
        TIER_CREATED,
        tier_out(tier),
        resource_id=tier.id,
        changes=audit.diff({}, audit.snapshot(tier, AUDITED)),
    )
    return tier


async def update_tier(
    session: AsyncSession,
    principal: Principal,
    tier_id: uuid.UUID,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> Tier:
    """Apply the fields sent; equal values change nothing and record nothing."""
    tier = await get_tier(session, tier_id, for_update=True)
    require_vendor(principal, "manage tiers")
    check_if_match(if_match, tier.version)
    nulls = sorted(k for k in REQUIRED if k in data and data[k] is None)
    if nulls:
        raise ValidationFailed(
            f"{', '.join(nulls)} cannot be null.",
            errors=[
                {"field": k, "in": "body", "code": "null", "message": "Cannot be null."}
                for k in nulls
            ],
        )
    shown_before = tier_out(tier)
    delta = audit.apply_and_diff(tier, _columns(data), AUDITED)
    if delta:
        await _flush_unique(session, tier)
        await record_change(
            session,
            principal.actor,
            TIER_UPDATED,
            tier_out(tier),
            resource_id=tier.id,
            changes=delta,
            before=shown_before,
        )
    return tier


async def delete_tier(
    session: AsyncSession, principal: Principal, tier_id: uuid.UUID, *, if_match: str | None
) -> None:
    """Delete a tier no partner is in (409 ``tier_in_use`` otherwise)."""
    tier = await get_tier(session, tier_id, for_update=True)
    require_vendor(principal, "manage tiers")
    check_if_match(if_match, tier.version)
    # Row lock before the audit chain's lock (same order as tier assignment: no deadlock);
    # an assignment in flight finishes first and then counts as a use.
    await repository.lock(session, tier.id)
    if await repository.in_use(session, tier.id):
        raise Conflict("Partners are still in this tier; move them first.", code="tier_in_use")
    await record_change(
        session,
        principal.actor,
        TIER_DELETED,
        tier_out(tier),
        resource_id=tier.id,
        changes=audit.diff(audit.snapshot(tier, AUDITED), {}),
    )
    try:
        # A partner assigned to the tier after the check above still holds it (FK RESTRICT).
        async with session.begin_nested():
            await session.delete(tier)
            await session.flush()
    except IntegrityError:
        raise Conflict(
            "Partners are still in this tier; move them first.", code="tier_in_use"
        ) from None
