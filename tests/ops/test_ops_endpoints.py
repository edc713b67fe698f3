"""Operational endpoints (DESIGN §8): /healthz, /readyz, /metrics."""

from __future__ import annotations

import re
import uuid

from prometheus_client.parser import text_string_to_metric_families


def sample_value(text: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


def samples(text: str, name: str) -> list[dict[str, str]]:
    return [
        s.labels
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == name
    ]


async def test_healthz(client):
    r = await client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}
    assert r.headers["x-request-id"]


async def test_readyz_reports_its_checks(client):
    r = await client.get("/readyz")
    assert r.status_code == 200, r.text
    assert r.json() == {"status": "ok", "checks": {"database": "ok", "migrations": "ok"}}


async def test_ops_endpoints_need_no_token(client):
    for path in ("/healthz", "/readyz", "/metrics"):
        assert (await client.get(path)).status_code == 200


async def test_metrics_count_requests_by_route_template(client, admin_headers, factory):
    user = await factory.user(role="channel_manager", password=None)
    before = (await client.get("/metrics")).text
    labels = {"method": "GET", "route": "/v1/users/{user_id}", "status": "200"}
    start = sample_value(before, "prm_http_requests_total", **labels)

    for _ in range(3):
        assert (await client.get(f"/v1/users/{user.id}", headers=admin_headers)).status_code == 200
    missing = await client.get(f"/v1/users/{uuid.uuid4()}", headers=admin_headers)
    assert missing.status_code == 404

    r = await client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    text = r.text
    assert "# TYPE prm_http_requests_total counter" in text
    assert sample_value(text, "prm_http_requests_total", **labels) == start + 3
    assert (
        sample_value(
            text, "prm_http_requests_total", method="GET", route="/v1/users/{user_id}", status="404"
        )
        >= 1
    )
    assert (
        sample_value(
            text,
            "prm_http_request_duration_seconds_count",
            method="GET",
            route="/v1/users/{user_id}",
        )
        >= 4
    )
    # Concrete ids never become label values (bounded cardinality).
    routes = {s["route"] for s in samples(text, "prm_http_requests_total")}
    assert str(user.id) not in text
    assert all(not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", route) for route in routes)


async def test_unmatched_paths_share_one_label(client):
    await client.get(f"/v1/nothing-here-{uuid.uuid4().hex}")
    text = (await client.get("/metrics")).text
    assert (
        sample_value(text, "prm_http_requests_total", method="GET", route="unmatched", status="404")
        >= 1
    )
    assert "nothing-here" not in text


async def test_rejected_requests_are_counted(client, admin_headers):
    before = (await client.get("/metrics")).text
    labels = {"method": "POST", "status": "415"}
    start = sum(
        sample_value(before, "prm_http_requests_total", route=s["route"], **labels)
        for s in samples(before, "prm_http_requests_total")
        if s["method"] == "POST" and s["status"] == "415"
    )
    r = await client.post(
        "/v1/users", headers={**admin_headers, "content-type": "text/plain"}, content=b"x"
    )
    assert r.status_code == 415
    after = (await client.get("/metrics")).text
    total = sum(
        sample_value(after, "prm_http_requests_total", route=s["route"], **labels)
        for s in samples(after, "prm_http_requests_total")
        if s["method"] == "POST" and s["status"] == "415"
    )
    assert total == start + 1


async def test_openapi_documents_ops_and_common_errors(client):
    spec = (await client.get("/openapi.json")).json()
    assert spec["openapi"].startswith("3.1")
    assert spec["paths"]["/readyz"]["get"]["operationId"] == "ops_readyz"
    assert "503" in spec["paths"]["/readyz"]["get"]["responses"]
    users_list = spec["paths"]["/v1/users"]["get"]
    for code in ("400", "401", "403", "429", "503"):
        content = users_list["responses"][code]["content"]
        assert content["application/problem+json"]["schema"] == {
            "$ref": "#/components/schemas/Problem"
        }
    problem = spec["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "instance", "code"} <= set(problem["required"])
    assert "HTTPValidationError" not in spec["components"]["schemas"]
