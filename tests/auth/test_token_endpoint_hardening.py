"""Hardening of the OAuth form endpoints (RFC 6749 §2.3.1, §3.2, §5.2): malformed HTTP Basic
client credentials, repeated parameters, and the per-account limit on password attempts."""

from __future__ import annotations

import base64

import httpx
import pytest

from prm_api.app import create_app

FORM_ENDPOINTS = {
    "/oauth/token": {"grant_type": "client_credentials"},
    "/oauth/revoke": {"token": "whatever"},
    "/oauth/introspect": {"token": "whatever"},
}

MALFORMED_BASIC: dict[str, str | bytes] = {
    "bad base64": "Basic not-base64!!",
    "no colon": "Basic " + base64.b64encode(b"prm_ci_only-an-id").decode(),
    "not UTF-8": "Basic " + base64.b64encode(b"\xff\xfe:\xc3\x28").decode(),
    "empty": "Basic",
    "empty, with a space": "Basic ",
    "empty client id": "Basic " + base64.b64encode(b":secret").decode(),
    "not ASCII": "Basic é".encode("latin-1"),
}


def assert_invalid_client_401(r: httpx.Response) -> None:
    assert r.status_code == 401, r.text
    assert r.headers["www-authenticate"] == 'Basic realm="prm-api"'
    assert r.headers["content-type"] == "application/problem+json"
    assert r.headers["cache-control"] == "no-store"
    body = r.json()
    assert body["error"] == "invalid_client"
    assert body["code"] == "invalid_client"
    assert body["status"] == 401


@pytest.mark.parametrize("endpoint", sorted(FORM_ENDPOINTS))
@pytest.mark.parametrize("case", sorted(MALFORMED_BASIC))
async def test_malformed_basic_credentials_are_401_invalid_client(client, endpoint, case):
    r = await client.post(
        endpoint,
        data=FORM_ENDPOINTS[endpoint],
        headers={"Authorization": MALFORMED_BASIC[case]},
    )
    assert_invalid_client_401(r)


async def test_a_malformed_header_is_answered_like_a_wrong_secret(client, factory, oauth):
    api_client, _ = await factory.api_client()
    wrong = await oauth.token(
        {"grant_type": "client_credentials"}, oauth.basic(api_client.client_id, "prm_sk_wrong")
    )
    malformed = await oauth.token(
        {"grant_type": "client_credentials"}, {"Authorization": "Basic %%%"}
    )
    assert_invalid_client_401(wrong)
    assert_invalid_client_401(malformed)


async def test_a_malformed_header_does_not_fall_back_to_the_first_party_app(factory, oauth):
    """An empty ``Basic`` header used to be no client at all: the password grant then ran as
    the first-party app. The caller chose client authentication; it failed."""
    user = await factory.user()
    r = await oauth.token(
        {"grant_type": "password", "username": user.email, "password": oauth.password},
        {"Authorization": "Basic"},
    )
    assert_invalid_client_401(r)


@pytest.mark.parametrize(
    "body",
    [
        "grant_type=client_credentials&grant_type=password",
        "grant_type=password&username=a%40example.com&username=b%40example.com&password=x",
        "grant_type=client_credentials&scope=deals%3Aread&scope=",
        "grant_type=client_credentials&client_id=a&client_secret=b&client_secret=c",
    ],
)
async def test_a_repeated_parameter_is_invalid_request(client, body):
    r = await client.post(
        "/oauth/token",
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 400, r.text
    assert r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert problem["error"] == "invalid_request"
    assert problem["code"] == "invalid_request"
    assert "more than once" in problem["error_description"]


async def test_a_repeated_grant_type_does_not_sign_in(client, factory, oauth):
    """The last value used to win: a valid password grant hidden behind a bogus first one."""
    user = await factory.user()
    r = await client.post(
        "/oauth/token",
        data={
            "grant_type": ["refresh_token", "password"],
            "username": user.email,
            "password": oauth.password,
        },
    )
    assert r.status_code == 400
    assert "access_token" not in r.text


@pytest.mark.parametrize("endpoint", ["/oauth/revoke", "/oauth/introspect"])
async def test_repeated_parameters_on_revoke_and_introspect(client, endpoint):
    r = await client.post(endpoint, data={"token": ["a", "b"]})
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_request"


# --- per-account limit on password attempts ---------------------------------------------------

ACCOUNT_LIMIT = 3


@pytest.fixture
async def account_limited(app, settings, database_url):
    app2 = create_app(
        settings.model_copy(update={"sign_in_attempts_per_account_per_hour": ACCOUNT_LIMIT}),
        database_url=database_url,
    )
    async with app2.router.lifespan_context(app2):
        yield app2


def from_address(app, host: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=(host, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def sign_in(app, host: str, username: str, password: str) -> httpx.Response:
    async with from_address(app, host) as c:
        return await c.post(
            "/oauth/token",
            data={"grant_type": "password", "username": username, "password": password},
        )


async def test_attempts_against_one_account_from_many_addresses_are_limited(
    account_limited, factory, oauth
):
    user = await factory.user()
    # Failed attempts count: three wrong passwords from three addresses…
    for i in range(ACCOUNT_LIMIT):
        r = await sign_in(account_limited, f"198.51.100.{i + 1}", user.email, "wrong password 1")
        assert r.status_code == 400, r.text
    # …and then even the right password, from a fourth address, waits.
    r = await sign_in(account_limited, "198.51.100.99", user.email.upper(), oauth.password)
    assert r.status_code == 429, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "rate_limited"
    assert 1 <= int(r.headers["retry-after"]) <= 3600
    assert "access_token" not in r.text


async def test_the_account_limit_counts_successful_attempts_too(account_limited, factory, oauth):
    user = await factory.user()
    for _ in range(ACCOUNT_LIMIT):
        assert (await sign_in(account_limited, "192.0.2.1", user.email, oauth.password)).is_success
    r = await sign_in(account_limited, "192.0.2.1", user.email, oauth.password)
    assert r.status_code == 429


async def test_the_account_limit_is_per_account_and_existence_blind(
    account_limited, factory, oauth
):
    user = await factory.user()
    for _ in range(ACCOUNT_LIMIT):
        await sign_in(account_limited, "192.0.2.1", "nobody@example.com", "wrong password 1")
    # An unknown account is limited exactly like a known one (nothing to learn from a 429)…
    assert (
        await sign_in(account_limited, "192.0.2.1", "nobody@example.com", "x")
    ).status_code == 429
    # …and another account is not affected.
    assert (await sign_in(account_limited, "192.0.2.1", user.email, oauth.password)).is_success
