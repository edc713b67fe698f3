"""The authorization matrix, walked from the OpenAPI document (DESIGN §4, §9).

For every operation the app generates — including ones added later — and with requests that
would otherwise fail validation or find nothing (random ids, minimal bodies), so that the
authorization check is proven to run *before* validation and lookups:

- no token, or a token that does not verify → 401 problem+json with ``WWW-Authenticate: Bearer``;
- a valid token holding every scope except the ones the operation requires → 403
  ``insufficient_scope``, naming the missing scope(s);
- a valid token holding every scope → neither 401 nor 403 (the control: the 401/403 above are
  about the token, not about something else).

Public operations are an explicit list: an operation that forgets ``authorize(...)`` fails
here instead of silently becoming public.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from contract_support import Operation, generated_spec, operations

from prm_api.auth.scopes import ALL_SCOPES

#: Operations callable without a token (operationIds), each for a reason.
PUBLIC_OPERATIONS = frozenset(
    {
        # Probes and metrics scraped by infrastructure.
        "ops_healthz",
        "ops_readyz",
        "ops_metrics",
        # The OAuth2 authorization server authenticates clients itself (RFC 6749/7009/7662).
        "oauth_token",
        "oauth_revoke",
        "oauth_introspect",
        "oauth_jwks",
        "oauth_metadata",
        # Partner recruitment: prospects apply, invitees accept with the invitation's token.
        "partner_applications_create",
        "invitations_accept",
    }
)
#: Served by FastAPI outside the document.
PUBLIC_PATHS = ("/openapi.json",)

OPERATIONS = operations()
SECURED = [op for op in OPERATIONS if op.operation_id not in PUBLIC_OPERATIONS]
PROBLEM_JSON = "application/problem+json"
# A JWT-shaped token signed by nobody we know.
FORGED_TOKEN = (
    "eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9."
    "eyJzdWIiOiJub2JvZHkiLCJzY29wZSI6InVzZXJzOndyaXRlIn0."
    "c2lnbmF0dXJl"
)


def _path_value(parameter: dict[str, Any]) -> str:
    schema = parameter.get("schema", {})
    options = [schema, *schema.get("anyOf", []), *schema.get("oneOf", [])]
    for option in options:
        if option.get("format") == "uuid":
            return str(uuid.uuid4())
        if option.get("enum"):
            return str(option["enum"][0])
        if option.get("examples"):
            return str(option["examples"][0])
    return "x" + uuid.uuid4().hex[:8]


def request_for(op: Operation) -> dict[str, Any]:
    """A request that reaches the operation's route: random path ids, a minimal body."""
    path = op.path
    for parameter in op.spec.get("parameters", []):
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", _path_value(parameter))
    request: dict[str, Any] = {"method": op.method.upper(), "url": path}
    content = (op.spec.get("requestBody") or {}).get("content", {})
    if "application/json" in content or any(m.endswith("+json") for m in content):
        request["json"] = {}
    elif "multipart/form-data" in content:
        request["files"] = {"file": ("contract.txt", b"contract", "text/plain")}
    elif "application/x-www-form-urlencoded" in content:
        request["data"] = {}
    return request


async def _send(client: httpx.AsyncClient, op: Operation, token: str | None) -> httpx.Response:
    request = request_for(op)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await client.request(headers=headers, **request)


def _describe(op: Operation, response: httpx.Response) -> str:
    return (
        f"{op.method.upper()} {op.path} ({op.operation_id}) → {response.status_code} "
        f"{response.headers.get('content-type')}: {response.text[:300]}"
    )


def test_public_operations_are_exactly_the_unsecured_ones() -> None:
    unsecured = {op.operation_id for op in OPERATIONS if not op.is_secured}
    assert unsecured == PUBLIC_OPERATIONS, (
        f"unsecured but not listed as public: {sorted(unsecured - PUBLIC_OPERATIONS)}; "
        f"listed as public but secured or gone: {sorted(PUBLIC_OPERATIONS - unsecured)}"
    )


def test_required_scopes_are_known() -> None:
    unknown = {op.operation_id: op.required_scopes - ALL_SCOPES for op in SECURED}
    assert not {k: v for k, v in unknown.items() if v}


def test_the_matrix_is_not_empty() -> None:
    # The matrix must walk what the app really serves, not an empty or partial document.
    paths = generated_spec()["paths"]
    assert len(SECURED) >= 10
    assert "/v1/me" in paths
    assert any(op.required_scopes for op in SECURED)


@pytest.mark.parametrize("path", PUBLIC_PATHS)
async def test_public_paths_need_no_token(client: httpx.AsyncClient, path: str) -> None:
    assert (await client.get(path)).status_code == 200


@pytest.mark.parametrize("op", SECURED, ids=str)
async def test_authorization(client: httpx.AsyncClient, auth, op: Operation) -> None:
    failures: list[str] = []

    for label, token in (("no token", None), ("forged token", FORGED_TOKEN)):
        r = await _send(client, op, token)
        if not (
            r.status_code == 401
            and r.headers.get("content-type") == PROBLEM_JSON
            and r.headers.get("www-authenticate", "").startswith("Bearer")
            and r.json().get("code") == "unauthorized"
        ):
            failures.append(
                f"{label}: expected 401 problem with WWW-Authenticate: Bearer; got "
                + _describe(op, r)
            )

    required = op.required_scopes
    if required:
        token = await auth.token("admin", scopes=sorted(ALL_SCOPES - required))
        r = await _send(client, op, token)
        body = r.json() if r.headers.get("content-type") == PROBLEM_JSON else {}
        if not (
            r.status_code == 403
            and body.get("code") == "insufficient_scope"
            and set(body.get("required_scopes", [])) <= required
            and "insufficient_scope" in r.headers.get("www-authenticate", "")
        ):
            failures.append(
                f"every scope but {sorted(required)}: expected 403 insufficient_scope; got "
                + _describe(op, r)
            )

    token = await auth.token("admin", scopes=sorted(ALL_SCOPES))
    r = await _send(client, op, token)
    if r.status_code in (401, 403):
        failures.append("every scope: expected to pass authorization; got " + _describe(op, r))

    assert not failures, "\n".join(failures)
