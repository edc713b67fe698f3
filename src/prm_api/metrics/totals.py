"""Per-partner totals over a window of days, read from the daily rollups: the one function
tier evaluation, health and scorecards build on."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession


@dataclass(frozen=True)
class PartnerTotals:
    """One partner's figures for the days ``start``–``end`` (both included).

    Money is in the program's base currency; what could not be converted (no exchange rate
    for the deal's currency in its close month) is left out of the base-currency figure and
    reported in ``*_unconverted`` by currency instead — never summed silently.
    """

    partner_id: uuid.UUID
    won_amount: Decimal = Decimal(0)
    won_unconverted: dict[str, Decimal] = field(default_factory=dict)
    won_deals: int = 0
    lost_deals: int = 0
    deals_registered: int = 0
    deals_approved: int = 0
    deals_rejected: int = 0
    deals_conflicted: int = 0
    #: Approved deals still open at the end of ``end`` (a level, not a flow), and their value.
    pipeline_deals: int = 0
    pipeline_amount: Decimal = Decimal(0)
    pipeline_unconverted: dict[str, Decimal] = field(default_factory=dict)
    downloads: int = 0
    course_completions: int = 0
    sign_ins: int = 0
    #: Distinct partner users who signed in during the window.
    active_users: int = 0
    #: The last day up to ``end`` on which any of the partner's deals was registered,
    #: decided or closed (all time, not only the window); None if never.
    last_deal_activity: date | None = None

    @property
    def win_rate(self) -> float | None:
        """won / (won + lost); None when nothing closed."""
        closed = self.won_deals + self.lost_deals
        return self.won_deals / closed if closed else None


async def partner_totals(
    session: AsyncSession,
    start: date,
    end: date,
    partner_ids: Collection[uuid.UUID] | None = None,
) -> dict[uuid.UUID, PartnerTotals]:
    """Totals for each partner in ``partner_ids`` (every partner when None), zeros included:
    every requested partner that exists has an entry."""
    from prm_api.metrics.rollup_reads import read_partner_totals

    return await read_partner_totals(session, start, end, partner_ids)
