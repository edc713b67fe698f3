"""Every event type the API records, with what it means and the schema of ``data.object``.

The schemas are the response models the API itself returns, so an integrator reading
``GET /v1/event-types`` sees exactly the object ``GET /v1/<resource>/{id}`` would give.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from prm_api.clients.schemas import ApiClientOut
from prm_api.deals.schemas import ConflictOut, DealOut, DealRuleOut, ProgramSettingsOut
from prm_api.errors import ValidationFailed, field_error
from prm_api.events.schemas import PingObject
from prm_api.partners.schemas import InvitationOut, PartnerOut, TierOut
from prm_api.users.schemas import UserOut
from prm_api.webhooks.schemas import WebhookEndpointOut


@dataclass(frozen=True)
class EventType:
    name: str
    description: str
    schema: type[BaseModel]


def _types(resource: str, schema: type[BaseModel], verbs: dict[str, str]) -> list[EventType]:
    return [EventType(f"{resource}.{verb}", text, schema) for verb, text in verbs.items()]


EVENT_TYPES: dict[str, EventType] = {
    t.name: t
    for t in [
        *_types(
            "partner",
            PartnerOut,
            {
                "applied": "A company applied through the public partner application form.",
                "created": "A vendor role or an integration created a partner.",
                "updated": "A partner's profile changed (``previous_attributes``: old values).",
                "approved": "An application was approved (status ``approved``).",
                "declined": "An application was declined.",
                "activated": "A partner became active and may register deals.",
                "suspended": "A partner was suspended; its users and clients lost access.",
                "reinstated": "A suspended partner is active again.",
                "terminated": "A partner left the program for good.",
                "tier_changed": "A partner was moved to another tier.",
            },
        ),
        *_types(
            "tier",
            TierOut,
            {
                "created": "A partner tier was created.",
                "updated": "A tier's name, rank or criteria changed.",
                "deleted": "A tier was deleted (``data.object`` is its last state).",
            },
        ),
        *_types(
            "user",
            UserOut,
            {
                "created": "A user was created (staff, partner user, or an accepted invitation).",
                "updated": "A user's name or role changed.",
                "deactivated": "A user was deactivated and signed out everywhere.",
                "reactivated": "A deactivated user may sign in again.",
            },
        ),
        EventType(
            "user.invited",
            "A partner user was invited; ``data.object`` is the invitation (never its token).",
            InvitationOut,
        ),
        *_types(
            "invitation",
            InvitationOut,
            {
                "accepted": "An invitation was accepted and its user created.",
                "revoked": "An invitation was revoked before it was used.",
            },
        ),
        *_types(
            "deal",
            DealOut,
            {
                "created": "A deal registration was created as a draft.",
                "updated": "A deal's fields changed (``previous_attributes`` has the old values).",
                "submitted": "A deal was submitted for review; conflict detection has run.",
                "approved": "A deal was approved, by a person or by a rule (``decision.by``).",
                "rejected": "A deal was rejected; ``decision.reason`` says why.",
                "withdrawn": "The partner withdrew its registration.",
                "won": "An approved deal was closed as won.",
                "lost": "An approved deal was closed as lost.",
                "expired": "An approved deal's protection ended.",
                "extended": "An approved deal's protection was extended.",
            },
        ),
        EventType(
            "deal.conflict_detected",
            "Submitting a deal found another open registration for the same customer. The "
            "partner's own view carries only the reason and score.",
            ConflictOut,
        ),
        *_types(
            "deal_rule",
            DealRuleOut,
            {
                "created": "An auto-approval rule was added.",
                "updated": "An auto-approval rule changed.",
                "deleted": "An auto-approval rule was deleted.",
            },
        ),
        EventType(
            "program_settings.updated",
            "Program settings (protection period, extensions, conflict threshold) changed.",
            ProgramSettingsOut,
        ),
        *_types(
            "api_client",
            ApiClientOut,
            {
                "created": "An API client was created (its secret is never in the event).",
                "secret_rotated": "An API client's secret was rotated.",
                "revoked": "An API client was revoked.",
            },
        ),
        *_types(
            "webhook_endpoint",
            WebhookEndpointOut,
            {
                "created": "A webhook endpoint was registered.",
                "updated": "A webhook endpoint's URL, filters or state changed.",
                "deleted": "A webhook endpoint was deleted.",
                "secret_rotated": "A webhook endpoint's signing secret was rotated.",
                "disabled": "An endpoint was disabled: it answered 410 Gone, or failed "
                "continuously for too long.",
            },
        ),
        EventType(
            "ping",
            "A test event sent by ``POST /v1/webhook-endpoints/{id}/test`` to that endpoint only.",
            PingObject,
        ),
    ]
}


def is_known_pattern(pattern: str) -> bool:
    if pattern.endswith(".*"):
        return any(name.startswith(pattern[:-1]) for name in EVENT_TYPES)
    return pattern in EVENT_TYPES


def require_known(patterns: list[str], *, field: str, location: str) -> list[str]:
    """The patterns, deduplicated; 422 ``unknown_type`` if one names no catalog type (a
    mistyped filter must not silently match nothing)."""
    unknown = [p for p in patterns if not is_known_pattern(p)]
    if unknown:
        raise ValidationFailed(
            "Unknown event types; see GET /v1/event-types.",
            errors=[
                field_error(field, "unknown_type", f"Unknown event type {p!r}.", location)
                for p in unknown
            ],
        )
    return list(dict.fromkeys(patterns))


def type_condition(column: Any, pattern: str) -> Any:
    """SQL: ``column`` matches ``pattern`` — exact, or ``deal.*`` for every deal event."""
    if pattern.endswith(".*"):
        return column.startswith(pattern[:-1], autoescape=True)
    return column == pattern
