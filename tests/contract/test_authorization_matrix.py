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

And for every operation whose path names a partner-owned object (a partner, its users,
invitations, deals, events, webhook endpoints and deliveries, API clients): a partner token
naming another partner's object gets 404 problem+json and changes nothing (an operation
needing a scope no partner role can hold answers 403 ``insufficient_scope`` before any lookup),
while on its own objects a GET succeeds. Every path parameter is classified (partner-owned or
not, with a reason), so a new parameter forces a decision and a new operation is covered by
itself.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from contract_support import Operation, generated_spec, minimal_instance, operations
from factories import deal_body, settings_overridden

from prm_api.auth.roles import ceiling
from prm_api.auth.scopes import ALL_SCOPES
from prm_api.models import AuditEvent, Event

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
        # A share link's token is its credential (tests/assets/test_asset_share_links.py).
        "shared_assets_get",
        # A certification's verification code is its credential: anyone shown the code may
        # check it (tests/trainings/test_certifications.py, test_verify_shows_nothing_else).
        "certification_verifications_get",
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


def _problem_body(op: Operation, r: httpx.Response) -> dict[str, Any] | None:
    """The problem document; None for a HEAD, whose answer has no content (RFC 9110
    §9.3.2): its status and headers are all there is to check."""
    if op.method == "head":
        return None
    return r.json() if r.headers.get("content-type") == PROBLEM_JSON else {}


@pytest.mark.parametrize("op", SECURED, ids=str)
async def test_authorization(client: httpx.AsyncClient, auth, op: Operation) -> None:
    failures: list[str] = []

    for label, token in (("no token", None), ("forged token", FORGED_TOKEN)):
        r = await _send(client, op, token)
        body = _problem_body(op, r)
        if not (
            r.status_code == 401
            and r.headers.get("content-type") == PROBLEM_JSON
            and r.headers.get("www-authenticate", "").startswith("Bearer")
            and (body is None or body.get("code") == "unauthorized")
        ):
            failures.append(
                f"{label}: expected 401 problem with WWW-Authenticate: Bearer; got "
                + _describe(op, r)
            )

    required = op.required_scopes
    if required:
        token = await auth.token("admin", scopes=sorted(ALL_SCOPES - required))
        r = await _send(client, op, token)
        body = _problem_body(op, r)
        if not (
            r.status_code == 403
            and (body is None or body.get("code") == "insufficient_scope")
            and (body is None or set(body.get("required_scopes", [])) <= required)
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


# --- another partner's objects do not exist (DESIGN §4) ----------------------------------------

#: Path parameters naming a partner-owned object, keyed by the path up to the parameter (one
#: name can mean two things: ``user_id`` under a partner is that partner's user, under
#: ``/v1/users`` a vendor staff member). The value names the object in :class:`PartnerWorld`.
PARTNER_OWNED = {
    "/v1/partners/{partner_id}": "partner",
    "/v1/partners/{partner_id}/users/{user_id}": "user",
    "/v1/partners/{partner_id}/invitations/{invitation_id}": "invitation",
    "/v1/deals/{deal_id}": "deal",
    "/v1/events/{event_id}": "event",
    "/v1/webhook-endpoints/{endpoint_id}": "endpoint",
    "/v1/webhook-deliveries/{delivery_id}": "delivery",
    "/v1/api-clients/{client_uuid}": "api_client",
}
#: Partner-owned objects that no partner token sees, its own partner's included (the control
#: below expects 404 for the owner too; if that changes, take the object out of here).
HIDDEN_FROM_OWNERS = frozenset(
    {
        # API clients are credentials: vendor admins manage them (tests/users).
        "api_client",
    }
)
#: Path parameters that name no partner-owned object, each for a reason.
NOT_PARTNER_OWNED = frozenset(
    {
        # The audit trail's checkpoints sign the whole chain; no partner role holds audit:read.
        "/v1/audit-events/checkpoints/{checkpoint_id}",
        # Vendor staff; partner users are served under /v1/partners/{partner_id}/users.
        "/v1/users/{user_id}",
        # Assets belong to no partner: a partner token reads one only when its audience
        # admits the partner (else 404), proven by tests/assets/test_asset_visibility.py;
        # categories are program-wide.
        "/v1/assets/{asset_id}",
        "/v1/asset-categories/{category_id}",
        # An asset's versions and share links are read through the asset (its audience); a
        # partner lists and revokes only its own links, another's is a 404
        # (tests/assets/test_asset_share_links.py); the shared download's token is public.
        "/v1/assets/{asset_id}/versions/{number}",
        "/v1/assets/{asset_id}/share-links/{link_id}",
        # Resumable uploads: vendor staff only (assets:write, which no partner role holds);
        # another asset's upload is a 404 (tests/assets/test_asset_tus.py).
        "/v1/assets/{asset_id}/uploads/{upload_id}",
        "/v1/shared/{token}",
        # Courses belong to no partner: a partner token reads one only when it is published
        # and its audience admits the partner, else 404 (tests/trainings/test_courses.py).
        "/v1/courses/{course_id}",
        "/v1/courses/{course_id}/modules/{module_id}",
        # Enrollments are a partner's, but their progress paths also name a course's module
        # (not partner-owned), which this matrix cannot mix: another partner's enrollment
        # and attempt are a 404 on every path (tests/trainings/test_enrollments.py,
        # test_who_sees_and_records_progress), as is a colleague's for a partner user.
        "/v1/enrollments/{enrollment_id}",
        "/v1/enrollments/{enrollment_id}/modules/{module_id}",
        "/v1/enrollments/{enrollment_id}/modules/{module_id}/quiz-attempts/{attempt_id}",
        # Certification programs are the same for every partner (like tiers). Certifications
        # are a partner's: another partner's (and a colleague's, for a partner user) is a 404
        # on every path (tests/trainings/test_certifications.py, test_who_sees_certifications);
        # the verification code is public.
        "/v1/certification-programs/{program_id}",
        "/v1/certifications/{certification_id}",
        "/v1/certifications/verify/{code}",
        # The onboarding plan's steps are the program's, the same for every partner; a step
        # under a partner is checked by vendor staff only (trainings:write, which no partner
        # role holds: refused before any lookup). Another partner's checklist is a 404
        # (tests/onboarding/test_onboarding.py).
        "/v1/onboarding/steps/{step_id}",
        "/v1/partners/{partner_id}/onboarding/steps/{step_id}",
        # The program's tiers and deal rules are the same for every partner.
        "/v1/tiers/{tier_id}",
        "/v1/deal-rules/{rule_id}",
        # Tier evaluations review the whole program: vendor staff only (partner tokens are
        # refused vendor_only, tests/tier_evaluations/test_preview_and_access.py).
        "/v1/tier-evaluations/{evaluation_id}",
        "/v1/tier-evaluations/{evaluation_id}/changes/{change_id}",
        # Exchange rates are the program's (vendor staff only: partner tokens are refused
        # vendor_only, tests/exchange_rates/test_exchange_rates.py).
        "/v1/exchange-rates/{rate_id}",
        # Upsert keys of a CRM sync, not object ids: partner tokens are refused (vendor_only)
        # whatever the key (tests/partners/test_partner_upsert.py, tests/deals/test_deal_upsert.py).
        "/v1/partners/external/{system}",
        "/v1/partners/external/{system}/{external_id}",
        "/v1/deals/external/{system}",
        "/v1/deals/external/{system}/{external_id}",
    }
)
#: Bodies :func:`minimal_instance` cannot build (a ``pattern`` it does not honour).
BODIES: dict[str, dict[str, Any]] = {
    "deals_close": {"outcome": "won"},
}
#: The partner role with the widest ceiling: the 404s must not depend on a missing scope.
PARTNER_ROLE = "partner_admin"


def _parameter_paths(op: Operation) -> dict[str, str]:
    """Each path parameter with the path up to it (``/v1/deals/{deal_id}/submit`` →
    ``{"deal_id": "/v1/deals/{deal_id}"}``)."""
    out = {}
    for name in op.path_parameters:
        marker = "{" + name + "}"
        out[name] = op.path[: op.path.index(marker) + len(marker)]
    return out


def _owned(op: Operation) -> dict[str, str]:
    """Path parameter → the kind of partner-owned object it names."""
    return {
        name: PARTNER_OWNED[prefix]
        for name, prefix in _parameter_paths(op).items()
        if prefix in PARTNER_OWNED
    }


PARTNER_SCOPED = [op for op in OPERATIONS if _owned(op)]


def _partner_reachable(op: Operation) -> bool:
    """A partner token may hold every scope the operation requires."""
    return op.required_scopes <= ceiling(PARTNER_ROLE)


def test_every_path_parameter_is_classified() -> None:
    """A new path parameter must be declared partner-owned (and so covered by the 404 test
    below) or not partner-owned, with a reason."""
    prefixes = {prefix for op in OPERATIONS for prefix in _parameter_paths(op).values()}
    unclassified = sorted(prefixes - PARTNER_OWNED.keys() - NOT_PARTNER_OWNED)
    assert not unclassified, f"add to PARTNER_OWNED or NOT_PARTNER_OWNED: {unclassified}"
    stale = sorted((PARTNER_OWNED.keys() | NOT_PARTNER_OWNED) - prefixes)
    assert not stale, f"no such path parameter any more: {stale}"
    # The 404 below must come from the partner's object, not from a made-up shared id (an
    # operation no partner role may call is refused before any lookup: a 403 either way).
    mixed = [
        str(op)
        for op in PARTNER_SCOPED
        if len(_owned(op)) != len(op.path_parameters) and _partner_reachable(op)
    ]
    assert not mixed, f"partner-owned and other path parameters in one path: {mixed}"
    assert set(PARTNER_OWNED.values()) >= HIDDEN_FROM_OWNERS
    assert len(PARTNER_SCOPED) >= 40


@dataclass
class PartnerWorld:
    """A partner with one object of every partner-owned kind, and a token of its admin."""

    headers: dict[str, str]
    ids: dict[str, str]  # PARTNER_OWNED kind → id


async def _created(client: httpx.AsyncClient, url: str, headers: dict, body: dict | None) -> dict:
    r = await client.post(url, headers=headers, json=body)
    assert r.status_code in (201, 202), r.text
    return r.json()


async def _partner_world(client: httpx.AsyncClient, auth, factory, store) -> PartnerWorld:
    partner = await store.partner()
    headers = await auth.headers(PARTNER_ROLE, partner_id=partner.id)
    user = await factory.user(role="partner_user", partner_id=partner.id)
    api_client, _ = await factory.api_client(role="partner_user", partner_id=partner.id)
    invitation = await _created(
        client,
        f"/v1/partners/{partner.id}/invitations",
        headers,
        {"email": f"{uuid.uuid4().hex[:8]}@p.example"},
    )
    deal = await _created(client, "/v1/deals", headers, deal_body())
    [event] = await store.events(type="deal.created", resource_id=deal["id"])
    endpoint = await _created(
        client, "/v1/webhook-endpoints", headers, {"url": "http://127.0.0.1:9/hook"}
    )
    sent = await _created(client, f"/v1/webhook-endpoints/{endpoint['id']}/test", headers, None)
    ids = {
        "partner": partner.id,
        "user": user.id,
        "invitation": invitation["id"],
        "deal": deal["id"],
        "event": event.id,
        "endpoint": endpoint["id"],
        "delivery": sent["delivery_id"],
        "api_client": api_client.id,
    }
    assert set(ids) == set(PARTNER_OWNED.values())
    return PartnerWorld(headers, {kind: str(value) for kind, value in ids.items()})


@pytest.fixture
async def worlds(app, client, auth, factory, store) -> tuple[PartnerWorld, PartnerWorld]:
    """Partners A and B, each with one object of every partner-owned kind."""
    with settings_overridden(app, webhook_allow_private_targets=True):
        a = await _partner_world(client, auth, factory, store)
        b = await _partner_world(client, auth, factory, store)
    return a, b


def _partner_request(op: Operation, ids: dict[str, str]) -> dict[str, Any]:
    """A request for the operation on the objects ``ids`` (parameter → id) with a body that
    passes validation, so that what answers is the lookup."""
    path = op.path
    # A parameter naming no partner-owned object (only in operations no partner role may
    # call, see test_every_path_parameter_is_classified): any well-formed id.
    ids = {**{name: str(uuid.uuid4()) for name in op.path_parameters}, **ids}
    for name, value in ids.items():
        path = path.replace("{" + name + "}", value)
    request: dict[str, Any] = {"method": op.method.upper(), "url": path}
    if op.json_body is not None:
        request["json"] = BODIES.get(op.operation_id) or minimal_instance(op.json_body)
    return request


async def _vendor_view(
    client: httpx.AsyncClient, headers: dict[str, str], world: PartnerWorld
) -> dict[str, Any]:
    """Every GET on the partner's objects, as vendor staff sees them."""
    out = {}
    for op in PARTNER_SCOPED:
        if op.method == "get":
            ids = {name: world.ids[kind] for name, kind in _owned(op).items()}
            r = await client.request(**_partner_request(op, ids), headers=headers)
            out[op.operation_id] = (r.status_code, _stable(r.json()))
    return out


def _stable(body: Any) -> Any:
    """The body without ``computed_at`` (a live score's time of computation, e.g. health):
    it differs between two reads of unchanged data, which is not a change."""
    if isinstance(body, dict):
        return {k: _stable(v) for k, v in body.items() if k != "computed_at"}
    if isinstance(body, list):
        return [_stable(v) for v in body]
    return body


async def test_another_partners_objects_are_not_found(
    client: httpx.AsyncClient, store, admin_headers, worlds
) -> None:
    """For every operation on a partner-owned object, a partner token naming another
    partner's object gets 404 (never 403: nothing leaks), changing nothing; on its own
    objects a GET answers 200 (the control: the 404s are about ownership)."""
    a, b = worlds
    ceiling_scopes = ceiling(PARTNER_ROLE)
    before = await _vendor_view(client, admin_headers, b)
    rows_before = (await store.count(AuditEvent), await store.count(Event))
    failures: list[str] = []

    for op in PARTNER_SCOPED:
        owned = _owned(op)
        # Scopes no partner role can hold are refused before any lookup (the matrix above).
        reachable = op.required_scopes <= ceiling_scopes
        # Every mix with at least one of B's objects: B's user under A's partner path too.
        for owners in itertools.product((a, b), repeat=len(owned)):
            if all(w is a for w in owners):
                continue
            pairs = list(zip(owned.items(), owners, strict=True))
            ids = {name: w.ids[kind] for (name, kind), w in pairs}
            r = await client.request(**_partner_request(op, ids), headers=a.headers)
            status, code = (404, "not_found") if reachable else (403, "insufficient_scope")
            body = r.json() if r.headers.get("content-type") == PROBLEM_JSON else {}
            if not (r.status_code == status and body.get("code") == code):
                theirs = [kind for (_, kind), w in pairs if w is b]
                hint = " (does the body in BODIES validate?)" if r.status_code == 422 else ""
                failures.append(
                    f"A naming B's {theirs}: expected {status} {code}; got {_describe(op, r)}{hint}"
                )
        if op.method == "get":
            own = {name: a.ids[kind] for name, kind in owned.items()}
            r = await client.request(**_partner_request(op, own), headers=a.headers)
            hidden = any(kind in HIDDEN_FROM_OWNERS for kind in owned.values())
            if r.status_code != (404 if hidden else 200):
                failures.append("control, A on its own objects: " + _describe(op, r))

    assert not failures, "\n".join(failures)
    # A 404 that changed something anyway would still be a leak (and a write).
    assert await _vendor_view(client, admin_headers, b) == before
    assert (await store.count(AuditEvent), await store.count(Event)) == rows_before
