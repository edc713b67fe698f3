"""xAPI statements: the subset of a Learning Record Store that turns an external LMS's
statements into completions (``POST /v1/xapi/statements``).

What is understood (everything else is refused, never silently stored):
- verbs ``completed``, ``passed``, ``failed`` of ``http://adlnet.gov/expapi/verbs/``;
- the actor by ``mbox`` (``mailto:`` a partner user's email) or by ``account`` whose
  ``homePage`` is this service's issuer URL and ``name`` a user id or email;
- the object, an Activity whose id is the course's activity IRI: ``{issuer}/v1/courses/{id}``,
  or the value a vendor stored in the course's ``external_ids.xapi`` (an LMS that already
  names its courses with its own IRIs keeps them);
- ``result.score`` (``scaled``, else ``raw`` within ``min``/``max``, else ``raw`` as a
  percent) and ``result.success``; ``timestamp`` is when it happened.

A statement's ``id`` makes it idempotent: the same id again records nothing (the LRS answers
200 with the ids, as xAPI 1.0.3 asks); the same id with another statement is a 409. A batch
is all or nothing: one bad statement refuses the whole array.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.errors import ValidationFailed, field_error
from prm_api.kit.time import utcnow
from prm_api.models import Course, User
from prm_api.trainings import external_completions
from prm_api.trainings.lms_schemas import (
    VERB_COMPLETED,
    VERB_FAILED,
    VERB_PASSED,
    XapiScore,
    XapiStatement,
    statement_json,
)

SUPPORTED_VERSION = re.compile(r"^1\.0(\.\d+)?$")
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


def activity_iri(issuer: str, course_id: Any) -> str:
    """A course's activity IRI, as an LMS names it in ``object.id``."""
    return f"{issuer.rstrip('/')}/v1/courses/{course_id}"


def _problem(
    index: int | None, field: str, code: str, message: str, *, reason: str = "not_found"
) -> ValidationFailed:
    """A 422 whose ``code`` says what (``unknown_actor``…), its field error ``reason`` why
    (``not_found``: a well-formed reference to nothing; ``mismatch``: fields that disagree)."""
    where = field if index is None else f"[{index}].{field}"
    return ValidationFailed(message, errors=[field_error(where, reason, message)], code=code)


def score_percent(score: XapiScore | None) -> int | None:
    """The statement's score as a percent (0-100), or ``None``."""
    if score is None:
        return None
    if score.scaled is not None:
        value = score.scaled * 100
    elif score.raw is not None and score.min is not None and score.max is not None:
        if score.max <= score.min:
            return None
        value = (score.raw - score.min) * 100 / (score.max - score.min)
    elif score.raw is not None and 0 <= score.raw <= 100:
        value = score.raw
    else:
        return None
    return max(0, min(100, round(value)))


async def _actor(
    session: AsyncSession, statement: XapiStatement, issuer: str, index: int | None
) -> User:
    actor = statement.actor
    if (actor.mbox is None) == (actor.account is None):
        raise _problem(
            index,
            "actor",
            "validation_error",
            "Identify the actor by exactly one of mbox and account.",
            reason="mismatch",
        )
    user: User | None = None
    if actor.mbox is not None:
        user = await external_completions.find_user(session, email=actor.mbox[len("mailto:") :])
        field = "actor.mbox"
    else:
        assert actor.account is not None
        field = "actor.account"
        if actor.account.homePage.rstrip("/") != issuer.rstrip("/"):
            raise _problem(
                index,
                "actor.account.homePage",
                "unknown_actor",
                f"An account's homePage must be this service's URL ({issuer}); its name a "
                "user id or email.",
            )
        name = actor.account.name
        try:
            user = await external_completions.find_user(session, user_id=uuid.UUID(name))
        except ValueError:
            user = await external_completions.find_user(session, email=name)
    if user is None:
        raise _problem(index, field, "unknown_actor", "The actor is no partner user.")
    return user


async def _course(
    session: AsyncSession, statement: XapiStatement, issuer: str, index: int | None
) -> Course:
    iri = statement.object.id
    course = None
    match = re.fullmatch(re.escape(issuer.rstrip("/")) + rf"/v1/courses/({_UUID})", iri)
    if match is not None:
        course = await external_completions.find_course(
            session, course_id=uuid.UUID(match.group(1))
        )
    if course is None:
        course = await external_completions.find_course(session, external=("xapi", iri))
    if course is None:
        raise _problem(
            index,
            "object.id",
            "unknown_activity",
            f"No course has the activity IRI {iri!r}: use {activity_iri(issuer, '{course_id}')} "
            "or the course's external_ids.xapi.",
        )
    return course


async def store_statements(
    session: AsyncSession,
    principal: Principal,
    statements: Sequence[XapiStatement],
    *,
    issuer: str,
    batch: bool,
) -> list[uuid.UUID]:
    """Record each statement as a completion (or failure); returns their ids, in order."""
    require_vendor(principal, "send xAPI statements")
    ids = []
    stored = utcnow()
    for n, statement in enumerate(statements):
        index = n if batch else None
        user = await _actor(session, statement, issuer, index)
        course = await _course(session, statement, issuer, index)
        statement_id = statement.id or uuid.uuid4()
        sent = statement_json(statement)
        passed = statement.result.success if statement.result is not None else None
        if statement.verb.id == VERB_PASSED:
            passed = True
        elif statement.verb.id == VERB_FAILED:
            passed = False
        else:
            assert statement.verb.id == VERB_COMPLETED
        result = external_completions.Result(
            source="xapi",
            external_id=str(statement_id),
            user=user,
            course=course,
            completed_at=statement.timestamp or stored,
            score=score_percent(statement.result.score if statement.result else None),
            passed=passed,
            # The statement as sent, without the id an LRS assigns itself.
            fingerprint_of=sent,
            statement={**sent, "id": str(statement_id), "stored": stored.isoformat()},
        )
        try:
            await external_completions.record(session, principal, result)
        except ValidationFailed as exc:
            if batch:
                for error in exc.extra.get("errors", []):
                    error["field"] = f"[{n}].{error['field']}"
            raise
        ids.append(statement_id)
    return ids
