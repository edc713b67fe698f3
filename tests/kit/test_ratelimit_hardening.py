"""The anonymous rate limit cannot be lifted or dodged with headers (DESIGN §5):

- on the public endpoints that take credentials, any ``Authorization: Bearer`` (even a valid
  or revoked token) still counts against the client address;
- ``X-Forwarded-For`` never picks the client address inside the app (the server resolves it
  from the trusted proxies' side; see ``test_proxy_headers.py``);
- the API documentation and the operational endpoints are not limited.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import SimpleNamespace

import httpx
import pytest
from sqlalchemy import select
from starlette.requests import Request

from prm_api.app import create_app
from prm_api.auth.identity import caller_key
from prm_api.kit.context import client_ip
from prm_api.kit.ratelimit import CREDENTIAL_PATHS, EXEMPT_PATHS
from prm_api.models import AuditEvent

PUBLIC_LIMIT = 3


@asynccontextmanager
async def app_with(settings, database_url, **overrides: object) -> AsyncIterator[object]:
    values: dict[str, object] = {
        "rate_limit_per_minute": 1000,
        "rate_limit_public_per_minute": PUBLIC_LIMIT,
        "applications_per_hour": 1000,
        # The deprecated switch on: it used to make the app read the left-most
        # X-Forwarded-For entry, which the client writes.
        "trust_forwarded_for": True,
        **overrides,
    }
    app2 = create_app(settings.model_copy(update=values), database_url=database_url)
    async with app2.router.lifespan_context(app2):
        yield app2


def client_of(app) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest.fixture
async def limited_app(app, settings, database_url):
    async with app_with(settings, database_url) as app2:
        yield app2


@pytest.fixture
async def limited(limited_app):
    async with client_of(limited_app) as c:
        yield c


def policy(r: httpx.Response) -> str:
    m = re.fullmatch(r'"(\w+)";q=(\d+);w=(\d+)', r.headers["ratelimit-policy"])
    assert m, r.headers["ratelimit-policy"]
    return m.group(1)


def assert_rate_limited(r: httpx.Response) -> None:
    assert r.status_code == 429, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "rate_limited"
    assert int(r.headers["retry-after"]) >= 1
    assert policy(r) == "anonymous"


def password_attempt() -> dict[str, str]:
    return {
        "grant_type": "password",
        "username": f"{uuid.uuid4().hex[:8]}@example.com",
        "password": "guess 123456",
    }


def application() -> dict[str, object]:
    name = uuid.uuid4().hex[:10]
    return {
        "name": f"Applicant {name}",
        "website": f"{name}.example",
        "type": "reseller",
        "country": "DE",
        "contact": {"name": "Ann", "email": "ann@applicant.example"},
    }


CALLS = {
    "/oauth/token": lambda c, h: c.post("/oauth/token", data=password_attempt(), headers=h),
    "/oauth/revoke": lambda c, h: c.post("/oauth/revoke", data={"token": "x"}, headers=h),
    "/oauth/introspect": lambda c, h: c.post("/oauth/introspect", data={"token": "x"}, headers=h),
    "/v1/partner-applications": lambda c, h: c.post(
        "/v1/partner-applications", json=application(), headers=h
    ),
    "/v1/invitations/accept": lambda c, h: c.post(
        "/v1/invitations/accept",
        json={"token": "inv_" + "x" * 40, "password": "a long enough password", "name": "A"},
        headers=h,
    ),
}


@pytest.mark.parametrize("path", sorted(CALLS))
async def test_a_valid_bearer_token_does_not_lift_the_anonymous_limit(limited, auth, path):
    """A validly signed token used to move the caller to the token subject's budget (600/min
    instead of 30/min): a password-guessing loop just had to send any token along."""
    headers = await auth.headers("admin")
    responses = [await CALLS[path](limited, headers) for _ in range(PUBLIC_LIMIT + 1)]
    assert all(r.status_code != 429 for r in responses[:PUBLIC_LIMIT]), [
        r.status_code for r in responses
    ]
    assert all(policy(r) == "anonymous" for r in responses)
    assert_rate_limited(responses[-1])


async def test_a_revoked_bearer_token_does_not_lift_it_either(limited, oauth, factory):
    user = await factory.user()
    token = (await oauth.login_ok(user.email))["access_token"]
    assert (await oauth.client.post("/oauth/revoke", data={"token": token})).status_code == 200
    headers = oauth.bearer(token)
    responses = [
        await limited.post("/oauth/token", data=password_attempt(), headers=headers)
        for _ in range(PUBLIC_LIMIT + 1)
    ]
    assert_rate_limited(responses[-1])


async def test_spoofed_forwarded_for_does_not_give_a_fresh_address(limited):
    """A new left-most X-Forwarded-For entry per request used to be a new client address."""
    responses = [
        await limited.post(
            "/oauth/token",
            data=password_attempt(),
            headers={"X-Forwarded-For": f"203.0.113.{i}, 10.0.0.1"},
        )
        for i in range(PUBLIC_LIMIT + 1)
    ]
    assert [r.status_code for r in responses[:PUBLIC_LIMIT]] == [400] * PUBLIC_LIMIT
    assert_rate_limited(responses[-1])


async def test_spoofed_forwarded_for_does_not_reset_the_application_limit(
    app, settings, database_url
):
    async with (
        app_with(
            settings, database_url, applications_per_hour=2, rate_limit_public_per_minute=1000
        ) as app2,
        client_of(app2) as c,
    ):
        codes = [
            (
                await c.post(
                    "/v1/partner-applications",
                    json=application(),
                    headers={"X-Forwarded-For": f"198.51.100.{i}"},
                )
            ).status_code
            for i in range(3)
        ]
    assert codes == [201, 201, 429]


async def test_the_audit_trail_records_the_connected_address_not_the_header(limited, sessionmaker):
    r = await limited.post(
        "/v1/partner-applications",
        json=application(),
        headers={"X-Forwarded-For": "192.0.2.77"},
    )
    assert r.status_code == 201, r.text
    async with sessionmaker() as session:
        ips = set((await session.scalars(select(AuditEvent.ip))).all())
    assert ips == {"127.0.0.1"}


def fake_scope(headers: list[tuple[bytes, bytes]]) -> dict[str, object]:
    settings = SimpleNamespace(trust_forwarded_for=True)
    app = SimpleNamespace(state=SimpleNamespace(settings=settings))
    return {
        "type": "http",
        "app": app,
        "client": ("10.0.0.1", 5555),
        "headers": headers,
        "method": "POST",
        "path": "/oauth/token",
        "query_string": b"",
    }


def test_the_client_address_functions_read_only_the_connection():
    spoofed = [(b"x-forwarded-for", b"1.2.3.4, 10.0.0.1"), (b"x-forwarded-for", b"5.6.7.8")]
    assert caller_key(fake_scope(spoofed)) == ("ip:10.0.0.1", False)
    assert client_ip(Request(fake_scope(spoofed))) == "10.0.0.1"


def test_every_public_operation_is_limited_per_address(limited_app):
    """Every POST the spec declares without a bearer requirement is a credential path: the
    list in kit/ratelimit.py cannot fall behind a new public endpoint."""
    spec = limited_app.openapi()
    public_posts = {
        path
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method == "post" and not op.get("security")
    }
    assert public_posts == set(CREDENTIAL_PATHS)


DOCS = ["/docs", "/redoc", "/openapi.json", "/docs/assets/swagger-ui.css", "/docs/oauth2-redirect"]


@pytest.mark.parametrize("path", DOCS)
async def test_the_api_documentation_is_not_limited(limited, path):
    for _ in range(PUBLIC_LIMIT * 2):
        r = await limited.get(path)
        assert r.status_code == 200, (path, r.status_code)
        assert "ratelimit" not in r.headers
    # …and it took nothing from the address's budget.
    r = await limited.get("/v1/me")
    assert r.status_code == 401
    assert policy(r) == "anonymous"
    assert r.headers["ratelimit"].startswith(f'"anonymous";r={PUBLIC_LIMIT - 1};')


def test_operational_paths_stay_exempt():
    assert {"/healthz", "/readyz", "/metrics"} <= EXEMPT_PATHS
