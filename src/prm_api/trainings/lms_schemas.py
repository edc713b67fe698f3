"""Completions from an external LMS, as the API reads and writes them, and the subset of
xAPI statements ``POST /v1/xapi/statements`` accepts."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from prm_api.kit.fields import ExternalId, ExternalSystem
from prm_api.kit.render import Shape
from prm_api.kit.schemas import (
    JSON_INTEGER,
    Page,
    RequestModel,
    ResponseModel,
    StrictBool,
    Timestamp,
)

Percent = Annotated[int, Field(ge=0, le=100), JSON_INTEGER]


class CompletionOutcome(StrEnum):
    completed = "completed"
    failed = "failed"


class CompletionSource(StrEnum):
    api = "api"
    xapi = "xapi"


class CourseExternalId(RequestModel):
    """A course by one of its `external_ids`: `{"system": "docebo", "id": "1234"}`."""

    system: ExternalSystem
    id: ExternalId


class ExternalCompletionCreate(RequestModel):
    """One result from another LMS. Name the user by `user_id` or `user_email` and the course
    by `course_id` or `course_external_id` (exactly one of each, else 422 `mismatch`)."""

    external_id: ExternalId = Field(
        description="The result's id in the sending LMS: a retry with the same id records "
        "nothing new and answers the first result (200); the same id with other facts is a "
        "409 `external_completion_conflict`.",
        examples=["docebo-enrollment-88123"],
    )
    user_id: uuid.UUID | None = None
    user_email: EmailStr | None = Field(default=None, max_length=320)
    course_id: uuid.UUID | None = None
    course_external_id: CourseExternalId | None = None
    completed_at: Timestamp = Field(description="When the user finished, in the LMS.")
    score: Percent | None = Field(default=None, description="Percent, 0-100.")
    passed: StrictBool | None = Field(
        default=None,
        description="`false` records a failure (the enrollment becomes `failed`); `true` or "
        "absent a completion.",
    )


class ExternalCompletion(ResponseModel):
    id: uuid.UUID
    source: CompletionSource = Field(
        description="`api`: this endpoint; `xapi`: an xAPI statement (`external_id` is the "
        "statement id)."
    )
    external_id: str
    sent_by: str = Field(description="The API client that sent it.")
    user_id: uuid.UUID
    course_id: uuid.UUID
    partner_id: uuid.UUID
    enrollment_id: uuid.UUID = Field(description="The enrollment it completed (or failed).")
    outcome: CompletionOutcome
    completed_at: Timestamp
    score: int | None
    passed: bool | None
    created_at: Timestamp


class ExternalCompletionList(Page[ExternalCompletion]):
    """A page of completions from an external LMS."""


EXTERNAL_COMPLETION = Shape(ExternalCompletion)


# --- xAPI (a subset of the 1.0.3 statement) ------------------------------------------------

#: Statements carry much this subset does not read (context, attachments, authority,
#: extensions, display maps...): it is accepted and ignored, as an LRS accepts any valid
#: statement's properties, and only what is read is kept. Every string read is declared
#: with its bounds and without NUL (PostgreSQL stores none), so the document says exactly
#: what the server takes.
_LENIENT = ConfigDict(extra="ignore", allow_inf_nan=False)

VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
VERB_PASSED = "http://adlnet.gov/expapi/verbs/passed"
VERB_FAILED = "http://adlnet.gov/expapi/verbs/failed"
VERBS = (VERB_COMPLETED, VERB_PASSED, VERB_FAILED)

#: No space or control character (C0, DEL, C1, NBSP) in an IRI or a mailbox, spelt as ranges:
#: ``\s`` differs between the server's regex engine and JSON Schema's (U+0085 is one to the
#: first, not to the second), so a client could build a value the schema admits and we refuse.
_INVISIBLE = r"\x00-\x20\x7f-\xa0"

Iri = Annotated[
    str,
    StringConstraints(
        min_length=1, max_length=2048, pattern=rf"^[A-Za-z][A-Za-z0-9+.-]*:[^{_INVISIBLE}]+$"
    ),
]


class XapiAccount(BaseModel):
    model_config = _LENIENT
    homePage: Iri = Field(description="This service's URL (`PRM_ISSUER`).")
    name: Annotated[str, StringConstraints(min_length=1, max_length=320, pattern=r"^[^\x00]+$")] = (
        Field(description="The user's id or email.")
    )


class XapiActor(BaseModel):
    """The user: `mbox` (`mailto:` their email) or `account` (`homePage` the service's
    issuer URL, `name` their user id or email) — exactly one (else 422 `mismatch`)."""

    model_config = _LENIENT
    objectType: Literal["Agent"] | None = None
    mbox: str | None = Field(
        default=None, pattern=rf"^mailto:[^@{_INVISIBLE}]+@[^@{_INVISIBLE}]+$", max_length=327
    )
    account: XapiAccount | None = None


class XapiVerb(BaseModel):
    model_config = _LENIENT
    id: Literal[
        "http://adlnet.gov/expapi/verbs/completed",
        "http://adlnet.gov/expapi/verbs/passed",
        "http://adlnet.gov/expapi/verbs/failed",
    ] = Field(description="The verbs this LRS records: `completed`, `passed`, `failed` of ADL.")


class XapiActivity(BaseModel):
    model_config = _LENIENT
    objectType: Literal["Activity"] | None = None
    id: Iri = Field(description="The course's activity IRI.")


class XapiScore(BaseModel):
    model_config = _LENIENT
    scaled: float | None = Field(default=None, ge=-1, le=1)
    raw: float | None = None
    min: float | None = None
    max: float | None = None


class XapiResult(BaseModel):
    model_config = _LENIENT
    score: XapiScore | None = None
    success: bool | None = None
    completion: bool | None = None


class XapiStatement(BaseModel):
    model_config = _LENIENT
    id: uuid.UUID | None = Field(
        default=None, description="Idempotency: the same id twice records one result."
    )
    actor: XapiActor
    verb: XapiVerb
    object: XapiActivity
    result: XapiResult | None = None
    timestamp: Timestamp | None = Field(
        default=None, description="When it happened (default: when it is stored)."
    )


def statement_json(statement: XapiStatement) -> dict[str, Any]:
    """What is kept of a statement: the properties this subset reads."""
    return statement.model_dump(mode="json", exclude_none=True)
