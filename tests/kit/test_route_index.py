"""``kit.routing.RouteIndex`` finds, for every operation, the route the router's own in-order
scan finds; anything it does not fully match is left to that scan."""

from __future__ import annotations

import re
import uuid
from typing import Any

from fastapi.routing import APIRoute
from starlette.routing import Match

from prm_api.kit.routing import RouteIndex


def scope_for(app: Any, method: str, path: str) -> dict[str, Any]:
    return {
        "type": "http",
        "method": method,
        "path": path,
        "root_path": "",
        "query_string": b"",
        "headers": [],
        "app": app,
    }


def scanned(routes: list[Any], scope: dict[str, Any]) -> Any:
    for route in routes:
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return route
    return None


def concrete(path: str) -> str:
    """A request path for a route path: every parameter filled in."""
    return re.sub(r"\{[^}]+\}", lambda _: str(uuid.uuid4()), path)


def test_every_operation_is_found_as_the_scan_finds_it(app: Any) -> None:
    index, *routes = app.router.routes
    assert isinstance(index, RouteIndex)
    checked = 0
    for route in routes:
        if not isinstance(route, APIRoute):
            continue
        for method in route.methods:
            scope = scope_for(app, method, concrete(route.path))
            match, child = index.matches(scope)
            want = scanned(routes, scope)
            assert match is Match.FULL, (method, route.path)
            found = next(v for k, v in child.items() if k.startswith("prm.route_index"))
            assert found is want, (method, route.path, found, want)
            checked += 1
    assert checked > 80


def test_what_is_not_a_full_match_is_left_to_the_scan(app: Any) -> None:
    index = app.router.routes[0]
    for method, path in [
        ("DELETE", "/v1/deals"),  # a known path, another method: the scan answers 405
        ("GET", "/v1/deals/"),  # the slash twin: the scan's fallback redirects
        ("GET", "/v1/no-such-thing"),
        ("GET", "/"),
    ]:
        assert index.matches(scope_for(app, method, path))[0] is Match.NONE, (method, path)
