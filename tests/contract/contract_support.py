"""The generated OpenAPI document, read at import time to parametrize the contract suites.

Everything the suites walk is derived from here, so operations added later are covered
without touching the tests.
"""

from __future__ import annotations

import copy
import os
import random
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any

from prm_api.app import create_app
from prm_api.config import Settings

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@cache
def _generated_spec() -> dict[str, Any]:
    # Same document as ``prm_api.openapi_export.render_spec()`` (the drift test checks that one),
    # built from settings that keep the process's logging at WARNING: the first app created
    # in a process configures logging, and these modules create theirs at import time.
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url="postgresql+asyncpg://unused/unused", log_level="WARNING"
    )
    return create_app(settings).openapi()


def generated_spec() -> dict[str, Any]:
    """A private copy of the document the app generates."""
    return copy.deepcopy(_generated_spec())


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    spec: dict[str, Any]

    @property
    def operation_id(self) -> str:
        return self.spec.get("operationId", f"{self.method} {self.path}")

    @property
    def security(self) -> list[dict[str, list[str]]]:
        return self.spec.get("security") or []

    @property
    def is_secured(self) -> bool:
        return bool(self.security)

    @property
    def required_scopes(self) -> frozenset[str]:
        """Scopes any of the security requirements asks for."""
        return frozenset(s for req in self.security for scopes in req.values() for s in scopes)

    @property
    def path_parameters(self) -> list[str]:
        return [p["name"] for p in self.spec.get("parameters", []) if p["in"] == "path"]

    @property
    def json_body(self) -> dict[str, Any] | None:
        """The schema of the JSON request body, if the operation takes one."""
        content = (self.spec.get("requestBody") or {}).get("content", {})
        return content.get("application/json", {}).get("schema")

    def __str__(self) -> str:
        return self.operation_id


def operations(spec: dict[str, Any] | None = None) -> list[Operation]:
    spec = spec if spec is not None else _generated_spec()
    return [
        Operation(method, path, operation)
        for path, item in spec.get("paths", {}).items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


@cache
def schemathesis_seed() -> int:
    """The schemathesis seed of this run: ``PRM_SCHEMATHESIS_SEED``, or a random one."""
    return int(os.environ.get("PRM_SCHEMATHESIS_SEED") or random.randrange(2**32))


def schemathesis_seed_if_used() -> int | None:
    return schemathesis_seed() if schemathesis_seed.cache_info().currsize else None


def minimal_instance(schema: dict[str, Any], spec: dict[str, Any] | None = None) -> Any:
    """The smallest value valid for ``schema`` that this simple walk can build: required
    properties only, the first enum member / non-null ``anyOf`` option, strings of their
    ``format``. A ``pattern`` other than "no NUL byte" is not honoured (callers override)."""
    spec = spec if spec is not None else _generated_spec()
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        return minimal_instance(next(o for o in options if o.get("type") != "null"), spec)
    if "examples" in schema:
        return schema["examples"][0]
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {name: minimal_instance(props[name], spec) for name in schema.get("required", [])}
    if kind == "array":
        return [minimal_instance(schema["items"], spec)] * schema.get("minItems", 0)
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    if kind == "boolean":
        return True
    by_format = {
        "email": f"{uuid.uuid4().hex[:12]}@example.com",
        "uuid": str(uuid.uuid4()),
        "date-time": "2030-01-01T00:00:00Z",
        "date": "2030-01-01",
        "uri": "https://example.com/",
    }
    return by_format.get(schema.get("format", ""), "x" * max(schema.get("minLength", 1), 1))
