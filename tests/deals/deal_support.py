"""Helpers for the deal tests: arrange partners and deals directly, inspect rows and audit.

Imported by name (``from deal_support import …``), like ``tests/contract/contract_support.py``.
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.deals.names import name_key
from prm_api.kit.time import utcnow
from prm_api.models import AuditEvent, Deal, DealConflict, Partner, Tier

#: The timestamp columns a partner in each status carries when arranged directly.
PARTNER_STAMPS = {
    "applied": ("applied_at",),
    "onboarding": ("applied_at", "approved_at"),
    "active": ("applied_at", "approved_at", "activated_at"),
    "suspended": ("applied_at", "approved_at", "activated_at", "suspended_at"),
}

DEAL_STATUSES = [
    "draft",
    "submitted",
    "approved",
    "rejected",
    "withdrawn",
    "won",
    "lost",
    "expired",
]

#: Columns a lifecycle action may change; "nothing changed" compares these.
DEAL_STATE = (
    "status",
    "version",
    "submitted_at",
    "protection_expires_at",
    "decided_by",
    "decided_at",
    "decision_reason",
    "extensions_used",
    "closed_at",
    "close_reason",
    "withdrawn_at",
    "expired_at",
    "has_conflicts",
    "title",
    "stage",
    "amount",
    "customer_name",
    "customer_domain",
    "external_ids",
    "partner_id",
)


def _stamps(status: str, now: datetime) -> dict[str, Any]:
    """What a deal in ``status`` carries when it got there through the API."""
    out: dict[str, Any] = {}
    if status != "draft":
        out["submitted_at"] = now - timedelta(days=3)
    if status in ("approved", "won", "lost", "expired", "rejected"):
        out.update(decided_by="someone", decided_at=now - timedelta(days=2))
    if status in ("approved", "won", "lost"):
        out["protection_expires_at"] = now + timedelta(days=60)
    if status == "expired":
        out.update(protection_expires_at=now - timedelta(days=1), expired_at=now)
    if status == "rejected":
        out["decision_reason"] = "no"
    if status == "withdrawn":
        out["withdrawn_at"] = now - timedelta(days=1)
    if status in ("won", "lost"):
        out["closed_at"] = now.date()
    return out


def deal_body(
    customer: str = "Acme Sp. z o.o.",
    domain: str | None = None,
    amount: str = "5000.00",
    currency: str = "EUR",
    **extra: Any,
) -> dict[str, Any]:
    """A POST /v1/deals body."""
    body: dict[str, Any] = {
        "customer": {"name": customer},
        "title": f"{customer} refresh",
        "amount": {"amount": amount, "currency": currency},
        **extra,
    }
    if domain:
        body["customer"]["domain"] = domain
    return body


@dataclass
class Store:
    """Arranges and inspects rows in fresh sessions (nothing served from a stale cache)."""

    sessionmaker: async_sessionmaker[AsyncSession]

    async def partner(self, status: str = "active", **values: Any) -> Partner:
        n = uuid.uuid4().hex[:10]
        now = utcnow()
        data: dict[str, Any] = {
            "name": f"Partner {n}",
            "type": "reseller",
            "domain": f"p{n}.example",
            "website": f"https://p{n}.example",
            "status": status,
            "source": "vendor",
            "tags": [],
            "external_ids": {},
            "status_changed_at": now,
        }
        data.update({stamp: now for stamp in PARTNER_STAMPS[status]})
        data.update(values)
        async with self.sessionmaker() as session, session.begin():
            partner = Partner(**data)
            session.add(partner)
        return partner

    async def tier(self, key: str, rank: int, **values: Any) -> Tier:
        async with self.sessionmaker() as session, session.begin():
            tier = Tier(key=key, name=key.title(), rank=rank, **values)
            session.add(tier)
        return tier

    async def deal(
        self,
        partner_id: uuid.UUID,
        status: str = "draft",
        *,
        customer: str = "Acme Sp. z o.o.",
        domain: str | None = None,
        amount: str = "5000.00",
        currency: str = "EUR",
        **values: Any,
    ) -> Deal:
        """A deal in ``status`` with the stamps that status implies (``domain`` normalized)."""
        now = utcnow()
        data: dict[str, Any] = {
            "partner_id": partner_id,
            "registered_by": "tests",
            "customer_name": customer,
            "customer_name_key": name_key(customer),
            "customer_domain": domain,
            "title": f"{customer} deal",
            "products": [],
            "amount": Decimal(amount),
            "currency": currency,
            "stage": "qualification",
            "status": status,
            "extensions_used": 0,
            "has_conflicts": False,
            "external_ids": {},
            "expected_close_date": date(2031, 6, 30),
        }
        data.update(_stamps(status, now))
        data.update(values)
        async with self.sessionmaker() as session, session.begin():
            deal = Deal(**data)
            session.add(deal)
        return deal

    async def get_deal(self, deal_id: uuid.UUID | str) -> Deal | None:
        async with self.sessionmaker() as session:
            return await session.get(Deal, uuid.UUID(str(deal_id)))

    async def state(self, deal_id: uuid.UUID | str) -> dict[str, Any]:
        deal = await self.get_deal(deal_id)
        assert deal is not None
        return {k: getattr(deal, k) for k in DEAL_STATE}

    async def set_deal(self, deal_id: uuid.UUID | str, **values: Any) -> None:
        async with self.sessionmaker() as session, session.begin():
            deal = await session.get(Deal, uuid.UUID(str(deal_id)))
            assert deal is not None
            for key, value in values.items():
                setattr(deal, key, value)

    async def conflicts(self, deal_id: uuid.UUID | str) -> list[DealConflict]:
        async with self.sessionmaker() as session:
            rows = await session.scalars(
                select(DealConflict).where(DealConflict.deal_id == uuid.UUID(str(deal_id)))
            )
            return list(rows.all())

    async def audit(
        self, resource_id: uuid.UUID | str | None = None, action: str | None = None
    ) -> list[AuditEvent]:
        stmt = select(AuditEvent).order_by(AuditEvent.seq)
        if resource_id is not None:
            stmt = stmt.where(AuditEvent.resource_id == str(resource_id))
        if action is not None:
            stmt = stmt.where(AuditEvent.action == action)
        async with self.sessionmaker() as session:
            return list((await session.scalars(stmt)).all())

    async def count(self, model: type, *where: Any) -> int:
        async with self.sessionmaker() as session:
            stmt = select(func.count()).select_from(model)
            for cond in where:
                stmt = stmt.where(cond)
            return int(await session.scalar(stmt) or 0)


def subject_of(headers: dict[str, str]) -> str:
    """The ``sub`` claim of a bearer header (unverified; enough to match ``decision.by``)."""
    payload = headers["Authorization"].split(" ", 1)[1].split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sub"]


def parse_ts(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
