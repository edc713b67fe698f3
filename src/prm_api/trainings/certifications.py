"""Certifications: issued when a user has completed every course of a program, read by
their holder, their partner's admins and vendor staff, revoked by vendor staff, verified by
anyone holding the code.

Issuing (:func:`issue_for_completion`) runs in the transaction of the enrollment completion
that satisfies a program (``trainings.completion``). A user holding a certification of the
program is not certified again, except once its renewal window has opened: completing the
courses again *within the window* issues a new certification, valid from now until the old
expiry plus the program's validity (renewing early loses nothing); the old one stays valid
until it expires.

Who sees what (DESIGN §4): a partner user its own certifications, a partner admin its
partner's, vendor staff all; anything else is a 404.
"""

from __future__ import annotations

import calendar
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.policy import require_vendor, scope_to_partner
from prm_api.auth.principal import Actor, Principal
from prm_api.errors import InvalidTransition, NotFound
from prm_api.events.recording import record_change
from prm_api.kit.etag import check_if_match
from prm_api.kit.pagination import PageParams, PageResult, SortKeys, paginate
from prm_api.kit.time import utcnow
from prm_api.models import Certification, CertificationProgram, Enrollment, User
from prm_api.models.certification import CERTIFICATION_NUMBER_SEQ, CURRENT_CERTIFICATION
from prm_api.trainings.certification_events import CERTIFICATION
from prm_api.trainings.certification_schemas import CERTIFICATION as CERTIFICATION_SHAPE
from prm_api.trainings.certification_schemas import Certification as CertificationOut
from prm_api.trainings.certification_schemas import CertificationFilters

SORTS = SortKeys(
    {
        "created_at": Certification.created_at,
        "issued_at": Certification.issued_at,
        "expires_at": Certification.expires_at,
    },
    "-created_at",
    Certification.id,
)


def certification_out(certification: Certification) -> CertificationOut:
    return CERTIFICATION_SHAPE.validated(certification)


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` + ``months`` calendar months (the 31st of a short month becomes its last)."""
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def renewal_opens_at(certification: Certification, program: CertificationProgram) -> datetime:
    return certification.expires_at - timedelta(days=program.renewal_window_days)


async def record(
    session: AsyncSession,
    actor: Actor,
    verb: str,
    certification: Certification,
    changes: dict[str, Any],
) -> None:
    await session.flush()
    await record_change(
        session,
        actor,
        CERTIFICATION[verb],
        certification_out(certification),
        resource_id=certification.id,
        partner_id=certification.partner_id,
        changes=changes,
    )


# --- issuing ---------------------------------------------------------------------------------


async def _completed_since(
    session: AsyncSession, user_id: uuid.UUID, course_ids: list[uuid.UUID], since: datetime | None
) -> bool:
    """Whether the user completed every one of ``course_ids`` (after ``since``, if given)."""
    stmt = select(func.count(func.distinct(Enrollment.course_id))).where(
        Enrollment.user_id == user_id,
        Enrollment.course_id.in_(course_ids),
        Enrollment.status == "completed",
    )
    if since is not None:
        stmt = stmt.where(Enrollment.completed_at >= since)
    return (await session.scalar(stmt) or 0) >= len(set(course_ids))


async def issue_for_completion(
    session: AsyncSession, actor: Actor, enrollment: Enrollment
) -> list[Certification]:
    """Issue what ``enrollment``'s completion earns: one certification per active program
    that counts its course and whose every course the user has now completed."""
    programs = (
        await session.scalars(
            select(CertificationProgram).where(
                CertificationProgram.status == "active",
                CertificationProgram.course_ids.contains([enrollment.course_id]),
            )
        )
    ).all()
    issued = []
    for program in programs:
        # Two completions of the same user at once must not both certify: serialize per
        # (program, user) for the rest of the transaction.
        await session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
            {"key": f"certification:{program.id}:{enrollment.user_id}"},
        )
        held = (
            await session.scalars(
                select(Certification)
                .where(
                    Certification.program_id == program.id,
                    Certification.user_id == enrollment.user_id,
                    Certification.status.in_(CURRENT_CERTIFICATION),
                    Certification.renewed_by_id.is_(None),
                )
                .order_by(Certification.expires_at.desc())
                .limit(1)
            )
        ).first()
        since = renewal_opens_at(held, program) if held is not None else None
        if since is not None and utcnow() < since:
            continue  # certified, and the renewal window has not opened yet
        if not await _completed_since(session, enrollment.user_id, program.course_ids, since):
            continue
        issued.append(await _issue(session, actor, enrollment, program, held))
    return issued


async def _issue(
    session: AsyncSession,
    actor: Actor,
    enrollment: Enrollment,
    program: CertificationProgram,
    renews: Certification | None,
) -> Certification:
    now = utcnow()
    start = max(now, renews.expires_at) if renews is not None else now
    serial = await session.scalar(CERTIFICATION_NUMBER_SEQ.next_value())
    certification = Certification(
        program_id=program.id,
        user_id=enrollment.user_id,
        partner_id=enrollment.partner_id,
        number=f"CERT-{now.year}-{serial:06d}",
        status="active",
        issued_at=now,
        expires_at=add_months(start, program.validity_months),
        verification_code=secrets.token_urlsafe(24),
        renews_id=renews.id if renews is not None else None,
    )
    session.add(certification)
    await session.flush()
    if renews is not None:
        renews.renewed_by_id = certification.id
    await record(
        session, actor, "issued", certification, {"status": {"before": None, "after": "active"}}
    )
    return certification


# --- reading and revoking --------------------------------------------------------------------


def _visible(stmt: Select[Any], principal: Principal) -> Select[Any]:
    if principal.is_vendor:
        return stmt
    stmt = scope_to_partner(stmt, principal, Certification.partner_id)
    if principal.role != "partner_admin":
        own = uuid.UUID(principal.subject_id) if principal.subject_type == "user" else None
        stmt = stmt.where(Certification.user_id == own)
    return stmt


async def get_certification(
    session: AsyncSession,
    principal: Principal,
    certification_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> Certification:
    stmt = _visible(select(Certification).where(Certification.id == certification_id), principal)
    if for_update:
        stmt = stmt.with_for_update()
    certification = await session.scalar(stmt)
    if certification is None:
        raise NotFound(f"No certification {certification_id}.")
    return certification


async def list_certifications(
    session: AsyncSession,
    principal: Principal,
    filters: CertificationFilters,
    *,
    sort: str | None,
    page: PageParams,
) -> PageResult[Any]:
    stmt = _visible(select(*Certification.__table__.columns), principal)
    if filters.program_id is not None:
        stmt = stmt.where(Certification.program_id == filters.program_id)
    if filters.user_id is not None:
        stmt = stmt.where(Certification.user_id == filters.user_id)
    if filters.partner_id is not None:
        stmt = stmt.where(Certification.partner_id == filters.partner_id)
    if filters.status:
        stmt = stmt.where(Certification.status.in_(filters.status))
    return await paginate(session, stmt, SORTS, sort, page)


async def revoke(
    session: AsyncSession,
    principal: Principal,
    certification_id: uuid.UUID,
    reason: str,
    *,
    if_match: str | None,
) -> Certification:
    require_vendor(principal, "revoke certifications")
    certification = await get_certification(session, principal, certification_id, for_update=True)
    check_if_match(if_match, certification.version)
    if certification.status == "revoked":
        raise InvalidTransition(
            "The certification is already revoked.", current="revoked", allowed=[]
        )
    before = certification.status
    certification.status = "revoked"
    certification.revoked_at = utcnow()
    certification.revoked_reason = reason
    certification.revoked_by = principal.subject_id
    await record(
        session,
        principal.actor,
        "revoked",
        certification,
        {
            "status": {"before": before, "after": "revoked"},
            "revoked_reason": {"before": None, "after": reason},
        },
    )
    return certification


# --- public verification and counts ----------------------------------------------------------


async def verify(session: AsyncSession, code: str) -> dict[str, Any]:
    """What the verification page shows: status and dates, the holder's and program's names.
    A certification past its expiry reads ``expired`` even before the job has marked it."""
    row = (
        await session.execute(
            select(Certification, User.name, CertificationProgram.name)
            .join(User, User.id == Certification.user_id)
            .join(CertificationProgram, CertificationProgram.id == Certification.program_id)
            .where(Certification.verification_code == code)
        )
    ).first()
    if row is None:
        raise NotFound("No certification has this verification code.")
    certification, holder, program = row
    if certification.status == "revoked":
        status = "revoked"
    elif certification.status == "expired" or certification.expires_at <= utcnow():
        status = "expired"
    else:
        status = "valid"
    return {
        "status": status,
        "valid": status == "valid",
        "holder_name": holder,
        "certification_name": program,
        "issued_at": certification.issued_at,
        "expires_at": certification.expires_at,
        "revoked_at": certification.revoked_at,
    }


async def count_certified_users(
    session: AsyncSession, partner_id: uuid.UUID, *, now: datetime | None = None
) -> int:
    """The partner's users holding at least one certification (``active`` or ``expiring``,
    not yet past expiry): what a tier's ``min_certified_users`` counts."""
    stmt = select(func.count(func.distinct(Certification.user_id))).where(
        Certification.partner_id == partner_id,
        Certification.status.in_(CURRENT_CERTIFICATION),
        Certification.expires_at > (now or utcnow()),
    )
    return await session.scalar(stmt) or 0
