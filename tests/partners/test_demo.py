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
