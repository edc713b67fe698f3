"""Request schemas are as strict as the server (DESIGN §5) where a schema can say it, for
the operations whose schema admitted what the server mostly refused (schemathesis:
"schema constraints don't match API validation").

What stays is state: credentials, tokens the API issued, ids that must exist, ETags, and
whether a webhook host resolves to public addresses.
"""

from __future__ import annotations

import re
from typing import Any

import jsonschema_rs
import pytest
from contract_support import generated_spec, operations

from prm_api.auth.endpoints import GRANT_TYPES
from prm_api.auth.passwords import new_token
from prm_api.webhooks.targets import TargetRefused, parse


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return generated_spec()


def _form_body(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    op = next(o for o in operations(spec) if o.operation_id == operation_id)
    ref = op.spec["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    return spec["components"]["schemas"][ref["$ref"].rsplit("/", 1)[-1]]


def test_token_request_admits_only_the_grants_served_with_what_each_needs(
    spec: dict[str, Any],
) -> None:
    body = _form_body(spec, "oauth_token")
    assert body["properties"]["grant_type"]["enum"] == GRANT_TYPES
    valid = jsonschema_rs.validator_for(body).is_valid
    assert valid({"grant_type": "client_credentials"})
    assert not valid({"grant_type": "authorization_code"})  # 400 unsupported_grant_type
    assert not valid({"grant_type": "password", "username": "ada@vendor.example"})
    assert not valid({"grant_type": "password", "username": "", "password": "x" * 12})
    assert valid({"grant_type": "password", "username": "a@b.example", "password": "x" * 12})
    assert not valid({"grant_type": "refresh_token"})
    assert valid({"grant_type": "refresh_token", "refresh_token": "rt_1"})


@pytest.mark.parametrize("operation_id", ["oauth_token", "oauth_revoke", "oauth_introspect"])
def test_oauth_forms_say_each_parameter_is_sent_once(
    spec: dict[str, Any], operation_id: str
) -> None:
    """check_oauth_form refuses a repeated parameter (RFC 6749 §3.2), declared or not: an
    extra parameter is one string, never a list (which a client would send repeated)."""
    body = _form_body(spec, operation_id)
    assert body["additionalProperties"]["type"] == "string"
    valid = jsonschema_rs.validator_for(body).is_valid
    assert not valid({"token": "t", "grant_type": "password", "extra": ["a", "b"]})


URLS = [
    "https://crm.example.com/hooks/prm",
    "HTTPS://crm.example.com:8443/hooks?x=1",
    "https://crm.example.com.",
    "http://crm.example.com/hooks",
    "ftp://crm.example.com/",
    "https://user:pw@crm.example.com/",
    "https://crm.example.com/#frag",
    "https://crm.example.com/a b",
    "https://crm.example.com/a\u2028b",
    "https://crm.example.com:99999/",
    "https://./",
    "https:///path",
    "crm.example.com/hooks",
]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("schema_name", ["WebhookEndpointCreate", "WebhookEndpointUpdate"])
def test_webhook_url_pattern_is_what_the_target_check_takes(
    spec: dict[str, Any], schema_name: str, url: str
) -> None:
    """The pattern admits a URL exactly when the production target check's syntax rules
    do (resolving the host to public addresses comes after, and is no shape)."""
    pattern = spec["components"]["schemas"][schema_name]["properties"]["url"]["pattern"]
    try:
        parse(url, allow_private=False)
        accepted = True
    except TargetRefused:
        accepted = False
    documented = jsonschema_rs.is_valid({"type": "string", "pattern": pattern}, url)
    assert documented == accepted, (url, documented, accepted)


@pytest.mark.parametrize("operation_id", ["partners_upsert_external", "deals_upsert_external"])
def test_upsert_body_says_how_it_must_agree_with_the_path(
    spec: dict[str, Any], operation_id: str
) -> None:
    op = next(o for o in operations(spec) if o.operation_id == operation_id)
    body = spec["components"]["schemas"][op.json_body["$ref"].rsplit("/", 1)[-1]]
    external_ids = body["properties"]["external_ids"]
    assert "`{external_id}`" in external_ids["description"]
    assert "mismatch" in external_ids["description"]
    params = {p["name"]: p for p in op.spec["parameters"]}
    system_examples = params["system"]["schema"].get("examples", [])
    id_examples = params["external_id"]["schema"].get("examples", [])
    assert id_examples, "the path's external_id has an example"
    # Examples a client copies never contradict each other.
    for example in external_ids.get("examples", []):
        for system in system_examples:
            assert example.get(system, id_examples[0]) == id_examples[0], (system, example)


def test_invitation_token_pattern_admits_the_tokens_issued(spec: dict[str, Any]) -> None:
    token = spec["components"]["schemas"]["InvitationAccept"]["properties"]["token"]
    for _ in range(20):
        assert jsonschema_rs.is_valid(token, new_token("inv_"))
    assert not jsonschema_rs.is_valid(token, "whsec_" + "a" * 40)


async def test_schema_only_enums_keep_the_server_answers(client, admin_headers) -> None:
    """The enums above live in the document: the server still answers RFC 6749 / DESIGN §5
    errors, not FastAPI's 422."""
    r = await client.post("/oauth/token", data={"grant_type": "authorization_code"})
    assert r.status_code == 400 and r.json()["code"] == "unsupported_grant_type"
    r = await client.get("/v1/users?sort=password", headers=admin_headers)
    assert r.status_code == 400 and r.json()["code"] == "invalid_sort"
    assert re.search("created_at", r.json()["detail"])
