"""Property-based testing of the whole API with schemathesis (DESIGN §9).

Every operation of the OpenAPI document the app generates (and serves at ``/openapi.json``)
is exercised — operations added later are picked up by themselves — with valid and invalid
input, over real HTTP against :func:`live_server`. Secured operations are called as an admin
holding every scope; public ones without a token. All built-in checks run, notably:

- ``not_a_server_error``: no 5xx;
- ``status_code_conformance``, ``content_type_conformance``, ``response_headers_conformance``,
  ``response_schema_conformance``: every response is documented (status code, media type,
  headers, body schema);
- ``negative_data_rejection``: schema-invalid input is rejected with a 4xx;
- ``positive_data_acceptance``: schema-valid input is not rejected as invalid;
- ``ignored_auth``: secured operations refuse requests without (or with a bogus) token;
- ``unsupported_method``, ``allow_header_conformance``, ``missing_required_header``,
  ``use_after_free``, ``ensure_resource_availability``.

Nothing is excluded. ``positive_data_acceptance`` alone is waived, per response, where a
schema cannot describe what the server accepts (see :func:`_valid_input_may_be_refused`).

Each operation is an ordinary test item (``test_api[POST /v1/deals]``), so pytest-xdist spreads
them over its workers like any other test. The schema comes from the app at import time (no
database needed); each item builds its Hypothesis test when it runs (see
:func:`_build_when_run`), records how many cases it ran, and fails if that is none. The run's
summary line ``schemathesis: N operations, M cases`` adds them up across workers.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import jsonschema_rs
import pytest
import schemathesis
from contract_support import generated_spec, schemathesis_seed
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    missing_required_header,
    negative_data_rejection,
    positive_data_acceptance,
)
from schemathesis.pytest import _test_builder

from prm_api.assets.tus_protocol import CHECKSUM_HEADER
from prm_api.auth.scopes import ALL_SCOPES

# Examples per operation in the fuzzing phase (the examples and coverage phases add their own).
# 12 keeps the whole suite inside its 10-minute budget with ~90 operations; the seed changes
# every run, so runs keep exploring. PRM_SCHEMATHESIS_MAX_EXAMPLES=200 for a deep run.
MAX_EXAMPLES = int(os.environ.get("PRM_SCHEMATHESIS_MAX_EXAMPLES", "12"))
#: 400 problem codes meaning "well-formed, but not a value this API issued".
OPAQUE_VALUE_CODES = frozenset({"invalid_checkpoint", "invalid_cursor", "invalid_invitation"})
#: 422 codes for a well-formed reference to an object that does not exist, or for fields that
#: must agree with each other (no schema can express either).
UNSATISFIABLE_REFERENCE_CODES = frozenset(
    {
        "invalid_manager",
        "mismatch",
        "not_found",
        "scope_above_role",
        "partner_required",
        # A webhook URL is checked by resolving it (SSRF guard): public addresses only.
        "target_refused",
        # An event type the pattern admits but the catalog (GET /v1/event-types) lacks.
        "unknown_type",
        # A well-formed BCP 47 tag whose language, script or region no ISO registry has.
        "unknown_language",
        # A time that must not be ahead of the server's clock: no schema can say "now".
        "in_future",
        # A metrics [from, to] pair must be in order and at most 1,098 days apart, and a
        # currency split or filter goes only with deal metrics: fields that must agree.
        "invalid_date_range",
        "dimension_not_supported",
    }
)
#: How email-validator words its refusal of RFC 6761 special-use domains.
SPECIAL_USE_DOMAIN = "special-use or reserved name"

# One test per operation. (``schemathesis.pytest.from_fixture`` could load the document from
# the live server, but schemathesis 4.32 sets ``Item._nodeid``, which pytest 9.2 removed.)
# A tus PATCH body is the upload's raw bytes: schemathesis has no serializer for its media type.
schemathesis.openapi.media_type("application/offset+octet-stream", st.binary(max_size=64))
schema = schemathesis.openapi.from_dict(generated_spec())
schema.config.update(request_timeout=30)
# Random per run, so runs explore different inputs; the summary prints it for replaying.
# Under xdist the controller draws it and every worker receives it (tests/conftest.py).
schema.config.seed = schemathesis_seed()

#: ``user_properties`` key of the cases an item ran (summed up by tests/conftest.py).
CASES_KEY = "schemathesis_cases"
#: Calls of :func:`test_api` in this process: one per case.
_cases_run = 0

_build_operation_test = _test_builder.build_operation_test


def _build_when_run(**kwargs: Any) -> Callable[..., None]:
    """Stand-in for schemathesis' ``build_operation_test``: the item gets a function that
    builds the operation's Hypothesis test on its first call.

    Building it generates the coverage phase's cases, all of them, and for a few schemas that
    costs minutes of CPU (the partner bodies' ``website``: a long Unicode pattern with
    ``minLength``/``maxLength``, ~3-5 min each in schemathesis 4.32). At collection every
    xdist worker would pay that for every operation before running a single test; here only
    the worker running the operation does. The stand-in takes the built test's arguments (the
    test's fixtures without ``case``) plus ``request``, copies the built test's attributes (the
    marks schemathesis' pytest plugin reads after the call), records the cases run, and fails
    an operation that ran none. schemathesis calls its builder through the module
    attribute (``schemathesis.pytest._test_builder``, private; checked with 4.32), and only
    :func:`test_api` is built this way.
    """
    test_func = kwargs["test_func"]
    if test_func is not test_api:
        return _build_operation_test(**kwargs)
    label = kwargs["operation"].label
    built: list[Callable[..., None]] = []

    def run(request: pytest.FixtureRequest, **fixtures: Any) -> None:
        if not built:
            built.append(_build_operation_test(**kwargs))
            run.__dict__.update(vars(built[0]))
        before = _cases_run
        built[0](**fixtures)
        ran = _cases_run - before
        request.node.user_properties.append((CASES_KEY, ran))
        assert ran > 0, f"schemathesis ran no case of {label}"

    parameters = inspect.signature(test_func).parameters
    run.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [p for name, p in parameters.items() if name not in ("case", "request")]
    )
    run.__name__ = run.__qualname__ = test_func.__name__
    return run


_test_builder.build_operation_test = _build_when_run  # type: ignore[assignment]


@pytest.fixture
async def admin_token(auth) -> str:
    """An admin user's token with every scope; the user exists for the whole test."""
    return await auth.token("admin", scopes=sorted(ALL_SCOPES))


def _problem(response: Any) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _declares_enum(schema: dict[str, Any]) -> bool:
    options = [*schema.get("anyOf", []), *schema.get("oneOf", [])]
    return "enum" in schema or "const" in schema or any(_declares_enum(o) for o in options)


def _valid_input_may_be_refused(case: Any, response: Any) -> bool:
    """Schema-valid requests that the contract says may still be refused.

    - Opaque values the API issued itself (``cursor`` — DESIGN §5 —, invitation tokens, audit
      checkpoints): only the ones it issued are valid, and no schema can describe that set
      (see :data:`OPAQUE_VALUE_CODES`).
    - ``sort`` takes a field name with an optional ``-``; while an operation declares it as a
      free string (no ``enum``), a 400 ``invalid_sort`` for an unknown field is expected.
      Declare the allowed values as an enum and this waiver stops applying by itself.
    - ``/oauth/*`` answers RFC 6749 §5.2 errors (``invalid_grant``, ``invalid_request``,
      ``unsupported_grant_type``, …) with 400 for well-formed requests: wrong credentials
      are not a schema matter.
    - Email addresses at special-use domains (RFC 6761: ``.test``, ``.invalid``,
      ``.localhost``, …) are refused with 422: they are well-formed (``format: email``) but
      can never receive mail. Only when that is the sole complaint.
    - References to objects that do not exist (a random ``manager_id`` or ``tier_id``) and
      fields that must agree with each other (an upsert's body and path external id): 422
      with the codes in :data:`UNSATISFIABLE_REFERENCE_CODES` only.
    - Webhook URLs must resolve to public addresses (``target_refused``) and event-type
      filters must name a type of the catalog (``unknown_type``): both are lookups, not
      shapes. 422 with those codes only.
    - Internationalized host names whose punycode form breaks DNS length limits (63 per label,
      253 in all): JSON Schema cannot measure a string after IDNA encoding. Only for
      ``invalid_domain`` on non-ASCII input.
    - 412 ``precondition_failed``: a random ``If-Match`` cannot name the current ``ETag``.
    - 460 ``checksum_mismatch`` (tus): a random ``Upload-Checksum`` cannot be the digest of
      the random body it came with.
    """
    problem = _problem(response)
    if response.status_code == 412 and problem.get("code") == "precondition_failed":
        return True  # an If-Match drawn at random cannot name the current ETag
    if response.status_code == 460 and problem.get("code") == "checksum_mismatch":
        return True  # nor can a random digest match a random body
    if response.status_code == 400 and _checksum_off_pattern(case):
        return True
    if response.status_code == 422:
        errors = problem.get("errors") or []
        if errors and all(e.get("code") in UNSATISFIABLE_REFERENCE_CODES for e in errors):
            return True
        if errors and all(
            e.get("code") == "invalid_domain" and not e.get("message", "").isascii() for e in errors
        ):
            return True
        return bool(errors) and all(
            e.get("field", "").split(".")[-1].endswith("email")
            and SPECIAL_USE_DOMAIN in e.get("message", "")
            for e in errors
        )
    if response.status_code != 400:
        return False
    if problem.get("code") in OPAQUE_VALUE_CODES:
        return True
    if problem.get("code") == "invalid_sort" and "sort" in (case.query or {}):
        parameters = case.operation.definition.raw.get("parameters", [])
        sort = next((p for p in parameters if p["name"] == "sort" and p["in"] == "query"), {})
        return not _declares_enum(sort.get("schema", {}))
    return case.operation.path.startswith("/oauth/") and "error" in problem


def _checksum_off_pattern(case: Any) -> bool:
    """schemathesis (4.x, coverage phase) sends optional headers' example values without their
    ``pattern`` (e.g. ``Upload-Checksum: 0``): such a value is not schema-valid, and the tus
    endpoint's 400 for it is right."""
    value = (case.headers or {}).get("Upload-Checksum")
    return value is not None and CHECKSUM_HEADER.match(value) is None


def _wire_value_valid(value: str, schema: dict[str, Any]) -> bool:
    """``value`` as the server receives it (query strings are text) admitted by ``schema``."""
    branches = [b for b in [*schema.get("anyOf", []), schema] if b.get("type")]
    for branch in branches:
        if branch.get("type") == "array":
            if _wire_value_valid(value, branch.get("items", {})):
                return True
        elif branch.get("type") == "string":
            if jsonschema_rs.is_valid(branch, value):
                return True
        elif branch.get("type") == "integer":
            try:
                if jsonschema_rs.is_valid(branch, int(value)):
                    return True
            except ValueError:
                pass
    return False


def _negative_query_is_valid_on_the_wire(case: Any, response: Any) -> bool:
    """A "negative" GET whose only mutations changed a query value's JSON type (a number or
    an object where a string is declared) sends text the schema admits: the server cannot
    tell it apart from a valid request, so accepting it is right. Only for 2xx answers to
    GETs whose every query value, as sent, is admitted by its parameter's schema."""
    if case.method.upper() != "GET" or not 200 <= response.status_code < 300:
        return False
    declared = {
        p["name"]: p["schema"]
        for p in case.operation.definition.raw.get("parameters", [])
        if p.get("in") == "query"
    }
    sent = parse_qsl(urlsplit(str(response.request.url)).query, keep_blank_values=True)
    return all(name in declared and _wire_value_valid(v, declared[name]) for name, v in sent)


def _is_secured(case: Any) -> bool:
    return bool(case.operation.definition.raw.get("security"))


def _tus_version_refused(response: Any) -> bool:
    """The tus 1.0.0 protocol answers a missing or other ``Tus-Resumable`` with 412 and
    ``Tus-Version`` (not a 4xx schemathesis lists for invalid input): that refusal is the
    rejection ``negative_data_rejection`` looks for."""
    if response.status_code != 412:
        return False
    # A HEAD's answer has no body: there the protocol's Tus-Version header says it.
    named = _problem(response).get("code") == "tus_version_unsupported"
    return named or any(name.lower() == "tus-version" for name in response.headers)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    # Network round trips trip Hypothesis' "too slow" and data-size heuristics; they say
    # nothing about the API.
    suppress_health_check=list(HealthCheck),
)
def test_api(case, live_server, admin_token: str, app) -> None:
    # ``app`` is requested so the autouse cleanup truncates what this test wrote.
    global _cases_run
    _cases_run += 1
    headers = {"Authorization": f"Bearer {admin_token}"} if _is_secured(case) else None
    response = case.call(base_url=live_server.url, headers=headers)
    excluded = [positive_data_acceptance] if _valid_input_may_be_refused(case, response) else []
    if _negative_query_is_valid_on_the_wire(case, response):
        excluded.append(negative_data_rejection)
    if _tus_version_refused(response):
        excluded += [negative_data_rejection, missing_required_header]
    case.validate_response(
        response,
        headers=headers,
        excluded_checks=excluded,
        transport_kwargs={"base_url": live_server.url, "headers": headers},
    )
