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

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.principal import SYSTEM, Principal
from prm_api.config import Settings
from prm_api.errors import NotFound, ValidationFailed, field_error
from prm_api.events import outbox
from prm_api.events.recording import record_action, record_change
from prm_api.events.registry import require_known
from prm_api.events.schemas import PingObject
from prm_api.kit.etag import check_if_match
from prm_api.kit.time import utcnow
from prm_api.models import Event, Partner, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from prm_api.webhooks import repository, targets
from prm_api.webhooks.events import PING, WEBHOOK_ENDPOINT
from prm_api.webhooks.schemas import (
    AttemptOut,
    EndpointHealth,
    WebhookDeliveryOut,
    WebhookEndpointOut,
)

AUDITED = ("url", "description", "event_types", "enabled", "partner_id")


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


async def get_endpoint(
    session: AsyncSession, principal: Principal, endpoint_id: uuid.UUID, *, for_update: bool = False
) -> WebhookEndpoint:
    """An endpoint ``principal`` manages; another partner's is 404 for a partner token."""
    endpoint = await repository.find_endpoint(
        session, principal, endpoint_id, for_update=for_update
    )
    if endpoint is None:
        raise NotFound(f"No webhook endpoint {endpoint_id}.")
    return endpoint


async def get_endpoint_row(
    session: AsyncSession, principal: Principal, endpoint_id: uuid.UUID
) -> Any:
    """An endpoint ``principal`` manages, as a plain row for reads (else 404)."""
    row = await repository.endpoint_row(session, principal, endpoint_id)
    if row is None:
        raise NotFound(f"No webhook endpoint {endpoint_id}.")
    return row


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
    await session.flush()
    await record_change(
        session,
        principal.actor,
        WEBHOOK_ENDPOINT["created"],
        endpoint_out(endpoint),
        resource_id=endpoint.id,
        partner_id=endpoint.partner_id,
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
            await repository.wake_worker(session)
        else:
            endpoint.disabled_reason, endpoint.disabled_at = "manual", utcnow()
    delta = audit.diff(before, audit.snapshot(endpoint, AUDITED))
    if delta:
        await session.flush()
        await record_change(
            session,
            principal.actor,
            WEBHOOK_ENDPOINT["updated"],
            endpoint_out(endpoint),
            resource_id=endpoint.id,
            partner_id=endpoint.partner_id,
            changes=delta,
            before=before_out,
        )
    return endpoint


async def delete_endpoint(
    session: AsyncSession, principal: Principal, endpoint: WebhookEndpoint, *, if_match: str | None
) -> None:
    check_if_match(if_match, endpoint.version)
    await record_change(
        session,
        principal.actor,
        WEBHOOK_ENDPOINT["deleted"],
        endpoint_out(endpoint),
        resource_id=endpoint.id,
        partner_id=endpoint.partner_id,
    )
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
    await session.flush()
    await record_change(
        session,
        principal.actor,
        WEBHOOK_ENDPOINT["secret_rotated"],
        endpoint_out(endpoint),
        resource_id=endpoint.id,
        partner_id=endpoint.partner_id,
    )
    return endpoint


async def disable_endpoint(
    session: AsyncSession, endpoint_id: uuid.UUID, reason: str
) -> WebhookEndpoint | None:
    """Called by the worker (410 Gone, or failing too long): disable and record the event."""
    endpoint = await repository.lock_endpoint(session, endpoint_id)
    if endpoint is None or not endpoint.enabled:
        return None
    before = endpoint_out(endpoint)
    endpoint.enabled, endpoint.disabled_reason, endpoint.disabled_at = False, reason, utcnow()
    await session.flush()
    await record_change(
        session,
        SYSTEM,
        WEBHOOK_ENDPOINT["disabled"],
        endpoint_out(endpoint),
        resource_id=endpoint.id,
        partner_id=endpoint.partner_id,
        changes={"enabled": {"before": True, "after": False}, "reason": reason},
        before=before,
    )
    return endpoint


async def send_test(
    session: AsyncSession, principal: Principal, endpoint: WebhookEndpoint
) -> tuple[Event, WebhookDelivery]:
    """A ``ping`` event delivered to this endpoint only (even when its filters exclude
    ``ping``), through the normal worker path: signed, retried, logged."""
    event = outbox.emit(
        session,
        principal.actor,
        PING,
        PingObject(webhook_endpoint_id=endpoint.id, message="Test event from the PRM API."),
        resource_id=endpoint.id,
        partner_id=endpoint.partner_id,
    )
    event.fanned_out_at = utcnow()
    now = utcnow()
    delivery = WebhookDelivery(
        endpoint_id=endpoint.id,
        event_id=event.id,
        event_type=PING.name,
        status="pending",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
        updated_at=now,
    )
    session.add(delivery)
    await session.flush()
    await repository.wake_worker(session)
    return event, delivery


# --- the delivery log ---------------------------------------------------------------------


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


async def delivery_with_attempts(
    session: AsyncSession, delivery: WebhookDelivery
) -> WebhookDeliveryOut:
    attempts = await repository.attempts_by_delivery(session, [delivery.id])
    return delivery_out(delivery, attempts[delivery.id])


async def get_delivery(
    session: AsyncSession, principal: Principal, delivery_id: uuid.UUID, *, for_update: bool = False
) -> WebhookDelivery:
    """A delivery to an endpoint ``principal`` manages (else 404)."""
    delivery = await repository.find_delivery(
        session, principal, delivery_id, for_update=for_update
    )
    if delivery is None:
        raise NotFound(f"No webhook delivery {delivery_id}.")
    return delivery


async def get_delivery_row(
    session: AsyncSession, principal: Principal, delivery_id: uuid.UUID
) -> Any:
    """A delivery to an endpoint ``principal`` manages, as a plain row for reads (else 404)."""
    row = await repository.delivery_row(session, principal, delivery_id)
    if row is None:
        raise NotFound(f"No webhook delivery {delivery_id}.")
    return row


async def retry_delivery(
    session: AsyncSession, principal: Principal, delivery: WebhookDelivery
) -> WebhookDelivery:
    """Send again now, with the same ``webhook-id``. A delivery that had used up its retries
    gets one more attempt; a pending one is brought forward; a succeeded one is re-sent."""
    now = utcnow()
    delivery.status, delivery.next_attempt_at, delivery.updated_at = "pending", now, now
    await session.flush()
    await record_action(
        session,
        principal.actor,
        "webhook_delivery.retried",
        delivery.id,
        changes={"event_id": str(delivery.event_id)},
    )
    await repository.wake_worker(session)
    return delivery


async def recover(
    session: AsyncSession, principal: Principal, endpoint: WebhookEndpoint, since: datetime
) -> int:
    """Queue again every delivery of this endpoint that failed since ``since``."""
    count = await repository.requeue_failed(session, endpoint.id, since)
    await record_action(
        session,
        principal.actor,
        "webhook_endpoint.recovered",
        endpoint.id,
        changes={"since": since.isoformat(), "requeued": count},
        partner_id=endpoint.partner_id,
    )
    if count:
        await repository.wake_worker(session)
    return count


async def health(session: AsyncSession, endpoint: WebhookEndpoint) -> EndpointHealth:
    total, ok = await repository.attempt_counts(
        session, endpoint.id, utcnow() - timedelta(hours=24)
    )
    pending = await repository.pending_count(session, endpoint.id)
    return EndpointHealth(
        success_rate=round(ok / total, 4) if total else None,
        attempts_24h=total,
        last_success_at=endpoint.last_success_at,
        last_failure_at=endpoint.last_failure_at,
        consecutive_failures=endpoint.consecutive_failures,
        failing_since=endpoint.failing_since,
        pending_deliveries=pending,
    )
