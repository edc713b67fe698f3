"""Keyset pagination, sorting and cursors (DESIGN §5 "Lists"), through /v1/users and
/v1/api-clients."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime

import pytest
from factories import assert_problem
from sqlalchemy import select, text, update

from prm_api.models import User

# Fixed, not random: parametrized node ids must be the same in every xdist worker.
ANY_ID = "01900000-0000-7000-8000-0000000000aa"


def make_cursor(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


async def walk(client, headers, path: str, **params) -> tuple[list[dict], int]:
    """Follow ``next_cursor`` to the end; returns every item and the number of pages."""
    items: list[dict] = []
    pages = 0
    cursor = None
    while True:
        query = dict(params)
        if cursor:
            query["cursor"] = cursor
        r = await client.get(path, params=query, headers=headers)
        assert r.status_code == 200, r.text
        body = r.json()
        pages += 1
        assert set(body) == {"data", "has_more", "next_cursor"}
        assert body["has_more"] == (body["next_cursor"] is not None)
        if "limit" in params:
            assert len(body["data"]) <= int(params["limit"])
            if body["has_more"]:
                assert len(body["data"]) == int(params["limit"])
        items.extend(body["data"])
        cursor = body["next_cursor"]
        if not cursor:
            assert "link" not in r.headers
            return items, pages
        assert pages < 100, "pagination does not terminate"


@pytest.fixture
async def users(factory, admin_headers, db):
    """Eleven vendor users (plus the admin behind ``admin_headers``); four of them share one
    ``created_at`` so the id tie-breaker is exercised."""
    made = [
        await factory.user(
            role="channel_manager",
            email=f"user{i:02d}-{uuid.uuid4().hex[:6]}@example.com",
            password=None,
        )
        for i in range(11)
    ]
    same = datetime(2020, 1, 1, tzinfo=UTC)
    await db.execute(
        update(User).where(User.id.in_([u.id for u in made[3:7]])).values(created_at=same)
    )
    await db.commit()
    return made


async def expected_ids(db, *order) -> list[str]:
    rows = (await db.scalars(select(User.id).order_by(*order))).all()
    return [str(r) for r in rows]


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("created_at", (User.created_at.asc(), User.id.asc())),
        ("-created_at", (User.created_at.desc(), User.id.desc())),
        ("email", (User.email.asc(), User.id.asc())),
        ("-email", (User.email.desc(), User.id.desc())),
        ("name", (User.name.asc(), User.id.asc())),
    ],
)
async def test_walking_pages_returns_every_row_once_in_order(
    client, admin_headers, users, db, sort, order
):
    items, pages = await walk(client, admin_headers, "/v1/users", limit=3, sort=sort)
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids)) == 12
    assert ids == await expected_ids(db, *order)
    assert pages == 4


async def test_default_sort_is_newest_first(client, admin_headers, users, db):
    r = await client.get("/v1/users", headers=admin_headers)
    assert [i["id"] for i in r.json()["data"]] == await expected_ids(
        db, User.created_at.desc(), User.id.desc()
    )


async def test_page_size_exactly_fits_has_no_next_page(client, admin_headers, users):
    r = await client.get("/v1/users", params={"limit": 12}, headers=admin_headers)
    body = r.json()
    assert len(body["data"]) == 12
    assert body["has_more"] is False and body["next_cursor"] is None
    assert "link" not in r.headers


async def test_pages_stay_stable_when_rows_are_inserted(client, admin_headers, users, factory):
    first = (
        await client.get(
            "/v1/users", params={"limit": 5, "sort": "created_at"}, headers=admin_headers
        )
    ).json()
    # A row created after the first page lands at the end of an ascending walk, never twice.
    late = await factory.user(role="admin", password=None)
    rest, _ = await walk(client, admin_headers, "/v1/users", limit=5, sort="created_at")
    ids = [i["id"] for i in rest]
    assert ids[:5] == [i["id"] for i in first["data"]]
    assert ids[-1] == str(late.id)
    assert len(ids) == len(set(ids)) == 13


async def test_default_limit_is_25(client, admin_headers, factory):
    for _ in range(26):
        await factory.user(role="channel_manager", password=None)
    r = await client.get("/v1/users", headers=admin_headers)
    body = r.json()
    assert len(body["data"]) == 25
    assert body["has_more"] is True
    r2 = await client.get(
        "/v1/users", params={"cursor": body["next_cursor"]}, headers=admin_headers
    )
    assert len(r2.json()["data"]) == 2
    assert r2.json()["has_more"] is False


@pytest.mark.parametrize("limit", ["0", "101", "-1", "abc"])
async def test_limit_out_of_bounds_is_422(client, admin_headers, limit):
    r = await client.get("/v1/users", params={"limit": limit}, headers=admin_headers)
    body = assert_problem(r, 422, "validation_error")
    assert body["errors"][0]["field"] == "limit"
    assert body["errors"][0]["in"] == "query"


@pytest.mark.parametrize("limit", [1, 100])
async def test_limit_bounds_are_inclusive(client, admin_headers, users, limit):
    r = await client.get("/v1/users", params={"limit": limit}, headers=admin_headers)
    assert r.status_code == 200
    assert len(r.json()["data"]) == min(limit, 12)


async def test_link_header_points_to_the_next_page(client, admin_headers, users):
    r = await client.get(
        "/v1/users",
        params={"limit": 4, "sort": "email", "role": "channel_manager"},
        headers=admin_headers,
    )
    body = r.json()
    assert body["has_more"] is True
    link = r.headers["link"]
    assert link.endswith('>; rel="next"')
    url = link[1 : link.index(">")]
    nxt = await client.get(url, headers=admin_headers)
    assert nxt.status_code == 200
    # The link keeps the filters and the sort, and adds the cursor.
    assert "role=channel_manager" in url and "sort=email" in url and "limit=4" in url
    direct = await client.get(
        "/v1/users",
        params={
            "limit": 4,
            "sort": "email",
            "role": "channel_manager",
            "cursor": body["next_cursor"],
        },
        headers=admin_headers,
    )
    assert nxt.json() == direct.json()
    emails = [i["email"] for i in body["data"] + nxt.json()["data"]]
    assert emails == sorted(emails)


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage!!",
        "eyJub3QiOiAianNvbiJ9",  # {"not": "json"} without the expected keys
        make_cursor(["a", "list"]),
        make_cursor({"s": "-created_at", "v": {"t": "yesterday"}, "id": ANY_ID}),
        make_cursor({"s": "-created_at", "v": {"t": "2030-01-01T00:00:00+00:00"}, "id": "x"}),
        make_cursor({"s": "-created_at", "v": None, "id": ANY_ID}),
        make_cursor({"s": "-created_at", "v": 12, "id": ANY_ID}),
        make_cursor({"s": "-created_at", "v": "2030-01-01", "id": ANY_ID}),
        make_cursor({"s": "-created_at", "v": {"u": ANY_ID}, "id": ANY_ID}),
        make_cursor({"s": "-created_at", "v": {"t": "2030-01-01T00:00:00"}, "id": ANY_ID}),
    ],
)
async def test_bad_cursor_is_400(client, admin_headers, users, cursor):
    r = await client.get("/v1/users", params={"cursor": cursor}, headers=admin_headers)
    body = assert_problem(r, 400, "invalid_cursor")
    assert body["status"] == 400


async def test_email_cursor_with_non_string_value_is_400(client, admin_headers, users):
    cursor = make_cursor({"s": "email", "v": {"d": "1.5"}, "id": ANY_ID})
    r = await client.get(
        "/v1/users", params={"cursor": cursor, "sort": "email"}, headers=admin_headers
    )
    assert_problem(r, 400, "invalid_cursor")


async def test_cursor_from_another_sort_is_400(client, admin_headers, users):
    r = await client.get("/v1/users", params={"limit": 2, "sort": "email"}, headers=admin_headers)
    cursor = r.json()["next_cursor"]
    for other in ("-email", "created_at", "name", None):
        params = {"cursor": cursor}
        if other:
            params["sort"] = other
        bad = await client.get("/v1/users", params=params, headers=admin_headers)
        body = assert_problem(bad, 400, "invalid_cursor")
        assert "sort" in body["detail"]


@pytest.mark.parametrize(
    "cursor",
    [
        "a" * 513,
        "a" * 5000,
        "\x00",
        "é",
        "====",
        make_cursor({"s": "-created_at", "v": {"t": "9999-12-31T23:59:59-14:00"}, "id": ANY_ID}),
        make_cursor({"s": "-created_at", "v": {"t": "0001-01-01T00:00:00+14:00"}, "id": ANY_ID}),
    ],
)
async def test_every_unusable_cursor_is_400_invalid_cursor(client, admin_headers, cursor):
    """Never 422 (a too-long cursor was one) nor 500: one answer for every unusable cursor."""
    r = await client.get("/v1/users", params={"cursor": cursor}, headers=admin_headers)
    assert_problem(r, 400, "invalid_cursor")


@pytest.mark.parametrize(
    "sort", ["password_hash", "-role", "--email", "created_at,email", "", "+email", " email"]
)
async def test_bad_sort_is_400(client, admin_headers, sort):
    """``sort`` is an enum in the document: anything outside it, the empty value included, is
    the 400 (omitting the parameter is how a client asks for the default order)."""
    r = await client.get("/v1/users", params={"sort": sort}, headers=admin_headers)
    body = assert_problem(r, 400, "invalid_sort")
    assert body["allowed"] == ["created_at", "email", "name"]


async def test_api_clients_paginate_the_same_way(client, admin_headers, factory):
    made = {(await factory.api_client(role="channel_manager"))[0].client_id for _ in range(5)}
    items, pages = await walk(client, admin_headers, "/v1/api-clients", limit=2, sort="created_at")
    assert {i["client_id"] for i in items} == made
    assert len(items) == 5 and pages == 3
    r = await client.get("/v1/api-clients", params={"sort": "secret"}, headers=admin_headers)
    assert_problem(r, 400, "invalid_sort")


async def test_pagination_uses_no_offset(client, admin_headers, users, db):
    # Keyset pages: a deleted row on an earlier page does not shift later pages.
    params = {"limit": 3, "sort": "email", "role": "channel_manager"}
    first = (await client.get("/v1/users", params=params, headers=admin_headers)).json()
    await db.execute(text("DELETE FROM users WHERE id = :id"), {"id": first["data"][0]["id"]})
    await db.commit()
    second = (
        await client.get(
            "/v1/users", params={**params, "cursor": first["next_cursor"]}, headers=admin_headers
        )
    ).json()
    emails = [i["email"] for i in first["data"] + second["data"]]
    assert emails == sorted(emails) and len(set(emails)) == 6


@pytest.mark.parametrize(
    "query",
    [
        b"",
        b"limit=4",
        b"status=approved&status=won&limit=2&cursor=old",
        b"q=caf%C3%A9+bar&empty=&sort=-amount",
        b"cursor=a&x=%2F%3F%26&cursor=b",
        b"name=S%C3%A3o%20Paulo&tag=a+b",
    ],
)
def test_link_header_is_what_starlette_would_write(query: bytes) -> None:
    from starlette.requests import Request

    from prm_api.kit.pagination import link_header

    scope = {
        "type": "http", "method": "GET", "scheme": "https", "path": "/v1/deals",
        "query_string": query, "root_path": "", "server": ("api.example", 443),
        "headers": [(b"host", b"api.example")],
    }  # fmt: skip
    cursor = "eyJ2IjoiMjAyNi0xMi0wNCJ9"
    expected = Request(scope).url.include_query_params(cursor=cursor)
    assert link_header(Request(scope), cursor) == f'<{expected}>; rel="next"'
    assert link_header(Request(scope), None) is None
