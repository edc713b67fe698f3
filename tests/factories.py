"""Arranging and inspecting test data: the one module every test directory shares.

Imported by name (``from factories import Store, deal_body``): ``tests/`` is on ``sys.path``
because pytest (``prepend`` import mode) inserts the directory of the root ``conftest.py``,
which is not inside a package. The fixtures handing these out (``store``, ``factory``,
``auth``, ``oauth``, ``new_partner``) live in ``tests/conftest.py``.

- :class:`Store` writes rows directly (no service, no event, no audit row) and reads them back
  in fresh sessions, so nothing is served from a stale identity map.
- :class:`Factory` creates users and API clients through their services (audited, like the
  real thing); :class:`Auth` mints real access tokens for them; :class:`OAuth` talks to the
  token endpoint like an OAuth2 client.
- Plain helpers: request bodies, token claims, problem+json and event checks.
"""

from __future__ import annotations

import base64
import contextlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.auth.roles import ceiling
from prm_api.auth.tokens import issue_access_token
from prm_api.config import Settings
from prm_api.deals.names import name_key
from prm_api.kit.time import utcnow
from prm_api.models import (
    Asset,
    AssetCategory,
    AssetVersion,
    AuditEvent,
    Deal,
    DealConflict,
    Event,
    Invitation,
    Partner,
    Tier,
    User,
)

PASSWORD = "correct horse battery staple"
PROBLEM_JSON = "application/problem+json"

#: The timestamp columns a partner in each status carries when arranged directly.
PARTNER_STAMPS = {
    "applied": ("applied_at",),
    "onboarding": ("applied_at", "approved_at"),
    "active": ("applied_at", "approved_at", "activated_at"),
    "suspended": ("applied_at", "approved_at", "activated_at", "suspended_at"),
    "declined": ("applied_at", "declined_at"),
    "terminated": ("applied_at", "approved_at", "activated_at", "terminated_at"),
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


# --- request bodies ----------------------------------------------------------------------------


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


def user_body(**overrides: object) -> dict[str, Any]:
    """A POST /v1/users body (a vendor user with a fresh email)."""
    body: dict[str, Any] = {
        "email": f"{uuid.uuid4().hex[:12]}@example.com",
        "name": "Grace Hopper",
        "role": "channel_manager",
    }
    body.update(overrides)
    return body


# --- tokens and headers ------------------------------------------------------------------------


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def basic(client_id: str, secret: str) -> dict[str, str]:
    raw = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}


def claims_of(token_or_headers: str | dict[str, str]) -> dict[str, Any]:
    """The (unverified) payload of a JWT or of a bearer header: enough to read ``sub``,
    ``role`` and ``partner_id`` in tests."""
    token = token_or_headers
    if isinstance(token, dict):
        token = token["Authorization"].split(" ", 1)[1]
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def subject_of(headers: dict[str, str]) -> str:
    """The ``sub`` claim of a bearer header (enough to match ``decision.by`` or an actor)."""
    return claims_of(headers)["sub"]


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


# --- checks ------------------------------------------------------------------------------------


def assert_problem(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """``r`` is a problem+json of ``status`` with ``code``; returns the problem."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM_JSON
    body = r.json()
    assert body["code"] == code
    return body


def parse_ts(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def recent(value: str | datetime | None, since: datetime) -> bool:
    """``value`` (a timestamp or its JSON form) lies between ``since`` and now."""
    if isinstance(value, str):
        value = parse_ts(value)
    return value is not None and since <= value <= utcnow()


@cache
def _event_validator(event_type: str) -> Any:
    import jsonschema_rs

    from prm_api import domains

    domains.load_event_types()
    schema = {t.name: t for t in domains.event_types()}[event_type].schema.model_json_schema(
        mode="serialization"
    )
    return jsonschema_rs.validator_for(schema)


def check_object(event_type: str, obj: dict[str, Any]) -> None:
    """The type is in the catalog and ``obj`` is valid against the type's published schema."""
    from prm_api import domains
    from prm_api.events import registry

    domains.load_event_types()
    assert event_type in registry.names(), f"{event_type} is not in the catalog"
    _event_validator(event_type).validate(obj)


def check_event(event: Event) -> None:
    """A recorded event matches the catalog, in its full and in its partner view."""
    check_object(event.type, event.data["object"])
    if event.partner_data is not None:
        check_object(event.type, event.partner_data["object"])
    assert set(event.data) <= {"object", "previous_attributes"}


@contextlib.contextmanager
def settings_overridden(app: Any, **values: Any) -> Iterator[Settings]:
    """The app's settings with ``values`` changed until the block ends (the API reads its
    settings per request, e.g. whether webhook endpoints may target 127.0.0.1)."""
    original = app.state.settings
    app.state.settings = original.model_copy(update=values)
    try:
        yield app.state.settings
    finally:
        app.state.settings = original


# --- rows arranged and read directly -----------------------------------------------------------


def _deal_stamps(status: str, now: datetime) -> dict[str, Any]:
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


@dataclass
class Store:
    """Arranges rows directly and reads them back, each call in a fresh session."""

    sessionmaker: async_sessionmaker[AsyncSession]

    async def _add(self, row: Any) -> Any:
        async with self.sessionmaker() as session, session.begin():
            session.add(row)
        return row

    async def _get(self, model: type, row_id: uuid.UUID | str) -> Any:
        async with self.sessionmaker() as session:
            return await session.get(model, uuid.UUID(str(row_id)))

    async def _set(self, model: type, row_id: uuid.UUID | str, values: dict[str, Any]) -> None:
        async with self.sessionmaker() as session, session.begin():
            row = await session.get(model, uuid.UUID(str(row_id)))
            assert row is not None, f"no {model.__name__} {row_id}"
            for key, value in values.items():
                setattr(row, key, value)

    # partners and tiers

    async def partner(self, status: str = "active", **values: Any) -> Partner:
        """A partner in ``status`` with the stamps that status implies."""
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
        return await self._add(Partner(**data))

    async def tier(self, key: str, rank: int, **values: Any) -> Tier:
        return await self._add(Tier(key=key, name=key.title(), rank=rank, **values))

    async def get_partner(self, partner_id: uuid.UUID | str) -> Partner | None:
        return await self._get(Partner, partner_id)

    async def set_partner(self, partner_id: uuid.UUID | str, **values: Any) -> None:
        await self._set(Partner, partner_id, values)

    async def get_user(self, user_id: uuid.UUID | str) -> User | None:
        return await self._get(User, user_id)

    async def get_invitation(self, invitation_id: uuid.UUID | str) -> Invitation | None:
        return await self._get(Invitation, invitation_id)

    async def set_invitation(self, invitation_id: uuid.UUID | str, **values: Any) -> None:
        await self._set(Invitation, invitation_id, values)

    # deals

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
        data.update(_deal_stamps(status, utcnow()))
        data.update(values)
        return await self._add(Deal(**data))

    async def get_deal(self, deal_id: uuid.UUID | str) -> Deal | None:
        return await self._get(Deal, deal_id)

    async def set_deal(self, deal_id: uuid.UUID | str, **values: Any) -> None:
        await self._set(Deal, deal_id, values)

    async def state(self, deal_id: uuid.UUID | str) -> dict[str, Any]:
        """The deal's :data:`DEAL_STATE` columns."""
        deal = await self.get_deal(deal_id)
        assert deal is not None
        return {k: getattr(deal, k) for k in DEAL_STATE}

    async def conflicts(self, deal_id: uuid.UUID | str) -> list[DealConflict]:
        async with self.sessionmaker() as session:
            rows = await session.scalars(
                select(DealConflict).where(DealConflict.deal_id == uuid.UUID(str(deal_id)))
            )
            return list(rows.all())

    # assets

    async def asset_category(
        self, name: str | None = None, parent_id: uuid.UUID | None = None, **values: Any
    ) -> AssetCategory:
        name = name or f"Category {uuid.uuid4().hex[:6]}"
        slug = values.pop("slug", None) or f"c-{uuid.uuid4().hex[:12]}"
        return await self._add(
            AssetCategory(name=name, slug=slug, parent_id=parent_id, position=0, **values)
        )

    async def asset(
        self,
        status: str = "published",
        *,
        title: str = "Battle card",
        kind: str = "document",
        audience: dict[str, Any] | None = None,
        with_version: bool = True,
        filename: str = "battle-card.pdf",
        **values: Any,
    ) -> Asset:
        """An asset in ``status`` (published now by default) seen by ``audience`` (API
        shape: ``{"everyone": True}``, ``{"tier_ids": [...]}``…; default: everyone), with a
        first version unless ``with_version`` is false or it is a link."""
        from prm_api.assets.versions import search_source, set_current_version
        from prm_api.audience.rules import columns_of
        from prm_api.audience.schemas import Audience

        now = utcnow()
        data: dict[str, Any] = {
            "title": title,
            "description": "",
            "kind": kind,
            "url": "https://example.com/x" if kind == "link" else None,
            "tags": [],
            "status": status,
            "featured": False,
            "external_ids": {},
            "has_thumbnail": False,
            "download_count": 0,
            "published_at": now if status == "published" else None,
            "archived_at": now if status == "archived" else None,
            **columns_of(
                Audience.model_validate({"everyone": True} if audience is None else audience)
            ),
        }
        data.update(values)
        async with self.sessionmaker() as session, session.begin():
            asset = Asset(**data)
            asset.search_source = search_source(asset)
            session.add(asset)
            await session.flush()
            if with_version and kind != "link":
                version = AssetVersion(
                    asset_id=asset.id,
                    number=1,
                    filename=filename,
                    content_type="application/pdf",
                    size_bytes=1234,
                    sha256="ab" * 32,
                    uploaded_by="tests",
                    uploaded_at=now,
                )
                session.add(version)
                await session.flush()
                set_current_version(asset, version)
        return asset

    async def get_asset(self, asset_id: uuid.UUID | str) -> Asset | None:
        return await self._get(Asset, asset_id)

    async def set_asset(self, asset_id: uuid.UUID | str, **values: Any) -> None:
        await self._set(Asset, asset_id, values)

    # audit trail and events

    async def audit(
        self, resource_id: uuid.UUID | str | None = None, action: str | None = None
    ) -> list[AuditEvent]:
        """Audit rows, oldest first."""
        stmt = select(AuditEvent).order_by(AuditEvent.seq)
        if resource_id is not None:
            stmt = stmt.where(AuditEvent.resource_id == str(resource_id))
        if action is not None:
            stmt = stmt.where(AuditEvent.action == action)
        async with self.sessionmaker() as session:
            return list((await session.scalars(stmt)).all())

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
        return await self.count(Event)

    async def count(self, model: type, *where: Any) -> int:
        async with self.sessionmaker() as session:
            stmt = select(func.count()).select_from(model)
            for cond in where:
                stmt = stmt.where(cond)
            return int(await session.scalar(stmt) or 0)


# --- subjects created through their services, and their tokens -------------------------------


@dataclass
class Factory:
    sessionmaker: async_sessionmaker[AsyncSession]

    async def user(
        self,
        *,
        role: str = "admin",
        email: str | None = None,
        password: str | None = PASSWORD,
        partner_id: uuid.UUID | None = None,
        name: str = "Test User",
    ) -> User:
        from prm_api.auth.principal import Actor
        from prm_api.users.service import create_user

        async with self.sessionmaker() as session, session.begin():
            return await create_user(
                session,
                Actor(type="system", id="tests"),
                email=email or f"{uuid.uuid4().hex[:10]}@example.com",
                name=name,
                role=role,
                password=password,
                partner_id=partner_id,
            )

    async def api_client(
        self,
        *,
        role: str = "admin",
        scopes: list[str] | None = None,
        partner_id: uuid.UUID | None = None,
    ) -> tuple[Any, str]:
        """Returns ``(ApiClient, secret)``."""
        from prm_api.auth.principal import Actor
        from prm_api.clients.service import create_client

        async with self.sessionmaker() as session, session.begin():
            return await create_client(
                session,
                Actor(type="system", id="tests"),
                name="test client",
                role=role,
                scopes=scopes,
                partner_id=partner_id,
            )


@dataclass
class Auth:
    """Mints real access tokens (signed with the app's key) for real database subjects."""

    app: Any
    factory: Factory

    async def headers(
        self,
        role: str = "admin",
        *,
        scopes: list[str] | None = None,
        partner_id: uuid.UUID | None = None,
        as_client: bool = False,
    ) -> dict[str, str]:
        token = await self.token(role, scopes=scopes, partner_id=partner_id, as_client=as_client)
        return bearer(token)

    async def token(
        self,
        role: str = "admin",
        *,
        scopes: list[str] | None = None,
        partner_id: uuid.UUID | None = None,
        as_client: bool = False,
    ) -> str:
        """A token for a new subject of ``role`` holding ``scopes`` (default: the role's
        whole ceiling)."""
        granted = sorted(ceiling(role) if scopes is None else scopes)
        if as_client:
            client, _ = await self.factory.api_client(role=role, partner_id=partner_id)
            sub, subject_type, cid = client.client_id, "client", client.client_id
        else:
            user = await self.factory.user(role=role, partner_id=partner_id)
            sub, subject_type, cid = str(user.id), "user", "prm-first-party"
        token, _ = issue_access_token(
            self.app.state.key_ring,
            self.app.state.settings,
            sub=sub,
            client_id=cid,
            scopes=granted,
            role=role,
            subject_type=subject_type,
            partner_id=partner_id,
        )
        return token


@dataclass
class OAuth:
    """Talks to ``/oauth/token`` like a real OAuth2 client."""

    client: httpx.AsyncClient
    password: str = PASSWORD
    basic = staticmethod(basic)
    bearer = staticmethod(bearer)

    async def token(
        self, data: dict[str, str], headers: dict[str, str] | None = None
    ) -> httpx.Response:
        return await self.client.post("/oauth/token", data=data, headers=headers or {})

    async def client_token(
        self, client_id: str, secret: str, scope: str | None = None
    ) -> dict[str, Any]:
        data = {"grant_type": "client_credentials"}
        if scope is not None:
            data["scope"] = scope
        r = await self.token(data, basic(client_id, secret))
        assert r.status_code == 200, r.text
        return r.json()

    async def login(
        self, email: str, password: str = PASSWORD, scope: str | None = None
    ) -> httpx.Response:
        """The raw response of a password grant."""
        data = {"grant_type": "password", "username": email, "password": password}
        if scope is not None:
            data["scope"] = scope
        return await self.token(data)

    async def login_ok(
        self, email: str, password: str = PASSWORD, scope: str | None = None
    ) -> dict[str, Any]:
        """A successful password grant's token response."""
        r = await self.login(email, password, scope)
        assert r.status_code == 200, r.text
        return r.json()

    async def refresh(
        self,
        refresh_token: str,
        scope: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        data = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        if scope is not None:
            data["scope"] = scope
        return await self.token(data, headers)


def deal_validated(deal: Any) -> Any:
    """A deal through full validation, built independently of the presenters under test."""
    from prm_api.deals.schemas import DealOut

    return DealOut.model_validate(
        {
            **{name: getattr(deal, name) for name in DealOut.model_fields if hasattr(deal, name)},
            "customer": {
                "name": deal.customer_name,
                "domain": deal.customer_domain,
                "country": deal.customer_country,
                "contact_name": deal.customer_contact_name,
                "contact_email": deal.customer_contact_email,
            },
            "amount": {"amount": deal.amount, "currency": deal.currency},
            "decision": {
                "by": deal.decided_by,
                "at": deal.decided_at,
                "reason": deal.decision_reason,
            },
        }
    )
