"""The demo's certifications: every status, dates that agree with it, nothing left for the
job to do right after loading."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from prm_api.demo import load_demo
from prm_api.kit.time import utcnow
from prm_api.models import Certification, Enrollment
from prm_api.trainings.certification_jobs import expire_certifications


async def test_demo_certifications(sessionmaker):
    async with sessionmaker() as session, session.begin():
        assert await load_demo(session) is True
    now = utcnow()
    async with sessionmaker() as session:
        rows = (await session.scalars(select(Certification))).all()
        assert {r.status for r in rows} == {"active", "expiring", "expired", "revoked"}
        for r in rows:
            if r.status == "expired":
                assert r.expires_at < now
            if r.status == "expiring":
                assert now < r.expires_at < now + timedelta(days=30)
            if r.status == "active":
                assert r.expires_at > now + timedelta(days=60)
        assert min(r.issued_at for r in rows) < now - timedelta(days=300)
        assert len({r.number for r in rows}) == len(rows)
        renewals = await session.scalar(
            select(func.count()).select_from(Enrollment).where(Enrollment.status == "enrolled")
        )
        assert renewals > 0
    assert await expire_certifications(sessionmaker) == 0
