"""Per-caller rate limits with RateLimit / RateLimit-Policy headers (DESIGN §5).

Each test builds its own app (and so its own in-process store) with a tiny limit; the
session app and its store are left alone.
"""

from __future__ import annotations

import re

import httpx
import pytest

from prm_api.app import create_app
from prm_api.kit.ratelimit import MemoryStore

LIMIT = 3


@pytest.fixture
async def limited_app(app, settings, database_url):
    app2 = create_app(
        settings.model_copy(
            update={"rate_limit_per_minute": LIMIT, "rate_limit_public_per_minute": 2}
        ),
        database_url=database_url,
    )
    async with app2.router.lifespan_context(app2):
        yield app2


@pytest.fixture
async def limited(limited_app):
    transport = httpx.ASGITransport(app=limited_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


def policy(r: httpx.Response) -> tuple[str, int, int]:
    m = re.fullmatch(r'"(\w+)";q=(\d+);w=(\d+)', r.headers["ratelimit-policy"])
    assert m, r.headers["ratelimit-policy"]
    return m.group(1), int(m.group(2)), int(m.group(3))


def remaining(r: httpx.Response) -> tuple[str, int, int]:
    m = re.fullmatch(r'"(\w+)";r=(\d+);t=(\d+)', r.headers["ratelimit"])
    assert m, r.headers["ratelimit"]
    return m.group(1), int(m.group(2)), int(m.group(3))


async def test_fourth_request_in_a_minute_is_429(limited, auth):
    headers = await auth.headers("admin")
    responses = [await limited.get("/v1/me", headers=headers) for _ in range(LIMIT + 1)]
    assert [r.status_code for r in responses] == [200] * LIMIT + [429]
    for r in responses:
        assert policy(r) == ("default", LIMIT, 60)
    assert [remaining(r)[1] for r in responses[:LIMIT]] == [2, 1, 0]

    blocked = responses[-1]
    assert blocked.headers["content-type"] == "application/problem+json"
    body = blocked.json()
    assert body["code"] == "rate_limited"
    assert body["status"] == 429
    assert body["instance"] == "/v1/me"
    assert body["request_id"] == blocked.headers["x-request-id"]
    retry_after = int(blocked.headers["retry-after"])
    assert 1 <= retry_after <= 60
    assert remaining(blocked)[1] == 0


async def test_limits_are_per_caller(limited, auth):
    first = await auth.headers("admin")
    second = await auth.headers("admin")
    for _ in range(LIMIT):
        assert (await limited.get("/v1/me", headers=first)).status_code == 200
    assert (await limited.get("/v1/me", headers=first)).status_code == 429
    other = await limited.get("/v1/me", headers=second)
    assert other.status_code == 200
    assert remaining(other)[1] == LIMIT - 1


async def test_errors_count_and_carry_headers(limited, auth):
    headers = await auth.headers("admin")
    r = await limited.get("/v1/no-such-route", headers=headers)
    assert r.status_code == 404
    assert policy(r)[0] == "default"
    assert remaining(r)[1] == LIMIT - 1


async def test_anonymous_callers_have_their_own_policy(limited):
    responses = [await limited.get("/v1/me") for _ in range(3)]
    assert [r.status_code for r in responses] == [401, 401, 429]
    assert all(policy(r) == ("anonymous", 2, 60) for r in responses)
    assert responses[-1].json()["code"] == "rate_limited"


async def test_invalid_token_counts_as_anonymous(limited):
    bad = {"Authorization": "Bearer not-a-token"}
    r = await limited.get("/v1/me", headers=bad)
    assert r.status_code == 401
    assert policy(r)[0] == "anonymous"


async def test_operational_endpoints_are_exempt(limited):
    for _ in range(5):
        r = await limited.get("/healthz")
        assert r.status_code == 200
        assert "ratelimit" not in r.headers
        assert "ratelimit-policy" not in r.headers


async def test_rate_limited_post_does_not_run(limited, auth, db):
    from sqlalchemy import func, select

    from prm_api.models import User

    headers = await auth.headers("admin")
    for _ in range(LIMIT):
        await limited.get("/v1/me", headers=headers)
    r = await limited.post(
        "/v1/users",
        headers=headers,
        json={"email": "limited@example.com", "name": "L", "role": "admin"},
    )
    assert r.status_code == 429
    assert (
        await db.scalar(
            select(func.count()).select_from(User).where(User.email == "limited@example.com")
        )
        == 0
    )


async def test_each_app_has_its_own_store(limited_app, app):
    assert isinstance(limited_app.state.rate_limit_store, MemoryStore)
    assert limited_app.state.rate_limit_store is not app.state.rate_limit_store


def test_gcra_refills_smoothly(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("prm_api.kit.ratelimit.time.monotonic", lambda: now[0])
    store = MemoryStore()
    assert [store.hit("k", 3, 60).allowed for _ in range(4)] == [True, True, True, False]
    denied = store.hit("k", 3, 60)
    assert denied.retry_after_s == 20
    now[0] += 20
    assert store.hit("k", 3, 60).allowed
    assert not store.hit("k", 3, 60).allowed
    now[0] += 60
    assert [store.hit("k", 3, 60).allowed for _ in range(4)] == [True, True, True, False]
