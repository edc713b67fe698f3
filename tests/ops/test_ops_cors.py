"""CORS for browser frontends, configured with PRM_CORS_ORIGINS."""

import httpx

from prm_api.app import create_app


async def test_cors_preflight_allows_configured_origin_only(settings, database_url):
    app = create_app(
        settings.model_copy(update={"cors_origins": ["https://console.example"]}),
        database_url=database_url,
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        preflight = {"Access-Control-Request-Method": "PATCH"}
        r = await c.options(
            "/v1/partners", headers={"Origin": "https://console.example", **preflight}
        )
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == "https://console.example"
        r = await c.options("/v1/partners", headers={"Origin": "https://evil.example", **preflight})
        assert "access-control-allow-origin" not in r.headers
