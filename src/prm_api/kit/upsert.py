"""The CRM upsert: ``PUT /v1/<resources>/external/{system}/{external_id}``.

Partners and deals are both synced from a CRM by the key it knows them by. The path names
that key; the body may list the resource's other external ids. The answer is 200 when the
resource existed and was updated, 201 with ``Location`` when the upsert created it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Response
from pydantic import BaseModel

from prm_api.errors import ValidationFailed, field_error
from prm_api.kit.fields import EXTERNAL_SYSTEM_PATTERN
from prm_api.kit.openapi import errors

#: The ``{system}`` path parameter.
ExternalSystemPath = Annotated[str, Path(pattern=EXTERNAL_SYSTEM_PATTERN, examples=["salesforce"])]


def upsert_responses(model: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    """The operation's ``responses``: 201 created (200, updated, is its own response)."""
    return {**errors(400, 401, 403, 409, 422), 201: {"description": "Created.", "model": model}}


def with_path_id(ids: dict[str, str] | None, system: str, external_id: str) -> dict[str, str]:
    """The body's ``external_ids`` plus the path's ``{system: external_id}``; 422 when the
    body gives that system another id (the path is the key the upsert is about)."""
    merged = dict(ids or {})
    if merged.get(system, external_id) != external_id:
        raise ValidationFailed(
            "external_ids must agree with the path's system and id.",
            errors=[field_error(f"external_ids.{system}", "mismatch", "Differs from the path.")],
        )
    merged[system] = external_id
    return merged


def answer_created(response: Response, created: bool, location: str) -> None:
    """201 and ``Location`` when the upsert created the resource (else the 200 default)."""
    if created:
        response.status_code = 201
        response.headers["Location"] = location
