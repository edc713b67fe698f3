"""Timestamps whose offset moves them outside years 1–9999 in UTC are a 422, never a 500."""

from __future__ import annotations

import uuid

import pytest
from factories import assert_problem

EXTREMES = ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"]
# Fixed, not random: parametrized node ids must be the same in every xdist worker.
SOME_ID = uuid.UUID("01900000-0000-7000-8000-000000000001")
LISTS = [
    ("/v1/partners", "created_after"),
    ("/v1/partners", "updated_before"),
    ("/v1/deals", "created_after"),
    ("/v1/deals", "updated_after"),
    ("/v1/events", "created_after"),
    ("/v1/events", "created_before"),
    ("/v1/audit-events", "occurred_after"),
    ("/v1/audit-events", "occurred_before"),
    (f"/v1/webhook-endpoints/{SOME_ID}/deliveries", "created_after"),
]


@pytest.mark.parametrize("value", EXTREMES)
@pytest.mark.parametrize(("path", "param"), LISTS)
async def test_extreme_offsets_in_list_filters_are_422(client, auth, path, param, value):
    admin = await auth.headers("admin")
    r = await client.get(path, headers=admin, params={param: value})
    body = assert_problem(r, 422, "validation_error")
    assert "out of range" in r.text, body


@pytest.mark.parametrize("value", EXTREMES)
async def test_extreme_offsets_in_recover_are_422(client, auth, value):
    admin = await auth.headers("admin")
    r = await client.post(
        f"/v1/webhook-endpoints/{SOME_ID}/recover", headers=admin, json={"since": value}
    )
    assert_problem(r, 422, "validation_error")


async def test_the_largest_representable_instants_still_work(client, auth):
    admin = await auth.headers("admin")
    for value in ("9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "9999-12-31T09:59:59-14:00"):
        r = await client.get("/v1/partners", headers=admin, params={"created_after": value})
        assert r.status_code == 200, (value, r.text)
