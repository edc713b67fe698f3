"""Completions from an external LMS, as the API reads and writes them, and the subset of
xAPI statements ``POST /v1/xapi/statements`` accepts."""

from __future__ import annotations

import math
import uuid
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, model_validator

from prm_api.kit.fields import ExternalId, ExternalSystem
from prm_api.kit.render import Shape
from prm_api.kit.schemas import (
    JSON_INTEGER,
    RequestModel,
    ResponseModel,
    StrictBool,
    Timestamp,
    contains_nul,
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

    @model_validator(mode="after")
    def _one_of_each(self) -> Self:
        if (self.user_id is None) == (self.user_email is None):
            raise ValueError("give exactly one of user_id and user_email")
        if (self.course_id is None) == (self.course_external_id is None):
            raise ValueError("give exactly one of course_id and course_external_id")
        return self


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


EXTERNAL_COMPLETION = Shape(ExternalCompletion)


# --- xAPI (a subset of the 1.0.3 statement) ------------------------------------------------

#: Statements may carry much we do not read (context, attachments, extensions...): they are
#: kept as received, so these models ignore what they do not name, as an LRS must accept
#: any valid statement's extra properties.
_LENIENT = ConfigDict(extra="allow", allow_inf_nan=False)

VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
VERB_PASSED = "http://adlnet.gov/expapi/verbs/passed"
VERB_FAILED = "http://adlnet.gov/expapi/verbs/failed"
VERBS = (VERB_COMPLETED, VERB_PASSED, VERB_FAILED)

Iri = Annotated[
    str, StringConstraints(min_length=1, max_length=2048, pattern=r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
]


class XapiAccount(BaseModel):
    model_config = _LENIENT
    homePage: Iri
    name: Annotated[str, StringConstraints(min_length=1, max_length=320)]


class XapiActor(BaseModel):
    """The user: `mbox` (`mailto:` their email) or `account` (`homePage` the service's
    issuer URL, `name` their user id or email)."""

    model_config = _LENIENT
    objectType: str | None = Field(default=None, pattern="^Agent$")
    name: str | None = None
    mbox: str | None = Field(default=None, pattern=r"^mailto:[^@\s]+@[^@\s]+$", max_length=327)
    account: XapiAccount | None = None

    @model_validator(mode="after")
    def _identified(self) -> Self:
        if (self.mbox is None) == (self.account is None):
            raise ValueError("identify the actor by exactly one of mbox and account")
        return self


class XapiVerb(BaseModel):
    model_config = _LENIENT
    id: Iri
    display: dict[str, str] | None = None


class XapiActivity(BaseModel):
    model_config = _LENIENT
    objectType: str | None = Field(default=None, pattern="^Activity$")
    id: Iri


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

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        # The statement is stored as received (JSONB): PostgreSQL stores neither NUL in text
        # nor a non-finite number, so refuse them anywhere in it, extensions included.
        if contains_nul(value):
            raise ValueError("text must not contain NUL (\\u0000) characters")
        if _non_finite(value):
            raise ValueError("numbers must be finite")
        return value


def _non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, list):
        return any(_non_finite(v) for v in value)
    if isinstance(value, dict):
        return any(_non_finite(v) for v in value.values())
    return False


XapiStatements = XapiStatement | list[XapiStatement]


def statement_json(statement: XapiStatement) -> dict[str, Any]:
    return statement.model_dump(mode="json", exclude_none=True)
