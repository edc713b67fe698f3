"""Mounting the domain routers on the app."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Route


def mount_routes(app: FastAPI, router: APIRouter) -> None:
    """Put ``router``'s routes in the app's own route list.

    ``app.include_router`` keeps an included router as a lazy node (FastAPI ≥ 0.137): every
    request re-walks each node it passes (the node's route version, its candidate list, a
    scope context swapped in and out per route) and matches the chosen route twice. With
    thirteen domain routers that was ~12% of a list request's CPU. A domain router is
    declared with its prefix, tags and dependencies and included with none of its own, so
    its routes already are the effective routes: the app can hold them directly, and a
    request is matched once, in declaration order (the order of the OpenAPI paths).
    """
    for route in router.routes:
        if not isinstance(route, APIRoute | Route):
            raise TypeError(f"{route!r}: a domain router holds only routes (no nested routers)")
    app.router.routes.extend(router.routes)
