"""Every 4xx/5xx is RFC 9457 problem+json (DESIGN §5), and X-Request-ID is accepted/returned."""

from __future__ import annotations

import re
import uuid

import factories
import httpx
import pytest
from factories import user_body
from sqlalchemy import func, select

from prm_api.app import create_app
from prm_api.models import AuditEvent, User

PROBLEM_FIELDS = {"type", "title", "status", "detail", "instance", "code", "request_id"}


def assert_problem(r: httpx.Response, status: int, code: str) -> dict:
    """Every member RFC 9457 and DESIGN §5 promise, beyond status and code."""
    body = factories.assert_problem(r, status, code)
    assert set(body) >= PROBLEM_FIELDS, body
    assert body["status"] == status
    assert body["type"] == f"https://prm-api.dev/problems/{code}"
    assert body["instance"] == r.request.url.path
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body["detail"], str) and body["detail"]
    assert body["request_id"] and body["request_id"] == r.headers["x-request-id"]
    return body


def allow_set(r: httpx.Response) -> set[str]:
    return {m.strip() for m in r.headers["allow"].split(",") if m.strip()}


# --- routing errors -------------------------------------------------------------------------


async def test_unknown_route_is_404_problem(client):
    r = await client.get("/v1/no-such-thing")
    body = assert_problem(r, 404, "not_found")
    assert "/v1/no-such-thing" in body["detail"]


async def test_unknown_resource_is_404_problem(client, admin_headers):
    r = await client.get(f"/v1/users/{uuid.uuid4()}", headers=admin_headers)
    assert_problem(r, 404, "not_found")


async def test_wrong_method_405_allows_every_method_of_the_path(client, admin_headers):
    r = await client.delete("/v1/users", headers=admin_headers)
    assert_problem(r, 405, "method_not_allowed")
    allowed = allow_set(r)
    assert {"GET", "POST"} <= allowed
    assert "DELETE" not in allowed


async def test_405_on_item_path_lists_get_and_patch(client, admin_headers):
    r = await client.put(f"/v1/users/{uuid.uuid4()}", headers=admin_headers, json={})
    assert_problem(r, 405, "method_not_allowed")
    allowed = allow_set(r)
    assert {"GET", "PATCH"} <= allowed
    assert "PUT" not in allowed and "POST" not in allowed


async def test_405_on_action_path(client, admin_headers):
    r = await client.get(f"/v1/users/{uuid.uuid4()}/deactivate", headers=admin_headers)
    assert_problem(r, 405, "method_not_allowed")
    assert allow_set(r) == {"POST"}


# --- body errors ----------------------------------------------------------------------------


async def test_malformed_json_is_400(client, admin_headers, db):
    before = await db.scalar(select(func.count()).select_from(User))
    r = await client.post(
        "/v1/users",
        headers={**admin_headers, "content-type": "application/json"},
        content=b'{"email": "a@example.com", "name": ',
    )
    assert_problem(r, 400, "malformed_json")
    assert await db.scalar(select(func.count()).select_from(User)) == before


async def test_unknown_field_is_422_with_errors(client, admin_headers):
    r = await client.post("/v1/users", headers=admin_headers, json=user_body(nickname="Amazing"))
    body = assert_problem(r, 422, "validation_error")
    assert isinstance(body["errors"], list) and body["errors"]
    fields = {e["field"]: e for e in body["errors"]}
    assert "nickname" in fields
    assert fields["nickname"]["in"] == "body"
    assert set(fields["nickname"]) == {"field", "in", "code", "message"}


async def test_invalid_values_name_each_field(client, admin_headers):
    r = await client.post(
        "/v1/users", headers=admin_headers, json={"email": "not-an-email", "role": "wizard"}
    )
    body = assert_problem(r, 422, "validation_error")
    assert {e["field"] for e in body["errors"]} >= {"email", "name", "role"}


async def test_invalid_path_parameter_is_422_in_path(client, admin_headers):
    r = await client.get("/v1/users/not-a-uuid", headers=admin_headers)
    body = assert_problem(r, 422, "validation_error")
    assert body["errors"][0]["in"] == "path"
    assert body["errors"][0]["field"] == "user_id"


async def test_wrong_content_type_is_415(client, admin_headers, db):
    before = await db.scalar(select(func.count()).select_from(User))
    r = await client.post(
        "/v1/users",
        headers={**admin_headers, "content-type": "text/plain"},
        content=b'{"email": "x@example.com", "name": "X", "role": "admin"}',
    )
    assert_problem(r, 415, "unsupported_media_type")
    assert "application/json" in r.headers["accept-post"]
    assert await db.scalar(select(func.count()).select_from(User)) == before


async def test_body_without_content_type_is_415(client, admin_headers):
    r = await client.post("/v1/users", headers=admin_headers, content=b'{"name": "x"}')
    assert_problem(r, 415, "unsupported_media_type")


async def test_json_suffix_media_type_is_accepted(client, admin_headers):
    r = await client.post(
        "/v1/users",
        headers={**admin_headers, "content-type": "application/merge-patch+json"},
        content=httpx.Request("POST", "/", json=user_body()).content,
    )
    assert r.status_code == 201, r.text


async def test_declared_body_over_limit_is_413(client, admin_headers, settings, db):
    before = await db.scalar(select(func.count()).select_from(User))
    padding = "x" * settings.max_body_bytes
    r = await client.post("/v1/users", headers=admin_headers, json=user_body(name=padding))
    assert int(r.request.headers["content-length"]) > settings.max_body_bytes
    assert_problem(r, 413, "payload_too_large")
    assert await db.scalar(select(func.count()).select_from(User)) == before


async def test_streamed_body_over_limit_is_413(client, admin_headers, settings, db):
    before = await db.scalar(select(func.count()).select_from(User))
    chunk = b" " * 65536

    async def body():
        yield b'{"email": "big@example.com", "role": "admin", "name": "'
        for _ in range(settings.max_body_bytes // len(chunk) + 2):
            yield chunk
        yield b'"}'

    r = await client.post(
        "/v1/users",
        headers={**admin_headers, "content-type": "application/json"},
        content=body(),
    )
    assert "content-length" not in r.request.headers
    assert r.request.headers["transfer-encoding"] == "chunked"
    assert_problem(r, 413, "payload_too_large")
    assert await db.scalar(select(func.count()).select_from(User)) == before


async def test_streamed_body_under_limit_passes(client, admin_headers):
    payload = httpx.Request("POST", "/", json=user_body()).content

    async def body():
        yield payload[:10]
        yield payload[10:]

    r = await client.post(
        "/v1/users",
        headers={**admin_headers, "content-type": "application/json"},
        content=body(),
    )
    assert r.status_code == 201, r.text


# --- unhandled errors -----------------------------------------------------------------------


@pytest.fixture
async def boom_app(app, settings, database_url):
    app2 = create_app(settings.model_copy(), database_url=database_url)

    async def boom() -> dict:
        raise RuntimeError("secret internals: password=hunter2 at /srv/prm/db.py")

    app2.add_api_route("/v1/boom", boom, methods=["GET"])
    async with app2.router.lifespan_context(app2):
        yield app2


async def test_unhandled_exception_is_500_problem_without_internals(boom_app):
    transport = httpx.ASGITransport(app=boom_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        r = await c.get("/v1/boom", headers={"X-Request-ID": "boom-req-1"})
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert set(body) >= PROBLEM_FIELDS
    assert body["code"] == "internal_error"
    assert body["status"] == 500
    assert body["instance"] == "/v1/boom"
    assert body["request_id"] == "boom-req-1"
    assert r.headers["x-request-id"] == "boom-req-1"
    for leak in ("RuntimeError", "hunter2", "secret", "Traceback", "db.py"):
        assert leak not in r.text


# --- request ids ----------------------------------------------------------------------------


async def test_valid_request_id_is_echoed_and_in_problem(client):
    rid = "client-req.42:abc_DEF"
    r = await client.get("/v1/me", headers={"X-Request-ID": rid})
    assert r.status_code == 401
    assert r.headers["x-request-id"] == rid
    assert r.json()["request_id"] == rid


async def test_missing_request_id_is_generated(client, admin_headers):
    r1 = await client.get("/v1/me", headers=admin_headers)
    r2 = await client.get("/v1/me", headers=admin_headers)
    assert r1.status_code == 200
    assert re.fullmatch(r"[0-9a-f]{32}", r1.headers["x-request-id"])
    assert r1.headers["x-request-id"] != r2.headers["x-request-id"]


@pytest.mark.parametrize("bad", ["has space", "x" * 129, "semi;colon", "<script>"])
async def test_invalid_request_id_is_replaced(client, bad):
    r = await client.get("/v1/me", headers={"X-Request-ID": bad})
    assert r.status_code == 401
    rid = r.headers["x-request-id"]
    assert rid != bad
    assert re.fullmatch(r"[0-9a-f]{32}", rid)
    assert r.json()["request_id"] == rid


async def test_middleware_problems_carry_request_id(client, admin_headers):
    r = await client.post(
        "/v1/users",
        headers={**admin_headers, "content-type": "text/plain", "X-Request-ID": "mw-1"},
        content=b"hello",
    )
    assert r.status_code == 415
    assert r.headers["x-request-id"] == "mw-1"
    assert r.json()["request_id"] == "mw-1"


async def test_audit_row_carries_request_id_and_ip(client, admin_headers, db):
    rid = f"audit-{uuid.uuid4().hex}"
    r = await client.post(
        "/v1/users", headers={**admin_headers, "X-Request-ID": rid}, json=user_body()
    )
    assert r.status_code == 201, r.text
    rows = (await db.scalars(select(AuditEvent).where(AuditEvent.request_id == rid))).all()
    assert len(rows) == 1
    assert rows[0].action == "user.created"
    assert rows[0].resource_id == r.json()["id"]
    assert rows[0].ip == "127.0.0.1"
    listed = await client.get("/v1/audit-events", params={"request_id": rid}, headers=admin_headers)
    assert [e["request_id"] for e in listed.json()["data"]] == [rid]
