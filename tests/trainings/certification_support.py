"""Arranging certifications through the API: a program over published courses, a partner
user who completes them."""

from __future__ import annotations

from typing import Any

from trainings_support import enroll, published_course


async def course(client, admin_headers, title: str = "Selling the platform") -> dict[str, Any]:
    return await published_course(client, admin_headers, title=title)


async def program(client, admin_headers, course_ids: list[str], **extra: Any) -> dict[str, Any]:
    body = {
        "name": "Certified Seller",
        "description": "Sells the platform.",
        "course_ids": course_ids,
        "validity_months": 12,
        "renewal_window_days": 60,
        "expiring_notice_days": 30,
        **extra,
    }
    r = await client.post("/v1/certification-programs", json=body, headers=admin_headers)
    assert r.status_code == 201, r.text
    return r.json()


async def complete(client, headers, course: dict[str, Any]) -> dict[str, Any]:
    """Enroll the user in ``course`` (one link module) and complete it."""
    enrollment = await enroll(client, headers, course["id"])
    return await finish(client, headers, enrollment, course)


async def finish(client, headers, enrollment: dict[str, Any], course: dict[str, Any]) -> Any:
    for module in course["modules"]:
        r = await client.post(
            f"/v1/enrollments/{enrollment['id']}/modules/{module['id']}/complete", headers=headers
        )
        assert r.status_code == 200, r.text
    assert r.json()["status"] == "completed"
    return r.json()


async def certified(client, admin_headers, headers) -> tuple[dict[str, Any], dict[str, Any]]:
    """A one-course program and the user's certification in it."""
    c = await course(client, admin_headers)
    p = await program(client, admin_headers, [c["id"]])
    await complete(client, headers, c)
    r = await client.get("/v1/certifications", headers=headers)
    assert r.status_code == 200, r.text
    [certification] = r.json()["data"]
    return p, certification
