"""The OpenAPI document follows the naming and typing conventions of DESIGN §5, so generated
clients (the Python SDK, TypeScript generators) get real types and clean names.

Each test walks the document the app generates: operations and schemas added later are
checked without touching this file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from contract_support import generated_spec, operations

#: Property and parameter names that hold a moment or a day.
TIME_NAME = re.compile(r"(_at|_date|_after|_before|_until|^since)$")
DATE_LIKE_EXAMPLE = re.compile(r"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}|$)")


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return generated_spec()


def _string_branches(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The string-typed alternatives of a (possibly nullable) schema."""
    for branch in [schema, *schema.get("anyOf", []), *schema.get("oneOf", [])]:
        if branch.get("type") == "string":
            yield branch


def _named_schemas(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(where, name, schema) for every property of every component and every parameter."""
    for component, schema in spec["components"]["schemas"].items():
        for name, prop in schema.get("properties", {}).items():
            yield f"{component}.{name}", name, prop
    for op in operations(spec):
        for param in op.spec.get("parameters", []):
            yield f"{op.operation_id}?{param['name']}", param["name"], param["schema"]
        body = (op.spec.get("requestBody") or {}).get("content", {})
        for media in body.values():
            for name, prop in media.get("schema", {}).get("properties", {}).items():
                yield f"{op.operation_id} body.{name}", name, prop


def test_every_timestamp_and_date_declares_its_format(spec: dict[str, Any]) -> None:
    missing = []
    for where, name, schema in _named_schemas(spec):
        for branch in _string_branches(schema):
            examples = [*branch.get("examples", []), *schema.get("examples", [])]
            # A date-shaped label (``api_version``) declares its own pattern instead.
            date_like = "pattern" not in branch and any(
                isinstance(e, str) and DATE_LIKE_EXAMPLE.match(e) for e in examples
            )
            if (TIME_NAME.search(name) or date_like) and branch.get("format") not in (
                "date-time",
                "date",
            ):
                missing.append(where)
    assert not missing, f"timestamps/dates without format date-time/date: {sorted(missing)}"


def test_response_timestamps_are_date_time(spec: dict[str, Any]) -> None:
    """The regression itself: a response model's timestamps (serialized to text by the
    server) were plain strings in the document."""
    schemas = spec["components"]["schemas"]
    partner = next(s for n, s in schemas.items() if n in ("Partner", "PartnerOut"))
    assert partner["properties"]["created_at"]["format"] == "date-time"
    applied = partner["properties"]["applied_at"]["anyOf"]
    assert {"type": "string", "format": "date-time"} in applied
