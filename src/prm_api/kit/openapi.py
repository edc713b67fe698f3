"""OpenAPI helpers: the Problem schema and per-operation error documentation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from prm_api.errors import PROBLEM_JSON

if TYPE_CHECKING:
    from prm_api.kit.pagination import SortKeys


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the offending field.")
    in_: str = Field(alias="in", description="`body`, `query`, `path` or `header`.")
    code: str
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details, with a stable machine-readable `code`."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(examples=["https://prm-api.dev/problems/not_found"])
    title: str
    status: int
    detail: str
    instance: str
    code: str = Field(description="Stable machine code, e.g. `deal_conflict`.")
    request_id: str | None = None
    errors: list[FieldError] | None = None


_DESCRIPTIONS = {
    400: "Bad request (malformed JSON, bad cursor or sort).",
    401: "Missing, invalid, expired or revoked access token.",
    403: "The token lacks a required scope (`insufficient_scope`).",
    404: "No such resource (or it belongs to another partner).",
    409: "Conflict with the current state (`invalid_transition`, duplicate, request in flight).",
    412: "`If-Match` does not match the current `ETag`.",
    413: "The request body is too large.",
    415: "Unsupported content type.",
    422: "Validation failed (see `errors`).",
    429: "Rate limit exceeded (see `Retry-After`).",
    503: "The database is unreachable; retry shortly.",
}

#: Errors any operation can return (added by the app to every operation).
COMMON_ERRORS = (429, 503)


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """``responses=errors(401, 404)`` documents those problems for an operation."""
    return {
        code: {
            "description": _DESCRIPTIONS.get(code, "Error."),
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for code in sorted(set(codes) | set(COMMON_ERRORS))
    }


def problem_schemas() -> dict[str, Any]:
    """JSON Schemas of ``Problem`` and ``FieldError`` for ``components.schemas``."""
    schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    defs = schema.pop("$defs", {})
    return {"Problem": schema, **defs}


PROBLEM_CONTENT: dict[str, Any] = {
    PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}
}
FORM_MEDIA_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def complete_operation(operation: dict[str, Any], components: dict[str, Any]) -> None:
    """Document what every operation can answer, whatever its route declared.

    - FastAPI's default 422 becomes our problem document; 429 and 503 everywhere;
    - 400 when it takes input, 413/415 when it takes a body (BodyGuardMiddleware);
    - 401 when it needs a token, 403 when it needs scopes (``authorize``);
    - every 4xx/5xx without content is ``application/problem+json`` (that is what we send);
    - required form fields must be non-empty: FastAPI reads ``field=`` as absent;
    - a form body is named by the route's ``openapi_extra={"x-body-name": …}`` rather than
      FastAPI's ``Body_<operation id>``, and ``"x-body-schema": {…}`` adds keywords to it.
    """
    responses = operation.setdefault("responses", {})
    if "422" in responses:
        responses["422"] = {
            "description": _DESCRIPTIONS[422],
            "content": dict(PROBLEM_CONTENT),
        }
    wanted = set(COMMON_ERRORS)
    if operation.get("requestBody") or operation.get("parameters"):
        wanted.add(400)
    if operation.get("requestBody"):
        wanted |= {413, 415}
    security = operation.get("security") or []
    if security:
        wanted.add(401)
        if any(scopes for requirement in security for scopes in requirement.values()):
            wanted.add(403)
    for code, spec in errors(*wanted).items():
        responses.setdefault(str(code), spec)
    for code, spec in responses.items():
        if code[:1] in ("4", "5") and not spec.get("content"):
            spec["content"] = dict(PROBLEM_CONTENT)
    _require_nonempty_form_fields(operation, components)
    _name_form_body(operation, components)


def _name_form_body(operation: dict[str, Any], components: dict[str, Any]) -> None:
    name = operation.pop("x-body-name", None)
    extra = operation.pop("x-body-schema", {})
    if not name:
        return
    for media_type in FORM_MEDIA_TYPES:
        schema = (operation.get("requestBody") or {}).get("content", {}).get(media_type, {})
        old = schema.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
        if old.startswith("Body_") and old in components:
            if name in components:
                raise ValueError(f"x-body-name {name!r} is already a schema's name")
            components[name] = {**components.pop(old), "title": name, **extra}
        if old:
            schema["schema"]["$ref"] = f"#/components/schemas/{name}"


def _require_nonempty_form_fields(operation: dict[str, Any], components: dict[str, Any]) -> None:
    content = (operation.get("requestBody") or {}).get("content", {})
    for media_type in FORM_MEDIA_TYPES:
        schema = content.get(media_type, {}).get("schema")
        if not schema:
            continue
        ref = schema.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            schema = components.get(ref.rsplit("/", 1)[-1], {})
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            prop = properties.get(name, {})
            if prop.get("type") == "string" and not prop.get("minLength"):
                prop["minLength"] = 1


#: Text without NUL characters (PostgreSQL cannot store them; the API rejects them with 422).
NO_NUL_PATTERN = "^[^\\u0000]*$"


def forbid_nul_in_free_text(node: Any) -> None:
    """Give every free-text string schema (no pattern, format or enum) the NUL-free pattern,
    so the document states what the API enforces."""
    if isinstance(node, dict):
        if node.get("type") == "string" and not {
            "pattern",
            "format",
            "enum",
            "const",
            "contentMediaType",
        } & set(node):
            node["pattern"] = NO_NUL_PATTERN
        for value in node.values():
            forbid_nul_in_free_text(value)
    elif isinstance(node, list):
        for value in node:
            forbid_nul_in_free_text(value)


def sort_tokens(keys: SortKeys) -> list[str]:
    """The ``sort`` values a list accepts: each field ascending, then descending (``-``)."""
    return [token for name in keys.columns for token in (name, f"-{name}")]


def sort_query(keys: SortKeys, note: str = "") -> Any:
    """The ``sort`` query parameter of a list sorted by ``keys``, documented as an enum of
    :func:`sort_tokens` (``sort: Annotated[str | None, sort_query(SORTS)] = None``).

    The enum lives in the document only: the parameter is still parsed by
    ``SortKeys.parse``, so an unknown value stays the 400 ``invalid_sort`` (naming the
    allowed fields) that DESIGN §5 gives bad list parameters, not a generic 422.
    """
    tokens = sort_tokens(keys)
    description = f"Sort order: a field, `-` in front for descending. Default `{keys.default}`." + (
        f" {note}" if note else ""
    )

    def schema(json_schema: dict[str, Any]) -> None:
        json_schema.clear()
        json_schema.update(
            {"type": "string", "enum": tokens, "title": "Sort", "description": description}
        )

    return Query(description=description, json_schema_extra=schema)
