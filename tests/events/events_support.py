"""Helpers for the event tests: arrange rows directly, read the outbox, check an event.

Imported by name (``from events_support import …``), like ``tests/deals/deal_support.py``.
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import jsonschema_rs
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api import domains
from prm_api.deals.names import name_key
from prm_api.events import registry
from prm_api.kit.time import utcnow
from prm_api.models import Deal, Event, Partner, Tier

PASSWORD = "correct horse battery staple"

STATUS_STAMPS = {
    "applied": ("applied_at",),
    "onboarding": ("applied_at", "approved_at"),
    "active": ("applied_at", "approved_at", "activated_at"),
    "suspended": ("applied_at", "approved_at", "activated_at", "suspended_at"),
}


def claims_of(headers: dict[str, str]) -> dict[str, Any]:
    """The (unverified) payload of a bearer header: enough to read ``sub``."""
    payload = headers["Authorization"].split(" ", 1)[1].split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def subject_of(headers: dict[str, str]) -> str:
    return claims_of(headers)["sub"]


def deal_body(customer: str = "Acme Sp. z o.o.", domain: str | None = None, **extra: Any) -> dict:
    body: dict[str, Any] = {
        "customer": {"name": customer},
        "title": f"{customer} refresh",
        "amount": {"amount": "5000.00", "currency": "EUR"},
        **extra,
    }
    if domain:
        body["customer"]["domain"] = domain
    return body


domains.load_event_types()


@cache
def _validator(event_type: str) -> Any:
    schema = {t.name: t for t in domains.event_types()}[event_type].schema.model_json_schema(
        mode="serialization"
    )
    return jsonschema_rs.validator_for(schema)


def check_object(event_type: str, obj: dict[str, Any]) -> None:
    """The type is in the catalog and ``obj`` is valid against the type's published schema."""
    assert event_type in registry.names(), f"{event_type} is not in the catalog"
    _validator(event_type).validate(obj)


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
        data.update({stamp: now for stamp in STATUS_STAMPS[status]})
        data.update(values)
        async with self.sessionmaker() as session, session.begin():
            partner = Partner(**data)
            session.add(partner)
        return partner

    async def tier(self, key: str, rank: int) -> Tier:
        async with self.sessionmaker() as session, session.begin():
            tier = Tier(key=key, name=key.title(), rank=rank)
            session.add(tier)
        return tier

    async def deal(
        self, partner_id: uuid.UUID, status: str = "draft", *, customer: str = "Acme", **values
    ) -> Deal:
        now = utcnow()
        data: dict[str, Any] = {
            "partner_id": partner_id,
            "registered_by": "tests",
            "customer_name": customer,
            "customer_name_key": name_key(customer),
            "title": f"{customer} deal",
            "products": [],
            "amount": Decimal("5000.00"),
            "currency": "EUR",
            "stage": "qualification",
            "status": status,
            "extensions_used": 0,
            "has_conflicts": False,
            "external_ids": {},
            "expected_close_date": date(2031, 6, 30),
        }
        if status != "draft":
            data["submitted_at"] = now - timedelta(days=3)
        if status == "approved":
            data.update(
                decided_by="someone",
                decided_at=now - timedelta(days=2),
                protection_expires_at=now + timedelta(days=60),
            )
        data.update(values)
        async with self.sessionmaker() as session, session.begin():
            deal = Deal(**data)
            session.add(deal)
        return deal

    async def get_deal(self, deal_id: uuid.UUID | str) -> Deal | None:
        async with self.sessionmaker() as session:
            return await session.get(Deal, uuid.UUID(str(deal_id)))

    async def events(
        self, *, type: str | None = None, resource_id: uuid.UUID | str | None = None
    ) -> list[Event]:
        """Events in log order (oldest first)."""
        stmt = select(Event).order_by(Event.created_at, Event.id)
        if type is not None:
            stmt = stmt.where(Event.type == type)
        if resource_id is not None:
            stmt = stmt.where(Event.resource_id == str(resource_id))
        async with self.sessionmaker() as session:
            return list((await session.scalars(stmt)).all())

    async def mark(self) -> set[uuid.UUID]:
        """The ids of every event so far; :meth:`since` returns the ones recorded after."""
        async with self.sessionmaker() as session:
            return set((await session.scalars(select(Event.id))).all())

    async def since(self, mark: set[uuid.UUID]) -> list[Event]:
        return [e for e in await self.events() if e.id not in mark]

    async def one_since(self, mark: set[uuid.UUID], type: str) -> Event:
        """Exactly one event was recorded since ``mark``, of ``type``; checked against the
        catalog (type known, ``data.object`` valid for its schema)."""
        new = await self.since(mark)
        assert [e.type for e in new] == [type], [e.type for e in new]
        check_event(new[0])
        return new[0]

    async def count_events(self) -> int:
        async with self.sessionmaker() as session:
            return int(await session.scalar(select(func.count()).select_from(Event)) or 0)


def check_event(event: Event) -> None:
    check_object(event.type, event.data["object"])
    if event.partner_data is not None:
        check_object(event.type, event.partner_data["object"])
    assert set(event.data) <= {"object", "previous_attributes"}


def user_actor(headers: dict[str, str]) -> dict[str, Any]:
    """The ``actor`` of an event caused by the bearer of ``headers`` (a user token)."""
    claims = claims_of(headers)
    return {
        "type": "user",
        "id": claims["sub"],
        "role": claims["role"],
        "partner_id": claims.get("partner_id"),
        "client_id": "prm-first-party",
    }
