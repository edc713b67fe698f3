"""A trailing-slash redirect never names a host: ``Location`` is a path (plus the query), so a
forged ``Host`` header cannot turn the API into an open redirect."""

from __future__ import annotations

import httpx
import pytest

from prm_api.app import create_app
from prm_api.kit.middleware import relative_slash_redirects


@pytest.fixture
async def fresh(app, settings, database_url):
    """An app of its own with the relative redirects installed explicitly."""
    app2 = create_app(settings, database_url=database_url)
    relative_slash_redirects(app2.router)
    transport = httpx.ASGITransport(app=app2, raise_app_exceptions=False)
    async with (
        app2.router.lifespan_context(app2),
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as c,
    ):
        yield c


async def check_relative_redirects(client: httpx.AsyncClient) -> None:
    evil = {"Host": "evil.example"}
    r = await client.get("/v1/deals/?limit=5&sort=-created_at", headers=evil)
    assert r.status_code == 307
    assert r.headers["location"] == "/v1/deals?limit=5&sort=-created_at"

    r = await client.post("/v1/deals/", headers=evil, json={})
    assert r.status_code == 307
    assert r.headers["location"] == "/v1/deals"

    # An escaped "?" in the path stays escaped (it is not turned into a query).
    r = await client.get("/v1/partners/a%3Fb/", headers=evil)
    assert r.status_code == 307
    assert r.headers["location"] == "/v1/partners/a%3Fb"

    # Toward the slash too (the docs assets are a mount under /docs/assets/).
    r = await client.get("/docs/assets", headers=evil)
    assert r.status_code == 307
    assert r.headers["location"] == "/docs/assets/"


async def test_the_redirect_is_relative(fresh):
    await check_relative_redirects(fresh)


async def test_the_app_redirects_relatively(client):
    """``create_app`` installs the relative redirects (app.py calls relative_slash_redirects)."""
    await check_relative_redirects(client)


@pytest.mark.parametrize("path", ["//evil.example/", "//evil.example/v1/deals/", "/nope/"])
async def test_no_route_no_redirect(fresh, path):
    # A full URL: httpx would read "//evil.example/…" relative to the base as another host.
    r = await fresh.get(f"http://testserver{path}", headers={"Host": "evil.example"})
    assert r.request.url.raw_path == path.encode()
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert "location" not in r.headers


async def test_a_matching_route_is_not_redirected(fresh, admin_headers):
    r = await fresh.get("/v1/deals", headers={**admin_headers, "Host": "evil.example"})
    assert r.status_code == 200
