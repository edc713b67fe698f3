from factories import DEAL_STATUSES
from sqlalchemy import func, select

from prm_api.demo import load_demo
from prm_api.models import Deal, DealConflict, Partner, Tier, User


async def test_demo_program_loads_once_with_every_status(sessionmaker):
    async with sessionmaker() as session, session.begin():
        assert await load_demo(session) is True
    async with sessionmaker() as session, session.begin():
        assert await load_demo(session) is False
    async with sessionmaker() as session:
        statuses = dict(
            (
                await session.execute(select(Partner.status, func.count()).group_by(Partner.status))
            ).all()
        )
        assert set(statuses) == {
            "applied",
            "onboarding",
            "active",
            "suspended",
            "declined",
            "terminated",
        }
        assert sum(statuses.values()) >= 45
        assert await session.scalar(select(func.count()).select_from(Tier)) == 4
        partner_users = await session.scalar(
            select(func.count()).select_from(User).where(User.partner_id.is_not(None))
        )
        assert partner_users >= 30
    # Deals too: every status, and shared customers produce conflicts.
    async with sessionmaker() as session:
        statuses = dict(
            (await session.execute(select(Deal.status, func.count()).group_by(Deal.status))).all()
        )
        assert set(statuses) == set(DEAL_STATUSES), statuses
        assert sum(statuses.values()) >= 150
        assert await session.scalar(select(func.count()).select_from(DealConflict)) > 0


async def test_demo_logins_sign_in_with_the_generated_password(sessionmaker, client):
    from prm_api.demo import demo_logins

    async with sessionmaker() as session, session.begin():
        assert await load_demo(session, password="a-generated-demo-password") is True
    async with sessionmaker() as session:
        logins, known = await demo_logins(session, "a-generated-demo-password")
        assert known is True
        assert (await demo_logins(session, "demo-password-2026"))[1] is False
    kinds = [login.description.split()[0] for login in logins]
    assert kinds.count("vendor") == 3 and kinds.count("partner_admin") == 3, logins
    for login in logins:
        r = await client.post(
            "/oauth/token",
            data={
                "grant_type": "password",
                "username": login.email,
                "password": "a-generated-demo-password",
            },
        )
        assert r.status_code == 200, (login, r.text)


def test_the_demo_password_is_generated_once_per_data_directory(tmp_path):
    from prm_api.demo import PASSWORD_FILE, demo_password

    first = demo_password(tmp_path / "a")
    assert demo_password(tmp_path / "a") == first  # a restart prints the same one
    assert demo_password(tmp_path / "b") != first  # never a fixed password
    assert len(first) >= 16
    assert (tmp_path / "a" / PASSWORD_FILE).stat().st_mode & 0o777 == 0o600


async def test_demo_timestamps_spread_over_the_past_year(sessionmaker):
    from datetime import timedelta

    from prm_api.kit.time import utcnow

    async with sessionmaker() as session, session.begin():
        assert await load_demo(session) is True
    now = utcnow()
    async with sessionmaker() as session:
        partners = (await session.scalars(select(Partner))).all()
        deals = (await session.scalars(select(Deal))).all()
    created = sorted(p.created_at for p in partners)
    assert created[-1] - created[0] > timedelta(days=180), "partners joined over months"
    assert all(now - timedelta(days=366) <= c <= now for c in created)
    for partner in partners:
        steps = [
            partner.applied_at,
            partner.approved_at or partner.declined_at,
            partner.activated_at,
            partner.suspended_at,
        ]
        present = [s for s in steps if s is not None]
        assert present == sorted(present), partner.name
        assert partner.status_changed_at == max([*present, partner.terminated_at or present[0]])
    joined = {p.id: p.activated_at for p in partners}
    days = {d.created_at.date() for d in deals}
    assert len(days) > 60, "deals registered on many different days"
    for deal in deals:
        assert joined[deal.partner_id] is not None and deal.created_at > joined[deal.partner_id]
        order = [deal.created_at, deal.submitted_at, deal.decided_at, deal.updated_at]
        present = [s for s in order if s is not None]
        assert present == sorted(present), deal.id
        assert deal.updated_at <= now
        if deal.status == "approved":
            # Still protected: the expiry job leaves the demo's mix of statuses alone.
            assert deal.protection_expires_at > now + timedelta(days=6)
        if deal.closed_at is not None:
            assert deal.closed_at >= deal.created_at.date()


async def test_demo_holds_a_year_of_metrics_history(sessionmaker):
    """demo_history.py: deals won month by month with seasons, EUR and GBP deals, rates for
    every month but one without GBP (in which a GBP deal was won), onboarding at different
    speeds, sign-ins over the year, and rollups equal to a rebuild from the raw records."""
    from datetime import timedelta

    from sqlalchemy import text

    from prm_api.demo_history_deals import MONTH_WITHOUT_GBP, months_ago
    from prm_api.kit.time import utcnow
    from prm_api.metrics.rebuild import rebuild_all
    from prm_api.metrics.totals import partner_totals
    from prm_api.models import ExchangeRate, UserActivityDay

    async with sessionmaker() as session, session.begin():
        assert await load_demo(session) is True
    now = utcnow()
    today = now.date()
    async with sessionmaker() as session:
        won = (await session.scalars(select(Deal).where(Deal.status == "won"))).all()
        won_months = {d.closed_at.replace(day=1) for d in won}
        assert len(won_months) >= 10, sorted(won_months)
        assert all(today - timedelta(days=366) <= d.closed_at <= today for d in won)
        by_currency = {d.currency for d in won}
        assert {"USD", "EUR", "GBP"} <= by_currency

        rates = (await session.scalars(select(ExchangeRate))).all()
        rate_months = {(r.currency, r.rate_date.replace(day=1)) for r in rates}
        year = {months_ago(today, n) for n in range(12)}
        gap = months_ago(today, MONTH_WITHOUT_GBP)
        assert {("EUR", m) for m in year} <= rate_months
        assert {("GBP", m) for m in year - {gap}} <= rate_months
        assert ("GBP", gap) not in rate_months  # deliberately: the metrics flag it
        assert any(d.currency == "GBP" and d.closed_at.replace(day=1) == gap for d in won), (
            "a GBP deal won in the month without a GBP rate"
        )
        # The metrics report it in pounds, unconverted, and convert every euro.
        end_of_gap = months_ago(gap + timedelta(days=40), 0) - timedelta(days=1)
        totals = (await partner_totals(session, gap, end_of_gap)).values()
        assert any(t.won_unconverted.get("GBP") for t in totals)
        assert not any(t.won_unconverted.get("EUR") for t in totals)
        assert sum(t.won_amount for t in totals) > 0

        partners = (
            await session.scalars(select(Partner).where(Partner.activated_at.is_not(None)))
        ).all()
        speeds = sorted((p.activated_at - p.approved_at).days for p in partners)
        assert speeds[0] <= 10 and speeds[-1] >= 45, speeds  # days to months
        assert min(p.activated_at for p in partners) < now - timedelta(days=300)

        days = (await session.scalars(select(UserActivityDay.day))).all()
        assert len({d.replace(day=1) for d in days}) >= 11
        signed_in = await session.scalar(
            select(func.count()).select_from(User).where(User.last_login_at.is_not(None))
        )
        assert signed_in >= 30

    # The rollups the triggers kept equal a rebuild from the raw records.
    tables = ("deal_daily_rollups", "engagement_daily_rollups", "deal_approval_hours")

    async def snapshot(session):
        return {
            t: sorted(map(tuple, (await session.execute(text(f"SELECT * FROM {t}"))).all()))
            for t in tables
        }

    async with sessionmaker() as session, session.begin():
        before = await snapshot(session)
        await rebuild_all(session)
        assert await snapshot(session) == before
        assert before["deal_daily_rollups"]
