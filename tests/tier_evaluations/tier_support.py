"""Arranging tier evaluations: tiers with criteria, won deals (inserted as deals: the rollup
triggers feed the metrics as for any deal), certified users and the program's settings."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from factories import Factory, Store

from prm_api.kit.time import utcnow
from prm_api.models import Certification, CertificationProgram, Tier
from prm_api.program.settings import get_settings


async def program(store: Store, **values: Any) -> None:
    """Set the program's settings (``tier_evaluation_mode``, ``tier_downgrade_grace_days``…)."""
    async with store.sessionmaker() as session, session.begin():
        row = await get_settings(session, for_update=True)
        for key, value in values.items():
            setattr(row, key, value)


async def ladder(store: Store) -> tuple[Tier, Tier]:
    """Silver (rank 10, no criteria: the floor) and Gold (rank 20: 10,000 USD of won revenue,
    2 won deals, 1 certified user)."""
    silver = await store.tier("silver", 10)
    gold = await store.tier(
        "gold",
        20,
        min_won_revenue=Decimal("10000.00"),
        min_won_revenue_currency="USD",
        min_won_deals=2,
        min_certified_users=1,
    )
    return silver, gold


async def won(
    store: Store,
    partner_id: uuid.UUID,
    amount: str,
    *,
    currency: str = "USD",
    closed: date | None = None,
) -> None:
    """A won deal closed on ``closed`` (default: 10 days ago)."""
    await store.deal(
        partner_id,
        "won",
        amount=amount,
        currency=currency,
        closed_at=closed or (utcnow().date() - timedelta(days=10)),
    )


async def certify(
    store: Store,
    factory: Factory,
    partner_id: uuid.UUID,
    *,
    expires_at: datetime | None = None,
    status: str = "active",
) -> Certification:
    """A new user of the partner holding one certification."""
    user = await factory.user(role="partner_user", partner_id=partner_id)
    now = utcnow()
    async with store.sessionmaker() as session, session.begin():
        prog = CertificationProgram(
            name="Certified Seller",
            course_ids=[],
            validity_months=12,
            renewal_window_days=30,
            expiring_notice_days=30,
        )
        session.add(prog)
        await session.flush()
        cert = Certification(
            program_id=prog.id,
            user_id=user.id,
            partner_id=partner_id,
            number=f"CERT-{uuid.uuid4().hex[:12]}",
            status=status,
            issued_at=now - timedelta(days=30),
            expires_at=expires_at or now + timedelta(days=300),
            verification_code=uuid.uuid4().hex,
        )
        session.add(cert)
    return cert


async def gold_partner(store: Store, factory: Factory, **values: Any) -> Any:
    """An active partner meeting Gold exactly: 10,000.00 USD in 2 won deals, 1 certified user."""
    partner = await store.partner(**values)
    await won(store, partner.id, "6000.00")
    await won(store, partner.id, "4000.00")
    await certify(store, factory, partner.id)
    return partner


async def run(client, headers) -> dict[str, Any]:
    r = await client.post("/v1/tier-evaluations", headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


async def changes(client, headers, evaluation_id: str) -> list[dict[str, Any]]:
    r = await client.get(
        f"/v1/tier-evaluations/{evaluation_id}/changes", headers=headers, params={"limit": 100}
    )
    assert r.status_code == 200, r.text
    return r.json()["data"]


def by_partner(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["partner_id"]: c for c in items}
