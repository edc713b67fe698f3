"""Certification programs: which courses certify, for how long, and when renewal opens.

Vendor staff (``trainings:write``) manage them. Partner tokens read the **active** programs,
every one of them: like tiers, the certification catalog is the same for every partner (a
program's course that a partner's audience does not admit stays a 404 at ``/v1/courses``,
and its users simply cannot complete it).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.errors import NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit.etag import check_if_match
from prm_api.kit.pagination import PageParams, PageResult, SortKeys, paginate
from prm_api.models import CertificationProgram, Course
from prm_api.trainings.certification_events import CERTIFICATION_PROGRAM
from prm_api.trainings.certification_schemas import PROGRAM
from prm_api.trainings.certification_schemas import CertificationProgram as ProgramOut

AUDITED = (
    "name",
    "description",
    "course_ids",
    "validity_months",
    "renewal_window_days",
    "expiring_notice_days",
    "status",
    "external_ids",
)
SORTS = SortKeys(
    {"created_at": CertificationProgram.created_at, "name": CertificationProgram.name},
    "-created_at",
    CertificationProgram.id,
)


def program_out(program: CertificationProgram) -> ProgramOut:
    return PROGRAM.validated(program)


def _visible(stmt: Select[Any], principal: Principal) -> Select[Any]:
    if principal.is_vendor:
        return stmt
    return stmt.where(CertificationProgram.status == "active")


async def get_program(
    session: AsyncSession, principal: Principal, program_id: uuid.UUID, *, for_update: bool = False
) -> CertificationProgram:
    stmt = _visible(
        select(CertificationProgram).where(CertificationProgram.id == program_id), principal
    )
    if for_update:
        stmt = stmt.with_for_update()
    program = await session.scalar(stmt)
    if program is None:
        raise NotFound(f"No certification program {program_id}.")
    return program


async def list_programs(
    session: AsyncSession,
    principal: Principal,
    *,
    status: list[str] | None,
    sort: str | None,
    page: PageParams,
) -> PageResult[Any]:
    stmt = _visible(select(*CertificationProgram.__table__.columns), principal)
    if status and principal.is_vendor:
        stmt = stmt.where(CertificationProgram.status.in_(status))
    return await paginate(session, stmt, SORTS, sort, page)


async def _check_courses(session: AsyncSession, course_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    """The course ids, each once and in order; 422 naming the first that does not exist."""
    unique = list(dict.fromkeys(course_ids))
    found = set((await session.scalars(select(Course.id).where(Course.id.in_(unique)))).all())
    for index, course_id in enumerate(course_ids):
        if course_id not in found:
            message = f"No course {course_id}."
            raise ValidationFailed(
                message, errors=[field_error(f"course_ids.{index}", "not_found", message)]
            )
    return unique


async def create_program(
    session: AsyncSession, principal: Principal, data: dict[str, Any]
) -> CertificationProgram:
    require_vendor(principal, "create certification programs")
    data["course_ids"] = await _check_courses(session, data["course_ids"])
    program = CertificationProgram(status="active", created_by=principal.subject_id, **data)
    session.add(program)
    await session.flush()
    await record_change(
        session,
        principal.actor,
        CERTIFICATION_PROGRAM["created"],
        program_out(program),
        resource_id=program.id,
        changes=audit.diff({}, audit.snapshot(program, AUDITED)),
    )
    return program


async def update_program(
    session: AsyncSession,
    principal: Principal,
    program_id: uuid.UUID,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> CertificationProgram:
    require_vendor(principal, "edit certification programs")
    program = await get_program(session, principal, program_id, for_update=True)
    check_if_match(if_match, program.version)
    if "course_ids" in data:
        data["course_ids"] = await _check_courses(session, data["course_ids"])
    if "external_ids" in data and data["external_ids"] is None:
        data["external_ids"] = {}
    before = program_out(program)
    delta = audit.apply_and_diff(program, data, AUDITED)
    if not delta:
        return program
    await session.flush()
    await record_change(
        session,
        principal.actor,
        CERTIFICATION_PROGRAM["updated"],
        program_out(program),
        resource_id=program.id,
        changes=delta,
        before=before,
    )
    return program
