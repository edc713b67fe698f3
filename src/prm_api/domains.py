"""The one place that knows every domain: its routers and its event types.

``create_app`` mounts the routers listed here, in this order, and loads the event modules so
the registry (and the catalog at ``GET /v1/event-types``) is complete. A new domain adds its
``endpoints`` module to :data:`ROUTER_MODULES` and its ``events`` module to
:data:`EVENT_MODULES`; nothing else in the application needs to learn about it.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from fastapi import APIRouter

from prm_api.events import registry
from prm_api.events.registry import EventType
from prm_api.kit.middleware import StreamedUpload

#: Modules with a ``router``, mounted in this order (it is the order of the OpenAPI paths).
ROUTER_MODULES = (
    "prm_api.ops.endpoints",
    "prm_api.auth.endpoints",
    "prm_api.users.endpoints",
    "prm_api.clients.endpoints",
    "prm_api.audit.endpoints",
    "prm_api.partners.public_endpoints",
    "prm_api.partners.endpoints",
    "prm_api.partners.member_endpoints",
    "prm_api.tiers.endpoints",
    "prm_api.tier_evaluations.endpoints",
    "prm_api.deals.endpoints",
    "prm_api.assets.category_endpoints",
    "prm_api.assets.endpoints",
    "prm_api.assets.thumbnail_endpoints",
    "prm_api.assets.tus_endpoints",
    "prm_api.assets.file_endpoints",
    "prm_api.trainings.course_endpoints",
    "prm_api.trainings.xapi_endpoints",  # before enrollment_endpoints: see its docstring
    "prm_api.trainings.enrollment_endpoints",
    "prm_api.trainings.certification_endpoints",
    "prm_api.onboarding.endpoints",
    "prm_api.exchange_rates.endpoints",
    "prm_api.metrics.endpoints",
    "prm_api.program.endpoints",
    "prm_api.health.endpoints",
    "prm_api.events.endpoints",
    "prm_api.webhooks.endpoints",
)

#: Modules that define event types, in catalog order.
EVENT_MODULES = (
    "prm_api.partners.events",
    "prm_api.tiers.events",
    "prm_api.tier_evaluations.events",
    "prm_api.users.events",
    "prm_api.deals.events",
    "prm_api.assets.events",
    "prm_api.trainings.events",
    "prm_api.trainings.lms_events",
    "prm_api.trainings.certification_events",
    "prm_api.onboarding.events",
    "prm_api.program.events",
    "prm_api.exchange_rates.events",
    "prm_api.health.events",
    "prm_api.clients.events",
    "prm_api.webhooks.events",
    "prm_api.audit.events",
)


def routers() -> list[APIRouter]:
    """Every domain's router, in mount order."""
    load_event_types()
    return [import_module(name).router for name in ROUTER_MODULES]


def streamed_uploads() -> list[StreamedUpload]:
    """The routes that stream their bodies (a router module's ``STREAMED_UPLOADS``): exempt
    from the global body limit, never buffered by the idempotency layer."""
    return [
        u for name in ROUTER_MODULES for u in getattr(import_module(name), "STREAMED_UPLOADS", ())
    ]


@cache
def load_event_types() -> None:
    """Import every event module once, so the registry holds every type."""
    for name in EVENT_MODULES:
        import_module(name)


def event_types() -> list[EventType]:
    """The catalog: every event type, grouped by domain in :data:`EVENT_MODULES` order."""
    load_event_types()
    return registry.all_types(EVENT_MODULES)
