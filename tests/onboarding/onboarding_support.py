"""Helpers of the onboarding tests: a published course, a plan step, a partner's checklist."""

from __future__ import annotations

from typing import Any

ACK_AND_LINK = [
    {"kind": "acknowledgement", "title": "Partner agreement", "text": "I agree."},
    {"kind": "link", "title": "Read", "url": "https://example.com/read"},
]
PASSWORD = "a very good password"


async def course(client, admin_headers, modules=ACK_AND_LINK) -> dict[str, Any]:
    body = {
        "title": "Onboarding course",
        "description": "Start here",
        "audience": {"everyone": True},
        "modules": modules,
    }
    r = await client.post("/v1/courses", json=body, headers=admin_headers)
    assert r.status_code == 201, r.text
    r = await client.post(f"/v1/courses/{r.json()['id']}/publish", headers=admin_headers)
    assert r.status_code == 200, r.text
    return r.json()


async def step(client, admin_headers, **body: Any) -> dict[str, Any]:
    body.setdefault("title", f"Step {body['kind']}")
    r = await client.post("/v1/onboarding/steps", json=body, headers=admin_headers)
    assert r.status_code == 201, r.text
    return r.json()


async def checklist(client, headers, partner_id) -> dict[str, Any]:
    r = await client.get(f"/v1/partners/{partner_id}/onboarding", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


def state(sheet: dict[str, Any]) -> dict[str, str]:
    return {s["kind"]: s["status"] for s in sheet["steps"]}


async def auto_activate(client, admin_headers, on: bool) -> None:
    r = await client.patch(
        "/v1/program/settings", json={"onboarding_auto_activate": on}, headers=admin_headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["onboarding_auto_activate"] is on
