"""A course's modules: the rules of each kind, insert, edit, move, remove.

Every module change is a change of its course: the course's row version (its ETag) moves,
``course.updated`` is recorded with the course as it now is, and a course published before
remembers that its next publication is a new ``content_version``.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.errors import NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit.etag import check_if_match
from prm_api.kit.time import utcnow
from prm_api.models import Asset, Course, CourseModule
from prm_api.trainings import repository
from prm_api.trainings.events import COURSE
from prm_api.trainings.schemas import course_out

#: The request field each kind takes, and the fields every other kind refuses.
KIND_FIELDS = {"content": "asset_id", "link": "url", "acknowledgement": "text", "quiz": "quiz"}
QUIZ_COLUMNS = ("passing_score", "time_limit_seconds", "max_attempts", "cooldown_seconds")


def _mismatch(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, errors=[field_error(field, "mismatch", message)])


def check_quiz(quiz: dict[str, Any], field: str) -> None:
    """The rules between a quiz's fields (422 ``mismatch``: no schema says them)."""
    seen: set[str] = set()
    for i, q in enumerate(quiz["questions"]):
        where = f"{field}.questions.{i}"
        if q["id"] in seen:
            raise _mismatch(f"{where}.id", f"Question id {q['id']!r} is used twice.")
        seen.add(q["id"])
        options = [o["id"] for o in q["options"]]
        if len(set(options)) != len(options):
            raise _mismatch(f"{where}.options", "Option ids must be unique within a question.")
        correct = q["correct_option_ids"]
        if len(set(correct)) != len(correct) or not set(correct) <= set(options):
            raise _mismatch(
                f"{where}.correct_option_ids", "Correct options must be distinct options' ids."
            )
        if q["kind"] in ("single_choice", "true_false") and len(correct) != 1:
            raise _mismatch(
                f"{where}.correct_option_ids", f"A {q['kind']} question has one correct option."
            )
        if q["kind"] == "true_false" and len(options) != 2:
            raise _mismatch(f"{where}.options", "A true_false question has exactly two options.")


async def _kind_values(
    session: AsyncSession, kind: str, data: dict[str, Any], field: str, module: CourseModule | None
) -> dict[str, Any]:
    """The columns ``data`` sets for a module of ``kind``; another kind's field is refused."""
    for other_kind, name in KIND_FIELDS.items():
        if other_kind != kind and data.get(name) is not None:
            raise _mismatch(f"{field}.{name}".lstrip("."), f"A {kind} module takes no {name}.")
    own = KIND_FIELDS[kind]
    if module is None and data.get(own) is None:
        raise _mismatch(f"{field}.{own}".lstrip("."), f"A {kind} module needs its {own}.")
    out: dict[str, Any] = {}
    if own not in data:
        return out
    value = data[own]
    if kind == "content":
        if await session.get(Asset, value) is None:
            raise ValidationFailed(
                "No such asset.",
                errors=[
                    field_error(f"{field}.asset_id".lstrip("."), "not_found", "No such asset.")
                ],
            )
        out["asset_id"] = value
    elif kind == "link":
        out["url"] = value
    elif kind == "acknowledgement":
        if module is None or module.text != value:
            out["text"] = value
            out["text_version"] = 1 if module is None else (module.text_version or 0) + 1
    else:
        check_quiz(value, f"{field}.quiz".lstrip("."))
        out.update({c: value.get(c) for c in QUIZ_COLUMNS})
        out["cooldown_seconds"] = value.get("cooldown_seconds") or 0
        out["questions"] = value["questions"]
    return out


def touch(course: Course) -> None:
    """A module changed: the course's ETag moves, and a course published before has a new
    content version to publish."""
    course.updated_at = utcnow()
    if course.published_at is not None:
        course.modules_changed = True


def _place(modules: list[CourseModule], module: CourseModule, position: int | None) -> None:
    """Put ``module`` at ``position`` (default: last) and number every module 0…n-1."""
    rest = [m for m in modules if m.id != module.id]
    index = len(rest) if position is None else max(0, min(position, len(rest)))
    rest.insert(index, module)
    for i, m in enumerate(rest):
        if m.position != i:
            m.position = i


async def insert_module(
    session: AsyncSession, course: Course, data: dict[str, Any], *, field: str = ""
) -> CourseModule:
    values = await _kind_values(session, data["kind"], data, field, None)
    module = CourseModule(
        course_id=course.id,
        kind=data["kind"],
        title=data["title"],
        required=data.get("required", True),
        position=0,
        **{"questions": [], **values},
    )
    modules = await repository.modules_of(session, [course.id], for_update=True)
    session.add(module)
    _place(modules, module, data.get("position"))
    await session.flush()
    touch(course)
    return module


async def _course_for_change(
    session: AsyncSession, principal: Principal, course_id: uuid.UUID
) -> Course:
    require_vendor(principal, "edit courses")
    course = await repository.visible_course(session, principal, course_id, for_update=True)
    if course is None:
        raise NotFound(f"No course {course_id}.")
    return course


async def _module(session: AsyncSession, course: Course, module_id: uuid.UUID) -> CourseModule:
    module = await session.get(CourseModule, module_id, with_for_update=True)
    if module is None or module.course_id != course.id:
        raise NotFound(f"No module {module_id} in course {course.id}.")
    return module


async def _record(
    session: AsyncSession,
    principal: Principal,
    course: Course,
    before: Any,
    changes: dict[str, Any],
) -> None:
    await session.flush()
    modules = await repository.modules_of(session, [course.id])
    await record_change(
        session,
        principal.actor,
        COURSE["updated"],
        course_out(course, modules),
        resource_id=course.id,
        changes=changes,
        before=before,
    )


async def add_module(
    session: AsyncSession, principal: Principal, course_id: uuid.UUID, data: dict[str, Any]
) -> CourseModule:
    course = await _course_for_change(session, principal, course_id)
    before = course_out(course, await repository.modules_of(session, [course.id]))
    module = await insert_module(session, course, data)
    await _record(
        session,
        principal,
        course,
        before,
        {"modules": {"before": None, "after": f"added {module.id}"}},
    )
    return module


async def update_module(
    session: AsyncSession,
    principal: Principal,
    course_id: uuid.UUID,
    module_id: uuid.UUID,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> CourseModule:
    course = await _course_for_change(session, principal, course_id)
    module = await _module(session, course, module_id)
    check_if_match(if_match, module.version)
    nulls = sorted(k for k, v in data.items() if v is None)
    if nulls:
        raise ValidationFailed(
            f"{', '.join(nulls)} cannot be null.",
            errors=[field_error(k, "null", "Cannot be null.") for k in nulls],
        )
    before = course_out(course, await repository.modules_of(session, [course.id]))
    values = await _kind_values(session, module.kind, data, "", module)
    for key in ("title", "required"):
        if key in data:
            values[key] = data[key]
    changed = {k: v for k, v in values.items() if getattr(module, k) != v}
    for key, value in changed.items():
        setattr(module, key, value)
    if "position" in data and data["position"] != module.position:
        modules = await repository.modules_of(session, [course.id], for_update=True)
        _place(modules, module, data["position"])
        changed["position"] = data["position"]
    if not changed:
        return module
    touch(course)
    await _record(
        session,
        principal,
        course,
        before,
        {f"modules.{module.id}": {"before": None, "after": sorted(changed)}},
    )
    return module


async def delete_module(
    session: AsyncSession,
    principal: Principal,
    course_id: uuid.UUID,
    module_id: uuid.UUID,
    *,
    if_match: str | None,
) -> None:
    course = await _course_for_change(session, principal, course_id)
    module = await _module(session, course, module_id)
    check_if_match(if_match, module.version)
    modules = await repository.modules_of(session, [course.id], for_update=True)
    before = course_out(course, modules)
    await session.delete(module)
    rest = [m for m in modules if m.id != module.id]
    for i, m in enumerate(rest):
        if m.position != i:
            m.position = i
    touch(course)
    await _record(
        session,
        principal,
        course,
        before,
        {"modules": {"before": f"removed {module.id}", "after": None}},
    )


async def reorder_modules(
    session: AsyncSession,
    principal: Principal,
    course_id: uuid.UUID,
    module_ids: list[uuid.UUID],
    *,
    if_match: str | None,
) -> Course:
    course = await _course_for_change(session, principal, course_id)
    check_if_match(if_match, course.version)
    modules = await repository.modules_of(session, [course.id], for_update=True)
    if len(module_ids) != len(set(module_ids)) or set(module_ids) != {m.id for m in modules}:
        raise _mismatch("module_ids", "Name every module of the course exactly once.")
    before = course_out(course, modules)
    by_id = {m.id: m for m in modules}
    if [m.id for m in modules] == module_ids:
        return course
    for i, module_id in enumerate(module_ids):
        by_id[module_id].position = i
    touch(course)
    await _record(
        session,
        principal,
        course,
        before,
        {
            "modules": {
                "before": [str(m.id) for m in modules],
                "after": [str(i) for i in module_ids],
            }
        },
    )
    return course
