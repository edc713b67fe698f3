"""Mounting the domain routers on the app, and finding a request's route quickly."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from starlette._utils import get_route_path
from starlette.routing import BaseRoute, Match, Route
from starlette.types import Receive, Scope, Send


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


#: Where :class:`RouteIndex` leaves the route it found, for its ``handle``.
_FOUND = "prm.route_index.found"


def _prefix(path: str) -> tuple[str, ...] | None:
    """A path's first two segments (``/v1/deals/{id}`` → ``("v1", "deals")``); ``None`` when
    one of a route's is a parameter (it could match any request)."""
    segments = tuple(path.split("/")[1:3])
    return None if any("{" in s for s in segments) else segments


class RouteIndex(BaseRoute):
    """The first entry of the app's routes: finds a request's route among the few that share
    its path's first two segments (``/v1/deals…``), in their declared order.

    The router otherwise tries every route in order until one matches, ~1 µs each: with a
    hundred routes a late one (``/v1/deals``, and every domain added after it) paid ~0.1 ms
    per request just to be found. Only a full match is answered here; anything else (no
    route, a route with another method → 405, a slash redirect) falls through to the
    router's own scan over the same routes, which follow this entry unchanged — and are what
    the OpenAPI document is built from.
    """

    def __init__(self, routes: list[BaseRoute]) -> None:
        anywhere: list[tuple[int, BaseRoute]] = []
        by_prefix: dict[tuple[str, ...], list[tuple[int, BaseRoute]]] = {}
        for i, route in enumerate(routes):
            prefix = _prefix(route.path) if isinstance(route, APIRoute | Route) else None
            if prefix is None:  # a parameter up front, a mount, anything else
                anywhere.append((i, route))
            else:
                by_prefix.setdefault(prefix, []).append((i, route))
        # Each bucket keeps the declared order, routes that could match anything included.
        self.buckets = {
            prefix: [route for _, route in sorted(found + anywhere, key=lambda e: e[0])]
            for prefix, found in by_prefix.items()
        }
        self.anywhere = [route for _, route in anywhere]

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http":
            return Match.NONE, {}
        path = get_route_path(scope)
        for route in self.buckets.get(tuple(path.split("/")[1:3]), self.anywhere):
            match, child_scope = route.matches(scope)
            if match is Match.FULL:
                return Match.FULL, {**child_scope, _FOUND: route}
        return Match.NONE, {}

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        route: Any = scope.pop(_FOUND)
        await route.handle(scope, receive, send)


def index_routes(app: FastAPI) -> None:
    """Put a :class:`RouteIndex` of the app's routes in front of them (once every route is
    mounted: a route added later is still found, by the router's own scan)."""
    routes = [r for r in app.router.routes if not isinstance(r, RouteIndex)]
    app.router.routes[:] = [RouteIndex(routes), *routes]
