"""Webhook endpoints and their delivery log: the rules behind `/v1/webhook-endpoints`.

Vendor admins manage every endpoint; a partner admin manages only its partner's endpoints,
which receive only that partner's events (in the partner's view). Another partner's endpoint
or delivery is 404 for a partner token.
"""

from __future__ import annotations

import base64
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.principal import SYSTEM, Actor, Principal
from prm_api.config import Settings
from prm_api.errors import NotFound, ValidationFailed, field_error
from prm_api.events import service as events
from prm_api.events.registry import require_known, type_condition
from prm_api.events.schemas import PingObject
from prm_api.kit.etag import check_if_match
from prm_api.kit.time import utcnow
from prm_api.models import Event, Partner, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from prm_api.webhooks import targets
from prm_api.webhooks.schemas import (
    AttemptOut,
    EndpointHealth,
    WebhookDeliveryOut,
    WebhookEndpointOut,
)

AUDITED = ("url", "description", "event_types", "enabled", "partner_id")
#: Wakes the delivery worker when deliveries become due outside the event flow.
DELIVERIES_CHANNEL = "prm_deliveries"


def new_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` + base64 of 24 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def endpoint_out(endpoint: WebhookEndpoint) -> WebhookEndpointOut:
    data = {
        k: getattr(endpoint, k) for k in WebhookEndpointOut.model_fields if hasattr(endpoint, k)
    }
    expires = endpoint.previous_secret_expires_at
    data["secret_rotation_ends_at"] = (
        expires if endpoint.previous_secret and expires and expires > utcnow() else None
    )
    return WebhookEndpointOut.model_validate(data)


async def _check_url(url: str, settings: Settings) -> str:
    try:
        await targets.resolve(url, allow_private=settings.webhook_allow_private_targets)
    except targets.TargetRefused as exc:
        raise ValidationFailed(
            str(exc), errors=[field_error("url", "target_refused", str(exc))]
        ) from exc
    return url


async def _owner_partner(
    session: AsyncSession, principal: Principal, requested: uuid.UUID | None
) -> uuid.UUID | None:
    if principal.is_partner:
        if requested is not None and requested != principal.partner_id:
            raise ValidationFailed(
                "Partner endpoints always belong to the caller's partner.",
                errors=[field_error("partner_id", "not_writable", "Partner tokens cannot set it.")],
            )
        return principal.partner_id
    if requested is not None and await session.get(Partner, requested) is None:
        raise ValidationFailed(
            f"No partner {requested}.",
            errors=[field_error("partner_id", "not_found", "No such partner.")],
        )
    return requested


def visible_endpoints(principal: Principal) -> Select:
    stmt = select(WebhookEndpoint)
    if principal.is_partner:
        stmt = stmt.where(WebhookEndpoint.partner_id == principal.partner_id)
    return stmt


async def get_endpoint(
    session: AsyncSession, principal: Principal, endpoint_id: uuid.UUID, *, for_update: bool = False
) -> WebhookEndpoint:
    stmt = visible_endpoints(principal).where(WebhookEndpoint.id == endpoint_id)
    if for_update:
        stmt = stmt.with_for_update()
    endpoint = await session.scalar(stmt)
    if endpoint is None:
        raise NotFound(f"No webhook endpoint {endpoint_id}.")
    return endpoint


async def _emit(
    session: AsyncSession,
    actor: Actor,
    verb: str,
    endpoint: WebhookEndpoint,
    *,
    before: WebhookEndpointOut | None = None,
    changes: dict[str, Any] | None = None,
) -> None:
    await session.flush()
    await audit.record(
        session,
        actor,
        f"webhook_endpoint.{verb}",
        "webhook_endpoint",
        endpoint.id,
        changes=changes,
        partner_id=endpoint.partner_id,
    )
    await events.emit(
        session,
        actor,
        f"webhook_endpoint.{verb}",
        endpoint_out(endpoint),
        resource_id=endpoint.id,
        partner_id=endpoint.partner_id,
        before=before,
    )


async def create_endpoint(
    session: AsyncSession, principal: Principal, settings: Settings, data: dict[str, Any]
) -> WebhookEndpoint:
    url = await _check_url(data["url"], settings)
    endpoint = WebhookEndpoint(
        url=url,
        description=data.get("description"),
        event_types=require_known(
            data.get("event_types") or [], field="event_types", location="body"
        ),
        enabled=data.get("enabled", True),
        disabled_reason=None if data.get("enabled", True) else "manual",
        disabled_at=None if data.get("enabled", True) else utcnow(),
        partner_id=await _owner_partner(session, principal, data.get("partner_id")),
        created_by=principal.subject_id,
        secret=new_secret(),
        consecutive_failures=0,
    )
    session.add(endpoint)
    await _emit(
        session,
        principal.actor,
        "created",
        endpoint,
        changes=audit.diff({}, audit.snapshot(endpoint, AUDITED)),
    )
    return endpoint


async def update_endpoint(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    endpoint: WebhookEndpoint,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> WebhookEndpoint:
    check_if_match(if_match, endpoint.version)
    before_out = endpoint_out(endpoint)
    before = audit.snapshot(endpoint, AUDITED)
    if "url" in data:
        endpoint.url = await _check_url(data["url"], settings)
    if "description" in data:
        endpoint.description = data["description"]
    if "event_types" in data:
        endpoint.event_types = require_known(
            data["event_types"], field="event_types", location="body"
        )
    if "enabled" in data and data["enabled"] != endpoint.enabled:
        endpoint.enabled = data["enabled"]
        if endpoint.enabled:
            # A fresh start: old failures must not disable it again at the next error.
            endpoint.disabled_reason = endpoint.disabled_at = endpoint.failing_since = None
            endpoint.consecutive_failures = 0
            await _wake_worker(session)
        else:
            endpoint.disabled_reason, endpoint.disabled_at = "manual", utcnow()
    delta = audit.diff(before, audit.snapshot(endpoint, AUDITED))
    if delta:
        await _emit(session, principal.actor, "updated", endpoint, before=before_out, changes=delta)
    return endpoint


async def delete_endpoint(
    session: AsyncSession, principal: Principal, endpoint: WebhookEndpoint, *, if_match: str | None
) -> None:
    check_if_match(if_match, endpoint.version)
    await _emit(session, principal.actor, "deleted", endpoint)
    await session.delete(endpoint)
    await session.flush()


async def rotate_secret(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    endpoint: WebhookEndpoint,
    *,
    if_match: str | None,
) -> WebhookEndpoint:
    """A new secret; the old one keeps signing alongside it for the overlap period, so a
    receiver can switch without dropping a delivery."""
    check_if_match(if_match, endpoint.version)
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = utcnow() + timedelta(
        seconds=settings.webhook_secret_overlap_s
    )
    endpoint.secret = new_secret()
    await _emit(session, principal.actor, "secret_rotated", endpoint)
    return endpoint


async def disable_endpoint(
    session: AsyncSession, endpoint_id: uuid.UUID, reason: str
) -> WebhookEndpoint | None:
    """Called by the worker (410 Gone, or failing too long): disable and record the event."""
    endpoint = await session.get(WebhookEndpoint, endpoint_id, with_for_update=True)
    if endpoint is None or not endpoint.enabled:
        return None
    before = endpoint_out(endpoint)
    endpoint.enabled, endpoint.disabled_reason, endpoint.disabled_at = False, reason, utcnow()
    await _emit(
        session,
        SYSTEM,
        "disabled",
        endpoint,
        before=before,
        changes={"enabled": {"before": True, "after": False}, "reason": reason},
    )
    return endpoint


async def _wake_worker(session: AsyncSession) -> None:
    await session.execute(text(f"SELECT pg_notify('{DELIVERIES_CHANNEL}', '')"))


async def send_test(
    session: AsyncSession, principal: Principal, endpoint: WebhookEndpoint
) -> tuple[Event, WebhookDelivery]:
    """A ``ping`` event delivered to this endpoint only (even when its filters exclude
    ``ping``), through the normal worker path: signed, retried, logged."""
    event = await events.emit(
        session,
        principal.actor,
        "ping",
        PingObject(webhook_endpoint_id=endpoint.id, message="Test event from the PRM API."),
        resource_id=endpoint.id,
        partner_id=endpoint.partner_id,
    )
    event.fanned_out_at = utcnow()
    now = utcnow()
    delivery = WebhookDelivery(
        endpoint_id=endpoint.id,
        event_id=event.id,
        event_type="ping",
        status="pending",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
        updated_at=now,
    )
    session.add(delivery)
    await session.flush()
    await _wake_worker(session)
    return event, delivery


# --- the delivery log ---------------------------------------------------------------------


def deliveries_query(
    endpoint: WebhookEndpoint,
    *,
    status: str | None,
    event_type: str | None,
    created_after: datetime | None,
    created_before: datetime | None,
) -> Select:
    stmt = select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id)
    if status is not None:
        stmt = stmt.where(WebhookDelivery.status == status)
    if event_type is not None:
        stmt = stmt.where(type_condition(WebhookDelivery.event_type, event_type))
    if created_after is not None:
        stmt = stmt.where(WebhookDelivery.created_at >= created_after)
    if created_before is not None:
        stmt = stmt.where(WebhookDelivery.created_at < created_before)
    return stmt


async def attempts_by_delivery(
    session: AsyncSession, delivery_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[WebhookAttempt]]:
    out: dict[uuid.UUID, list[WebhookAttempt]] = {d: [] for d in delivery_ids}
    if not delivery_ids:
        return out
    rows = await session.scalars(
        select(WebhookAttempt)
        .where(WebhookAttempt.delivery_id.in_(delivery_ids))
        .order_by(WebhookAttempt.delivery_id, WebhookAttempt.number)
    )
    for attempt in rows:
        out[attempt.delivery_id].append(attempt)
    return out


def delivery_out(delivery: WebhookDelivery, attempts: list[WebhookAttempt]) -> WebhookDeliveryOut:
    return WebhookDeliveryOut(
        id=delivery.id,
        endpoint_id=delivery.endpoint_id,
        event_id=delivery.event_id,
        event_type=delivery.event_type,
        status=delivery.status,
        attempts=[AttemptOut.model_validate(a, from_attributes=True) for a in attempts],
        next_attempt_at=delivery.next_attempt_at if delivery.status == "pending" else None,
        succeeded_at=delivery.succeeded_at,
        created_at=delivery.created_at,
        updated_at=delivery.updated_at,
    )


async def get_delivery(
    session: AsyncSession, principal: Principal, delivery_id: uuid.UUID, *, for_update: bool = False
) -> WebhookDelivery:
    stmt = (
        select(WebhookDelivery)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(WebhookDelivery.id == delivery_id)
    )
    if principal.is_partner:
        stmt = stmt.where(WebhookEndpoint.partner_id == principal.partner_id)
    if for_update:
        stmt = stmt.with_for_update(of=WebhookDelivery)
    delivery = await session.scalar(stmt)
    if delivery is None:
        raise NotFound(f"No webhook delivery {delivery_id}.")
    return delivery


async def retry_delivery(
    session: AsyncSession, principal: Principal, delivery: WebhookDelivery
) -> WebhookDelivery:
    """Send again now, with the same ``webhook-id``. A delivery that had used up its retries
    gets one more attempt; a pending one is brought forward; a succeeded one is re-sent."""
    now = utcnow()
    delivery.status, delivery.next_attempt_at, delivery.updated_at = "pending", now, now
    await session.flush()
    await audit.record(
        session,
        principal.actor,
        "webhook_delivery.retried",
        "webhook_delivery",
        delivery.id,
        changes={"event_id": str(delivery.event_id)},
    )
    await _wake_worker(session)
    return delivery


async def recover(
    session: AsyncSession, principal: Principal, endpoint: WebhookEndpoint, since: datetime
) -> int:
    """Queue again every delivery of this endpoint that failed since ``since``."""
    result = await session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.endpoint_id == endpoint.id,
            WebhookDelivery.status == "failed",
            WebhookDelivery.last_attempt_at >= since,
        )
        .values(status="pending", next_attempt_at=func.now(), updated_at=func.now())
        .execution_options(synchronize_session=False)
    )
    count = result.rowcount or 0
    await audit.record(
        session,
        principal.actor,
        "webhook_endpoint.recovered",
        "webhook_endpoint",
        endpoint.id,
        changes={"since": since.isoformat(), "requeued": count},
        partner_id=endpoint.partner_id,
    )
    if count:
        await _wake_worker(session)
    return count


async def health(session: AsyncSession, endpoint: WebhookEndpoint) -> EndpointHealth:
    since = utcnow() - timedelta(hours=24)
    total, ok = (
        await session.execute(
            select(
                func.count(),
                func.count().filter(WebhookAttempt.succeeded.is_(True)),
            ).where(
                WebhookAttempt.endpoint_id == endpoint.id,
                WebhookAttempt.attempted_at >= since,
            )
        )
    ).one()
    pending = await session.scalar(
        select(func.count()).where(
            WebhookDelivery.endpoint_id == endpoint.id, WebhookDelivery.status == "pending"
        )
    )
    return EndpointHealth(
        success_rate=round(ok / total, 4) if total else None,
        attempts_24h=total,
        last_success_at=endpoint.last_success_at,
        last_failure_at=endpoint.last_failure_at,
        consecutive_failures=endpoint.consecutive_failures,
        failing_since=endpoint.failing_since,
        pending_deliveries=pending or 0,
    )
