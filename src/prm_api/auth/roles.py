"""Roles and the scope ceiling each one has (DESIGN §4: granted = requested ∩ ceiling)."""

from __future__ import annotations

from enum import StrEnum

from prm_api.auth.scopes import ALL_SCOPES


class Role(StrEnum):
    """Every role a user or API client can hold: vendor staff (`admin`, `channel_manager`)
    or a partner's people (`partner_admin`, `partner_user`)."""

    admin = "admin"
    channel_manager = "channel_manager"
    partner_admin = "partner_admin"
    partner_user = "partner_user"


VENDOR_ROLES = frozenset({Role.admin, Role.channel_manager})
PARTNER_ROLES = frozenset({Role.partner_admin, Role.partner_user})

_PARTNER_USER = frozenset(
    {
        "partners:read",
        "users:read",
        "deals:read",
        "deals:write",
        "assets:read",
        "trainings:read",
        "trainings:enroll",
        "metrics:read",
        "events:read",
    }
)

ROLE_CEILING: dict[Role, frozenset[str]] = {
    Role.admin: ALL_SCOPES,
    Role.channel_manager: ALL_SCOPES - {"users:write", "webhooks:manage"},
    # Partner admins manage their own partner's webhook endpoints (only its events).
    Role.partner_admin: _PARTNER_USER | {"partners:write", "users:write", "webhooks:manage"},
    Role.partner_user: _PARTNER_USER,
}


def ceiling(role: str) -> frozenset[str]:
    return ROLE_CEILING[Role(role)]
