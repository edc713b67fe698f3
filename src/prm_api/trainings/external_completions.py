"""Completions from an external LMS: "this user finished (or failed) this course elsewhere".

Both doors lead here: ``POST /v1/enrollments/external-completions`` (``source="api"``) and
xAPI statements (``source="xapi"``, :mod:`trainings.xapi`). A result completes the user's
active enrollment in the course, or creates one and completes it, in one transaction, with
the events a completion inside the product writes (``enrollment.created`` when one was
created, then ``enrollment.completed`` or ``enrollment.failed``) and the consequences of a
completion (:func:`trainings.completion.enrollment_completed`: certifications, onboarding).

Idempotent on ``(source, external_id)``: senders retry, and an LMS replays its history on
reconnection. Requests with the same id are serialized by an advisory lock, so a retry that
races the first waits for it and then finds its row; the same id with other facts is a 409
rather than a silent overwrite (xAPI requires that of an LRS, and a CRM-style sync that
reuses ids should hear about it).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.policy import require_vendor, scope_to_partner
from prm_api.auth.principal import Principal
from prm_api.errors import Conflict, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit.pagination import PageParams, PageResult, SortKeys, paginate
from prm_api.kit.time import utcnow
from prm_api.models import Course, Enrollment, ExternalCompletion, User
from prm_api.models.training import ACTIVE_ENROLLMENT
from prm_api.trainings import completion, progress, repository
from prm_api.trainings.events import ENROLLMENT

PARTNER_ROLES = ("partner_admin", "partner_user")
#: A completion "in the future" beyond this skew between clocks is a mistake of the sender.
CLOCK_SKEW = timedelta(minutes=5)
#: ``Enrollment.source`` of an enrollment an external result created.
EXTERNAL_SOURCE = "external"


@dataclass(frozen=True)
class Result:
    """The facts of one external result, resolved to our rows."""

    source: str
    external_id: str
    user: User
    course: Course
    completed_at: datetime
    score: int | None
    passed: bool | None
    #: What identifies the facts (the request's fields, or the xAPI statement as sent).
    fingerprint_of: Any
    statement: dict[str, Any] | None = None

    @property
    def outcome(self) -> str:
        return "failed" if self.passed is False else "completed"


def refuse(field: str, code: str, message: str, *, problem: str = "validation_error") -> Exception:
    return ValidationFailed(message, errors=[field_error(field, code, message)], code=problem)


async def find_user(
    session: AsyncSession, *, user_id: uuid.UUID | None = None, email: str | None = None
) -> User | None:
    """A partner's user by id or email (case-insensitive: the column is citext)."""
    stmt = select(User).where(User.role.in_(PARTNER_ROLES), User.partner_id.is_not(None))
    stmt = (
        stmt.where(User.id == user_id) if user_id is not None else stmt.where(User.email == email)
    )
    return await session.scalar(stmt)


async def find_course(
    session: AsyncSession,
    *,
    course_id: uuid.UUID | None = None,
    external: tuple[str, str] | None = None,
) -> Course | None:
    """A course (not a draft) by id or by one of its ``external_ids``."""
    stmt = select(Course).where(Course.status != "draft")
    if course_id is not None:
        stmt = stmt.where(Course.id == course_id)
    elif external is not None:
        system, value = external
        stmt = stmt.where(Course.external_ids.contains({system: value})).order_by(Course.id)
    return await session.scalar(stmt.limit(1))


def _fingerprint(facts: Any) -> str:
    text = json.dumps(facts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _lock_key(source: str, external_id: str) -> int:
    digest = hashlib.sha256(f"external-completion:{source}:{external_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


async def record(
    session: AsyncSession, principal: Principal, result: Result
) -> tuple[ExternalCompletion, bool]:
    """Record ``result``; returns the stored completion and whether it is new (``False``: a
    retry of an id already recorded with the same facts, which changes nothing)."""
    require_vendor(principal, "record completions from an external LMS")
    await session.execute(
        select(
            func.pg_advisory_xact_lock(
                literal(_lock_key(result.source, result.external_id), BigInteger)
            )
        )
    )
    fingerprint = _fingerprint(result.fingerprint_of)
    existing = await session.scalar(
        select(ExternalCompletion).where(
            ExternalCompletion.source == result.source,
            ExternalCompletion.external_id == result.external_id,
        )
    )
    if existing is not None:
        if existing.fingerprint != fingerprint:
            raise Conflict(
                f"The external id {result.external_id!r} was already recorded with other "
                "facts: send a new id for a new result.",
                code="external_completion_conflict",
                completion_id=str(existing.id),
            )
        return existing, False
    if result.completed_at > utcnow() + CLOCK_SKEW:
        raise refuse("completed_at", "in_future", "A completion cannot be in the future.")

    enrollment = await _active_enrollment(session, principal, result)
    await _finish(session, principal, enrollment, result)
    row = ExternalCompletion(
        source=result.source,
        external_id=result.external_id,
        sent_by=principal.client_id if principal.subject_type == "client" else principal.subject_id,
        user_id=result.user.id,
        course_id=result.course.id,
        partner_id=enrollment.partner_id,
        enrollment_id=enrollment.id,
        outcome=result.outcome,
        completed_at=result.completed_at,
        score=result.score,
        passed=result.passed,
        fingerprint=fingerprint,
        statement=result.statement,
    )
    session.add(row)
    await session.flush()
    return row, True


async def _active_enrollment(
    session: AsyncSession, principal: Principal, result: Result
) -> Enrollment:
    """The user's active enrollment in the course (locked), or a new one, with its event."""
    user, course = result.user, result.course
    enrollment = await session.scalar(
        select(Enrollment)
        .where(
            Enrollment.course_id == course.id,
            Enrollment.user_id == user.id,
            Enrollment.status.in_(ACTIVE_ENROLLMENT),
        )
        .with_for_update()
    )
    if enrollment is not None:
        return enrollment
    # A new enrollment follows the rules of an assignment: an active user of a partner the
    # published course's audience admits (else the partner could never read it).
    if not user.active:
        raise Conflict("The user is deactivated.", code="user_inactive")
    as_partner = replace(principal, role="partner_user", partner_id=user.partner_id)
    visible = await session.scalar(
        select(Course.id).where(Course.id == course.id, repository.course_visible(as_partner))
    )
    if visible is None:
        raise refuse(
            "course_id",
            "mismatch",
            "The course is not published to the user's partner (status or audience), and "
            "the user has no active enrollment in it.",
        )
    enrollment = Enrollment(
        course_id=course.id,
        user_id=user.id,
        partner_id=user.partner_id,
        status="enrolled",
        source=EXTERNAL_SOURCE,
        assigned_by=principal.subject_id,
        course_version=course.content_version,
    )
    session.add(enrollment)
    await session.flush()
    await record_change(
        session,
        principal.actor,
        ENROLLMENT["created"],
        await progress.enrollment_out(session, enrollment),
        resource_id=enrollment.id,
        partner_id=enrollment.partner_id,
        changes={"status": {"before": None, "after": "enrolled"}},
    )
    return enrollment


async def _finish(
    session: AsyncSession, principal: Principal, enrollment: Enrollment, result: Result
) -> None:
    """``completed`` or ``failed`` at the LMS's time, with the event and its consequences."""
    before = enrollment.status
    enrollment.started_at = enrollment.started_at or result.completed_at
    enrollment.score = result.score
    enrollment.updated_at = utcnow()
    if result.outcome == "completed":
        enrollment.status, enrollment.completed_at = "completed", result.completed_at
    else:
        enrollment.status, enrollment.failed_at = "failed", result.completed_at
    await session.flush()
    await record_change(
        session,
        principal.actor,
        ENROLLMENT[result.outcome],
        await progress.enrollment_out(session, enrollment),
        resource_id=enrollment.id,
        partner_id=enrollment.partner_id,
        changes={"status": {"before": before, "after": enrollment.status}},
    )
    if result.outcome == "completed":
        await completion.enrollment_completed(session, principal.actor, enrollment)


async def record_api_completion(
    session: AsyncSession, principal: Principal, data: dict[str, Any]
) -> tuple[ExternalCompletion, bool]:
    """``POST /v1/enrollments/external-completions``: resolve the user and course, record."""
    require_vendor(principal, "record completions from an external LMS")
    # Exactly one of each pair (no JSON Schema of ours says "one of two optional fields").
    for one, other in (("user_id", "user_email"), ("course_id", "course_external_id")):
        if (data.get(one) is None) == (data.get(other) is None):
            raise refuse(one, "mismatch", f"Give exactly one of {one} and {other}.")
    user = await find_user(session, user_id=data.get("user_id"), email=data.get("user_email"))
    if user is None:
        field = "user_id" if data.get("user_id") is not None else "user_email"
        raise refuse(field, "not_found", "No such partner user.")
    ext = data.get("course_external_id")
    course = await find_course(
        session,
        course_id=data.get("course_id"),
        external=(ext["system"], ext["id"]) if ext else None,
    )
    if course is None:
        field = "course_id" if data.get("course_id") is not None else "course_external_id"
        raise refuse(field, "not_found", "No such course (published or archived).")
    facts = {
        "user_id": str(user.id),
        "course_id": str(course.id),
        "completed_at": data["completed_at"].isoformat(),
        "score": data.get("score"),
        "passed": data.get("passed"),
    }
    return await record(
        session,
        principal,
        Result(
            source="api",
            external_id=data["external_id"],
            user=user,
            course=course,
            completed_at=data["completed_at"],
            score=data.get("score"),
            passed=data.get("passed"),
            fingerprint_of=facts,
        ),
    )


SORTS = SortKeys(
    {"created_at": ExternalCompletion.created_at}, "-created_at", ExternalCompletion.id
)


async def list_completions(
    session: AsyncSession,
    principal: Principal,
    *,
    user_id: uuid.UUID | None,
    course_id: uuid.UUID | None,
    source: str | None,
    sort: str | None,
    page: PageParams,
) -> PageResult[Any]:
    """Recorded results: vendor staff all, a partner admin its partner's, a partner user its
    own (as enrollments)."""
    stmt = scope_to_partner(
        select(*ExternalCompletion.__table__.columns), principal, ExternalCompletion.partner_id
    )
    if principal.is_partner and principal.role != "partner_admin":
        own = uuid.UUID(principal.subject_id) if principal.subject_type == "user" else None
        stmt = stmt.where(ExternalCompletion.user_id == own)
    if user_id is not None:
        stmt = stmt.where(ExternalCompletion.user_id == user_id)
    if course_id is not None:
        stmt = stmt.where(ExternalCompletion.course_id == course_id)
    if source is not None:
        stmt = stmt.where(ExternalCompletion.source == source)
    return await paginate(session, stmt, SORTS, sort, page)
