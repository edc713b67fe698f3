"""Course records: reads (one course, a page), create (modules inline), edit, delete, and
the lifecycle (publish, archive).

``draft → published`` (publish; again while published to publish a new content version) ·
``draft | published → archived`` (archive: no new enrollments; enrolled people may finish)
· delete: drafts only. A course is published with at least one module.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audience import rules
from prm_api.audience.columns import COLUMNS as AUDIENCE_COLUMNS
from prm_api.audience.schemas import Audience, AudienceExplanation
from prm_api.audit import service as audit
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.errors import Conflict, InvalidTransition, NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit import search
from prm_api.kit.etag import check_if_match
from prm_api.kit.pagination import PageParams, PageResult
from prm_api.kit.search import set_search_threshold
from prm_api.kit.time import utcnow
from prm_api.models import Course, Enrollment, ModuleProgress, Partner, QuizAttempt
from prm_api.models.training import ACTIVE_ENROLLMENT
from prm_api.trainings import modules as module_rules
from prm_api.trainings import repository
from prm_api.trainings.events import COURSE
from prm_api.trainings.schemas import CourseFilters, course_out

AUDITED = (
    "title",
    "description",
    "level",
    "language",
    "estimated_minutes",
    "status",
    "allow_review",
    "external_ids",
    "content_version",
    *AUDIENCE_COLUMNS.values(),
)
REQUIRED = ("title", "description", "level", "allow_review", "audience")


async def get_course(
    session: AsyncSession, principal: Principal, course_id: uuid.UUID, *, for_update: bool = False
) -> Course:
    """The course, if the principal may see it (404 otherwise)."""
    course = await repository.visible_course(session, principal, course_id, for_update=for_update)
    if course is None:
        raise NotFound(f"No course {course_id}.")
    return course


async def get_course_row(session: AsyncSession, principal: Principal, course_id: uuid.UUID) -> Any:
    row = await repository.visible_course_row(session, principal, course_id)
    if row is None:
        raise NotFound(f"No course {course_id}.")
    return row


async def list_courses(
    session: AsyncSession,
    principal: Principal,
    filters: CourseFilters,
    *,
    sort: str | None,
    page: PageParams,
    search_threshold: float,
) -> PageResult[Any]:
    stmt = repository.course_list_query(principal, filters)
    if filters.q:
        await set_search_threshold(session, search_threshold)
    return await search.paginate(session, stmt, repository.SORTS, sort, page, q=filters.q)


def _search_source(course: Course) -> str:
    return f"{course.title}\n{course.description or ''}"


def _columns(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    audience = out.pop("audience", None)
    if audience is not None:
        if isinstance(audience, dict):
            audience = Audience.model_validate(audience)
        out.update(rules.columns_of(audience))
    if "external_ids" in out and out["external_ids"] is None:
        out["external_ids"] = {}
    return out


async def shown(session: AsyncSession, course: Course, *, vendor: bool = False) -> Any:
    """The course as the API (``vendor``) or an event (never correct answers) shows it."""
    return course_out(course, await repository.modules_of(session, [course.id]), vendor=vendor)


async def create_course(
    session: AsyncSession, principal: Principal, data: dict[str, Any]
) -> Course:
    require_vendor(principal, "create courses")
    modules = data.pop("modules", None) or []
    audience = Audience.model_validate(data.get("audience") or {})
    await rules.check_references(session, audience, "audience")
    course = Course(
        status="draft",
        created_by=principal.subject_id,
        description="",
        level="beginner",
        content_version=1,
        modules_changed=False,
        allow_review=False,
        external_ids={},
    )
    for key, value in _columns({**data, "audience": audience}).items():
        setattr(course, key, value)
    course.search_source = _search_source(course)
    session.add(course)
    await session.flush()
    for index, module in enumerate(modules):
        await module_rules.insert_module(session, course, module, field=f"modules.{index}")
    await session.flush()
    await record_change(
        session,
        principal.actor,
        COURSE["created"],
        await shown(session, course),
        resource_id=course.id,
        changes=audit.diff({}, audit.snapshot(course, AUDITED)),
    )
    return course


async def update_course(
    session: AsyncSession,
    principal: Principal,
    course_id: uuid.UUID,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> Course:
    require_vendor(principal, "edit courses")
    course = await get_course(session, principal, course_id, for_update=True)
    check_if_match(if_match, course.version)
    nulls = sorted(k for k in REQUIRED if k in data and data[k] is None)
    if nulls:
        raise ValidationFailed(
            f"{', '.join(nulls)} cannot be null.",
            errors=[field_error(k, "null", "Cannot be null.") for k in nulls],
        )
    if data.get("audience") is not None:
        data["audience"] = Audience.model_validate(data["audience"])
        await rules.check_references(session, data["audience"], "audience")
    before = await shown(session, course)
    delta = audit.apply_and_diff(course, _columns(data), AUDITED)
    if not delta:
        return course
    course.search_source = _search_source(course)
    await session.flush()
    await record_change(
        session,
        principal.actor,
        COURSE["updated"],
        await shown(session, course),
        resource_id=course.id,
        changes=delta,
        before=before,
    )
    return course


async def delete_course(
    session: AsyncSession, principal: Principal, course_id: uuid.UUID, *, if_match: str | None
) -> None:
    require_vendor(principal, "delete courses")
    course = await get_course(session, principal, course_id, for_update=True)
    check_if_match(if_match, course.version)
    if course.status != "draft":
        raise InvalidTransition(
            f"Only draft courses can be deleted; this one is {course.status!r} (archive it).",
            current=course.status,
            allowed=_allowed(course.status),
        )
    last = await shown(session, course)
    await session.delete(course)
    await session.flush()
    await record_change(
        session,
        principal.actor,
        COURSE["deleted"],
        last,
        resource_id=course_id,
        changes=audit.diff(audit.snapshot(course, AUDITED), {}),
    )


# --- lifecycle -------------------------------------------------------------------------------

_SOURCES = {"publish": ("draft", "published"), "archive": ("draft", "published")}


def _allowed(status: str) -> list[str]:
    actions = [name for name, sources in _SOURCES.items() if status in sources]
    return [*actions, "delete"] if status == "draft" else actions


async def publish_course(
    session: AsyncSession,
    principal: Principal,
    course_id: uuid.UUID,
    *,
    reset_progress: bool,
    if_match: str | None,
) -> Course:
    """Publish; on a course already published before, a module change since makes a new
    ``content_version``. Active enrollments keep their progress unless ``reset_progress``."""
    require_vendor(principal, "publish courses")
    course = await get_course(session, principal, course_id, for_update=True)
    check_if_match(if_match, course.version)
    if course.status not in _SOURCES["publish"]:
        raise InvalidTransition(
            f"Cannot publish a course in status {course.status!r}.",
            current=course.status,
            allowed=_allowed(course.status),
        )
    modules = await repository.modules_of(session, [course.id])
    if not modules:
        raise Conflict(
            "Add a module first: an empty course cannot be published.", code="course_has_no_modules"
        )
    if course.status == "published" and not course.modules_changed and not reset_progress:
        return course  # nothing new to publish
    before = course_out(course, modules)
    was = {"status": course.status, "content_version": course.content_version}
    if course.published_at is not None and course.modules_changed:
        course.content_version += 1
    course.modules_changed = False
    course.status = "published"
    course.published_at = utcnow()
    if reset_progress:
        await _restart_active_enrollments(session, course)
    await session.flush()
    await record_change(
        session,
        principal.actor,
        COURSE["published"],
        course_out(course, modules),
        resource_id=course.id,
        changes={
            k: {"before": v, "after": getattr(course, k)}
            for k, v in was.items()
            if v != getattr(course, k)
        },
        before=before,
    )
    return course


async def _restart_active_enrollments(session: AsyncSession, course: Course) -> None:
    """Active enrollments start over on the new version: progress and attempts cleared."""
    active = select(Enrollment.id).where(
        Enrollment.course_id == course.id, Enrollment.status.in_(ACTIVE_ENROLLMENT)
    )
    await session.execute(delete(ModuleProgress).where(ModuleProgress.enrollment_id.in_(active)))
    await session.execute(delete(QuizAttempt).where(QuizAttempt.enrollment_id.in_(active)))
    await session.execute(
        update(Enrollment)
        .where(Enrollment.course_id == course.id, Enrollment.status.in_(ACTIVE_ENROLLMENT))
        .values(
            status="enrolled",
            started_at=None,
            course_version=course.content_version,
            updated_at=utcnow(),
            version=Enrollment.version + 1,
        )
        .execution_options(synchronize_session=False)
    )


async def archive_course(
    session: AsyncSession, principal: Principal, course_id: uuid.UUID, *, if_match: str | None
) -> Course:
    require_vendor(principal, "archive courses")
    course = await get_course(session, principal, course_id, for_update=True)
    check_if_match(if_match, course.version)
    if course.status not in _SOURCES["archive"]:
        raise InvalidTransition(
            f"Cannot archive a course in status {course.status!r}.",
            current=course.status,
            allowed=_allowed(course.status),
        )
    before = await shown(session, course)
    previous = course.status
    course.status = "archived"
    course.archived_at = utcnow()
    await session.flush()
    await record_change(
        session,
        principal.actor,
        COURSE["archived"],
        await shown(session, course),
        resource_id=course.id,
        changes={"status": {"before": previous, "after": "archived"}},
        before=before,
    )
    return course


async def explain_audience(
    session: AsyncSession, principal: Principal, course_id: uuid.UUID, partner_id: uuid.UUID
) -> AudienceExplanation:
    """Whether the course's audience admits the partner, and which rule decides (vendors)."""
    require_vendor(principal, "explain audiences")
    course = await get_course(session, principal, course_id)
    partner = await session.get(Partner, partner_id)
    if partner is None:
        raise ValidationFailed(
            "No such partner.",
            errors=[field_error("partner_id", "not_found", "No such partner.", "query")],
        )
    return rules.explain(rules.audience_of(course), rules.PartnerFacts.of(partner))
