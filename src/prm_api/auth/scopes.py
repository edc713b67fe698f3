"""The OAuth2 scopes of the API (``resource:action``)."""

SCOPES: dict[str, str] = {
    "partners:read": "Read partners, tiers and partner users.",
    "partners:write": "Create and change partners, tiers and partner users.",
    "deals:read": "Read deal registrations.",
    "deals:write": "Register and edit deals.",
    "deals:approve": "Approve or reject deal registrations.",
    "assets:read": "Read and download content library assets.",
    "assets:write": "Upload and manage assets.",
    "trainings:read": "Read courses, enrollments and certifications.",
    "trainings:write": "Manage courses and certifications.",
    "trainings:enroll": "Enroll in courses and record progress.",
    "metrics:read": "Read KPIs, scorecards and leaderboards.",
    "metrics:write": "Manage exchange rates and decide tier evaluations (vendor roles).",
    "webhooks:manage": "Manage webhook endpoints and deliveries.",
    "events:read": "Read the event log.",
    "audit:read": "Read and verify the audit trail.",
    "users:read": "Read users and API clients.",
    "users:write": "Create, change and deactivate users and API clients.",
}

ALL_SCOPES: frozenset[str] = frozenset(SCOPES)


def parse_scope(value: str | None) -> list[str]:
    """Split a space-delimited scope string (RFC 6749 §3.3), dropping duplicates, keeping order."""
    if not value:
        return []
    seen: dict[str, None] = {}
    for item in value.split():
        seen.setdefault(item, None)
    return list(seen)
