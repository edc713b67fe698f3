"""What an evaluation would do now: the one computation behind a run and its preview.

``plan`` reads everything set-based — the tiers, the active partners, every partner's totals
in one ``partner_totals`` call, certified users in one query, the open changes — and decides
per partner in memory. A run (:mod:`prm_api.tier_evaluations.service`) records and applies
exactly the plan; the preview returns it. They cannot drift: there is no second path.

Decisions, for each active partner (its tier ``c``, the tier it qualifies for ``q``):

* ``q == c``: nothing to change; an open change of an earlier run is cancelled (a downgrade
  in its grace period is lifted: the partner qualifies again).
* manual mode: a ``proposed`` change ``c → q``; an open change of an earlier run is
  superseded by it (the fresh one carries today's figures).
* automatic mode, upgrade: ``applied`` at once.
* automatic mode, downgrade: ``pending_grace`` until ``now + grace days`` (applied at once
  when the program's grace is 0 days). A downgrade to the same tier already in its grace
  period is kept as it is, so the grace period keeps running; one to another tier replaces
  it with the original deadline (the partner was warned then).

Open changes of partners that are no longer active are cancelled.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.errors import Conflict
from prm_api.exchange_rates import conversion
from prm_api.metrics.totals import partner_totals
from prm_api.program.settings import get_settings
from prm_api.tier_evaluations import repository
from prm_api.tier_evaluations.criteria import (
    Figures,
    TierRule,
    check,
    money,
    qualified_tier,
    rolling_window,
)
from prm_api.tier_evaluations.schemas import ChangeCriteria

SUPERSEDED = "Superseded by a later evaluation."
QUALIFIES_AGAIN = "The partner qualifies for its current tier again."
NOT_ACTIVE = "The partner is no longer active."


@dataclass(frozen=True)
class Change:
    """One change a run records."""

    partner_id: uuid.UUID
    partner_name: str
    from_tier: TierRule | None
    to_tier: TierRule | None
    direction: str
    status: str  # proposed | applied | pending_grace
    effective_at: datetime | None
    criteria: ChangeCriteria
    #: A downgrade warning is due (``partner.tier_downgrade_pending``).
    warn: bool = False

    @property
    def reason(self) -> str:
        """The reason recorded with the tier change (and shown in its event)."""
        to = f"qualifies for {self.to_tier.name}" if self.to_tier else "qualifies for no tier"
        if self.direction == "upgrade":
            met = self.criteria.to_tier.summary if self.criteria.to_tier else ""
            return f"Tier evaluation: {to}. {met}".strip()
        left = self.criteria.from_tier
        missing = f" ({left.summary})" if left is not None else ""
        name = self.from_tier.name if self.from_tier else "its tier"
        return f"Tier evaluation: no longer meets the criteria of {name}{missing}; {to}."


@dataclass(frozen=True)
class Cancellation:
    change_id: uuid.UUID
    evaluation_id: uuid.UUID
    partner_id: uuid.UUID
    reason: str
    #: A downgrade warning the partner received is lifted (``partner.tier_downgrade_cancelled``).
    notify: bool


@dataclass
class Plan:
    mode: str
    now: datetime
    window_start: date
    window_end: date
    base_currency: str
    partners_evaluated: int = 0
    changes: list[Change] = field(default_factory=list)
    cancellations: list[Cancellation] = field(default_factory=list)
    kept: int = 0


async def _convert(
    session: AsyncSession, amount: Decimal, currency: str, day: date, base: str
) -> Decimal | None:
    """``amount`` of ``currency`` in ``base`` at ``day``'s rate (None: no rate that month)."""
    found = await conversion.rate_on(session, currency, day, base)
    return None if found is None else conversion.convert(amount, found[0])


async def tier_rules(
    session: AsyncSession, base: str, day: date, rows: Sequence[Any] | None = None
) -> list[TierRule]:
    """Every tier's criteria (of ``rows`` from ``repository.tiers`` when given), highest rank
    first, revenue in ``base``. 409 ``exchange_rate_missing`` when a revenue minimum in
    another currency has no rate on ``day``: an evaluation must not guess."""
    rules = []
    for row in rows if rows is not None else await repository.tiers(session):
        revenue, as_set = row.min_won_revenue, None
        currency = row.min_won_revenue_currency or base
        if revenue is not None and currency != base:
            converted = await _convert(session, revenue, currency, day, base)
            if converted is None:
                raise Conflict(
                    f"Tier {row.name!r} requires {revenue:,.2f} {currency} of won revenue, and "
                    f"there is no {currency} exchange rate for {day.isoformat()} to compare it "
                    f"in the base currency {base}. Add one (/v1/exchange-rates) or set the "
                    f"requirement in {base}.",
                    code="exchange_rate_missing",
                    currency=currency,
                    tier_id=str(row.id),
                )
            as_set, revenue = money(revenue, currency), converted
        rules.append(
            TierRule(
                id=row.id,
                key=row.key,
                name=row.name,
                rank=row.rank,
                min_revenue=revenue,
                revenue_as_set=as_set,
                min_deals=row.min_won_deals,
                min_users=row.min_certified_users,
            )
        )
    return rules


async def partner_figures(
    session: AsyncSession,
    start: date,
    end: date,
    now: datetime,
    partner_ids: list[uuid.UUID] | None,
) -> dict[uuid.UUID, Figures]:
    """Figures of many partners: one rollup read, one certification count."""
    totals = await partner_totals(session, start, end, partner_ids)
    certified = await repository.certified_users(session, now, partner_ids)
    ids = set(totals) | set(certified)
    out = {}
    for pid in ids:
        t = totals.get(pid)
        out[pid] = Figures(
            won_amount=t.won_amount if t else Decimal(0),
            won_unconverted=dict(t.won_unconverted) if t else {},
            won_deals=t.won_deals if t else 0,
            certified_users=certified.get(pid, 0),
        )
    return out


def _rank(tier: TierRule | None) -> int:
    return -1 if tier is None else tier.rank


async def plan(session: AsyncSession, now: datetime, *, lock: bool) -> Plan:
    """What an evaluation at ``now`` decides. ``lock``: a run, about to act on it (the open
    changes it may supersede are locked)."""
    settings = await get_settings(session)
    base = settings.base_currency
    start, end = rolling_window(now.date(), settings.tier_window_months)
    result = Plan(settings.tier_evaluation_mode, now, start, end, base)
    rules = await tier_rules(session, base, end)
    by_id = {r.id: r for r in rules}
    partners = await repository.evaluated_partners(session)
    # Every partner's totals at once (no id list: at 10,000 partners an IN list costs more
    # than reading the few inactive partners' rollups too).
    figures = await partner_figures(session, start, end, now, None)
    open_by_partner = {r.partner_id: r for r in await repository.open_changes(session, lock=lock)}
    grace = timedelta(days=settings.tier_downgrade_grace_days)
    automatic = result.mode == "automatic"
    result.partners_evaluated = len(partners)
    for pid, name, tier_id in partners:
        figs = figures.get(pid, Figures())
        current = by_id.get(tier_id) if tier_id is not None else None
        target = qualified_tier(rules, figs)
        earlier = open_by_partner.pop(pid, None)
        if (target.id if target else None) == tier_id:
            if earlier is not None:
                notify = earlier.status == "pending_grace"
                result.cancellations.append(
                    Cancellation(earlier.id, earlier.evaluation_id, pid, QUALIFIES_AGAIN, notify)
                )
            continue
        direction = "upgrade" if _rank(target) > _rank(current) else "downgrade"
        status, effective_at, warn = "proposed", None, False
        if automatic and (direction == "upgrade" or not grace):
            status = "applied"
        elif automatic:
            status, effective_at, warn = "pending_grace", now + grace, True
            if earlier is not None and earlier.status == "pending_grace":
                same = (earlier.from_tier_id, earlier.to_tier_id) == (
                    tier_id,
                    target.id if target else None,
                )
                if same:
                    result.kept += 1
                    continue
                effective_at = min(effective_at, earlier.effective_at)
        if earlier is not None:
            # Replaced by this run's change: a lifted warning is news only when no other
            # downgrade follows it.
            notify = earlier.status == "pending_grace" and status != "pending_grace"
            result.cancellations.append(
                Cancellation(earlier.id, earlier.evaluation_id, pid, SUPERSEDED, notify)
            )
        criteria = ChangeCriteria(
            window_start=start,
            window_end=end,
            base_currency=base,
            figures=figs.out(base),
            from_tier=check(current, figs, base) if current else None,
            to_tier=check(target, figs, base) if target else None,
        )
        result.changes.append(
            Change(pid, name, current, target, direction, status, effective_at, criteria, warn)
        )
    for earlier in open_by_partner.values():  # partners no longer evaluated
        notify = earlier.status == "pending_grace"
        result.cancellations.append(
            Cancellation(earlier.id, earlier.evaluation_id, earlier.partner_id, NOT_ACTIVE, notify)
        )
    return result
