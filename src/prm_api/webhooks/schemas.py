"""Request and response bodies of `/v1/webhook-endpoints` and `/v1/webhook-deliveries`."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StrictBool
from pydantic.json_schema import JsonDict

from prm_api.kit.fields import SPACE_AND_NUL
from prm_api.kit.render import Computed, Shape
from prm_api.kit.schemas import Page, RequestModel, ResponseModel, Timestamp, patch_field
from prm_api.kit.time import utcnow

_HOST_CHAR = rf"[^{SPACE_AND_NUL}/?#@\[\]:]"
_HOST_FIRST = rf"[^{SPACE_AND_NUL}/?#@\[\]:.]"  # a host of dots only is no host
_PORT = r"(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})"
#: What ``webhooks.targets.parse`` admits in production, as a pattern: `https`, a host (no
#: credentials, no IP-literal brackets), an optional port, no `#fragment`, no whitespace.
#: Documented only (``json_schema_extra``): with ``PRM_WEBHOOK_ALLOW_PRIVATE_TARGETS`` the
#: server also takes `http`, and the target check keeps its own 422 ``target_refused`` with
#: the reason. Whether the host resolves to public addresses only is a lookup, not a shape.
WEBHOOK_URL_PATTERN = (
    rf"^[Hh][Tt][Tt][Pp][Ss]://{_HOST_FIRST}{_HOST_CHAR}*"
    rf"(?::{_PORT})?(?:[/?][^{SPACE_AND_NUL}#]*)?$"
)
_URL_SCHEMA: JsonDict = {"pattern": WEBHOOK_URL_PATTERN}


def _url_patch_schema(schema: JsonDict) -> None:
    # ``patch_field``'s schema (no default: null is refused) plus the documented pattern.
    schema.pop("default", None)
    schema.update(_URL_SCHEMA)


def _url_patch_field() -> Any:
    return Field(default=None, min_length=8, max_length=2048, json_schema_extra=_url_patch_schema)


EventTypeFilter = Annotated[
    str, Field(pattern=r"^[a-z_]+\.(\*|[a-z_]+)$", max_length=80, examples=["deal.*"])
]


class WebhookEndpointStats(ResponseModel):
    success_rate: float | None = Field(
        description="Share of attempts in the last 24 h that got a 2xx; null without attempts."
    )
    attempts_24h: int
    last_success_at: Timestamp | None
    last_failure_at: Timestamp | None
    consecutive_failures: int = Field(description="Failed attempts since the last success.")
    failing_since: Timestamp | None = Field(
        description="Start of the current run of failures; the endpoint is disabled after "
        "it lasts 5 days."
    )
    pending_deliveries: int


class WebhookEndpoint(ResponseModel):
    id: uuid.UUID
    url: str = Field(examples=["https://crm.example.com/hooks/prm"])
    description: str | None
    event_types: list[str] = Field(description="Exact types or `resource.*`; empty: all types.")
    enabled: bool
    disabled_reason: str | None = Field(
        description="`manual`, `gone` (the receiver answered 410) or `failing` (5 days of "
        "failures)."
    )
    disabled_at: Timestamp | None
    partner_id: uuid.UUID | None = Field(
        description="Set for a partner's own endpoint: it receives only that partner's events."
    )
    secret_rotation_ends_at: Timestamp | None = Field(
        description="Until then every delivery carries a signature with the previous secret too."
    )
    created_at: Timestamp
    updated_at: Timestamp


def _rotation_ends(previous_secret: str | None, expires: datetime | None) -> datetime | None:
    return expires if previous_secret and expires and expires > utcnow() else None


#: An endpoint row as the API shows it (never a secret).
WEBHOOK_ENDPOINT = Shape(
    WebhookEndpoint,
    secret_rotation_ends_at=Computed(
        _rotation_ends, "previous_secret", "previous_secret_expires_at"
    ),
)


class WebhookEndpointWithSecret(WebhookEndpoint):
    secret: str = Field(
        description="`whsec_…` signing secret. Shown once; store it now.",
        examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    )


class WebhookEndpointCreate(RequestModel):
    url: str = Field(
        min_length=8,
        max_length=2048,
        json_schema_extra=_URL_SCHEMA,
        description="`https` URL that resolves to a public address.",
        examples=["https://crm.example.com/hooks/prm"],
    )
    description: str | None = Field(default=None, max_length=2000)
    event_types: list[EventTypeFilter] = Field(
        default_factory=list,
        max_length=100,
        description="Exact types (`deal.approved`) or `resource.*`; empty means all.",
    )
    enabled: StrictBool = True
    partner_id: uuid.UUID | None = Field(
        default=None,
        description="Vendor roles: make this a partner's endpoint (only its events). Partner "
        "admins' endpoints are always their own partner's.",
    )


class WebhookEndpointUpdate(RequestModel):
    url: str = _url_patch_field()
    description: str | None = Field(default=None, max_length=2000)
    event_types: list[EventTypeFilter] = patch_field(max_length=100)
    enabled: StrictBool = patch_field(description="Re-enabling resumes pending deliveries.")


class DeliveryStatus(StrEnum):
    pending = "pending"
    succeeded = "succeeded"
    failed = "failed"


class WebhookDeliveryAttempt(ResponseModel):
    number: int
    attempted_at: Timestamp
    status_code: int | None = Field(description="HTTP status; null when no response came.")
    latency_ms: int | None
    response_body: str | None = Field(description="The first 2 KB of the response.")
    error: str | None = Field(description="Why the attempt failed, when it did.")
    succeeded: bool


class WebhookDelivery(ResponseModel):
    id: uuid.UUID
    endpoint_id: uuid.UUID
    event_id: uuid.UUID = Field(description="Also the `webhook-id` header of every attempt.")
    event_type: str
    status: DeliveryStatus
    attempts: list[WebhookDeliveryAttempt]
    next_attempt_at: Timestamp | None
    succeeded_at: Timestamp | None
    created_at: Timestamp
    updated_at: Timestamp


ATTEMPT = Shape(WebhookDeliveryAttempt)


def _attempts(attempts: Mapping[uuid.UUID, Sequence[Any]], delivery_id: uuid.UUID) -> Any:
    return [ATTEMPT.one(a) for a in attempts[delivery_id]]


def _next_attempt(status: str, at: datetime | None) -> datetime | None:
    return at if status == "pending" else None


#: A delivery row with its attempts: render it with ``context`` = the attempts of each
#: delivery by id (``repository.attempts_by_delivery``).
DELIVERY = Shape(
    WebhookDelivery,
    attempts=Computed(_attempts, "id", context=True),
    next_attempt_at=Computed(_next_attempt, "status", "next_attempt_at"),
)


class WebhookRecovery(RequestModel):
    since: Timestamp = Field(description="Re-send every delivery that failed since then.")


class WebhookRecoveryResult(ResponseModel):
    requeued: int = Field(description="Deliveries queued again.")


class WebhookTestDelivery(ResponseModel):
    event_id: uuid.UUID
    delivery_id: uuid.UUID


class WebhookEndpointList(Page[WebhookEndpoint]):
    """A page of webhook endpoints."""


class WebhookDeliveryList(Page[WebhookDelivery]):
    """A page of webhook deliveries."""


# The names server code used before the API named these schemas after the resource (it
# keeps using them where an ORM model of the same name is in scope).
WebhookEndpointOut = WebhookEndpoint
WebhookDeliveryOut = WebhookDelivery
AttemptOut = WebhookDeliveryAttempt
EndpointHealth = WebhookEndpointStats
