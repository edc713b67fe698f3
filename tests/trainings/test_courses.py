"""Courses and modules: authoring (vendor), what partners see (audience, no correct answers),
publication and content versions, validation (problem+json, nothing changed)."""

from __future__ import annotations

import copy

from factories import assert_problem
from trainings_support import (
    QUESTIONS,
    correct_answer_leaks,
    course_body,
    enroll,
    published_course,
    quiz_module,
)

from prm_api.models import Course, CourseModule

MODULES = [
    {"kind": "link", "title": "Read", "url": "https://example.com/read"},
    {"kind": "acknowledgement", "title": "Agreement", "text": "I agree."},
    quiz_module(max_attempts=3),
]


async def test_a_vendor_authors_a_course_with_every_module_kind(client, admin_headers, store):
    asset = await store.asset()
    modules = [*MODULES, {"kind": "content", "title": "Deck", "asset_id": str(asset.id)}]
    r = await client.post("/v1/courses", json=course_body(modules), headers=admin_headers)
    assert r.status_code == 201, r.text
    course = r.json()
    assert course["status"] == "draft" and course["content_version"] == 1
    assert r.headers["ETag"] and r.headers["Location"] == f"/v1/courses/{course['id']}"
    assert [m["kind"] for m in course["modules"]] == ["link", "acknowledgement", "quiz", "content"]
    assert [m["position"] for m in course["modules"]] == [0, 1, 2, 3]
    ack, quiz = course["modules"][1], course["modules"][2]
    assert ack["text_version"] == 1
    # Vendor staff read the correct options.
    assert quiz["quiz"]["questions"][0]["correct_option_ids"] == ["b"]
    [event] = await store.events(type="course.created", resource_id=course["id"])
    assert correct_answer_leaks(event.data) == []


async def test_partners_see_published_courses_of_their_audience_without_answers(
    client, admin_headers, store, auth
):
    inside = await store.partner(country="DE")
    outside = await store.partner(country="PL")
    in_h = await auth.headers("partner_user", partner_id=inside.id)
    out_h = await auth.headers("partner_user", partner_id=outside.id)
    course = await published_course(
        client, admin_headers, modules=[quiz_module()], audience={"countries": ["DE"]}
    )
    draft = (await client.post("/v1/courses", json=course_body(), headers=admin_headers)).json()

    r = await client.get(f"/v1/courses/{course['id']}", headers=in_h)
    assert r.status_code == 200, r.text
    assert r.json()["modules"][0]["quiz"]["questions"][0]["options"]
    assert correct_answer_leaks(r.json()) == []
    listed = await client.get("/v1/courses", headers=in_h)
    assert [c["id"] for c in listed.json()["data"]] == [course["id"]]
    assert correct_answer_leaks(listed.json()) == []

    for headers, course_id in ((out_h, course["id"]), (in_h, draft["id"])):
        assert_problem(
            await client.get(f"/v1/courses/{course_id}", headers=headers), 404, "not_found"
        )
    assert (await client.get("/v1/courses", headers=out_h)).json()["data"] == []
    # Nor can the outsider enroll (the course does not exist for it).
    r = await client.post("/v1/enrollments", json={"course_id": course["id"]}, headers=out_h)
    assert_problem(r, 422, "validation_error")


async def test_list_filters_and_search(client, admin_headers):
    await published_course(client, admin_headers, title="Kubernetes für Partner", level="advanced")
    await published_course(client, admin_headers, title="Pricing basics", language="en")
    r = await client.get("/v1/courses?q=kubernetes", headers=admin_headers)
    assert [c["title"] for c in r.json()["data"]] == ["Kubernetes für Partner"]
    r = await client.get("/v1/courses?level=advanced", headers=admin_headers)
    assert [c["level"] for c in r.json()["data"]] == ["advanced"]
    r = await client.get("/v1/courses?language=en", headers=admin_headers)
    assert [c["title"] for c in r.json()["data"]] == ["Pricing basics"]
    r = await client.get("/v1/courses?status=draft", headers=admin_headers)
    assert r.json()["data"] == []


async def test_invalid_courses_are_refused_and_nothing_is_stored(
    client, admin_headers, store, auth
):
    partner = await store.partner()
    partner_h = await auth.headers("partner_admin", partner_id=partner.id)
    mark = await store.mark()
    bad_quizzes = []
    for mutate in (
        lambda q: q[0].update(correct_option_ids=["nope"]),
        lambda q: q[0].update(correct_option_ids=["a", "b"]),
        lambda q: q[1].update(id="q1"),
        lambda q: q[2]["options"].append({"id": "m", "text": "Maybe"}),
    ):
        questions = copy.deepcopy(QUESTIONS)
        mutate(questions)
        bad_quizzes.append(
            {"kind": "quiz", "title": "Q", "quiz": {"passing_score": 50, "questions": questions}}
        )
    bad_modules = [
        *bad_quizzes,
        {"kind": "link", "title": "No url"},
        {"kind": "link", "title": "Two", "url": "https://e.com", "text": "x"},
        {"kind": "content", "title": "Ghost", "asset_id": "018f0000-0000-7000-8000-000000000000"},
    ]
    for module in bad_modules:
        r = await client.post("/v1/courses", json=course_body([module]), headers=admin_headers)
        problem = assert_problem(r, 422, "validation_error")
        assert problem["errors"], problem
    for body in (
        {**course_body(), "status": "published"},
        {**course_body(), "level": "expert"},
        {**course_body(), "title": ""},
    ):
        assert_problem(
            await client.post("/v1/courses", json=body, headers=admin_headers),
            422,
            "validation_error",
        )
    r = await client.post("/v1/courses", json=course_body(), headers=partner_h)
    assert_problem(r, 403, "insufficient_scope")
    assert await store.count(Course) == 0 and await store.count(CourseModule) == 0
    assert await store.since(mark) == []


async def test_publishing_a_new_version_keeps_progress_unless_asked(
    client, admin_headers, store, auth
):
    partner = await store.partner()
    user_h = await auth.headers("partner_user", partner_id=partner.id)
    course = await published_course(
        client,
        admin_headers,
        modules=[
            {"kind": "link", "title": "A", "url": "https://example.com/a"},
            {"kind": "link", "title": "B", "url": "https://example.com/b"},
        ],
    )
    assert course["content_version"] == 1
    enrollment = await enroll(client, user_h, course["id"])
    first = course["modules"][0]["id"]
    r = await client.post(
        f"/v1/enrollments/{enrollment['id']}/modules/{first}/complete", headers=user_h
    )
    assert r.json()["status"] == "in_progress"

    # Publishing again without a module change makes no new version.
    r = await client.post(f"/v1/courses/{course['id']}/publish", headers=admin_headers)
    assert r.json()["content_version"] == 1
    r = await client.post(
        f"/v1/courses/{course['id']}/modules",
        json={"kind": "link", "title": "C", "url": "https://example.com/c", "position": 0},
        headers=admin_headers,
    )
    assert r.status_code == 201, r.text
    r = await client.post(f"/v1/courses/{course['id']}/publish", headers=admin_headers)
    assert r.json()["content_version"] == 2
    assert [m["title"] for m in r.json()["modules"]] == ["C", "A", "B"]
    got = (await client.get(f"/v1/enrollments/{enrollment['id']}", headers=user_h)).json()
    assert got["course_version"] == 1 and got["status"] == "in_progress"
    assert got["progress"]["completed_required_modules"] == 1

    await client.patch(
        f"/v1/courses/{course['id']}/modules/{first}", json={"title": "A2"}, headers=admin_headers
    )
    r = await client.post(
        f"/v1/courses/{course['id']}/publish", json={"reset_progress": True}, headers=admin_headers
    )
    assert r.json()["content_version"] == 3
    got = (await client.get(f"/v1/enrollments/{enrollment['id']}", headers=user_h)).json()
    assert got["course_version"] == 3 and got["status"] == "enrolled"
    assert got["progress"]["completed_required_modules"] == 0


async def test_lifecycle_delete_archive_and_reorder(client, admin_headers, store):
    draft = (await client.post("/v1/courses", json=course_body([]), headers=admin_headers)).json()
    r = await client.post(f"/v1/courses/{draft['id']}/publish", headers=admin_headers)
    assert_problem(r, 409, "course_has_no_modules")
    r = await client.delete(
        f"/v1/courses/{draft['id']}", headers={**admin_headers, "If-Match": '"99"'}
    )
    assert_problem(r, 412, "precondition_failed")
    assert (
        await client.delete(f"/v1/courses/{draft['id']}", headers=admin_headers)
    ).status_code == 204
    assert await store.count(Course) == 0

    course = await published_course(
        client,
        admin_headers,
        modules=[
            {"kind": "link", "title": "A", "url": "https://example.com/a"},
            {"kind": "link", "title": "B", "url": "https://example.com/b"},
        ],
    )
    assert_problem(
        await client.delete(f"/v1/courses/{course['id']}", headers=admin_headers),
        409,
        "invalid_transition",
    )
    a, b = (m["id"] for m in course["modules"])
    url = f"/v1/courses/{course['id']}/module-order"
    assert_problem(
        await client.put(url, json={"module_ids": [a]}, headers=admin_headers),
        422,
        "validation_error",
    )
    r = await client.put(url, json={"module_ids": [b, a]}, headers=admin_headers)
    assert [m["title"] for m in r.json()["modules"]] == ["B", "A"]
    r = await client.post(f"/v1/courses/{course['id']}/archive", headers=admin_headers)
    assert r.json()["status"] == "archived"
    assert_problem(
        await client.post(f"/v1/courses/{course['id']}/archive", headers=admin_headers),
        409,
        "invalid_transition",
    )
    types = [e.type for e in await store.events(resource_id=course["id"])]
    assert types == [
        "course.created",
        "course.published",
        "course.updated",
        "course.archived",
    ]
