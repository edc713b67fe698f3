"""A query parameter that takes one value, given several times, is a 422 (the framework
would otherwise silently pick one); list parameters repeat freely; auth errors come first."""

from __future__ import annotations

import uuid


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


async def test_parameters_of_shared_dependencies_count_too(client, admin_headers):
    """``limit`` and ``cursor`` come from the shared paging dependency, not the endpoint."""
    r = await client.get("/v1/partners?limit=1&limit=100", headers=admin_headers)
    assert r.status_code == 422, r.text
    assert [e["field"] for e in r.json()["errors"]] == ["limit"]
