"""The trainings queries: visible courses, their modules, enrollments a caller may see.

A partner token reads a course only when the database says it may, in the statement that
reads it: published and admitted by its audience (:func:`prm_api.audience.rules.admits`).
An enrollment it reads belongs to its partner (a partner user: to itself) and to a course
its audience still admits; everything else does not exist for it (404, never listed).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, any_, bindparam, or_, select, true
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audience.rules import admits
from prm_api.auth.policy import scope_to_partner
from prm_api.auth.principal import Principal
from prm_api.kit.filters import escape_like
from prm_api.kit.pagination import SortKeys
from prm_api.kit.textsearch import document_match, document_ranked
from prm_api.models import Course, CourseModule, Enrollment, ModuleProgress, QuizAttempt
from prm_api.reads import fetch_row
from prm_api.trainings.enrollment_schemas import EnrollmentFilters
from prm_api.trainings.schemas import CourseFilters

SEARCH_COLUMNS = frozenset({"search_source", "search_text", "search_vector"})
_COURSE_COLUMNS = select(*(c for c in Course.__table__.columns if c.name not in SEARCH_COLUMNS))

SORTS = SortKeys(
    {
        "created_at": Course.created_at,
        "updated_at": Course.updated_at,
        "title": Course.title,
        "published_at": Course.published_at,
    },
    "-updated_at",
    Course.id,
)
ENROLLMENT_SORTS = SortKeys(
    {"created_at": Enrollment.created_at, "due_at": Enrollment.due_at},
    "-created_at",
    Enrollment.id,
)


def value(row: Any, name: str) -> Any:
    """A column of a row, whichever kind: an ORM object, a named row, or a page's plain
    record (read by key)."""
    try:
        return getattr(row, name)
    except AttributeError:
        return row[name]


def course_visible(principal: Principal) -> ColumnElement[bool]:
    """What a partner token may read of courses: published and in the audience."""
    if principal.is_vendor:
        return true()
    return and_(Course.status == "published", admits(Course, principal))


def _any(column: Any, values: list[str], name: str) -> ColumnElement[bool]:
    return column == any_(bindparam(name, values, ARRAY(String)))


_COURSE_BY_ID = _COURSE_COLUMNS.where(Course.id == bindparam("course_id"))


async def visible_course_row(
    session: AsyncSession, principal: Principal, course_id: uuid.UUID
) -> Any | None:
    stmt = _COURSE_BY_ID if principal.is_vendor else _COURSE_BY_ID.where(course_visible(principal))
    return await fetch_row(session, stmt, {"course_id": course_id})


async def visible_course(
    session: AsyncSession, principal: Principal, course_id: uuid.UUID, *, for_update: bool = False
) -> Course | None:
    stmt = select(Course).where(Course.id == course_id, course_visible(principal))
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


def course_list_query(principal: Principal, f: CourseFilters) -> Select[Any]:
    stmt = _COURSE_COLUMNS
    if principal.is_partner:
        stmt = stmt.where(course_visible(principal))
    elif f.status:
        stmt = stmt.where(_any(Course.status, f.status, "statuses"))
    if f.level:
        stmt = stmt.where(_any(Course.level, f.level, "levels"))
    if f.language:
        stmt = stmt.where(
            or_(
                Course.language == f.language,
                Course.language.like(f"{escape_like(f.language)}-%", escape="\\"),
            )
        )
    if f.q:
        stmt = document_ranked(
            stmt.where(document_match(f.q, Course.search_text, Course.search_vector)),
            f.q,
            Course.title,
            Course.search_text,
            Course.search_vector,
        )
    return stmt


async def modules_of(
    session: AsyncSession, course_ids: Iterable[Any], *, for_update: bool = False
) -> list[CourseModule]:
    ids = list({uuid.UUID(str(i)) for i in course_ids})
    if not ids:
        return []
    stmt = (
        select(CourseModule)
        .where(CourseModule.course_id.in_(ids))
        .order_by(CourseModule.course_id, CourseModule.position, CourseModule.id)
    )
    if for_update:
        stmt = stmt.with_for_update()
    return list((await session.scalars(stmt)).all())


# --- enrollments -----------------------------------------------------------------------------


def enrollment_visible(stmt: Select[Any], principal: Principal) -> Select[Any]:
    """Restrict enrollments to what the principal may see: vendor staff all; a partner admin
    its partner's; a partner user its own — each on a course its audience admits."""
    if principal.is_vendor:
        return stmt
    stmt = scope_to_partner(stmt, principal, Enrollment.partner_id)
    if principal.role != "partner_admin":
        own = uuid.UUID(principal.subject_id) if principal.subject_type == "user" else None
        stmt = stmt.where(Enrollment.user_id == own)
    visible_course = (
        select(Course.id)
        .where(
            Course.id == Enrollment.course_id, Course.status != "draft", admits(Course, principal)
        )
        .exists()
    )
    return stmt.where(visible_course)


async def visible_enrollment(
    session: AsyncSession,
    principal: Principal,
    enrollment_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> Enrollment | None:
    stmt = enrollment_visible(select(Enrollment).where(Enrollment.id == enrollment_id), principal)
    if for_update:
        stmt = stmt.with_for_update(of=Enrollment)
    return await session.scalar(stmt)


def enrollment_list_query(principal: Principal, f: EnrollmentFilters) -> Select[Any]:
    stmt = enrollment_visible(select(*Enrollment.__table__.columns), principal)
    if f.course_id is not None:
        stmt = stmt.where(Enrollment.course_id == f.course_id)
    if f.user_id is not None:
        stmt = stmt.where(Enrollment.user_id == f.user_id)
    if f.partner_id is not None:
        stmt = stmt.where(Enrollment.partner_id == f.partner_id)
    if f.status:
        stmt = stmt.where(_any(Enrollment.status, f.status, "statuses"))
    return stmt


async def progress_of(
    session: AsyncSession, enrollment_ids: Iterable[Any]
) -> Sequence[ModuleProgress]:
    ids = list({uuid.UUID(str(i)) for i in enrollment_ids})
    if not ids:
        return []
    stmt = select(ModuleProgress).where(ModuleProgress.enrollment_id.in_(ids))
    return (await session.scalars(stmt)).all()


async def attempts_of(
    session: AsyncSession, enrollment_id: uuid.UUID, module_id: uuid.UUID
) -> list[QuizAttempt]:
    stmt = (
        select(QuizAttempt)
        .where(QuizAttempt.enrollment_id == enrollment_id, QuizAttempt.module_id == module_id)
        .order_by(QuizAttempt.number)
    )
    return list((await session.scalars(stmt)).all())
