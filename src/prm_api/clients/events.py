"""The API client's event types (``api_client.*``); never carrying a secret."""

from __future__ import annotations

from prm_api.clients.schemas import ApiClientOut
from prm_api.events.registry import define_verbs

_CLIENT = define_verbs(
    "api_client",
    ApiClientOut,
    {
        "created": "An API client was created (its secret is never in the event).",
        "secret_rotated": "An API client's secret was rotated.",
        "revoked": "An API client was revoked.",
    },
)
API_CLIENT_CREATED = _CLIENT["created"]
API_CLIENT_SECRET_ROTATED = _CLIENT["secret_rotated"]
API_CLIENT_REVOKED = _CLIENT["revoked"]
