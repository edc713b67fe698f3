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
