"""The trainings Shapes: their JSON is byte for byte pydantic's for the same model, and every
field read from a same-named column holds that column's value (checked without the Shape):
courses in both views, enrollments with progress, quiz attempts with and without review."""

from __future__ import annotations

import uuid

from shape_checks import assert_shape_writes
from sqlalchemy import select
from trainings_support import RIGHT, attempts_url, enroll, published_course, quiz_module

from prm_api.models import Course, Enrollment, QuizAttempt
from prm_api.trainings import progress, repository
from prm_api.trainings.enrollment_schemas import ENROLLMENT
from prm_api.trainings.enrollment_schemas import Enrollment as EnrollmentModel
from prm_api.trainings.quiz_schemas import QUIZ_ATTEMPT
from prm_api.trainings.quiz_schemas import QuizAttempt as QuizAttemptModel
from prm_api.trainings.schemas import COURSE, modules_context
from prm_api.trainings.schemas import Course as CourseModel


async def _rows_and_objects(db, model, *where):
    rows = (await db.execute(select(*model.__table__.columns).where(*where))).all()
    objects = (await db.scalars(select(model).where(*where))).all()
    assert rows and objects
    return [*rows, *objects]


def _same(shape, source, model, context) -> None:
    assert_shape_writes(shape, source, model, context)


async def test_course_enrollment_and_attempt_shapes(client, admin_headers, store, auth, db):
    partner = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=partner.id)
    course = await published_course(
        client, admin_headers, modules=[quiz_module()], allow_review=True
    )
    enrollment = await enroll(client, user_h, course["id"])
    url = attempts_url(enrollment, course["modules"][0]["id"])
    attempt = (await client.post(url, headers=user_h)).json()
    await client.put(f"{url}/{attempt['id']}/answers", json={"answers": RIGHT}, headers=user_h)
    await client.post(f"{url}/{attempt['id']}/submit", headers=user_h)

    course_id = uuid.UUID(course["id"])
    modules = await repository.modules_of(db, [course_id])
    for vendor in (True, False):
        context = modules_context(modules, vendor=vendor)
        for source in await _rows_and_objects(db, Course, Course.id == course_id):
            _same(COURSE, source, CourseModel, context)
    sources = await _rows_and_objects(db, Enrollment, Enrollment.id == uuid.UUID(enrollment["id"]))
    context = await progress.progress_context(db, sources[-1:])
    for source in sources:
        _same(ENROLLMENT, source, EnrollmentModel, context)
    for allow_review in (True, False):
        context = {"questions": modules[0].questions, "allow_review": allow_review}
        sources = await _rows_and_objects(
            db, QuizAttempt, QuizAttempt.id == uuid.UUID(attempt["id"])
        )
        for source in sources:
            _same(QUIZ_ATTEMPT, source, QuizAttemptModel, context)
