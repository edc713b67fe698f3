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
