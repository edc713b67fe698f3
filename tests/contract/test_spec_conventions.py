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


# --- names (DESIGN §5: a resource's schema is its bare name, one enum per concept) ----------


def test_schema_names_are_public_names(spec: dict[str, Any]) -> None:
    """No `…Out` suffix, no FastAPI-made `Body_<operation>` or `Page_<Model>_`, no schema
    named after the operation that returns it (`OauthJwksResponseOauthJwks`)."""
    names = spec["components"]["schemas"]
    bad = [
        n
        for n in names
        if n.endswith("Out") or n.startswith(("Body_", "Page_")) or "_" in n or n == "TestResult"
    ]
    assert not bad, f"schema names that are not public names: {bad}"
    for op in operations(spec):
        for status, response in op.spec.get("responses", {}).items():
            schema = response.get("content", {}).get("application/json", {}).get("schema", {})
            if status.startswith("2") and schema.get("type") == "object":
                pytest.fail(f"{op}: {status} body is an inline object (name it with a model)")


def test_lists_are_resource_list_envelopes(spec: dict[str, Any]) -> None:
    for op in operations(spec):
        if op.operation_id.endswith("_list") and op.method == "get":
            ref = op.spec["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("List"), f"{op}: {ref}"


def _enums(spec: dict[str, Any]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    def walk(node: Any, where: str) -> Iterator[tuple[str, tuple[Any, ...]]]:
        if isinstance(node, dict):
            if "enum" in node:
                yield where, tuple(sorted(node["enum"]))
            for key, value in node.items():
                yield from walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, f"{where}/{i}")

    yield from walk(spec, "")


def test_role_enums_are_named_once(spec: dict[str, Any]) -> None:
    """`Role`, `VendorRole` and `PartnerRole` are components; nothing repeats their values
    inline (each inline copy becomes one more enum class in a generated SDK)."""
    components = spec["components"]["schemas"]
    assert components["Role"]["enum"] == [
        "admin",
        "channel_manager",
        "partner_admin",
        "partner_user",
    ]
    assert components["VendorRole"]["enum"] == ["admin", "channel_manager"]
    assert components["PartnerRole"]["enum"] == ["partner_admin", "partner_user"]
    roles = {tuple(sorted(components[n]["enum"])) for n in ("Role", "VendorRole", "PartnerRole")}
    inline = [
        where
        for where, values in _enums(spec)
        if values in roles and not re.fullmatch(r"/components/schemas/\w+", where)
    ]
    assert not inline, f"role enums repeated inline: {inline}"


def test_sort_parameters_are_enums_of_the_accepted_values(spec: dict[str, Any]) -> None:
    from prm_api.users.service import USER_SORTS

    sorts = {}
    for op in operations(spec):
        for param in op.spec.get("parameters", []):
            if param["name"] == "sort":
                sorts[op.operation_id] = param["schema"]
    assert sorts, "no list declares sort"
    for operation_id, schema in sorts.items():
        assert schema.get("type") == "string" and schema.get("enum"), (operation_id, schema)
        names = [v for v in schema["enum"] if not v.startswith("-")]
        assert schema["enum"] == [t for n in names for t in (n, f"-{n}")], operation_id
    assert sorts["users_list"]["enum"] == [
        t for name in USER_SORTS.columns for t in (name, f"-{name}")
    ]


# --- operations -----------------------------------------------------------------------------


def test_every_operation_has_a_hand_written_summary() -> None:
    """FastAPI makes a summary from the function name (`list_rules` → "List Rules") when the
    route sets none; every route sets one."""
    from fastapi.routing import APIRoute

    from prm_api.app import create_app
    from prm_api.config import Settings

    app = create_app(
        Settings(_env_file=None, database_url="postgresql+asyncpg://unused/unused")  # type: ignore[call-arg]
    )
    missing = [
        r.operation_id
        for r in app.routes
        if isinstance(r, APIRoute) and r.include_in_schema and not r.summary
    ]
    assert not missing, f"operations without summary=: {missing}"


def test_operation_ids_name_an_action(spec: dict[str, Any]) -> None:
    """Each operationId ends with what it does (`_list`, `_get`, …) or is a named action."""
    verbs = {"list", "get", "create", "update", "delete", "upsert_external"}
    for op in operations(spec):
        last = op.operation_id.rsplit("_", 1)[-1]
        if op.method == "get" and op.path.startswith("/v1/") and "{" in op.path.rsplit("/", 1)[-1]:
            assert last == "get", op.operation_id
        if op.method == "get" and op.path.startswith("/v1/") and last not in verbs:
            # A GET of a collection lists it; a GET of a singleton gets it; verify checks.
            assert op.operation_id in {"me_get", "audit_events_verify"}, op.operation_id
    ids = {op.operation_id for op in operations(spec)}
    assert {
        "webhook_endpoints_deliveries_list",
        "webhook_endpoints_stats_get",
        "deals_conflicts_list",
    } <= ids


def test_program_settings_have_their_own_tag(spec: dict[str, Any]) -> None:
    for op in operations(spec):
        if op.path.startswith("/v1/program/"):
            assert op.spec["tags"] == ["program"], op.operation_id
        if op.path.startswith("/v1/deal-rules"):
            assert op.spec["tags"] == ["deal-rules"], op.operation_id
