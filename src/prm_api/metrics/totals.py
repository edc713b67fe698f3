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

from prm_api.metrics.rates import DAILY_RATES_CTE, rate_of
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


def _partner_filter(partner_ids: Collection[uuid.UUID] | None, column: str) -> str:
    return "" if partner_ids is None else f" AND {column} = ANY(:ids)"


async def partner_totals(
    session: AsyncSession,
    start: date,
    end: date,
    partner_ids: Collection[uuid.UUID] | None = None,
) -> dict[uuid.UUID, PartnerTotals]:
    """Totals for each partner in ``partner_ids`` (every partner when None), zeros included:
    every requested partner that exists has an entry. Five set-based queries whatever the
    number of partners."""
    settings = await get_settings(session)
    params: dict[str, Any] = {
        "start": start,
        "end": end,
        "base": settings.base_currency,
        "rates_from": start,
        "rates_to": end,
    }
    ids_query = select(Partner.id)
    if partner_ids is not None:
        params["ids"] = list(partner_ids)
        ids_query = ids_query.where(Partner.id.in_(params["ids"]))
    out = {pid: PartnerTotals(pid) for pid in (await session.scalars(ids_query)).all()}
    if not out:
        return out
    await _deal_flows(session, params, partner_ids, out)
    await _pipeline(session, params, partner_ids, out)
    await _engagement(session, params, partner_ids, out)
    return out


async def _deal_flows(
    session: AsyncSession,
    params: dict[str, Any],
    partner_ids: Collection[uuid.UUID] | None,
    out: dict[uuid.UUID, PartnerTotals],
) -> None:
    rows = await session.execute(
        text(
            f"""WITH {DAILY_RATES_CTE}
SELECT r.partner_id, r.currency, sum(r.won) AS won, sum(r.lost) AS lost,
       sum(r.registered) AS registered, sum(r.approved) AS approved,
       sum(r.rejected) AS rejected, sum(r.conflicted) AS conflicted,
       sum(r.won_amount * {rate_of("r")}) AS won_base,
       sum(r.won_amount) FILTER (WHERE {rate_of("r")} IS NULL) AS won_unconverted
  FROM deal_daily_rollups r
  LEFT JOIN daily_rates dr ON dr.currency = r.currency AND dr.day = r.day
 WHERE r.day BETWEEN :start AND :end{_partner_filter(partner_ids, "r.partner_id")}
 GROUP BY r.partner_id, r.currency"""
        ),
        params,
    )
    for row in rows:
        totals = out.get(row.partner_id)
        if totals is None:
            continue
        totals.won_deals += row.won
        totals.lost_deals += row.lost
        totals.deals_registered += row.registered
        totals.deals_approved += row.approved
        totals.deals_rejected += row.rejected
        totals.deals_conflicted += row.conflicted
        totals.won_amount += row.won_base or ZERO
        if row.won_unconverted:
            totals.won_unconverted[row.currency] = row.won_unconverted
    last = await session.execute(
        text(
            f"""SELECT partner_id, max(day) AS day FROM deal_daily_rollups
 WHERE day <= :end AND (registered + approved + rejected + won + lost) > 0
 {_partner_filter(partner_ids, "partner_id")}
 GROUP BY partner_id"""
        ),
        params,
    )
    for row in last:
        if row.partner_id in out:
            out[row.partner_id].last_deal_activity = row.day


async def _pipeline(
    session: AsyncSession,
    params: dict[str, Any],
    partner_ids: Collection[uuid.UUID] | None,
    out: dict[uuid.UUID, PartnerTotals],
) -> None:
    rows = await session.execute(
        text(
            f"""WITH {DAILY_RATES_CTE}
SELECT p.partner_id, p.currency, p.deals, p.amount,
       p.amount * (CASE WHEN p.currency = :base THEN 1 ELSE dr.rate END) AS amount_base
  FROM (SELECT partner_id, currency, sum(pipeline_delta) AS deals,
               sum(pipeline_amount_delta) AS amount
          FROM deal_daily_rollups
         WHERE day <= :end{_partner_filter(partner_ids, "partner_id")}
         GROUP BY partner_id, currency) p
  LEFT JOIN daily_rates dr ON dr.currency = p.currency AND dr.day = :end
 WHERE p.deals <> 0 OR p.amount <> 0"""
        ),
        {**params, "rates_from": params["end"]},
    )
    for row in rows:
        totals = out.get(row.partner_id)
        if totals is None:
            continue
        totals.pipeline_deals += row.deals
        if row.amount_base is None:
            totals.pipeline_unconverted[row.currency] = row.amount
        else:
            totals.pipeline_amount += row.amount_base


async def _engagement(
    session: AsyncSession,
    params: dict[str, Any],
    partner_ids: Collection[uuid.UUID] | None,
    out: dict[uuid.UUID, PartnerTotals],
) -> None:
    rows = await session.execute(
        text(
            f"""SELECT partner_id, sum(downloads) AS downloads, sum(completions) AS completions,
       sum(sign_ins) AS sign_ins
  FROM engagement_daily_rollups
 WHERE day BETWEEN :start AND :end{_partner_filter(partner_ids, "partner_id")}
 GROUP BY partner_id"""
        ),
        params,
    )
    for row in rows:
        if row.partner_id in out:
            totals = out[row.partner_id]
            totals.downloads = row.downloads
            totals.course_completions = row.completions
            totals.sign_ins = row.sign_ins
    users = await session.execute(
        text(
            f"""SELECT partner_id, count(DISTINCT user_id) AS users FROM user_activity_days
 WHERE day BETWEEN :start AND :end{_partner_filter(partner_ids, "partner_id")}
 GROUP BY partner_id"""
        ),
        params,
    )
    for row in users:
        if row.partner_id in out:
            out[row.partner_id].active_users = row.users
