"""Results from an external LMS: `POST /v1/enrollments/external-completions` and the xAPI
statements resource `POST /v1/xapi/statements` (a subset of an LRS, see ``trainings.xapi``).

Both writes are for integration clients holding `trainings:write` (vendor API clients):
partner tokens never hold that scope, and the services refuse them anyway (403
`vendor_only`). This router is mounted before the enrollments' own, so that
`GET /v1/enrollments/external-completions` is not taken for `GET /v1/enrollments/{id}`."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Query, Request, Response
from pydantic import Field

from prm_api.auth.policy import TrainingsRead, TrainingsWrite
from prm_api.auth.principal import Principal
from prm_api.db import Session
from prm_api.errors import BadRequest
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery
from prm_api.kit.render import page_body, render, to_json
from prm_api.trainings import external_completions, xapi
from prm_api.trainings.lms_schemas import (
    EXTERNAL_COMPLETION,
    CompletionSource,
    ExternalCompletion,
    ExternalCompletionCreate,
    ExternalCompletionList,
    XapiStatement,
)

router = APIRouter(tags=["lms"])

#: The xAPI version this LRS answers with (it accepts any 1.0.x).
XAPI_VERSION = "1.0.3"


@router.get(
    "/v1/enrollments/external-completions",
    operation_id="enrollments_external_completions_list",
    summary="List completions from an external LMS",
    response_model=ExternalCompletionList,
    responses=errors(400, 401, 403, 422),
)
async def list_external_completions(
    request: Request,
    session: Session,
    principal: TrainingsRead,
    page: PageQuery,
    user_id: Annotated[uuid.UUID | None, Query()] = None,
    course_id: Annotated[uuid.UUID | None, Query()] = None,
    source: Annotated[CompletionSource | None, Query()] = None,
    sort: Annotated[str | None, sort_query(external_completions.SORTS)] = None,
) -> Response:
    """The results received from other LMSs (this endpoint's and xAPI statements), newest
    first, with the enrollment each completed: every one for vendor staff, a partner admin's
    partner's, a partner user's own."""
    result = await external_completions.list_completions(
        session,
        principal,
        user_id=user_id,
        course_id=course_id,
        source=source.value if source else None,
        sort=sort,
        page=page,
    )
    return page_body(request, result, EXTERNAL_COMPLETION)


@router.post(
    "/v1/enrollments/external-completions",
    operation_id="enrollments_external_completions_create",
    summary="Record a completion from an external LMS",
    status_code=201,
    response_model=ExternalCompletion,
    responses={
        200: {
            "description": "A retry of an `external_id` already recorded: the "
            "first result, nothing recorded again.",
            "model": ExternalCompletion,
        },
        **errors(400, 401, 403, 409, 422),
    },
)
async def create_external_completion(
    body: ExternalCompletionCreate, session: Session, principal: TrainingsWrite
) -> Response:
    """A user completed (or, with `passed: false`, failed) a course in another LMS (Docebo,
    Moodle...). Completes the user's active enrollment in the course — or creates one
    (`source: external`) and completes it — in one transaction, with the same events as a
    completion here (`enrollment.created`, `enrollment.completed` / `enrollment.failed`) and
    their consequences (certifications issued, onboarding steps). Idempotent on
    `external_id`: the same id again answers 200 with the first result and records nothing;
    the same id with other facts is a 409 `external_completion_conflict`. An unknown user or
    course is a 422 `validation_error` naming the field; a new enrollment needs an active user
    (409 `user_inactive`) of a partner the published course's audience admits (422
    `not_visible`)."""
    row, created = await external_completions.record_api_completion(
        session, principal, body.model_dump()
    )
    return render(EXTERNAL_COMPLETION, row, status_code=201 if created else 200)


def xapi_client(
    principal: TrainingsWrite,
    version: Annotated[
        str | None,
        # Documented as required with its pattern (``VERSION_HEADER``), read as optional
        # here: the refusal is xAPI's 400, not the 422 a required parameter would give.
        Header(alias="X-Experience-API-Version", include_in_schema=False),
    ] = None,
) -> Principal:
    """The caller, once authenticated (401/403 first, as everywhere), then the version."""
    # A dependency runs before the body is validated: a missing version is a 400 (as xAPI
    # asks of an LRS), never hidden behind a 422 about the body.
    if version is None or not xapi.SUPPORTED_VERSION.match(version):
        raise BadRequest(
            f"Send the header X-Experience-API-Version: 1.0.x (got {version!r}).",
            code="xapi_version_unsupported",
        )
    return principal


XapiClient = Annotated[Principal, Depends(xapi_client)]
VERSION_HEADER = {
    "name": "X-Experience-API-Version",
    "in": "header",
    "required": True,
    "description": "`1.0.x` (e.g. `1.0.3`); missing or anything else is a 400.",
    "schema": {"type": "string", "pattern": r"^1\.0(\.\d+)?$", "examples": [XAPI_VERSION]},
}


StatementsBody = Annotated[
    XapiStatement | Annotated[list[XapiStatement], Field(min_length=1, max_length=100)],
    Body(description="One statement, or an array of up to 100 (all or nothing)."),
]


@router.post(
    "/v1/xapi/statements",
    operation_id="xapi_statements_create",
    summary="Store xAPI statements",
    response_model=list[Any],
    responses={
        200: {
            "description": "The statement ids, in order (xAPI 1.0.3 §2.1.2).",
            "content": {
                "application/json": {
                    "schema": {"type": "array", "items": {"type": "string", "format": "uuid"}}
                }
            },
        },
        **errors(400, 401, 403, 409, 422),
    },
    openapi_extra={"parameters": [VERSION_HEADER]},
)
async def store_statements(
    request: Request, body: StatementsBody, session: Session, principal: XapiClient
) -> Response:
    """A subset of an xAPI 1.0.3 Learning Record Store: the statements an LMS sends when a
    learner finishes a course. Verbs `http://adlnet.gov/expapi/verbs/completed`, `passed`,
    `failed` (`completed` with `result.success: false` is a failure; other verbs are a 422);
    the actor by `mbox`
    (`mailto:` a partner user's email) or `account` (`homePage` this service's URL, `name` a
    user id or email); the object is the course's activity IRI,
    `{service URL}/v1/courses/{course_id}`, or the IRI stored in the course's
    `external_ids.xapi`; `result.score` becomes a percent; `timestamp` the completion time.
    Each statement completes (or fails) the user's enrollment as
    `POST /v1/enrollments/external-completions` does. The statement `id` makes it
    idempotent: sent again it records nothing (200 with the ids); the same id with another
    statement is a 409. Refused with a problem, and nothing stored from the batch: a missing
    or non-1.0.x `X-Experience-API-Version` (400 `xapi_version_unsupported`), a malformed
    statement or another verb (422 `validation_error`), an actor who is no partner user (422
    `unknown_actor`), an object no course has (422 `unknown_activity`). Properties this subset
    does not read (context, attachments, extensions…) are accepted and ignored. No GET,
    voiding, state or documents resources."""
    batch = isinstance(body, list)
    statements = body if isinstance(body, list) else [body]
    ids = await xapi.store_statements(
        session,
        principal,
        statements,
        issuer=request.app.state.settings.issuer,
        batch=batch,
    )
    return Response(
        to_json([str(i) for i in ids]),
        media_type="application/json",
        headers={"X-Experience-API-Version": XAPI_VERSION},
    )
