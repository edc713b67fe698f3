"""Active users and partners from the spans' stored first and last days (migration 0021): a
span whose first or last day falls in a period counts without its multirange, only one that
straddles the period reads it. Edge by edge against the days themselves, program-wide (no
partner join) and split or filtered by partner attributes (joined); and the new partners and
certified users counted on UTC day boundaries compared as instants."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert

from prm_api.metrics import activity, readers
from prm_api.metrics.periods import Interval, Period, buckets
from prm_api.models import Certification, CertificationProgram, UserActivityDay

D = date
MARCH = Period(D(2026, 3, 1), D(2026, 3, 31))
#: Exactly the gap of the ``gap`` spans below: active on Feb 20 and Apr 10, not in between.
GAP = Period(D(2026, 2, 21), D(2026, 4, 9))
HALF_YEAR = Period(D(2026, 1, 1), D(2026, 6, 30))

#: Sign-in (or deal) days by name, each against MARCH: what decides it.
SPANS: dict[str, list[date]] = {
    "gap": [D(2026, 2, 20), D(2026, 4, 10)],  # straddles March, nothing inside: not active
    "straddles": [D(2026, 2, 20), D(2026, 3, 15), D(2026, 4, 10)],  # a day inside
    "first_is_start": [D(2026, 3, 1), D(2026, 5, 5)],
    "last_is_end": [D(2026, 1, 5), D(2026, 3, 31)],
    "single_in": [D(2026, 3, 31)],
    "single_after": [D(2026, 4, 1)],
    "ends_before": [D(2026, 1, 2), D(2026, 2, 28)],
    "begins_after": [D(2026, 4, 1), D(2026, 6, 30)],
    # Across months: Jan, Feb, Apr and Jun, neither March nor May.
    "months": [D(2026, 1, 10), D(2026, 2, 1), D(2026, 4, 30), D(2026, 6, 15)],
}
ACTIVE_IN_MARCH = {"straddles", "first_is_start", "last_is_end", "single_in"}

PERIODS = (
    (MARCH, None),
    (GAP, None),
    (HALF_YEAR, Interval.month),
    (HALF_YEAR, Interval.week),
    (Period(D(2026, 2, 28), D(2026, 4, 1)), Interval.day),
    (Period(D(2026, 3, 31), D(2026, 3, 31)), None),  # one day
)


def scope(period: Period, interval: Interval | None, dims=(), filters=None) -> readers.Scope:
    ends = [p.end for p in buckets(period, interval)]
    return readers.Scope(period, interval, tuple(dims), filters or {}, "USD", ends)


def expected(
    days_of: dict[str, list[date]], key_of: dict[str, tuple], period: Period, interval
) -> dict:
    """``{(bucket start, key): count of names}`` of the names with a day in each bucket."""
    out: dict = {}
    for bucket in buckets(period, interval):
        for name, days in days_of.items():
            if any(bucket.start <= day <= bucket.end for day in days):
                key = (bucket.start, key_of[name])
                out[key] = out.get(key, 0) + 1
    return out


async def arrange(store, factory, sessionmaker):
    tier = await store.tier("gold", rank=1)
    pl = await store.partner(country="PL", tier_id=tier.id)
    de = await store.partner(country="DE", type="msp")
    users = {}
    async with sessionmaker() as session, session.begin():
        for index, (name, days) in enumerate(SPANS.items()):
            partner = pl if index % 2 else de
            user = await factory.user(role="partner_user", partner_id=partner.id)
            users[name] = (user, partner)
            await session.execute(
                insert(UserActivityDay),
                [{"user_id": user.id, "partner_id": partner.id, "day": day} for day in days],
            )
    return pl, users


async def test_active_users_edge_by_edge(store, factory, sessionmaker):
    pl, users = await arrange(store, factory, sessionmaker)
    async with sessionmaker() as session:
        bounds = (await session.execute(text(
            "SELECT user_id, first_day, last_day FROM user_activity_spans"
        ))).all()  # fmt: skip
        assert {(u, f, last) for u, f, last in bounds} == {
            (user.id, min(SPANS[name]), max(SPANS[name])) for name, (user, _) in users.items()
        }
        march = await activity.active_users(session, scope(MARCH, None))
        assert march == {(MARCH.start, ()): len(ACTIVE_IN_MARCH)}
        assert await activity.active_users(session, scope(GAP, None)) == {
            (GAP.start, ()): len([n for n, days in SPANS.items()
                                  if any(GAP.start <= d <= GAP.end for d in days)])
        }  # fmt: skip
        by_month = await activity.active_users(session, scope(HALF_YEAR, Interval.month))
        assert by_month[(D(2026, 3, 1), ())] == len(ACTIVE_IN_MARCH)
        assert by_month[(D(2026, 5, 1), ())] == 1  # first_is_start's last day
        program = {name: () for name in SPANS}
        tier = {name: ("gold" if partner.id == pl.id else None,)
                for name, (_, partner) in users.items()}  # fmt: skip
        partner_of = {name: (str(partner.id),) for name, (_, partner) in users.items()}
        in_pl = {name: days for name, days in SPANS.items() if users[name][1].id == pl.id}
        for period, interval in PERIODS:
            assert await activity.active_users(session, scope(period, interval)) == expected(
                SPANS, program, period, interval
            ), (period, interval)
            split = await activity.active_users(session, scope(period, interval, ("tier",)))
            assert split == expected(SPANS, tier, period, interval), (period, interval)
            split = await activity.active_users(session, scope(period, interval, ("partner",)))
            assert split == expected(SPANS, partner_of, period, interval), (period, interval)
            only = scope(period, interval, filters={"country": ["PL"]})
            assert await activity.active_users(session, only) == expected(
                in_pl, program, period, interval
            ), (period, interval)


async def test_a_user_signed_in_under_two_partners_counts_once(store, factory, sessionmaker):
    """Spans are kept by user and partner: nothing in the schema keeps a user at one partner,
    so the program-wide count stays distinct."""
    a = await store.partner()
    b = await store.partner()
    user = await factory.user(role="partner_user", partner_id=a.id)
    async with sessionmaker() as session, session.begin():
        await session.execute(
            insert(UserActivityDay),
            [
                {"user_id": user.id, "partner_id": a.id, "day": D(2026, 3, 2)},
                {"user_id": user.id, "partner_id": b.id, "day": D(2026, 3, 20)},
            ],
        )
    async with sessionmaker() as session:
        assert await activity.active_users(session, scope(MARCH, None)) == {(MARCH.start, ()): 1}
        split = await activity.active_users(session, scope(MARCH, None, ("partner",)))
        assert split == {(MARCH.start, (str(a.id),)): 1, (MARCH.start, (str(b.id),)): 1}


async def test_active_partners_edge_by_edge(store, sessionmaker):
    tier = await store.tier("gold", rank=1)
    partners = {}
    for index, (name, days) in enumerate(SPANS.items()):
        values = {"country": "PL", "tier_id": tier.id} if index % 2 else {"country": "DE"}
        partner = await store.partner(**values)
        partners[name] = partner
        for day in days:  # registered that day (a draft first: no stamps of today)
            deal = await store.deal(partner.id, "draft")
            submitted = datetime(day.year, day.month, day.day, 23, 59, tzinfo=UTC)
            await store.set_deal(deal.id, status="submitted", submitted_at=submitted)
    async with sessionmaker() as session:
        bounds = (await session.execute(text(
            "SELECT partner_id, first_day, last_day FROM partner_deal_activity"
        ))).all()  # fmt: skip
        assert set(bounds) == {(p.id, min(SPANS[n]), max(SPANS[n])) for n, p in partners.items()}
        march = await activity.deal_partners(session, scope(MARCH, None))
        assert march == {(MARCH.start, ()): len(ACTIVE_IN_MARCH)}
        program = {name: () for name in SPANS}
        partner_of = {name: (str(p.id),) for name, p in partners.items()}
        in_pl = {name: days for name, days in SPANS.items() if partners[name].country == "PL"}
        for period, interval in PERIODS:
            assert await activity.deal_partners(session, scope(period, interval)) == expected(
                SPANS, program, period, interval
            ), (period, interval)
            split = await activity.deal_partners(session, scope(period, interval, ("partner",)))
            assert split == expected(SPANS, partner_of, period, interval), (period, interval)
            only = scope(period, interval, filters={"country": ["PL"], "currency": ["EUR"]})
            assert await activity.deal_partners(session, only) == expected(
                in_pl, program, period, interval
            ), (period, interval)


def at(day: date, *hms: int) -> datetime:
    return datetime(day.year, day.month, day.day, *hms, tzinfo=UTC)


async def test_new_partners_and_certified_users_on_utc_day_boundaries(store, factory, sessionmaker):
    """A stamp belongs to its UTC day: the last microsecond of a day is in it, midnight is the
    next day's."""
    last = D(2026, 3, 31)
    for approved in (at(D(2026, 2, 28), 23, 59, 59, 999999), at(D(2026, 3, 1)),
                     at(last, 23, 59, 59, 999999), at(D(2026, 4, 1))):  # fmt: skip
        await store.partner(approved_at=approved, activated_at=approved + timedelta(days=2))
    partner = await store.partner(country="PL")
    program = await store._add(
        CertificationProgram(
            name="Cert", course_ids=[], validity_months=12, renewal_window_days=60,
            expiring_notice_days=30, status="active", external_ids={},
        )
    )  # fmt: skip
    end = at(last + timedelta(days=1))  # the instant March ends
    held = {  # (issued, expires, revoked): held at the end of March 31
        (at(last, 23, 59), end, None): True,
        (end, end + timedelta(days=9), None): False,  # issued on April 1
        (at(last, 1), end - timedelta(microseconds=1), None): False,  # expired on the 31st
        (at(last, 1), end + timedelta(days=9), end): True,  # revoked on April 1
        (at(last, 1), end + timedelta(days=9), at(last, 23)): False,  # revoked on the 31st
    }
    expected_users = 0
    for issued, expires, revoked in held:
        user = await factory.user(role="partner_user", partner_id=partner.id)
        await store._add(
            Certification(
                program_id=program.id, user_id=user.id, partner_id=partner.id,
                number=f"CERT-{secrets.token_hex(4)}", status="active", issued_at=issued,
                expires_at=expires, revoked_at=revoked,
                verification_code=secrets.token_hex(16),
            )
        )  # fmt: skip
        expected_users += held[(issued, expires, revoked)]
    async with sessionmaker() as session:
        facts = await activity.partner_facts(session, scope(MARCH, None))
        assert facts == {(MARCH.start, ()): (2, 2.0)}  # Mar 1 00:00 and Mar 31 23:59:59.999999
        facts = await activity.partner_facts(session, scope(HALF_YEAR, Interval.month))
        assert {k: v[0] for k, v in facts.items()} == {
            (D(2026, 2, 1), ()): 1, (D(2026, 3, 1), ()): 2, (D(2026, 4, 1), ()): 1,
        }  # fmt: skip
        certified = await activity.certified_users(session, scope(MARCH, None))
        assert certified == {(MARCH.start, ()): expected_users} and expected_users == 2
        by_month = await activity.certified_users(session, scope(HALF_YEAR, Interval.month))
        assert by_month[(MARCH.start, ())] == 2
        split = await activity.certified_users(session, scope(MARCH, None, ("partner",)))
        assert split == {(MARCH.start, (str(partner.id),)): 2}
        other = scope(MARCH, None, filters={"partner_id": [uuid.uuid4()]})
        assert await activity.certified_users(session, other) == {}


async def test_user_bounds_follow_the_sign_in_days(store, factory, sessionmaker):
    """``user_activity_bounds`` follows every change of a user's days: first and last day and
    the longest run of days without a sign-in; a user whose span lost every day has none. A
    user with days under two partners is noted (its users are then counted distinct)."""
    partner = await store.partner()
    user = await factory.user(role="partner_user", partner_id=partner.id)

    async def bounds():
        async with sessionmaker() as session:
            found = await session.execute(text(
                "SELECT first_day, last_day, longest_gap FROM user_activity_bounds"
                " WHERE user_id = :u"), {"u": user.id})  # fmt: skip
            return found.all()

    async def days(change: str, *when: date) -> None:
        async with sessionmaker() as session, session.begin():
            for day in when:
                await session.execute(
                    text(f"{change} user_activity_days (user_id, partner_id, day)"
                         " VALUES (:u, :p, :d)") if change == "INSERT INTO" else
                    text("DELETE FROM user_activity_days WHERE user_id = :u AND day = :d"),
                    {"u": user.id, "p": partner.id, "d": day},
                )  # fmt: skip

    await days("INSERT INTO", D(2026, 3, 1))
    assert await bounds() == [(D(2026, 3, 1), D(2026, 3, 1), 0)]
    await days("INSERT INTO", D(2026, 3, 11), D(2026, 3, 2))
    assert await bounds() == [(D(2026, 3, 1), D(2026, 3, 11), 8)]  # Mar 3–10
    await days("DELETE", D(2026, 3, 2))
    assert await bounds() == [(D(2026, 3, 1), D(2026, 3, 11), 9)]  # Mar 2–10
    # A period as long as the gap lies in it: not active; one day longer: active.
    async with sessionmaker() as session:
        inside = Period(D(2026, 3, 2), D(2026, 3, 10))
        assert await activity.active_users(session, scope(inside, None)) == {}
        longer = Period(D(2026, 3, 2), D(2026, 3, 11))
        assert await activity.active_users(session, scope(longer, None)) == {(longer.start, ()): 1}
    await days("DELETE", D(2026, 3, 1), D(2026, 3, 11))
    assert await bounds() == []
    async with sessionmaker() as session:
        noted = await session.execute(text("SELECT count(*) FROM users_in_several_partners"))
        assert noted.scalar() == 0
