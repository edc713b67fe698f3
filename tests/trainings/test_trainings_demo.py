"""The demo's courses and enrollments: every module kind, every enrollment state across
partners, results from an external LMS, spread over the past year, and nothing left for the
expiry job right after loading."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from prm_api.demo import load_demo
from prm_api.kit.time import utcnow
from prm_api.models import Course, CourseModule, Enrollment, ExternalCompletion, ModuleProgress
from prm_api.trainings.expiry import expire_enrollments


async def test_demo_trainings(sessionmaker):
    async with sessionmaker() as session, session.begin():
        assert await load_demo(session) is True
    now = utcnow()
    async with sessionmaker() as session:
        kinds = set((await session.scalars(select(CourseModule.kind))).all())
        assert kinds == {"content", "link", "quiz", "acknowledgement"}
        statuses = set((await session.scalars(select(Course.status))).all())
        assert statuses == {"draft", "published", "archived"}
        rows = (await session.scalars(select(Enrollment))).all()
        assert {r.status for r in rows} == {
            "enrolled",
            "in_progress",
            "completed",
            "failed",
            "expired",
        }
        assert {r.source for r in rows} >= {"self", "assigned", "external"}
        assert len({r.partner_id for r in rows}) >= 5
        assert min(r.created_at for r in rows) < now - timedelta(days=300)
        for r in rows:
            if r.status == "completed":
                assert r.started_at <= r.completed_at <= now
            if r.status == "expired":
                assert r.due_at < now
            if r.status in ("enrolled", "in_progress") and r.due_at is not None:
                assert r.due_at > now
        progress = (await session.scalars(select(ModuleProgress))).all()
        assert {p.status for p in progress} == {"completed", "failed"}
        external = (await session.scalars(select(ExternalCompletion))).all()
        assert external and all(e.outcome == "completed" for e in external)
    assert await expire_enrollments(sessionmaker) == 0
