"""The demo's onboarding: a plan of every kind, active partners through every required step
between approval and activation, partners in onboarding part-way."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from prm_api.demo import load_demo
from prm_api.models import OnboardingStep, Partner, PartnerOnboardingStep
from prm_api.onboarding import rules


async def test_demo_onboarding(sessionmaker):
    async with sessionmaker() as session, session.begin():
        assert await load_demo(session) is True
    async with sessionmaker() as session:
        steps = (await session.scalars(select(OnboardingStep))).all()
        assert {s.kind for s in steps} == set(rules.CHECKED_KINDS) | {"custom"}
        required = {s.id for s in steps if s.required}
        done = (await session.scalars(select(PartnerOnboardingStep))).all()
        by_partner: dict = {}
        for row in done:
            by_partner.setdefault(row.partner_id, []).append(row)
        partners = (
            await session.scalars(
                select(Partner).where(Partner.status.in_(("active", "onboarding")))
            )
        ).all()
        counts = Counter()
        for p in partners:
            rows = by_partner.get(p.id, [])
            for row in rows:
                assert p.approved_at <= row.completed_at
            if p.status == "active":
                assert {r.step_id for r in rows} == required
                assert all(r.completed_at <= p.activated_at for r in rows)
            else:
                assert not required <= {r.step_id for r in rows}  # part-way, not done
                counts[len(rows)] += 1
        assert len(counts) > 1  # partners at different points of the checklist
        # The checklist reads them back; time to onboard is known for active partners.
        active = next(p for p in partners if p.status == "active")
        sheet = await rules.checklist(session, active)
        assert sheet.completed and sheet.time_to_onboard_seconds is not None
