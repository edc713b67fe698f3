"""Public partner applications: validation, domain de-duplication, rate limit, races."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest

from prm_api.kit.domains import InvalidDomain, normalize_domain
from prm_api.models import Partner


def application(website: str, **extra: object) -> dict:
    return {
        "name": f"Applicant {uuid.uuid4().hex[:6]}",
        "website": website,
        "type": "reseller",
        "country": "DE",
        "contact": {"name": "Ann", "email": "ann@applicant.example"},
        **extra,
    }


async def apply(client, website: str, **extra: object):
    return await client.post("/v1/partner-applications", json=application(website, **extra))


@pytest.mark.parametrize(
    ("first", "variant"),
    [
        ("northwind.example", "NORTHWIND.EXAMPLE"),
        ("northwind.example", "NorthWind.Example"),
        ("northwind.example", "www.northwind.example"),
        ("northwind.example", "WWW.Northwind.example"),
        ("northwind.example", "northwind.example."),
        ("northwind.example", "https://www.northwind.example./"),
        ("northwind.example", "https://northwind.example:8443/partners/apply?x=1#top"),
        ("northwind.example", "http://northwind.example:80"),
        ("northwind.example", "northwind.example:8080/about"),
        ("https://www.northwind.example/about", "northwind.example"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("bücher.example", "BÜCHER.example"),
        ("bücher.example", "https://www.bücher.example./shop"),
        ("xn--bcher-kva.example", "bücher.example"),
        ("https://XN--BCHER-KVA.example:8080/x", "www.bücher.example"),
    ],
)
async def test_duplicate_domain_variants_conflict(client, store, first, variant):
    r = await apply(client, first)
    assert r.status_code == 201, r.text
    r = await apply(client, variant)
    assert r.status_code == 409, (variant, r.text)
    assert r.json()["code"] == "duplicate_partner"
    assert await store.count(Partner) == 1


@pytest.mark.parametrize("website", ["bücher。example", "ｂücher.example", "bücher..example"])
async def test_website_outside_the_documented_host_syntax_is_422(client, store, website):
    """Ideographic dots and fullwidth letters are not in the documented pattern: rejected
    as invalid input (never silently stored, never a 500)."""
    r = await apply(client, website)
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["field"] == "website"
    assert await store.count(Partner) == 0


async def test_application_creates_an_applied_partner(client, auth, store):
    r = await client.post(
        "/v1/partner-applications",
        json=application(
            "https://www.Bücher.Example./shop",
            legal_name="Bücher GmbH",
            description="Books",
            address={"line1": "Hauptstr. 1", "city": "Köln", "country": "DE"},
        ),
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) == {"id", "name", "domain", "status", "applied_at"}
    assert body["status"] == "applied" and body["domain"] == "xn--bcher-kva.example"
    assert body["applied_at"] is not None
    row = await store.get_partner(body["id"])
    assert row.source == "application" and row.contact_email == "ann@applicant.example"
    assert row.tier_id is None and row.manager_id is None and row.approved_at is None
    [audit] = await store.audit(body["id"])
    assert audit.action == "partner.applied" and audit.actor_type == "anonymous"
    # A vendor sees it in the review queue.
    admin = await auth.headers("admin")
    r = await client.get("/v1/partners?status=applied", headers=admin)
    assert [p["id"] for p in r.json()["data"]] == [body["id"]]


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"website": "not a domain"}, "website"),
        ({"website": "localhost"}, "website"),
        ({"website": "http://10.0.0.1/"}, "website"),
        ({"website": "https://-bad-.example"}, "website"),
        ({"country": "de"}, "country"),
        ({"country": "XX"}, "country"),
        ({"type": "vendor"}, "type"),
        ({"contact": {"name": "Ann"}}, "contact"),
        ({"contact": {"name": "Ann", "email": "not-an-email"}}, "contact"),
        ({"contact": {"name": "Ann", "email": "a@b.example", "role": "boss"}}, "contact"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"address": {"line1": "x", "planet": "Mars"}}, "address"),
    ],
)
async def test_applications_are_strictly_validated(client, store, patch, field):
    body = {**application("valid.example"), **patch}
    r = await client.post("/v1/partner-applications", json=body)
    assert r.status_code == 422, r.text
    assert any(e["field"].split(".")[0] == field for e in r.json()["errors"]), r.json()
    assert await store.count(Partner) == 0


@pytest.mark.parametrize("missing", ["name", "website", "type", "country", "contact"])
async def test_required_application_fields(client, missing):
    body = application("valid.example")
    del body[missing]
    r = await client.post("/v1/partner-applications", json=body)
    assert r.status_code == 422, r.text


async def test_application_needs_no_token_and_ignores_one(client, auth):
    r = await apply(client, "public.example")
    assert r.status_code == 201, r.text
    headers = await auth.headers("partner_user", partner_id=r.json()["id"])
    r = await client.post(
        "/v1/partner-applications", json=application("public2.example"), headers=headers
    )
    assert r.status_code == 201, r.text


@pytest.mark.parametrize("action", ["decline", "terminate"])
async def test_declined_or_terminated_partner_frees_the_domain(client, auth, store, action):
    admin = await auth.headers("admin")
    r = await apply(client, "freed.example")
    first = r.json()["id"]
    assert (await apply(client, "www.freed.example")).status_code == 409
    r = await client.post(f"/v1/partners/{first}/{action}", headers=admin)
    assert r.status_code == 200, r.text
    r = await apply(client, "https://WWW.FREED.example./again")
    assert r.status_code == 201, r.text
    assert r.json()["domain"] == "freed.example" and r.json()["id"] != first
    # The new one blocks again.
    assert (await apply(client, "freed.example")).status_code == 409


@pytest.mark.parametrize("status", ["applied", "onboarding", "active", "suspended"])
async def test_live_partners_block_the_domain(client, store, status):
    await store.partner(status, domain="taken.example")
    r = await apply(client, "https://www.taken.example/")
    assert r.status_code == 409 and r.json()["code"] == "duplicate_partner", r.text


@pytest.mark.parametrize("status", ["declined", "terminated"])
async def test_dead_partners_do_not_block(client, store, status):
    await store.partner(status, domain="gone.example")
    r = await apply(client, "gone.example")
    assert r.status_code == 201, r.text


async def test_vendor_created_partners_and_applications_share_the_namespace(client, auth):
    admin = await auth.headers("admin")
    r = await apply(client, "shared.example")
    assert r.status_code == 201
    r = await client.post(
        "/v1/partners",
        headers=admin,
        json={"name": "Shared", "type": "msp", "website": "https://www.SHARED.example/x"},
    )
    assert r.status_code == 409 and r.json()["code"] == "duplicate_partner", r.text
    r = await client.post(
        "/v1/partners",
        headers=admin,
        json={"name": "Other", "type": "msp", "domain": "other.example"},
    )
    assert r.status_code == 201, r.text
    r = await apply(client, "other.example.")
    assert r.status_code == 409, r.text


@pytest.fixture
def two_applications_per_hour(app):
    # Not monkeypatch: its undo deletes attributes of Starlette's State instead of restoring.
    original = app.state.settings
    app.state.settings = original.model_copy(update={"applications_per_hour": 2})
    try:
        yield
    finally:
        app.state.settings = original


async def test_rate_limited_per_client_address(client, app, store, two_applications_per_hour):
    assert (await apply(client, "rl1.example")).status_code == 201
    assert (await apply(client, "rl2.example")).status_code == 201
    r = await apply(client, "rl3.example")
    assert r.status_code == 429, r.text
    assert int(r.headers["retry-after"]) > 0
    assert r.json()["code"] == "rate_limited"
    assert await store.count(Partner) == 2
    # Another client address has its own allowance.
    other = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=("203.0.113.9", 4242)),
        base_url="http://testserver",
    )
    async with other:
        assert (await apply(other, "rl4.example")).status_code == 201


@pytest.mark.parametrize("round_", range(3))
async def test_concurrent_same_domain_applications(client, store, round_):
    results = await asyncio.gather(
        apply(client, "race.example"),
        apply(client, "https://www.RACE.example/"),
        apply(client, "race.example."),
    )
    codes = sorted(r.status_code for r in results)
    assert codes == [201, 409, 409], [r.text for r in results]
    for r in results:
        if r.status_code == 409:
            assert r.json()["code"] == "duplicate_partner"
    assert await store.count(Partner) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Example.COM", "example.com"),
        ("www.example.com", "example.com"),
        ("example.com.", "example.com"),
        ("https://user:pw@www.example.com:8443/a/b?c#d", "example.com"),
        ("someone@Example.com", "example.com"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("ＢÜＣＨＥＲ．example", "xn--bcher-kva.example"),
        ("www.bücher.example。", "xn--bcher-kva.example"),
        ("sub.www.example.com", "sub.www.example.com"),
    ],
)
def test_normalize_domain(value, expected):
    assert normalize_domain(value) == expected


@pytest.mark.parametrize(
    "value", ["", "   ", "localhost", "1.2.3.4", "http://[::1]/", "a..b", "exa mple.com", "www."]
)
def test_normalize_domain_rejects(value):
    with pytest.raises(InvalidDomain):
        normalize_domain(value)
