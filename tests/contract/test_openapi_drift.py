"""The committed OpenAPI document is the one the app generates, and it keeps its promises.

``openapi/openapi.json`` is what frontends and the SDK are built from: regenerate it with
``prm-api openapi`` (or ``scripts/generate_sdk.sh``, which also regenerates the SDK).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest
from contract_support import Operation, generated_spec, operations

from prm_api.openapi_export import render_spec

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "openapi" / "openapi.json"
PROBLEM_JSON = "application/problem+json"
OPERATION_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")


@pytest.fixture(scope="module")
def rendered() -> str:
    return render_spec()


@pytest.fixture(scope="module")
def spec(rendered: str) -> dict[str, Any]:
    return json.loads(rendered)


@pytest.fixture(scope="module")
def ops(spec: dict[str, Any]) -> list[Operation]:
    return operations(spec)


def test_committed_spec_is_up_to_date(rendered: str) -> None:
    assert COMMITTED.exists(), "openapi/openapi.json is missing: run `prm-api openapi`"
    committed = COMMITTED.read_text()
    if committed != rendered:
        old, new = json.loads(committed), json.loads(rendered)
        old_ops = {o.operation_id for o in operations(old)}
        new_ops = {o.operation_id for o in operations(new)}
        pytest.fail(
            "openapi/openapi.json is out of date: run `prm-api openapi` "
            "(or scripts/generate_sdk.sh) and commit the result.\n"
            f"operations added: {sorted(new_ops - old_ops)}; removed: {sorted(old_ops - new_ops)}"
        )


def test_contract_suites_walk_the_rendered_spec(spec: dict[str, Any]) -> None:
    assert generated_spec() == spec


async def test_served_spec_is_the_rendered_one(client: httpx.AsyncClient, spec: dict) -> None:
    r = await client.get("/openapi.json")
    assert r.status_code == 200
    assert r.json() == spec


def test_openapi_3_1(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1.")
    assert spec["info"]["title"] and spec["info"]["version"]


def test_operation_ids_are_present_unique_and_snake_case(ops: list[Operation]) -> None:
    missing = [f"{o.method.upper()} {o.path}" for o in ops if "operationId" not in o.spec]
    assert not missing, f"operations without operationId: {missing}"
    duplicates = [i for i, n in Counter(o.operation_id for o in ops).items() if n > 1]
    assert not duplicates, f"duplicate operationIds: {duplicates}"
    badly_named = [o.operation_id for o in ops if not OPERATION_ID.match(o.operation_id)]
    assert not badly_named, f"operationIds must look like `partners_list`: {badly_named}"


def test_every_error_response_is_a_problem_document(
    ops: list[Operation], spec: dict[str, Any]
) -> None:
    assert "Problem" in spec["components"]["schemas"]
    wrong = []
    for op in ops:
        for status, response in op.spec["responses"].items():
            if status[:1] not in ("4", "5"):
                continue
            content = response.get("content", {})
            schema = content.get(PROBLEM_JSON, {}).get("schema", {})
            if set(content) != {PROBLEM_JSON} or "$ref" not in schema:
                wrong.append(f"{op.operation_id} {status}: {sorted(content)}")
    assert not wrong, "error responses must be application/problem+json only:\n" + "\n".join(wrong)


def test_every_operation_documents_its_errors(ops: list[Operation]) -> None:
    """The errors any operation of its kind can answer (schemathesis checks the rest live)."""
    missing = []
    for op in ops:
        documented = set(op.spec["responses"])
        expected = {"429", "503"}
        if op.spec.get("parameters") or op.spec.get("requestBody"):
            expected |= {"400", "422"}
        if op.spec.get("requestBody"):
            expected |= {"413", "415"}
        if op.is_secured:
            expected.add("401")
        if op.required_scopes:
            expected.add("403")
        if expected - documented:
            missing.append(f"{op.operation_id}: {sorted(expected - documented)}")
    assert not missing, "undocumented error responses:\n" + "\n".join(missing)


def test_every_operation_documents_a_success_response(ops: list[Operation]) -> None:
    missing = [o.operation_id for o in ops if not any(s[:1] == "2" for s in o.spec["responses"])]
    assert not missing
