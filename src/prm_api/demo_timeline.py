"""Spread the demo's timestamps over the past year.

The demo is loaded in one transaction, so every row it writes is stamped within a few
milliseconds: lists sorted by date, ``created_after`` filters and any metric over time would
show a program born this second. Afterwards each row's timestamps are moved into the past
while keeping their order (applied → approved → activated, created → submitted → decided →
closed): partners joined over the past year, their people after them, deals were registered
after their partner became active. An approved deal keeps a protection window that is still
open, so the expiry job does not change the demo's mix of statuses.

(The audit trail and the event log keep their real times: they are hash-chained and
append-only.)
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.kit.time import utcnow
from prm_api.models import Deal, Partner, Tier, User

YEAR = timedelta(days=365)
PARTNER_COLUMNS = (
    "created_at",
    "applied_at",
    "approved_at",
    "declined_at",
    "activated_at",
    "suspended_at",
    "terminated_at",
    "status_changed_at",
)
DEAL_COLUMNS = ("created_at", "submitted_at", "decided_at", "withdrawn_at", "expired_at")


def _retimed(
    rng: random.Random,
    values: dict[str, datetime | None],
    start: datetime,
    end: datetime,
    gap_days: tuple[float, float],
) -> dict[str, datetime]:
    """The same moments in the same order (equal ones stay equal), from ``start`` on, with
    random gaps, squeezed to end before ``end``."""
    moments = sorted({v for v in values.values() if v is not None})
    gaps = [timedelta(days=rng.uniform(*gap_days)) for _ in moments[1:]]
    room = end - start
    total = sum(gaps, timedelta())
    if total > room:
        gaps = [gap * (room / total) for gap in gaps]
    new = [start]
    for gap in gaps:
        new.append(new[-1] + gap)
    mapping = dict(zip(moments, new, strict=True))
    retimed = {name: mapping[v] for name, v in values.items() if v is not None}
    # The last change. Not remapped: a bulk update (conflict flags, expiry) may have stamped
    # it with a time taken before the row's own steps.
    retimed["updated_at"] = new[-1]
    return retimed


def _values(row: Any, columns: Sequence[str]) -> dict[str, datetime | None]:
    return {name: getattr(row, name) for name in columns}


async def spread_over_past_year(
    session: AsyncSession, rng: random.Random, loaded_from: datetime
) -> None:
    """Move the rows the demo created (``created_at >= loaded_from``) into the past year."""
    await session.flush()
    now = utcnow()
    year_ago = now - YEAR
    await session.execute(
        update(Tier)
        .where(Tier.created_at >= loaded_from)
        .values(created_at=year_ago, updated_at=year_ago),
        execution_options={"synchronize_session": False},
    )
    await session.execute(
        update(User)
        .where(User.partner_id.is_(None), User.created_at >= loaded_from)
        .values(created_at=year_ago, updated_at=year_ago),
        execution_options={"synchronize_session": False},
    )
    partners = (
        await session.scalars(
            select(Partner)
            .where(Partner.created_at >= loaded_from)
            .order_by(Partner.created_at, Partner.id)
        )
    ).all()
    joined: dict[uuid.UUID, datetime] = {}
    for partner in partners:
        start = now - timedelta(days=rng.uniform(20, 350))
        new = _retimed(
            rng, _values(partner, PARTNER_COLUMNS), start, now - timedelta(days=2), (2, 40)
        )
        await session.execute(
            update(Partner).where(Partner.id == partner.id).values(**new),
            execution_options={"synchronize_session": False},
        )
        joined[partner.id] = new.get("activated_at") or new.get("approved_at") or new["created_at"]
        people = timedelta(days=rng.uniform(0, 5))
        await session.execute(
            update(User)
            .where(User.partner_id == partner.id, User.created_at >= loaded_from)
            .values(created_at=joined[partner.id] + people, updated_at=joined[partner.id] + people),
            execution_options={"synchronize_session": False},
        )
    deals = (
        await session.scalars(
            select(Deal).where(Deal.created_at >= loaded_from).order_by(Deal.created_at, Deal.id)
        )
    ).all()
    for deal in deals:
        await _retime_deal(session, rng, deal, joined.get(deal.partner_id, year_ago), now)


async def _retime_deal(
    session: AsyncSession, rng: random.Random, deal: Deal, joined: datetime, now: datetime
) -> None:
    earliest = joined + timedelta(days=1)
    protection = None
    if deal.protection_expires_at is not None and deal.decided_at is not None:
        protection = deal.protection_expires_at - deal.decided_at
    if deal.status == "approved" and protection is not None:
        # Decided recently enough that its protection still runs for a week or more.
        earliest = max(earliest, now - protection + timedelta(days=7))
    latest = now - timedelta(hours=1)
    earliest = min(earliest, latest - timedelta(days=1))
    start = earliest + (latest - earliest) * rng.uniform(0, 0.9)
    new: dict[str, Any] = _retimed(rng, _values(deal, DEAL_COLUMNS), start, latest, (0.5, 12))
    if deal.status == "expired" and "expired_at" in new:
        new["protection_expires_at"] = new["expired_at"] - timedelta(hours=rng.uniform(1, 20))
    elif protection is not None and "decided_at" in new:
        new["protection_expires_at"] = new["decided_at"] + protection
    if deal.closed_at is not None:
        # Closed some days after its decision, before today.
        closed = new["updated_at"] + timedelta(days=rng.uniform(1, 30))
        new["updated_at"] = min(closed, latest)
        new["closed_at"] = new["updated_at"].date()
    await session.execute(
        update(Deal).where(Deal.id == deal.id).values(**new),
        execution_options={"synchronize_session": False},
    )
