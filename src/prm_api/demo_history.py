"""A year of the demo program's history (part of `prm-api serve --demo`, called by
``demo.load_demo`` after the other loaders, before the metric rollups are rebuilt), so the
metrics, scorecards, tier preview and health look like a real program's.

- **Onboarding at different speeds**: a few founding partners (the higher tiers) applied
  almost a year ago and were active within days; the others keep the day they became active
  and took days, weeks or months from approval to get there.
- **Deals month by month** for every partner that was ever active, from its activation (or a
  year ago) to today (or its suspension or termination): won and lost with a Q4 peak and a
  summer dip, rejections, withdrawals, expiries, an open pipeline of recent approvals and a
  few awaiting review. Partners in the euro area and the UK deal mostly in EUR and GBP. A few
  partners drift away: no deals and no sign-ins for their last months.
- **Exchange rates** for EUR and GBP on the 1st and the 15th of every month of the year, but
  deliberately none for GBP in one month (:data:`MONTH_WITHOUT_GBP` months ago), in which a
  GBP deal is won: the metrics report it unconverted and flag it.
- **Sign-ins**: the days partner users signed in (``user_activity_days``, ``last_login_at``).

Written as rows, like the rest of the demo's history (no events: the event log keeps real
times), from one seeded generator of its own, so the other demo loaders draw what they always
did. ``demo.load_demo`` rebuilds the metric rollups from the raw records at the very end.
"""

from __future__ import annotations

import math
import random
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from prm_api.demo_history_deals import (
    MONTH_WITHOUT_GBP,
    USD_VALUE,
    YEAR,
    Data,
    Profile,
    at_work_hours,
    months,
    months_ago,
    write_deals,
)
from prm_api.kit.time import utcnow
from prm_api.models import (
    ExchangeRate,
    Partner,
    PartnerOnboardingStep,
    Tier,
    User,
    UserActivityDay,
)
from prm_api.program.settings import get_settings

SEED = 15
#: Won or lost deals a partner closes in an average month, by tier.
PACE = {"platinum": 3.0, "gold": 2.2, "silver": 1.4, "registered": 0.8}
EUR_COUNTRIES = frozenset({"DE", "FR", "NL", "ES", "IT", "PL", "SE"})
FOUNDERS = 8
#: The demo's partners (their timestamps were moved into the past: ``created_at`` no longer
#: tells them apart): ``demo._load_partners`` gives each a ``001DEMO…`` Salesforce id.
DEMO_PARTNER = Partner.external_ids["salesforce"].astext.startswith("001DEMO")
DRIFTERS = 3


async def load_demo_history(session: AsyncSession, data: Data) -> None:
    """Write the year of history (see the module's docstring)."""
    await session.flush()
    rng = random.Random(SEED)
    now = utcnow()
    partners = (
        await session.scalars(
            select(Partner)
            .where(DEMO_PARTNER, Partner.activated_at.is_not(None))
            .order_by(Partner.name)
            # The timeline moved them with bulk updates: read what the rows hold now.
            .execution_options(populate_existing=True)
        )
    ).all()
    ranks = {t.id: (t.rank, t.key) for t in (await session.scalars(select(Tier))).all()}
    await _onboarding_speeds(session, rng, now, partners, ranks)
    profiles = _profiles(rng, now, partners, ranks)
    if (await get_settings(session)).base_currency == "USD":
        await _exchange_rates(session, rng, now)
    await write_deals(session, rng, now, profiles, data)
    await _sign_ins(session, rng, now, profiles)


def _tier_key(partner: Partner, ranks: dict[uuid.UUID, tuple[int, str]]) -> str:
    return ranks[partner.tier_id][1] if partner.tier_id in ranks else "registered"


def _founders(partners: Any, ranks: dict[uuid.UUID, tuple[int, str]]) -> list[Partner]:
    active = [p for p in partners if p.status == "active"]
    return sorted(active, key=lambda p: (-ranks.get(p.tier_id, (0, ""))[0], p.name))[:FOUNDERS]


async def _onboarding_speeds(
    session: AsyncSession,
    rng: random.Random,
    now: datetime,
    partners: Any,
    ranks: dict[uuid.UUID, tuple[int, str]],
) -> None:
    """Founders were active within days of applying, almost a year ago; the others took days,
    weeks or months from approval to activation. Activations only move earlier (what the
    other loaders placed after one stays after it): a slow partner applied earlier instead.
    The checklist steps it completed move with its onboarding, and a founder's people with
    its activation."""
    founders = {p.id for p in _founders(partners, ranks)}
    speeds = [(3, 10), (14, 45), (60, 110)]
    steps = (
        await session.scalars(
            select(PartnerOnboardingStep).where(
                PartnerOnboardingStep.partner_id.in_([p.id for p in partners])
            )
        )
    ).all()
    for i, partner in enumerate(partners):
        old_approved, activated = partner.approved_at, partner.activated_at
        if old_approved is None or activated is None:
            continue
        if partner.id in founders:
            activated = min(activated, now - timedelta(days=rng.uniform(340, 352)))
            speed = rng.uniform(3, 10)
        else:
            speed = rng.uniform(*speeds[i % len(speeds)])
        # Applied within the year, at least a day before approval.
        approved = max(activated - timedelta(days=speed), now - timedelta(days=358))
        applied = max(approved - timedelta(days=rng.uniform(1, 6)), now - timedelta(days=362))
        if not applied < approved < activated:
            continue
        stamps = [applied, approved, activated, partner.suspended_at, partner.terminated_at]
        values = {
            "created_at": applied,
            "applied_at": applied,
            "approved_at": approved,
            "activated_at": activated,
            "status_changed_at": max(s for s in stamps if s is not None),
        }
        await session.execute(
            update(Partner).where(Partner.id == partner.id).values(**values),
            execution_options={"synchronize_session": False},
        )
        old_span = max(partner.activated_at - old_approved, timedelta(seconds=1))
        for step in (s for s in steps if s.partner_id == partner.id):
            share = min(max((step.completed_at - old_approved) / old_span, 0.0), 1.0)
            step.completed_at = approved + (activated - approved) * share
        if partner.id in founders:  # its people arrived with it
            joined = activated + timedelta(days=rng.uniform(0, 4))
            await session.execute(
                update(User)
                .where(User.partner_id == partner.id, User.created_at > joined)
                .values(created_at=joined, updated_at=joined),
                execution_options={"synchronize_session": False},
            )
        for key, value in values.items():  # as the row now holds them, nothing to flush
            set_committed_value(partner, key, value)
    await session.flush()


def _profiles(
    rng: random.Random,
    now: datetime,
    partners: Any,
    ranks: dict[uuid.UUID, tuple[int, str]],
) -> list[Profile]:
    founders = {p.id for p in _founders(partners, ranks)}
    steady = [p for p in partners if p.status == "active" and p.id not in founders]
    # The lowest tiers drift away (a busy start, then quiet: what health is there to see).
    by_rank = sorted(steady, key=lambda p: (ranks.get(p.tier_id, (0, ""))[0], p.name))
    drifting = {p.id for p in by_rank[:DRIFTERS]}
    gbp = [p for p in partners if p.country == "GB"]
    if len(gbp) < 2:  # UK customers: a European partner or two sells in pounds
        gbp += [p for p in partners if p.country in EUR_COUNTRIES and p not in gbp][: 2 - len(gbp)]
    profiles = []
    for partner in partners:
        founder = partner.id in founders
        currency = "GBP" if partner in gbp else "EUR" if partner.country in EUR_COUNTRIES else "USD"
        end = min(s for s in (partner.suspended_at, partner.terminated_at, now) if s is not None)
        profile = Profile(
            partner=partner,
            pace=PACE[_tier_key(partner, ranks)] * rng.uniform(0.8, 1.25),
            win_rate=rng.uniform(0.5, 0.72) if founder else rng.uniform(0.32, 0.62),
            engagement=rng.uniform(2.0, 4.0) if founder else rng.uniform(0.6, 2.2),
            currency=currency,
            start=max((partner.activated_at or now) + timedelta(days=1), now - YEAR),
            end=end - timedelta(hours=1),
        )
        if partner.id in drifting:
            profile.quiet_from = now - timedelta(days=rng.uniform(75, 120))
            profile.pace *= 1.3  # busy before it went quiet: the drop is what health sees
        profiles.append(profile)
    return profiles


async def _exchange_rates(session: AsyncSession, rng: random.Random, now: datetime) -> None:
    """EUR and GBP on the 1st and the 15th of every month of the year (none in the future),
    except GBP in :data:`MONTH_WITHOUT_GBP` months ago."""
    today = now.date()
    without_gbp = months_ago(today, MONTH_WITHOUT_GBP)
    rows = []
    for i, month in enumerate(months((now - YEAR).date(), today)):
        for day in (month, month.replace(day=15)):
            if day > today:
                continue
            for currency, source in (("EUR", "ECB reference rate"), ("GBP", "Bank of England")):
                if currency == "GBP" and month == without_gbp:
                    continue
                drift = Decimal(str(round(0.03 * math.sin(i / 2) + rng.uniform(-0.01, 0.01), 4)))
                rate = USD_VALUE[currency] + drift
                rows.append(
                    {"currency": currency, "rate_date": day, "rate": rate, "source": source}
                )
    await session.execute(pg_insert(ExchangeRate).on_conflict_do_nothing(), rows)


async def _sign_ins(
    session: AsyncSession, rng: random.Random, now: datetime, profiles: list[Profile]
) -> None:
    """The days each partner user signed in: a few times a week in engaged partners, now and
    then in others, never after a partner went quiet, was suspended or terminated."""
    by_partner = {p.partner.id: p for p in profiles}
    users = (
        await session.scalars(
            select(User)
            .where(User.partner_id.in_(list(by_partner)), User.active)
            .order_by(User.email)
            .execution_options(populate_existing=True)
        )
    ).all()
    rows = []
    last: dict[uuid.UUID, date] = {}
    for user in users:
        p = by_partner[user.partner_id]  # type: ignore[index]
        per_week = p.engagement * (1.5 if user.role == "partner_admin" else rng.uniform(0.3, 1.1))
        first = max(user.created_at, now - YEAR).date()
        end = min(p.end, p.quiet_from or p.end).date()
        day = first
        while day <= end:
            weekday = day.weekday() < 5
            if rng.random() < per_week / 7 * (1.3 if weekday else 0.25):
                rows.append({"user_id": user.id, "day": day, "partner_id": user.partner_id})
                last[user.id] = day
            day += timedelta(days=1)
    if rows:
        await session.execute(pg_insert(UserActivityDay).on_conflict_do_nothing(), rows)
    if last:  # one executemany (Core: the row version is not the point of a sign-in)
        users_table = cast(Table, User.__table__)
        await session.execute(
            update(users_table)
            .where(users_table.c.id == bindparam("uid"))
            .values(last_login_at=bindparam("at")),
            [{"uid": uid, "at": min(at_work_hours(day, rng), now)} for uid, day in last.items()],
        )
