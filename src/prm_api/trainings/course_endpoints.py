"""`/v1/courses`: courses, their modules, publication and audience."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Query, Request, Response

from prm_api.audience.schemas import AudienceExplanation
from prm_api.auth.policy import TrainingsRead, TrainingsWrite
from prm_api.auth.principal import Principal
from prm_api.db import Session
from prm_api.kit.etag import IfMatch
from prm_api.kit.languages import LanguageTag
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery
from prm_api.kit.render import page_body, render
from prm_api.trainings import courses, modules, repository
from prm_api.trainings.schemas import (
    COURSE,
    MODULE,
    MODULE_PUBLIC,
    Course,
    CourseCreate,
    CourseFilters,
    CourseLevel,
    CourseList,
    CourseModule,
    CourseModuleCreate,
    CourseModuleUpdate,
    CoursePublish,
    CourseStatus,
    CourseUpdate,
    ModuleOrder,
    modules_context,
)

router = APIRouter(prefix="/v1/courses", tags=["courses"])


async def _course(
    session: Session, principal: Principal, course: object, status: int = 200
) -> Response:
    found = await repository.modules_of(session, [course.id])  # type: ignore[attr-defined]
    context = modules_context(found, vendor=principal.is_vendor)
    return render(COURSE, course, etag=course.version, status_code=status, context=context)  # type: ignore[attr-defined]


@router.get(
    "",
    operation_id="courses_list",
    summary="List courses",
    response_model=CourseList,
    responses=errors(400, 401, 403, 422),
)
async def list_courses(
    request: Request,
    session: Session,
    principal: TrainingsRead,
    page: PageQuery,
    status: Annotated[
        list[CourseStatus] | None,
        Query(description="Vendor roles only; partner tokens see published courses only."),
    ] = None,
    level: Annotated[list[CourseLevel] | None, Query(description="Repeat for several.")] = None,
    language: Annotated[
        LanguageTag | None, Query(description="BCP 47 tag; `de` also finds `de-AT`…")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="Search title and description: accents and case do not matter, typos "
            "still match.",
        ),
    ] = None,
    sort: Annotated[
        str | None, sort_query(repository.SORTS, "With `q` and no `sort`, best matches first.")
    ] = None,
) -> Response:
    """List courses, most recently updated first, each with its modules. Partner tokens see
    published courses whose audience admits their partner, and no quiz's correct options."""
    filters = CourseFilters(
        status=[s.value for s in status] if status else None,
        level=[v.value for v in level] if level else None,
        language=language,
        q=q,
    )
    result = await courses.list_courses(
        session,
        principal,
        filters,
        sort=sort,
        page=page,
        search_threshold=request.app.state.settings.search_threshold,
    )
    found = await repository.modules_of(
        session, [repository.value(row, "id") for row in result.items]
    )
    return page_body(request, result, COURSE, modules_context(found, vendor=principal.is_vendor))


@router.post(
    "",
    operation_id="courses_create",
    summary="Create a course",
    status_code=201,
    response_model=Course,
    responses=errors(400, 401, 403, 409, 422),
)
async def create_course(
    body: CourseCreate, session: Session, principal: TrainingsWrite
) -> Response:
    """Create a course as a `draft` (vendor roles), with its modules inline if given. Without
    `audience` only vendor staff see it."""
    course = await courses.create_course(session, principal, body.model_dump(exclude_unset=True))
    response = await _course(session, principal, course, 201)
    response.headers["Location"] = f"/v1/courses/{course.id}"
    return response


@router.get(
    "/{course_id}",
    operation_id="courses_get",
    summary="Get a course",
    response_model=Course,
    responses=errors(401, 403, 404),
)
async def get_course(course_id: uuid.UUID, session: Session, principal: TrainingsRead) -> Response:
    """One course with its modules. For a partner token a course that is not published or
    outside its audience does not exist (404); quizzes show no correct options."""
    row = await courses.get_course_row(session, principal, course_id)
    return await _course(session, principal, row)


@router.patch(
    "/{course_id}",
    operation_id="courses_update",
    summary="Update a course",
    response_model=Course,
    responses=errors(400, 401, 403, 404, 409, 412, 422),
)
async def update_course(
    course_id: uuid.UUID,
    body: CourseUpdate,
    session: Session,
    principal: TrainingsWrite,
    if_match: IfMatch,
) -> Response:
    """Edit a course's fields (vendor roles); `audience` is replaced whole."""
    course = await courses.update_course(
        session, principal, course_id, body.model_dump(exclude_unset=True), if_match=if_match
    )
    return await _course(session, principal, course)


@router.api_route(
    "/{course_id}",
    methods=["DELETE"],
    operation_id="courses_delete",
    summary="Delete a draft course",
    status_code=204,
    responses=errors(401, 403, 404, 409, 412),
)
async def delete_course(
    course_id: uuid.UUID, session: Session, principal: TrainingsWrite, if_match: IfMatch
) -> Response:
    """Delete a course that was never published (409 `invalid_transition` otherwise: archive
    it instead)."""
    await courses.delete_course(session, principal, course_id, if_match=if_match)
    return Response(status_code=204)


_ACTION_ERRORS = errors(400, 401, 403, 404, 409, 412, 422)


@router.post(
    "/{course_id}/publish",
    operation_id="courses_publish",
    summary="Publish a course",
    response_model=Course,
    responses=_ACTION_ERRORS,
)
async def publish_course(
    course_id: uuid.UUID,
    session: Session,
    principal: TrainingsWrite,
    if_match: IfMatch,
    body: Annotated[CoursePublish | None, Body()] = None,
) -> Response:
    """`draft → published` (409 `course_has_no_modules` for an empty course). Publishing a
    published course whose modules changed since makes a new `content_version`; enrolled
    people keep their progress unless `reset_progress` is true."""
    course = await courses.publish_course(
        session,
        principal,
        course_id,
        reset_progress=body.reset_progress if body else False,
        if_match=if_match,
    )
    return await _course(session, principal, course)


@router.post(
    "/{course_id}/archive",
    operation_id="courses_archive",
    summary="Archive a course",
    response_model=Course,
    responses=_ACTION_ERRORS,
)
async def archive_course(
    course_id: uuid.UUID, session: Session, principal: TrainingsWrite, if_match: IfMatch
) -> Response:
    """`draft | published → archived`: partners no longer see it nor enroll; enrollments
    already open may still be finished."""
    course = await courses.archive_course(session, principal, course_id, if_match=if_match)
    return await _course(session, principal, course)


@router.get(
    "/{course_id}/audience/explain",
    operation_id="courses_audience_explanation_get",
    summary="Explain a course's audience for a partner",
    response_model=AudienceExplanation,
    responses=errors(400, 401, 403, 404, 422),
)
async def explain_audience(
    course_id: uuid.UUID,
    partner_id: Annotated[uuid.UUID, Query(description="The partner to check.")],
    session: Session,
    principal: TrainingsRead,
) -> AudienceExplanation:
    """Whether the course's audience admits the partner and which rule decides (vendor
    roles; 403 `vendor_only` for partner tokens)."""
    return await courses.explain_audience(session, principal, course_id, partner_id)


# --- modules ---------------------------------------------------------------------------------


def _module(module: object, principal: Principal, status: int = 200) -> Response:
    shape = MODULE if principal.is_vendor else MODULE_PUBLIC
    return render(shape, module, etag=module.version, status_code=status)  # type: ignore[attr-defined]


@router.post(
    "/{course_id}/modules",
    operation_id="courses_modules_create",
    summary="Add a module to a course",
    status_code=201,
    response_model=CourseModule,
    responses=errors(400, 401, 403, 404, 409, 422),
)
async def add_module(
    course_id: uuid.UUID, body: CourseModuleCreate, session: Session, principal: TrainingsWrite
) -> Response:
    """Add a module (vendor roles), last unless `position` says where. On a course published
    before, the next publication is a new `content_version`."""
    module = await modules.add_module(
        session, principal, course_id, body.model_dump(exclude_unset=True)
    )
    response = _module(module, principal, 201)
    response.headers["Location"] = f"/v1/courses/{course_id}/modules/{module.id}"
    return response


@router.patch(
    "/{course_id}/modules/{module_id}",
    operation_id="courses_modules_update",
    summary="Update a course module",
    response_model=CourseModule,
    responses=errors(400, 401, 403, 404, 409, 412, 422),
)
async def update_module(
    course_id: uuid.UUID,
    module_id: uuid.UUID,
    body: CourseModuleUpdate,
    session: Session,
    principal: TrainingsWrite,
    if_match: IfMatch,
) -> Response:
    """Edit a module (vendor roles; `If-Match` takes the module's ETag). The fields of another
    kind are a 422 `mismatch`."""
    module = await modules.update_module(
        session,
        principal,
        course_id,
        module_id,
        body.model_dump(exclude_unset=True),
        if_match=if_match,
    )
    return _module(module, principal)


@router.api_route(
    "/{course_id}/modules/{module_id}",
    methods=["DELETE"],
    operation_id="courses_modules_delete",
    summary="Remove a module from a course",
    status_code=204,
    responses=errors(401, 403, 404, 409, 412),
)
async def delete_module(
    course_id: uuid.UUID,
    module_id: uuid.UUID,
    session: Session,
    principal: TrainingsWrite,
    if_match: IfMatch,
) -> Response:
    """Remove a module (vendor roles); its progress records go with it."""
    await modules.delete_module(session, principal, course_id, module_id, if_match=if_match)
    return Response(status_code=204)


@router.put(
    "/{course_id}/module-order",
    operation_id="courses_module_order_update",
    summary="Reorder a course's modules",
    response_model=Course,
    responses=errors(400, 401, 403, 404, 409, 412, 422),
)
async def reorder_modules(
    course_id: uuid.UUID,
    body: ModuleOrder,
    session: Session,
    principal: TrainingsWrite,
    if_match: IfMatch,
) -> Response:
    """Put every module of the course in the order given (vendor roles; `If-Match` takes the
    course's ETag). Naming a module twice, or not every one, is a 422 `mismatch`."""
    course = await modules.reorder_modules(
        session, principal, course_id, body.module_ids, if_match=if_match
    )
    return await _course(session, principal, course)
