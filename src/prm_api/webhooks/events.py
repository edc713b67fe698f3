"""Event types of webhook endpoints (``webhook_endpoint.*``) and the test ``ping``."""

from __future__ import annotations

from prm_api.events.registry import define, define_verbs
from prm_api.events.schemas import PingObject
from prm_api.webhooks.schemas import WebhookEndpointOut

WEBHOOK_ENDPOINT = define_verbs(
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
)
PING = define(
    "ping",
    "A test event sent by ``POST /v1/webhook-endpoints/{id}/test`` to that endpoint only.",
    PingObject,
)
