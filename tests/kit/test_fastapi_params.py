"""kit.fastapi_params: FastAPI's per-request parameter inspection, cached, parses the same."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import httpx
from fastapi import FastAPI, Header, Query
from fastapi.dependencies import utils
from pydantic import BaseModel

from prm_api.kit import fastapi_params


class Color(StrEnum):
    red = "red"
    blue = "blue"


class Window(BaseModel):
    start: int = 0
    end: int | None = None


def build() -> FastAPI:
    app = FastAPI()

    @app.get("/things")
    async def things(
        color: Annotated[list[Color] | None, Query()] = None,
        limit: Annotated[int, Query(ge=1, le=10)] = 5,
        named: Annotated[str | None, Query(alias="name")] = None,
        trace: Annotated[str | None, Header()] = None,
    ) -> dict[str, object]:
        return {"color": color, "limit": limit, "named": named, "trace": trace}

    @app.get("/window")
    async def window(w: Annotated[Window, Query()]) -> Window:
        return w

    return app


async def call(app: FastAPI, url: str, **headers: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        return await c.get(url, headers=headers)


async def test_installed_by_the_app(app: object) -> None:
    assert fastapi_params.installed()
    assert fastapi_params.install() is True  # a second install changes nothing
    # Wrapped once, not twice: the wrapper is the cached function itself.
    assert getattr(utils.field_annotation_is_sequence, "__prm_cached__", False)


async def test_parameters_parse_as_fastapi_parses_them() -> None:
    fastapi_params.install()
    app = build()
    for _ in range(2):  # the second request answers from the caches
        r = await call(app, "/things?color=red&color=blue&limit=3&name=x", trace="t1")
        assert r.status_code == 200, r.text
        assert r.json() == {"color": ["red", "blue"], "limit": 3, "named": "x", "trace": "t1"}
    r = await call(app, "/things")
    assert r.json() == {"color": None, "limit": 5, "named": None, "trace": None}


async def test_errors_keep_their_locations() -> None:
    fastapi_params.install()
    app = build()
    for _ in range(2):
        r = await call(app, "/things?color=red&color=green&limit=11")
        assert r.status_code == 422
        locs = sorted(tuple(e["loc"]) for e in r.json()["detail"])
        assert locs == [("query", "color", 1), ("query", "limit")]


async def test_parameter_models_still_work() -> None:
    fastapi_params.install()
    app = build()
    r = await call(app, "/window?start=2&end=9")
    assert r.json() == {"start": 2, "end": 9}
    r = await call(app, "/window?start=x")
    assert r.status_code == 422
    assert [tuple(e["loc"]) for e in r.json()["detail"]] == [("query", "start")]


def build_defaults() -> FastAPI:
    app = FastAPI()

    @app.get("/defaults")
    async def defaults(
        needed: Annotated[int, Query()],
        tags: Annotated[list[str], Query()] = ["a"],  # noqa: B006 - FastAPI copies it
        checked: Annotated[int, Query(ge=10, validate_default=True)] = 5,
        color: Annotated[Color, Query()] = Color.red,
        trace_id: Annotated[str | None, Header()] = None,
    ) -> dict[str, object]:
        tags.append("mutated")  # a shared default would keep this for the next request
        return {"needed": needed, "tags": tags, "checked": checked, "color": color, "t": trace_id}

    return app


async def test_absent_parameters_get_what_fastapi_gives_them() -> None:
    fastapi_params.install()
    assert getattr(utils.request_params_to_args, "__prm_cached__", False)
    app = build_defaults()
    # A required parameter missing and a validated default out of range: FastAPI's errors.
    r = await call(app, "/defaults")
    assert r.status_code == 422
    assert sorted(tuple(e["loc"]) for e in r.json()["detail"]) == [
        ("query", "checked"),
        ("query", "needed"),
    ]
    for _ in range(2):  # a mutable default is still a fresh copy on every request
        r = await call(app, "/defaults?needed=1&checked=12", **{"Trace-Id": "x"})
        assert r.status_code == 200, r.text
        assert r.json() == {
            "needed": 1, "tags": ["a", "mutated"], "checked": 12, "color": "red", "t": "x",
        }  # fmt: skip
    # Named ones are FastAPI's to parse and refuse, with their locations.
    r = await call(app, "/defaults?needed=1&checked=12&color=green&tags=b&tags=c")
    assert r.status_code == 422
    assert [tuple(e["loc"]) for e in r.json()["detail"]] == [("query", "color")]
    r = await call(app, "/defaults?needed=1&checked=12&color=blue&tags=b&tags=c")
    assert r.json()["tags"] == ["b", "c", "mutated"] and r.json()["color"] == "blue"
