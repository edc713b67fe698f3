"""The read path (``kit/render.py``) writes each resource exactly as its validated response
model does: same keys, order and formats (timestamps, money as strings, enums, nulls), from
plain rows and from ORM objects. The oracle for each resource is the model validated from
the presenter the write path uses (or, for deals, one built by hand)."""

from __future__ import annotations

import uuid
import warnings
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from factories import DEAL_STATUSES, deal_validated
from pydantic import BaseModel
from sqlalchemy import select

from prm_api.audit.schemas import AUDIT_EVENT, AuditEventOut
from prm_api.clients.schemas import API_CLIENT, ApiClientOut
from prm_api.deals.schemas import DEAL, DealOut
from prm_api.events.outbox import envelope
from prm_api.events.schemas import EVENT, EventOut
from prm_api.kit.pagination import PageResult
from prm_api.kit.render import Computed, Shape
from prm_api.kit.schemas import Page
from prm_api.kit.time import utcnow
from prm_api.models import (
    ApiClient,
    AuditEvent,
    Deal,
    DealRule,
    Event,
    Invitation,
    Partner,
    Tier,
    User,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from prm_api.partners.repository import _PARTNER_ROW
from prm_api.partners.schemas import INVITATION, PARTNER, invitation_out, partner_out
from prm_api.program.schemas import RULE, rule_out
from prm_api.tiers.schemas import TIER, tier_out
from prm_api.users.schemas import USER, UserOut
from prm_api.webhooks.schemas import DELIVERY, WEBHOOK_ENDPOINT, WebhookDeliveryOut
from prm_api.webhooks.service import delivery_out, endpoint_out


def same(shape: Shape, source: Any, expected: BaseModel, context: Any = None) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert shape.json(source, context) == expected.model_dump_json(by_alias=True).encode()
        page = PageResult([source], True, "c", getattr(source, "_fields", None))
        if page.columns is not None:
            page.columns = tuple(page.columns)
        wanted = Page[type(expected)](data=[expected], has_more=True, next_cursor="c")  # type: ignore[misc]
        assert shape.page_json(page, context) == wanted.model_dump_json(by_alias=True).encode()


async def rows_and_objects(db, model: type, *where: Any) -> list[Any]:
    rows = (await db.execute(select(*model.__table__.columns).where(*where))).all()
    objects = (await db.scalars(select(model).where(*where))).all()
    assert rows and objects
    return [*rows, *objects]


@pytest.mark.parametrize("status", DEAL_STATUSES)
async def test_deals(store, db, status):
    partner = await store.partner()
    created = await store.deal(
        partner.id,
        status,
        customer="Żabka Polska Sp. z o.o.",
        domain="zabka.pl",
        amount="1234.50",
        currency="PLN",
        customer_country="PL",
        products=["Switches", "Support"],
        external_ids={"salesforce": "006XYZ"},
        decision_reason="ok" if status in ("approved", "rejected") else None,
    )
    for source in await rows_and_objects(db, Deal, Deal.id == created.id):
        same(DEAL, source, deal_validated(source))


async def test_an_amount_the_request_gave_is_written_with_two_decimals(store, db):
    partner = await store.partner()
    deal = await db.get(Deal, (await store.deal(partner.id, "draft")).id)
    deal.amount = Decimal("1234.5")  # what a validated body holds before the row is re-read
    same(DEAL, deal, deal_validated(deal))
    assert b'"amount":"1234.50"' in DEAL.json(deal)


async def test_partners_with_and_without_tier(store, db):
    tier = await store.tier(f"t{uuid.uuid4().hex[:6]}", 7)
    with_tier = await store.partner(
        tier_id=tier.id,
        contact_name="Ann",
        contact_email="ann@example.com",
        contact_phone="+48 123 456 789",
        address={"country": "PL", "city": "Kraków", "line1": "Rynek 1"},
        tags=["gold", "emea"],
        external_ids={"salesforce": "001X"},
    )
    without = await store.partner("applied")
    for partner_id, tier_row in ((with_tier.id, tier), (without.id, None)):
        row = (await db.execute(_PARTNER_ROW.where(Partner.id == partner_id))).one()
        obj = await db.get(Partner, partner_id)
        same(PARTNER, row, partner_out(obj, tier_row))


async def test_tiers_rules_users_clients(store, factory, db):
    key = f"t{uuid.uuid4().hex[:6]}"
    await store.tier(key, 900, min_won_revenue=Decimal("50000.00"), min_won_revenue_currency="EUR")
    await store.tier(key + "b", 901, benefits="More.", min_won_deals=3)
    for tier in await rows_and_objects(db, Tier, Tier.key.in_([key, key + "b"])):
        same(TIER, tier, tier_out(await db.get(Tier, tier.id)))

    async with db.begin_nested():
        db.add_all(
            [
                DealRule(
                    name="small",
                    position=1,
                    max_amount=Decimal("10.00"),
                    max_amount_currency="EUR",
                    partner_types=["reseller"],
                    partner_tier_ids=[uuid.uuid4()],
                ),
                DealRule(name="any", position=2),
            ]
        )
    for rule in await rows_and_objects(db, DealRule):
        same(RULE, rule, rule_out(await db.get(DealRule, rule.id)))

    user = await factory.user(role="channel_manager")
    for source in await rows_and_objects(db, User, User.id == user.id):
        same(USER, source, UserOut.model_validate(source))
    client, _ = await factory.api_client()
    for source in await rows_and_objects(db, ApiClient, ApiClient.id == client.id):
        same(API_CLIENT, source, ApiClientOut.model_validate(source))
    # Creating them recorded audit rows.
    for source in await rows_and_objects(db, AuditEvent, AuditEvent.resource_id == str(user.id)):
        same(AUDIT_EVENT, source, AuditEventOut.model_validate(source))


async def test_events_in_both_views(store, db):
    partner = await store.partner()
    event = Event(
        id=uuid.uuid4(),
        type="deal.updated",
        created_at=utcnow(),
        api_version="2026-11-29",
        resource_type="deal",
        resource_id="x",
        partner_id=partner.id,
        actor={"type": "user", "id": "u1", "role": "admin", "partner_id": str(partner.id)},
        data={"previous_attributes": {"a": 1.5}, "object": {"a": 2, "b": [None, True]}},
        partner_data={"object": {"a": 2}},
    )
    plain = Event(
        id=uuid.uuid4(),
        type="ping",
        created_at=utcnow(),
        api_version="2026-11-29",
        resource_type="webhook_endpoint",
        resource_id="y",
        actor={"type": "system"},
        data={"object": {"message": "hi"}},
    )
    async with db.begin_nested():
        db.add_all([event, plain])
    for source in await rows_and_objects(db, Event, Event.id.in_([event.id, plain.id])):
        obj = await db.get(Event, source.id)
        for partner_audience in (False, True):
            expected = EventOut.model_validate(envelope(obj, partner_audience=partner_audience))
            same(EVENT, source, expected, partner_audience)


async def test_webhooks_and_invitations(store, db):
    partner = await store.partner()
    now = utcnow()
    endpoint = WebhookEndpoint(
        url="https://hooks.example/x",
        event_types=["deal.*"],
        secret="whsec_new",
        previous_secret="whsec_old",
        previous_secret_expires_at=now + timedelta(hours=1),
        partner_id=partner.id,
    )
    stale = WebhookEndpoint(
        url="https://hooks.example/y",
        secret="whsec_s",
        previous_secret="whsec_o",
        previous_secret_expires_at=now,
    )
    async with db.begin_nested():
        db.add_all([endpoint, stale])
    for source in await rows_and_objects(db, WebhookEndpoint):
        same(WEBHOOK_ENDPOINT, source, endpoint_out(await db.get(WebhookEndpoint, source.id)))

    event = Event(
        id=uuid.uuid4(),
        type="ping",
        created_at=now,
        api_version="2026-11-29",
        resource_type="webhook_endpoint",
        resource_id="z",
        actor={"type": "system"},
        data={"object": {}},
    )
    async with db.begin_nested():
        db.add(event)
        await db.flush()
        deliveries = [
            WebhookDelivery(
                endpoint_id=target.id,
                event_id=event.id,
                event_type="ping",
                status=status,
                next_attempt_at=now,
                created_at=now,
                updated_at=now,
            )
            for status, target in (("pending", endpoint), ("failed", stale))
        ]
        db.add_all(deliveries)
        await db.flush()
        db.add(
            WebhookAttempt(
                delivery_id=deliveries[1].id,
                endpoint_id=stale.id,
                number=1,
                attempted_at=now,
                status_code=500,
                latency_ms=12,
                response_body="no",
                error="HTTP 500",
                succeeded=False,
            )
        )
    attempts: dict[uuid.UUID, list[WebhookAttempt]] = {d.id: [] for d in deliveries}
    for attempt in (await db.scalars(select(WebhookAttempt))).all():
        attempts.setdefault(attempt.delivery_id, []).append(attempt)
    for source in await rows_and_objects(db, WebhookDelivery):
        obj = await db.get(WebhookDelivery, source.id)
        expected = delivery_out(obj, attempts.get(source.id, []))
        assert isinstance(expected, WebhookDeliveryOut)
        same(DELIVERY, source, expected, {**attempts, source.id: attempts.get(source.id, [])})

    async with db.begin_nested():
        db.add(
            Invitation(
                partner_id=partner.id,
                email="x@example.com",
                role="partner_user",
                token_hash=uuid.uuid4().hex,
                expires_at=now + timedelta(days=7),
            )
        )
    for inv in (await db.scalars(select(Invitation))).all():
        same(INVITATION, inv, invitation_out(inv))


def test_a_shape_refuses_a_nested_model_it_cannot_see_through():
    with pytest.raises(TypeError, match="give it a Shape or Computed"):
        Shape(DealOut).json(object())
    with pytest.raises(TypeError, match="has no field"):
        Shape(DealOut, nothing=Computed(len))


def test_json_writes_what_pydantic_core_writes() -> None:
    """kit.render.to_json (orjson) and pydantic-core agree byte for byte on what rows hold,
    and an integer orjson refuses is still written."""
    import datetime as dt
    import decimal
    import enum

    import pydantic_core

    from prm_api.kit.render import to_json

    class Kind(enum.StrEnum):
        a = "a"

    from asyncpg.pgproto.pgproto import UUID as AsyncpgUUID

    value = {
        "id": uuid.UUID(int=7),
        "read_by_asyncpg": AsyncpgUUID("00000000-0000-0000-0000-000000000009"),
        "at": dt.datetime(2026, 12, 3, 16, 8, 31, 663490, tzinfo=dt.UTC),
        "whole_second": dt.datetime(2026, 12, 3, 16, 8, 31, tzinfo=dt.UTC),
        "day": dt.date(2026, 12, 1),
        "kind": Kind.a,
        "money": decimal.Decimal("1000.50"),
        "nested": {"list": [1, 2.5, None, True, "ü"]},
    }
    assert to_json(value) == pydantic_core.to_json(value)
    assert to_json({"big": 2**70}) == b'{"big":1180591620717411303424}'
