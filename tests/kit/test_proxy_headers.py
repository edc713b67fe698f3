"""Whose ``X-Forwarded-For`` is believed: ``prm-api serve`` configures uvicorn from
``PRM_TRUSTED_PROXIES`` (``cli_serve.behind_proxies``, the function ``serve`` itself uses),
and the app reads only ``scope["client"]``.

The configured app is loaded by ``uvicorn.Config.load()`` exactly as the server loads it, so
these tests run uvicorn's own ``ProxyHeadersMiddleware`` with our arguments.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.types import Receive, Scope, Send

from prm_api.app import create_app
from prm_api.cli_serve import behind_proxies, trusted_proxies
from prm_api.config import Settings
from prm_api.preflight import StartupError

LB = "10.1.2.3"  # a load balancer inside the trusted network
CLIENT = "203.0.113.7"


def settings_with(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def echo_client(scope: Scope, receive: Receive, send: Send) -> None:
    """Answers with the client address the app sees."""
    body = (scope["client"][0] if scope.get("client") else "none").encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})


def served(app: Any, settings: Settings) -> Any:
    """The ASGI app uvicorn runs for ``settings`` (as ``run_server`` configures it)."""
    wrapped, options = behind_proxies(app, settings)
    config = uvicorn.Config(wrapped, log_config=None, **options)
    config.load()
    return config.loaded_app


async def seen_from(app: Any, peer: str, forwarded_for: list[str] | None = None) -> str:
    headers = [("x-forwarded-for", v) for v in forwarded_for or []]
    transport = httpx.ASGITransport(app=app, client=(peer, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        return (await c.get("/", headers=headers)).text


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "expected"),
    [
        # The load balancer appended the client; whatever the client wrote before is ignored.
        (LB, [f"1.1.1.1, {CLIENT}"], CLIENT),
        (LB, ["evil", f"6.6.6.6, {CLIENT}"], CLIENT),
        # Two trusted hops (CDN edge inside the network, then the load balancer).
        (LB, [f"1.1.1.1, {CLIENT}, 10.9.9.9"], CLIENT),
        # A peer outside the trusted networks is the client, whatever it claims.
        ("198.51.100.1", [f"{CLIENT}"], "198.51.100.1"),
        ("127.0.0.1", [f"{CLIENT}"], "127.0.0.1"),
        # No header from the load balancer: the load balancer is the client.
        (LB, None, LB),
    ],
)
async def test_trusted_proxies_resolve_from_the_right(peer, forwarded_for, expected):
    app = served(echo_client, settings_with(trusted_proxies=" 10.0.0.0/8, 192.0.2.10 "))
    assert await seen_from(app, peer, forwarded_for) == expected


async def test_a_single_trusted_address():
    app = served(echo_client, settings_with(trusted_proxies="192.0.2.10"))
    assert await seen_from(app, "192.0.2.10", [f"1.1.1.1, {CLIENT}"]) == CLIENT
    assert await seen_from(app, "192.0.2.11", [f"1.1.1.1, {CLIENT}"]) == "192.0.2.11"


async def test_nothing_is_trusted_by_default():
    """uvicorn alone trusts 127.0.0.1 (or $FORWARDED_ALLOW_IPS); the server does not."""
    app = served(echo_client, settings_with())
    assert await seen_from(app, "127.0.0.1", [CLIENT]) == "127.0.0.1"
    assert behind_proxies(echo_client, settings_with())[1] == {"proxy_headers": False}


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "expected"),
    [
        # The deprecated switch: the connected peer is one proxy, the right-most entry the client.
        ("192.0.2.50", [f"1.1.1.1, {CLIENT}"], CLIENT),
        ("10.7.7.7", ["9.9.9.9", CLIENT], CLIENT),
        ("192.0.2.50", None, "192.0.2.50"),
    ],
)
async def test_deprecated_trust_forwarded_for_trusts_only_the_peer(peer, forwarded_for, expected):
    app = served(echo_client, settings_with(trust_forwarded_for=True))
    assert await seen_from(app, peer, forwarded_for) == expected


async def test_trusted_proxies_win_over_the_deprecated_switch():
    settings = settings_with(trust_forwarded_for=True, trusted_proxies="10.0.0.0/8")
    app = served(echo_client, settings)
    assert await seen_from(app, "192.0.2.50", [f"1.1.1.1, {CLIENT}"]) == "192.0.2.50"


@pytest.mark.parametrize("value", ["10.0.0.1/8", "*", "lb.internal", "10.0.0.0/33", "1.2.3"])
def test_a_bad_entry_stops_the_server_with_exit_2(value):
    with pytest.raises(StartupError) as exc:
        trusted_proxies(settings_with(trusted_proxies=f"10.0.0.0/8,{value}"))
    assert exc.value.exit_code == 2
    assert "PRM_TRUSTED_PROXIES" in str(exc.value)


# --- the real app behind the configured server ------------------------------------------------


@pytest.fixture
async def proxied_app(app, settings, database_url):
    app2 = create_app(
        settings.model_copy(
            update={"rate_limit_public_per_minute": 3, "trusted_proxies": "10.0.0.0/8"}
        ),
        database_url=database_url,
    )
    async with app2.router.lifespan_context(app2):
        yield served(app2, app2.state.settings)


async def attempts(app: Any, peer: str, forwarded_for: str, n: int) -> list[int]:
    transport = httpx.ASGITransport(app=app, client=(peer, 40000), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        codes = []
        for _ in range(n):
            data = {
                "grant_type": "password",
                "username": f"{uuid.uuid4().hex[:8]}@example.com",
                "password": "guess 123456",
            }
            headers = {"X-Forwarded-For": forwarded_for.format(uuid.uuid4().int % 250)}
            r = await c.post("/oauth/token", data=data, headers=headers)
            codes.append(r.status_code)
        return codes


async def test_behind_the_load_balancer_each_client_has_its_own_limit(proxied_app):
    # A fresh spoofed left-most entry per request: still the same client, limited at 3.
    assert await attempts(proxied_app, LB, "198.51.100.{}, " + CLIENT, 4) == [400] * 3 + [429]
    # Another client behind the same load balancer has its own budget.
    assert await attempts(proxied_app, LB, "203.0.113.8", 1) == [400]
