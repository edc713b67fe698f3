"""Which events a caller may read: those whose resource it could read through the resource's
own endpoints. ``events:read`` alone is no way around them (an invitation or a webhook
endpoint's configuration is not for a token that ``GET`` on them refuses).

The table names resources and scopes as strings: ``events/`` imports no domain. A new
resource must be added here (``tests/events/test_event_access.py`` fails until it is);
until then its events are shown to vendor staff only.
"""

from __future__ import annotations

from prm_api.auth.principal import Principal
from prm_api.events.registry import EventType, all_types

#: The scope each resource's read endpoints require.
READ_SCOPE: dict[str, str] = {
    "partner": "partners:read",
    "tier": "partners:read",
    "tier_evaluation": "metrics:read",
    "tier_evaluation_change": "metrics:read",
    "user": "users:read",
    "invitation": "partners:write",  # the invitation endpoints require partners:write
    "deal": "deals:read",
    "deal_rule": "deals:read",
    "asset": "assets:read",
    "asset_category": "assets:read",
    "program_settings": "deals:read",
    "onboarding_step": "trainings:read",  # the plan is read with trainings:read
    "course": "trainings:read",
    "enrollment": "trainings:read",
    "quiz": "trainings:read",  # quiz.attempt_submitted: an attempt, never the answers
    "certification": "trainings:read",
    "certification_program": "trainings:read",
    "exchange_rate": "metrics:read",
    "exchange_rates": "metrics:read",  # exchange_rates.imported
    "webhook_endpoint": "webhooks:manage",
    "ping": "webhooks:manage",
    "api_client": "users:read",
    "audit": "audit:read",  # audit.checkpoint_created
}
#: Types whose object is another resource than their name says.
TYPE_READ_SCOPE: dict[str, str] = {
    "user.invited": "partners:write",  # an invitation
    "partner.health_changed": "metrics:read",  # a health score, read with GET …/health
}
#: Resources only vendor staff reads: their endpoints refuse every partner token.
#: (Asset and course events too: an asset or a course belongs to no partner and its audience
#: is decided at read time, so its events carry no partner and reach vendor staff only; see
#: ``assets/events.py``.)
VENDOR_ONLY: frozenset[str] = frozenset(
    {
        "api_client",
        "audit",
        "deal_rule",
        "program_settings",
        # Tier evaluations are vendor staff's review (a partner hears of its own tier change
        # through partner.tier_changed and partner.tier_downgrade_*).
        "tier_evaluation",
        "tier_evaluation_change",
        "asset",
        "asset_category",
        # Exchange rates are the program's, read and managed by vendor staff only.
        "exchange_rate",
        "exchange_rates",
        # A course, like an asset, belongs to no partner: its audience is decided at read time.
        "course",
    }
)


def read_scope(event_type: EventType) -> str | None:
    """The scope reading ``event_type``'s object needs (None: not in the table)."""
    return TYPE_READ_SCOPE.get(event_type.name) or READ_SCOPE.get(event_type.resource)


def _partner_may_receive(event_type: EventType) -> bool:
    return event_type.resource not in VENDOR_ONLY and read_scope(event_type) is not None


def may_read(principal: Principal, event_type: EventType) -> bool:
    scope = read_scope(event_type)
    if scope is None:
        return principal.is_vendor  # not classified yet: vendor staff only
    if principal.is_partner and event_type.resource in VENDOR_ONLY:
        return False
    return principal.has(scope)


def readable_types(principal: Principal) -> list[str] | None:
    """The type names ``principal`` may read, or None when it may read every type."""
    types = all_types()
    allowed = [t.name for t in types if may_read(principal, t)]
    return None if len(allowed) == len(types) else allowed


def hidden_from_partners() -> list[str]:
    """Types never delivered to a partner's webhook endpoint (vendor-only resources)."""
    return [t.name for t in all_types() if not _partner_may_receive(t)]
