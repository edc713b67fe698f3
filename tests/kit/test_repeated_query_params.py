"""A query parameter that takes one value, given several times, is a 422 (the framework
would otherwise silently pick one); list parameters repeat freely; auth errors come first."""

from __future__ import annotations

import uuid

from prm_api.app import create_app
from prm_api.kit.filters import _route_query


async def test_a_repeated_single_valued_parameter_is_422(client, admin_headers):
    a, b = uuid.uuid4(), uuid.uuid4()
    r = await client.get(f"/v1/deals?partner_id={a}&partner_id={b}&q=x&q=y", headers=admin_headers)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == "validation_error"
    assert body["errors"] == [
        {"field": name, "in": "query", "code": "repeated", "message": "Give this parameter once."}
        for name in ("partner_id", "q")
    ]


async def test_list_parameters_repeat_freely(client, admin_headers):
    r = await client.get("/v1/deals?status=approved&status=draft&limit=5", headers=admin_headers)
    assert r.status_code == 200, r.text
    r = await client.get("/v1/partners?tag=a&tag=b", headers=admin_headers)
    assert r.status_code == 200, r.text


async def test_unknown_parameters_may_repeat(client, admin_headers):
    r = await client.get("/v1/deals?utm=a&utm=b", headers=admin_headers)
    assert r.status_code == 200, r.text


async def test_authentication_comes_first(client, auth):
    r = await client.get("/v1/deals?limit=1&limit=2")
    assert r.status_code == 401, r.text
    r = await client.get("/v1/deals?limit=1&limit=2", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401, r.text
    no_scope = await auth.headers("admin", scopes=["users:read"])
    r = await client.get("/v1/deals?limit=1&limit=2", headers=no_scope)
    assert r.status_code == 403, r.text


def test_routes_are_classified():
    """Which parameters take one value is read from each route's declaration."""
    app = create_app()
    checked = 0

    def routes(items):
        for item in items:
            if hasattr(item, "dependant"):
                yield item
            elif hasattr(item, "original_router"):
                yield from routes(item.original_router.routes)

    for route in routes(app.router.routes):
        if route.path == "/v1/deals" and "GET" in route.methods:
            info = _route_query(route)
            assert {"partner_id", "q", "limit", "cursor", "sort"} <= info.single_valued
            assert not {"status", "stage"} & info.single_valued
            assert info.authenticated
            checked += 1
        if route.path == "/healthz":
            assert not _route_query(route).authenticated
            checked += 1
    assert checked == 2
