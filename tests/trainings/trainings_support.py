"""Arranging trainings through the API: a published course, partner users, enrollments."""

from __future__ import annotations

import json
from typing import Any

from factories import claims_of

QUESTIONS = [
    {
        "id": "q1",
        "kind": "single_choice",
        "prompt": "Which tier is highest?",
        "options": [{"id": "a", "text": "Silver"}, {"id": "b", "text": "Platinum"}],
        "correct_option_ids": ["b"],
        "points": 2,
    },
    {
        "id": "q2",
        "kind": "multiple_choice",
        "prompt": "Which are partner types?",
        "options": [
            {"id": "x", "text": "reseller"},
            {"id": "y", "text": "msp"},
            {"id": "z", "text": "banana"},
        ],
        "correct_option_ids": ["x", "y"],
        "points": 1,
    },
    {
        "id": "q3",
        "kind": "true_false",
        "prompt": "Deals expire.",
        "options": [{"id": "t", "text": "True"}, {"id": "f", "text": "False"}],
        "correct_option_ids": ["t"],
        "points": 1,
    },
]
RIGHT = {"q1": ["b"], "q2": ["x", "y"], "q3": ["t"]}
WRONG = {"q1": ["a"], "q2": ["x"], "q3": ["f"]}


def quiz_module(**settings: Any) -> dict[str, Any]:
    return {
        "kind": "quiz",
        "title": "Check",
        "quiz": {"passing_score": 75, "questions": QUESTIONS, **settings},
    }


def course_body(modules: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "title": "Selling the platform",
        "description": "How to sell",
        "audience": {"everyone": True},
        "modules": modules
        if modules is not None
        else [{"kind": "link", "title": "Read", "url": "https://example.com/read"}],
        **extra,
    }


async def published_course(client, admin_headers, **body: Any) -> dict[str, Any]:
    r = await client.post("/v1/courses", json=course_body(**body), headers=admin_headers)
    assert r.status_code == 201, r.text
    r = await client.post(f"/v1/courses/{r.json()['id']}/publish", headers=admin_headers)
    assert r.status_code == 200, r.text
    return r.json()


def user_id(headers: dict[str, str]) -> str:
    return claims_of(headers)["sub"]


async def enroll(client, headers, course_id: str, **body: Any) -> dict[str, Any]:
    r = await client.post("/v1/enrollments", json={"course_id": course_id, **body}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def attempts_url(enrollment: dict[str, Any], module_id: str) -> str:
    return f"/v1/enrollments/{enrollment['id']}/modules/{module_id}/quiz-attempts"


def correct_answer_leaks(payload: Any) -> list[str]:
    """Where ``payload`` (a JSON value) holds correct-answer data: a non-null
    ``correct_option_ids`` anywhere (the only field that carries them)."""
    found = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "correct_option_ids" and v is not None:
                    found.append(f"{path}.{k}")
                walk(v, f"{path}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")

    walk(payload, "$")
    return found


def body_of(response) -> Any:
    try:
        return response.json()
    except json.JSONDecodeError:
        return None


PDF = b"%PDF-1.7\n" + b"1 0 obj\n<<>>\nendobj\n" * 20 + b"%%EOF\n"


async def upload_pdf(client, asset_id: Any, headers: dict[str, str]) -> Any:
    """Upload a PDF as the asset's new version (POST /v1/assets/{id}/versions)."""
    return await client.post(
        f"/v1/assets/{asset_id}/versions",
        headers=headers,
        files={"file": ("deck.pdf", PDF, "application/pdf")},
    )
