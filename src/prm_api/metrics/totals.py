"""Per-partner totals over a window of days, read from the daily rollups: the one function
tier evaluation, health and scorecards build on."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.metrics import activity, readers
from prm_api.metrics.periods import Period
from prm_api.metrics.readers import Scope
from prm_api.models import Partner
from prm_api.program.settings import get_settings

ZERO = Decimal(0)


@dataclass
class PartnerTotals:
    """One partner's figures for the days ``start``–``end`` (both included).

    Money is in the program's base currency; what could not be converted (no exchange rate
    for the deal's currency in its close month) is left out of the base-currency figure and
    reported in ``*_unconverted`` by currency instead — never summed silently.
    """

    partner_id: uuid.UUID
    won_amount: Decimal = ZERO
    won_unconverted: dict[str, Decimal] = field(default_factory=dict)
    won_deals: int = 0
    lost_deals: int = 0
    deals_registered: int = 0
    deals_approved: int = 0
    deals_rejected: int = 0
    deals_conflicted: int = 0
    #: Approved deals still open at the end of ``end`` (a level, not a flow), and their value
    #: (converted at ``end``'s rate).
    pipeline_deals: int = 0
    pipeline_amount: Decimal = ZERO
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
    every requested partner that exists has an entry. Set-based, whatever the number of
    partners: the query engine's own readers split by partner (one definition of each
    figure), plus the last day of deal activity."""
    settings = await get_settings(session)
    ids_query = select(Partner.id)
    filters: dict[str, list[Any]] = {}
    if partner_ids is not None:
        filters["partner_id"] = list(partner_ids)
        ids_query = ids_query.where(Partner.id.in_(filters["partner_id"]))
    out = {pid: PartnerTotals(pid) for pid in (await session.scalars(ids_query)).all()}
    if not out:
        return out
    scope = Scope(Period(start, end), None, ("partner",), filters, settings.base_currency, [end])

    def totals_of(key: readers.Key) -> PartnerTotals | None:
        return out.get(uuid.UUID(str(key[1][0])))

    for key, flow in (await readers.deal_flows(session, scope)).items():
        if (totals := totals_of(key)) is not None:
            totals.won_deals, totals.lost_deals = flow.won, flow.lost
            totals.deals_registered, totals.deals_approved = flow.registered, flow.approved
            totals.deals_rejected, totals.deals_conflicted = flow.rejected, flow.conflicted
            totals.won_amount = flow.won_base
            totals.won_unconverted = dict(flow.won_unconverted)
    for key, level in (await readers.pipeline(session, scope)).items():
        if (totals := totals_of(key)) is not None:
            totals.pipeline_deals, totals.pipeline_amount = level.count, level.amount_base
            totals.pipeline_unconverted = dict(level.unconverted)
    for key, (downloads, completions, sign_ins) in (
        await readers.engagement(session, scope)
    ).items():
        if (totals := totals_of(key)) is not None:
            totals.downloads, totals.course_completions = downloads, completions
            totals.sign_ins = sign_ins
    for key, users in (await activity.active_users(session, scope)).items():
        if (totals := totals_of(key)) is not None:
            totals.active_users = users
    await _last_deal_activity(session, end, partner_ids, out)
    return out


async def _last_deal_activity(
    session: AsyncSession,
    end: date,
    partner_ids: Collection[uuid.UUID] | None,
    out: dict[uuid.UUID, PartnerTotals],
) -> None:
    only = "" if partner_ids is None else " AND partner_id = ANY(:ids)"
    rows = await session.execute(
        text(
            f"""SELECT partner_id, max(day) AS day FROM deal_daily_rollups
 WHERE day <= :end AND (registered + approved + rejected + won + lost) > 0{only}
 GROUP BY partner_id"""
        ),
        {"end": end} if partner_ids is None else {"end": end, "ids": list(partner_ids)},
    )
    for row in rows:
        if row.partner_id in out:
            out[row.partner_id].last_deal_activity = row.day
