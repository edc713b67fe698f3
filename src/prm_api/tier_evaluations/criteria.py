"""Checking a partner's figures against a tier's criteria: the one rule tier evaluations,
their preview and the scorecard's progress all apply.

A criterion is met when the partner's figure is at least the requirement (``>=``: a partner
exactly at a threshold qualifies); a criterion the tier leaves null is no requirement. A
partner qualifies for the highest-rank tier whose every criterion it meets. Revenue
requirements are compared in the program's base currency: a tier's minimum set in another
currency is converted at the rate of the window's last day (the exchange-rate rule of
``GET /v1/metrics/definitions``); with no such rate the tier cannot be evaluated, and the
evaluation says so instead of guessing.
"""

from __future__ import annotations

import calendar
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from prm_api.kit.schemas import Money
from prm_api.tier_evaluations.schemas import (
    CountCriterion,
    MoneyCriterion,
    PartnerFigures,
    TierCheck,
)
from prm_api.tiers.schemas import TierRef

CENT = Decimal("0.01")


def add_months(day: date, months: int) -> date:
    """``day`` + ``months`` calendar months (the 31st of a short month becomes its last)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def rolling_window(today: date, months: int) -> tuple[date, date]:
    """The last ``months`` months ending ``today``, both ends included (12 months ending
    2026-12-04: 2025-12-05 – 2026-12-04)."""
    return add_months(today, -months) + timedelta(days=1), today


@dataclass(frozen=True)
class TierRule:
    """A tier's criteria, ready to compare (revenue already in the base currency)."""

    id: uuid.UUID
    key: str
    name: str
    rank: int
    min_revenue: Decimal | None = None
    #: The requirement as the tier states it, when in another currency than the base.
    revenue_as_set: Money | None = None
    min_deals: int | None = None
    min_users: int | None = None

    @property
    def ref(self) -> TierRef:
        return TierRef(id=self.id, key=self.key, name=self.name, rank=self.rank)

    def ref_json(self) -> dict[str, object]:
        return {"id": str(self.id), "key": self.key, "name": self.name, "rank": self.rank}


@dataclass(frozen=True)
class Figures:
    """A partner's figures over the window."""

    won_amount: Decimal = Decimal(0)
    won_unconverted: dict[str, Decimal] = field(default_factory=dict)
    won_deals: int = 0
    certified_users: int = 0

    def out(self, base: str) -> PartnerFigures:
        return PartnerFigures(
            won_revenue=money(self.won_amount, base),
            won_revenue_unconverted=[
                money(amount, currency) for currency, amount in sorted(self.won_unconverted.items())
            ],
            won_deals=self.won_deals,
            certified_users=self.certified_users,
        )


def money(amount: Decimal, currency: str) -> Money:
    return Money(amount=amount.quantize(CENT), currency=currency)


def show_money(amount: Decimal, currency: str) -> str:
    return f"{amount.quantize(CENT):,.2f} {currency}"


def meets(tier: TierRule, figures: Figures) -> bool:
    """Every criterion of ``tier`` holds (the fast path of a full evaluation: no objects)."""
    return (
        (tier.min_revenue is None or figures.won_amount >= tier.min_revenue)
        and (tier.min_deals is None or figures.won_deals >= tier.min_deals)
        and (tier.min_users is None or figures.certified_users >= tier.min_users)
    )


def qualified_tier(tiers: list[TierRule], figures: Figures) -> TierRule | None:
    """The highest-rank tier whose every criterion holds (``tiers`` highest rank first)."""
    for tier in tiers:
        if meets(tier, figures):
            return tier
    return None


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _count(required: int, actual: int, one: str, many: str) -> CountCriterion:
    missing = max(0, required - actual)
    if missing:
        summary = f"{_plural(missing, 'more ' + one, 'more ' + many)}"
    else:
        summary = f"{_plural(actual, one, many)} ({required} required)"
    return CountCriterion(
        required=required, actual=actual, missing=missing, met=not missing, summary=summary
    )


def check(tier: TierRule, figures: Figures, base: str) -> TierCheck:
    """``tier``'s criteria against ``figures``, criterion by criterion, with what is missing."""
    revenue = None
    if tier.min_revenue is not None:
        missing = max(Decimal(0), tier.min_revenue - figures.won_amount)
        revenue = MoneyCriterion(
            required=money(tier.min_revenue, base),
            actual=money(figures.won_amount, base),
            missing=money(missing, base),
            met=not missing,
            summary=(
                f"{show_money(missing, base)} more won revenue"
                if missing
                else f"{show_money(figures.won_amount, base)} won revenue "
                f"({show_money(tier.min_revenue, base)} required)"
            ),
            converted_from=tier.revenue_as_set,
        )
    deals = (
        None
        if tier.min_deals is None
        else _count(tier.min_deals, figures.won_deals, "won deal", "won deals")
    )
    users = (
        None
        if tier.min_users is None
        else _count(tier.min_users, figures.certified_users, "certified user", "certified users")
    )
    criteria = [c for c in (users, deals, revenue) if c is not None]
    unmet = [c.summary for c in criteria if not c.met]
    qualifies = not unmet
    if unmet:
        summary = ", ".join(unmet)
    elif criteria:
        summary = f"Every criterion of {tier.name} is met."
    else:
        summary = f"{tier.name} sets no criteria."
    return TierCheck(
        tier=tier.ref,
        qualifies=qualifies,
        won_revenue=revenue,
        won_deals=deals,
        certified_users=users,
        summary=summary,
    )
