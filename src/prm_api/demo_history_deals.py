"""The demo history's deals (``demo_history``): month by month for every partner profile,
with the seasons, currencies and outcomes the module docstring of ``demo_history`` tells."""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.deals.names import name_key
from prm_api.kit.ids import new_id
from prm_api.models import Deal, Partner, User

YEAR = timedelta(days=365)
#: Deals closed in a month, relative to the year's average: a Q4 peak, a summer dip.
SEASON = {1: 0.8, 2: 0.85, 3: 1.1, 4: 0.9, 5: 0.95, 6: 1.0, 7: 0.65, 8: 0.55, 9: 1.0}
SEASON |= {10: 1.2, 11: 1.45, 12: 1.7}
#: Approximate value of one unit in USD, around which the demo's rates move.
USD_VALUE = {"EUR": Decimal("1.08"), "GBP": Decimal("1.27")}
#: The month (this many before the current one) that has EUR rates but no GBP rate.
MONTH_WITHOUT_GBP = 4

Data = dict[str, Any]


@dataclass
class Profile:
    """How one partner behaves over the year."""

    partner: Partner
    pace: float
    win_rate: float
    #: Sign-ins per user and week.
    engagement: float
    currency: str
    start: datetime
    end: datetime
    #: Nothing after this moment (a partner drifting away).
    quiet_from: datetime | None = None


def months(start: date, end: date) -> Iterator[date]:
    month = start.replace(day=1)
    while month <= end:
        yield month
        month = (month + timedelta(days=32)).replace(day=1)


def months_ago(today: date, n: int) -> date:
    month = today.replace(day=1)
    for _ in range(n):
        month = (month - timedelta(days=1)).replace(day=1)
    return month


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: the means here are small (a few deals a month).
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def at_work_hours(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59)), UTC)


async def write_deals(
    session: AsyncSession, rng: random.Random, now: datetime, profiles: list[Profile], data: Data
) -> None:
    """Every profile's deals month by month, and one GBP deal won in the month without a GBP
    rate (so the metrics have an unconverted amount to flag)."""
    mix = data["deals"]
    admins: dict[uuid.UUID | None, uuid.UUID] = {}
    for user_id, partner_id in (
        await session.execute(
            select(User.id, User.partner_id)
            .where(User.role == "partner_admin")
            .order_by(User.email)
        )
    ).all():
        admins.setdefault(partner_id, user_id)
    deciders = [
        str(user_id)
        for user_id in (
            await session.scalars(select(User.id).where(User.role == "channel_manager"))
        ).all()
    ] or ["demo"]
    rows: list[dict[str, Any]] = []

    def deal(
        profile: Profile,
        outcome: str,
        decided: datetime,
        close: date | None,
        currency: str | None = None,
    ) -> None:
        partner = profile.partner
        submitted = decided - timedelta(hours=rng.uniform(2, 72))
        created = submitted - timedelta(hours=rng.uniform(1, 60))
        if created <= partner.activated_at:  # type: ignore[operator]
            return
        customer = rng.choice(mix["customers"])
        usd = Decimal(rng.choice(mix["amounts_usd"]))
        if currency is None:
            currency = profile.currency if rng.random() < 0.85 else "USD"
        amount = usd if currency == "USD" else round(usd / USD_VALUE[currency], -2)
        row: dict[str, Any] = {
            "id": new_id(),
            "partner_id": partner.id,
            "registered_by": str(admins.get(partner.id) or "demo"),
            "customer_name": customer["name"],
            "customer_name_key": name_key(customer["name"]),
            "customer_domain": customer["domain"],
            "customer_country": partner.country,
            "title": f"{customer['name'].split()[0]} {rng.choice(mix['products'])} expansion",
            "products": rng.sample(mix["products"], k=2),
            "amount": Decimal(amount).quantize(Decimal("0.01")),
            "currency": currency,
            "expected_close_date": close or (decided + timedelta(days=rng.randint(20, 90))).date(),
            "stage": "commit" if close else rng.choice(mix["stages"]),
            "status": outcome,
            "created_at": created,
            "submitted_at": submitted,
            "extensions_used": 0,
            "has_conflicts": False,
            "external_ids": {},
            "updated_at": submitted,
        }
        if outcome != "submitted":
            row.update(decided_at=decided, decided_by=str(rng.choice(deciders)), updated_at=decided)
        if outcome in ("approved", "won", "lost", "expired"):
            row["protection_expires_at"] = decided + timedelta(days=90)
        if outcome == "rejected":
            row["decision_reason"] = "Customer is a direct account."
        if outcome in ("won", "lost") and close is not None:
            closed = max(at_work_hours(close, rng), decided + timedelta(hours=1))
            row.update(closed_at=close, close_reason="Demo.", updated_at=min(closed, now))
            if row["updated_at"] < decided or close < created.date():
                return
        if outcome == "withdrawn":
            row["withdrawn_at"] = row["updated_at"] = decided
            row.pop("decided_at"), row.pop("decided_by")
        if outcome == "expired":
            expired = row["protection_expires_at"] + timedelta(hours=rng.uniform(1, 20))
            if expired >= now:
                return
            row["expired_at"] = row["updated_at"] = expired
        rows.append(row)

    def moment(lo: datetime, hi: datetime) -> datetime | None:
        return lo + (hi - lo) * rng.random() if hi > lo else None

    for p in profiles:
        end = min(p.end, p.quiet_from or p.end)
        for month in months(p.start.date(), end.date()):
            month_end = months_ago(month + timedelta(days=40), 0) - timedelta(days=1)
            lo = max(p.start, datetime.combine(month, time(), UTC))
            hi = min(end, datetime.combine(month_end, time(23, 59), UTC))
            share = max((hi - lo) / timedelta(days=30), 0)
            mean = p.pace * SEASON[month.month] * share
            for _ in range(_poisson(rng, mean)):  # closed this month
                closed = moment(max(lo, p.start + timedelta(days=20)), hi)
                if closed is not None:
                    approved = max(closed - timedelta(days=rng.uniform(8, 85)), p.start)
                    outcome = "won" if rng.random() < p.win_rate else "lost"
                    if closed - approved < timedelta(days=88):  # closed while protected
                        deal(p, outcome, approved, closed.date())
            for outcome, factor in (("rejected", 0.2), ("withdrawn", 0.05), ("expired", 0.1)):
                for _ in range(_poisson(rng, mean * factor)):
                    at = moment(lo, hi)
                    if at is not None:
                        deal(p, outcome, at, None)
        if p.quiet_from is None and p.end > now - timedelta(days=2):
            for _ in range(_poisson(rng, p.pace * 2.5)):  # the open pipeline, still protected
                at = moment(max(p.start, now - timedelta(days=80)), now - timedelta(days=2))
                if at is not None:
                    deal(p, "approved", at, None)
            for _ in range(_poisson(rng, 0.5)):
                submitted = moment(max(p.start, now - timedelta(days=10)), now - timedelta(hours=3))
                if submitted is not None:
                    deal(p, "submitted", submitted, None)
    _gbp_win_without_rate(now, profiles, rows, deal)
    if rows:
        await session.execute(insert(Deal), rows)


def _gbp_win_without_rate(
    now: datetime, profiles: list[Profile], rows: list[dict[str, Any]], deal: Any
) -> None:
    month = months_ago(now.date(), MONTH_WITHOUT_GBP)
    if any(
        r["currency"] == "GBP" and r["status"] == "won" and r["closed_at"].replace(day=1) == month
        for r in rows
    ):
        return
    day = datetime.combine(month.replace(day=20), time(12), UTC)
    for p in profiles:
        if p.currency == "GBP" and p.start < day - timedelta(days=40) and p.end > day:
            deal(p, "won", day - timedelta(days=30), day.date(), currency="GBP")
            return
