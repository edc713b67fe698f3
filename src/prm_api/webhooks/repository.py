"""The queries of the webhooks domain: endpoints and delivery logs as a caller may see them,
and the delivery worker's statements (fan-out, claim, recording outcomes).

The worker's statements are plain SQL, each one round trip for a whole batch: fan-out and
claim take rows with ``FOR UPDATE SKIP LOCKED``, so any number of workers share the work
without waiting on each other, and outcomes are applied only while the worker still holds
the delivery's lease (fencing by ``lease_token``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    CursorResult,
    DateTime,
    Integer,
    Row,
    Select,
    String,
    Text,
    any_,
    bindparam,
    func,
    select,
    text,
)
from sqlalchemy import update as sql_update
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.policy import PartnerScoped, scope_to_partner
from prm_api.auth.principal import Principal
from prm_api.events.access import hidden_from_partners
from prm_api.events.registry import type_condition
from prm_api.kit.filters import in_window
from prm_api.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from prm_api.reads import fetch_row, fetch_rows

#: NOTIFY channels: new events (an insert trigger on ``events``, delivered at commit), and
#: deliveries that became due outside the event flow (a test ping, a retry, a re-enable).
EVENTS_CHANNEL = "prm_events"
DELIVERIES_CHANNEL = "prm_deliveries"

# --- what a caller sees ---------------------------------------------------------------------


_ENDPOINT_COLUMNS = select(*WebhookEndpoint.__table__.columns)
_ENDPOINT_BY_ID = PartnerScoped(
    _ENDPOINT_COLUMNS.where(WebhookEndpoint.id == bindparam("endpoint_id")),
    WebhookEndpoint.partner_id,
)


def endpoints_query(principal: Principal, *, enabled: bool | None = None) -> Select[Any]:
    """The endpoints ``principal`` manages, as plain rows: a partner token only its
    partner's."""
    stmt = scope_to_partner(_ENDPOINT_COLUMNS, principal, WebhookEndpoint.partner_id)
    if enabled is not None:
        stmt = stmt.where(WebhookEndpoint.enabled.is_(enabled))
    return stmt


async def find_endpoint(
    session: AsyncSession, principal: Principal, endpoint_id: uuid.UUID, *, for_update: bool
) -> WebhookEndpoint | None:
    """The endpoint as an ORM object (to change it), if ``principal`` manages it."""
    stmt = select(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id)
    stmt = scope_to_partner(stmt, principal, WebhookEndpoint.partner_id)
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def endpoint_row(
    session: AsyncSession, principal: Principal, endpoint_id: uuid.UUID
) -> Any | None:
    """The endpoint as a plain row (``reads.fetch_row``), if ``principal`` manages it."""
    stmt, params = _ENDPOINT_BY_ID.bind(principal, endpoint_id=endpoint_id)
    return await fetch_row(session, stmt, params)


async def lock_endpoint(session: AsyncSession, endpoint_id: uuid.UUID) -> WebhookEndpoint | None:
    return await session.get(WebhookEndpoint, endpoint_id, with_for_update=True)


_DELIVERY_COLUMNS = select(*WebhookDelivery.__table__.columns)


def deliveries_query(
    endpoint_id: uuid.UUID,
    *,
    status: str | None,
    event_type: str | None,
    created_after: datetime | None,
    created_before: datetime | None,
) -> Select[Any]:
    """One endpoint's delivery log as plain rows; ``event_type`` is exact or
    ``resource.*``."""
    stmt = _DELIVERY_COLUMNS.where(WebhookDelivery.endpoint_id == endpoint_id)
    if status is not None:
        stmt = stmt.where(WebhookDelivery.status == status)
    if event_type is not None:
        stmt = stmt.where(type_condition(WebhookDelivery.event_type, event_type))
    return in_window(stmt, WebhookDelivery.created_at, created_after, created_before)


#: The attempts of a set of deliveries: the ids are one array parameter (= ANY), so the
#: statement stays on the raw read path (an IN list is rendered per execution).
_ATTEMPTS = (
    select(*WebhookAttempt.__table__.columns)
    .where(WebhookAttempt.delivery_id == any_(bindparam("delivery_ids", type_=ARRAY(UUID))))
    .order_by(WebhookAttempt.delivery_id, WebhookAttempt.number)
)


async def attempts_by_delivery(
    session: AsyncSession, delivery_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[Any]]:
    """Every attempt of each delivery, in order, as plain rows (one query for a page)."""
    out: dict[uuid.UUID, list[Any]] = {d: [] for d in delivery_ids}
    if not delivery_ids:
        return out
    for attempt in await fetch_rows(session, _ATTEMPTS, {"delivery_ids": delivery_ids}):
        out[attempt.delivery_id].append(attempt)
    return out


async def find_delivery(
    session: AsyncSession, principal: Principal, delivery_id: uuid.UUID, *, for_update: bool
) -> WebhookDelivery | None:
    """A delivery, if its endpoint is one ``principal`` manages."""
    stmt = (
        select(WebhookDelivery)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(WebhookDelivery.id == delivery_id)
    )
    stmt = scope_to_partner(stmt, principal, WebhookEndpoint.partner_id)
    if for_update:
        stmt = stmt.with_for_update(of=WebhookDelivery)
    return await session.scalar(stmt)


_DELIVERY_BY_ID = PartnerScoped(
    _DELIVERY_COLUMNS.join(
        WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id
    ).where(WebhookDelivery.id == bindparam("delivery_id")),
    WebhookEndpoint.partner_id,
)


async def delivery_row(
    session: AsyncSession, principal: Principal, delivery_id: uuid.UUID
) -> Any | None:
    """A delivery as a plain row, if its endpoint is one ``principal`` manages."""
    stmt, params = _DELIVERY_BY_ID.bind(principal, delivery_id=delivery_id)
    return await fetch_row(session, stmt, params)


async def requeue_failed(session: AsyncSession, endpoint_id: uuid.UUID, since: datetime) -> int:
    """Make the endpoint's deliveries that failed since ``since`` due now; how many."""
    result = await session.execute(
        sql_update(WebhookDelivery)
        .where(
            WebhookDelivery.endpoint_id == endpoint_id,
            WebhookDelivery.status == "failed",
            WebhookDelivery.last_attempt_at >= since,
        )
        .values(status="pending", next_attempt_at=func.now(), updated_at=func.now())
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult[Any], result).rowcount or 0


async def attempt_counts(
    session: AsyncSession, endpoint_id: uuid.UUID, since: datetime
) -> tuple[int, int]:
    """``(attempts, successful attempts)`` of the endpoint since ``since``."""
    total, ok = (
        await session.execute(
            select(
                func.count(),
                func.count().filter(WebhookAttempt.succeeded.is_(True)),
            ).where(
                WebhookAttempt.endpoint_id == endpoint_id,
                WebhookAttempt.attempted_at >= since,
            )
        )
    ).one()
    return total, ok


async def pending_count(session: AsyncSession, endpoint_id: uuid.UUID) -> int:
    pending = await session.scalar(
        select(func.count()).where(
            WebhookDelivery.endpoint_id == endpoint_id, WebhookDelivery.status == "pending"
        )
    )
    return pending or 0


async def wake_worker(session: AsyncSession) -> None:
    """Wake the delivery workers at commit (deliveries became due outside the event flow)."""
    await session.execute(text(f"SELECT pg_notify('{DELIVERIES_CHANNEL}', '')"))


# --- the delivery worker --------------------------------------------------------------------


def uuid7_sql(at: str) -> str:
    """A UUIDv7 (RFC 9562) in SQL from the timestamp expression ``at``, as ``kit.ids.new_id``
    makes them in Python: 48 bits of Unix milliseconds, the version 7, 12 bits of the
    sub-millisecond fraction (RFC 9562 §6.2 method 3: ids made in one statement still sort by
    their microsecond), then a v4's random bits and variant. Written out rather than
    PostgreSQL 18's ``uuidv7()`` so an external PostgreSQL 13–17 runs it too. ``at`` is read
    twice: pass a column, not ``clock_timestamp()`` itself."""
    ms = f"(extract(epoch FROM {at}) * 1000)"
    return (
        "encode(overlay(overlay(uuid_send(gen_random_uuid())"
        f" placing substring(int8send(floor({ms})::bigint) FROM 3) FROM 1 FOR 6)"
        f" placing substring(int4send(28672 + floor(({ms} - floor({ms})) * 4096)::int) FROM 3)"
        " FROM 7 FOR 2), 'hex')::uuid"
    )


FAN_OUT = text(
    """
    WITH batch AS (
        SELECT id, type, partner_id, created_at FROM events
        WHERE fanned_out_at IS NULL
        ORDER BY created_at
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
    ), fanned AS (
        INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, status,
                                        attempts, next_attempt_at, created_at, updated_at)
        SELECT """
    + uuid7_sql("m.at")
    + """, m.endpoint_id, m.event_id, m.type, 'pending', 0, now(), now(), now()
        -- OFFSET 0 keeps the subquery whole: each row reads its clock_timestamp() once.
        FROM (
            SELECT w.id AS endpoint_id, b.id AS event_id, b.type, clock_timestamp() AS at
            FROM batch b
            JOIN webhook_endpoints w
              ON w.enabled
             AND (w.partner_id IS NULL
                  OR (w.partner_id = b.partner_id AND b.type <> ALL (:partner_hidden)))
             AND (cardinality(w.event_types) = 0
                  OR b.type = ANY (w.event_types)
                  OR split_part(b.type, '.', 1) || '.*' = ANY (w.event_types))
            WHERE b.type <> 'ping'
            ORDER BY b.created_at, b.id
            OFFSET 0
        ) m
        ON CONFLICT (endpoint_id, event_id) DO NOTHING
    )
    UPDATE events SET fanned_out_at = now() WHERE id IN (SELECT id FROM batch)
    """
).bindparams(bindparam("partner_hidden", type_=ARRAY(Text)))

CLAIM = text(
    """
    WITH due AS (
        SELECT d.id FROM webhook_deliveries d
        JOIN webhook_endpoints w ON w.id = d.endpoint_id AND w.enabled
        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
          AND (d.lease_expires_at IS NULL OR d.lease_expires_at < now())
        ORDER BY d.next_attempt_at
        LIMIT :limit
        FOR UPDATE OF d SKIP LOCKED
    ), claimed AS (
        UPDATE webhook_deliveries d
        SET lease_token = :token, lease_expires_at = now() + make_interval(secs => :lease)
        FROM due WHERE d.id = due.id
        RETURNING d.id, d.endpoint_id, d.event_id, d.attempts
    )
    SELECT c.id AS delivery_id, c.endpoint_id, c.attempts,
           w.url, w.secret, w.previous_secret, w.previous_secret_expires_at,
           w.partner_id AS endpoint_partner_id,
           e.id AS event_id, e.type, e.created_at, e.api_version, e.data, e.partner_data,
           e.actor, e.partner_id
    FROM claimed c
    JOIN webhook_endpoints w ON w.id = c.endpoint_id
    JOIN events e ON e.id = c.event_id
    """
).columns(
    delivery_id=UUID(as_uuid=True),
    endpoint_id=UUID(as_uuid=True),
    attempts=Integer,
    url=String,
    secret=String,
    previous_secret=String,
    previous_secret_expires_at=DateTime(timezone=True),
    endpoint_partner_id=UUID(as_uuid=True),
    event_id=UUID(as_uuid=True),
    type=String,
    created_at=DateTime(timezone=True),
    api_version=String,
    data=JSONB,
    partner_data=JSONB,
    actor=JSONB,
    partner_id=UUID(as_uuid=True),
)

INSERT_ATTEMPT = text(
    """
    INSERT INTO webhook_attempts (id, delivery_id, endpoint_id, number, attempted_at,
                                  status_code, latency_ms, response_body, error, succeeded)
    SELECT :id, :delivery_id, :endpoint_id, :number, :attempted_at,
           :status_code, :latency_ms, :response_body, :error, :succeeded
    -- The endpoint (and its log) may have been deleted while the request was in flight.
    WHERE EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = :delivery_id)
    """
)

APPLY_OUTCOME = text(
    """
    UPDATE webhook_deliveries SET
        attempts = attempts + 1,
        status = :status,
        next_attempt_at = now() + make_interval(secs => :delay),
        last_attempt_at = :attempted_at,
        last_status_code = :status_code,
        last_error = :error,
        succeeded_at = COALESCE(:succeeded_at, succeeded_at),
        lease_token = NULL,
        lease_expires_at = NULL,
        updated_at = now()
    WHERE id = :delivery_id AND lease_token = :token
    """
)

ENDPOINT_SUCCEEDED = text(
    """
    UPDATE webhook_endpoints SET
        last_success_at = :last_success_at,
        consecutive_failures = :trailing_failures,
        failing_since = :failing_since,
        last_failure_at = COALESCE(:last_failure_at, last_failure_at)
    WHERE id = :endpoint_id
    """
)

ENDPOINT_FAILED = text(
    """
    UPDATE webhook_endpoints SET
        consecutive_failures = consecutive_failures + :trailing_failures,
        failing_since = COALESCE(failing_since, :failing_since),
        last_failure_at = :last_failure_at
    WHERE id = :endpoint_id
    RETURNING id, enabled, failing_since
    """
)


async def fan_out(session: AsyncSession, limit: int) -> int:
    """Turn up to ``limit`` new events into deliveries to the matching enabled endpoints, and
    mark them fanned out; returns how many events were taken."""
    # A partner's endpoint never receives what its partner may not read (API clients…).
    result = await session.execute(
        FAN_OUT, {"limit": limit, "partner_hidden": hidden_from_partners()}
    )
    return cast(CursorResult[Any], result).rowcount or 0


async def claim_due(
    session: AsyncSession, *, limit: int, token: uuid.UUID, lease_s: float
) -> Sequence[Row[Any]]:
    """Lease up to ``limit`` due deliveries of enabled endpoints to ``token`` for ``lease_s``
    seconds; each row carries what sending needs (endpoint URL and secrets, the event)."""
    result = await session.execute(CLAIM, {"limit": limit, "token": token, "lease": lease_s})
    return result.all()


async def record_attempts(
    session: AsyncSession, attempts: list[dict[str, Any]], outcomes: list[dict[str, Any]]
) -> None:
    """Insert the attempts and apply each delivery's next state (executemany, one round trip
    each); an outcome whose lease was taken over by another worker is not applied."""
    await session.execute(INSERT_ATTEMPT, attempts)
    await session.execute(APPLY_OUTCOME, outcomes)


async def endpoint_succeeded(session: AsyncSession, params: dict[str, Any]) -> None:
    """Record a batch with a success: ``consecutive_failures`` restarts from the failures after
    the last success."""
    await session.execute(ENDPOINT_SUCCEEDED, params)


async def endpoint_failed(session: AsyncSession, params: dict[str, Any]) -> Row[Any] | None:
    """Record a batch of failures only; returns ``(id, enabled, failing_since)``."""
    return (await session.execute(ENDPOINT_FAILED, params)).one_or_none()
