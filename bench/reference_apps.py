"""Naive FastAPI reference apps for the read shapes ``/work/shared/bench/ceiling.py`` lacks.

``ceiling.py`` holds the two references of the partner's deal list (bare ASGI and naive
FastAPI). This app is the naive one for the other shapes ``bench/throughput.py`` measures:
each route runs the query the product's endpoint runs (asyncpg, no ORM), builds a Pydantic
response model typed from the columns of one row, and lets FastAPI serialize it, with no
authentication, scoping, middleware or pagination cursor around it.

    GET /partners      the 50 newest partners with their tier (vendor view)
    GET /events        the 100 oldest events (the event log's default order, vendor view)
    GET /deals/{id}    one deal by id
    GET /me            one user by id (what ``/v1/me`` reads besides the token check)
    GET /assets        the first 50 assets partner ``CEILING_PARTNER`` sees (issue 13)

``/assets`` runs the very SQL of the product's partner list: ``prm_api.assets.repository``'s
list query for a partner principal, in the list's default order with the page size + 1,
compiled once at start-up by SQLAlchemy's postgresql dialect with literal binds (the partner
id written into the text). Nothing of ``prm_api`` runs per request. Without ``prm_api``
importable, or when the partner sees no asset, the route is left out.

    CEILING_DSN='postgresql://postgres@/postgres?host=<data-dir>/pgdata' REF_USER=<user uuid> \\
        CEILING_PARTNER=<partner uuid> python bench/reference_apps.py 8964

Needs: asyncpg, fastapi, uvicorn (uvloop and httptools when installed, as the product).
"""

from __future__ import annotations

import asyncio
import datetime
import json
import os
import sys
import typing
import uuid
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Any

import asyncpg
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, create_model

DSN = os.environ.get("CEILING_DSN", "")
USER = os.environ.get("REF_USER", "00000000-0000-0000-0000-000000000000")
PARTNER = os.environ.get("CEILING_PARTNER", "00000000-0000-0000-0000-000000000000")

# The product's default order and page size + 1 (the extra row says whether there is more).
PARTNERS = """
SELECT p.*, t.key AS tier_key, t.name AS tier_name
FROM partners p LEFT JOIN tiers t ON t.id = p.tier_id
ORDER BY p.created_at DESC, p.id DESC LIMIT 51
"""
EVENTS = "SELECT * FROM events ORDER BY created_at, id LIMIT 101"
DEAL = "SELECT * FROM deals WHERE id = $1"
ME = "SELECT id, email, name, role, partner_id FROM users WHERE id = $1"


def assets_sql(partner_id: uuid.UUID, limit: int = 50) -> str | None:
    """The SQL of the product's first page of assets for a partner token (``None`` when
    ``prm_api`` is not importable): the statement ``service.list_assets`` hands to the
    paginator, ordered and limited as ``kit.pagination.paginate`` does without a cursor."""
    try:
        from sqlalchemy.dialects import postgresql

        from prm_api.assets import repository
        from prm_api.assets.schemas import AssetFilters
        from prm_api.auth.principal import Principal
    except ImportError:
        return None
    principal = Principal(
        subject_type="user",
        subject_id=USER,
        client_id="prm-first-party",
        role="partner_admin",
        scopes=frozenset({"assets:read"}),
        partner_id=partner_id,
    )
    keys = repository.SORTS
    sort = keys.parse(None)
    column = keys.columns[sort.field]
    order = (column.desc(), keys.id_column.desc()) if sort.descending else (column, keys.id_column)
    stmt = repository.list_query(principal, AssetFilters()).order_by(*order).limit(limit + 1)
    compiled = stmt.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
    return str(compiled)


ASSETS = assets_sql(uuid.UUID(PARTNER))


async def _init(conn: asyncpg.Connection) -> None:
    # jsonb as Python objects, as the product returns them (asyncpg hands out text otherwise).
    for name in ("json", "jsonb"):
        await conn.set_type_codec(name, encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


def _type_of(value: Any) -> Any:
    if value is None:
        return Any
    if isinstance(value, uuid.UUID):
        return uuid.UUID
    if isinstance(value, (datetime.datetime, datetime.date, Decimal, bool, int, str)):
        return type(value)
    if isinstance(value, list):
        return list[Any]
    if isinstance(value, dict):
        return dict[str, Any]
    return Any


def model_of(name: str, row: asyncpg.Record) -> type[BaseModel]:
    """A response model with one optional field per column, typed from ``row``'s values."""
    fields: dict[str, Any] = {k: (_type_of(v) | None, None) for k, v in dict(row).items()}
    return create_model(name, **fields)


def page_of(name: str, item: type[BaseModel]) -> type[BaseModel]:
    return create_model(name, data=(list[item], ...), has_more=(bool, ...))  # type: ignore[valid-type]


async def _sample() -> dict[str, asyncpg.Record | None]:
    conn = await asyncpg.connect(DSN)
    try:
        await _init(conn)
        deal = await conn.fetchrow("SELECT * FROM deals LIMIT 1")
        return {
            "partner": await conn.fetchrow(PARTNERS),
            "event": await conn.fetchrow(EVENTS),
            "deal": deal,
            "me": await conn.fetchrow(ME, uuid.UUID(USER)),
            "asset": await conn.fetchrow(ASSETS) if ASSETS else None,
        }
    finally:
        await conn.close()


def naive_app() -> FastAPI:
    rows = asyncio.run(_sample())
    missing = [k for k, v in rows.items() if v is None and k != "asset"]
    if missing:
        raise SystemExit(f"reference_apps: no row to type the model of {missing}")
    Partner = model_of("Partner", rows["partner"])
    Event = model_of("Event", rows["event"])
    Deal = model_of("Deal", rows["deal"])
    Me = model_of("Me", rows["me"])
    PartnerPage = page_of("PartnerPage", Partner)
    EventPage = page_of("EventPage", Event)
    Asset = model_of("Asset", rows["asset"]) if rows["asset"] is not None else None
    AssetPage = page_of("AssetPage", Asset) if Asset is not None else None
    state: dict[str, asyncpg.Pool] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> typing.AsyncIterator[None]:
        state["pool"] = await asyncpg.create_pool(DSN, min_size=4, max_size=8, init=_init)
        yield
        await state["pool"].close()

    app = FastAPI(lifespan=lifespan)

    @app.get("/partners", response_model=PartnerPage)
    async def partners() -> Any:
        found = await state["pool"].fetch(PARTNERS)
        return PartnerPage(data=[Partner(**dict(r)) for r in found[:50]], has_more=len(found) > 50)

    @app.get("/events", response_model=EventPage)
    async def events() -> Any:
        found = await state["pool"].fetch(EVENTS)
        return EventPage(data=[Event(**dict(r)) for r in found[:100]], has_more=len(found) > 100)

    @app.get("/deals/{deal_id}", response_model=Deal)
    async def deal(deal_id: uuid.UUID) -> Any:
        row = await state["pool"].fetchrow(DEAL, deal_id)
        if row is None:
            raise HTTPException(404)
        return Deal(**dict(row))

    @app.get("/me", response_model=Me)
    async def me() -> Any:
        row = await state["pool"].fetchrow(ME, uuid.UUID(USER))
        if row is None:
            raise HTTPException(404)
        return Me(**dict(row))

    if Asset is not None and AssetPage is not None:

        @app.get("/assets", response_model=AssetPage)
        async def assets() -> Any:
            found = await state["pool"].fetch(ASSETS)
            return AssetPage(data=[Asset(**dict(r)) for r in found[:50]], has_more=len(found) > 50)

    else:
        print("reference_apps: no /assets (prm_api not importable or no visible asset)")

    return app


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(
        naive_app(),
        host="127.0.0.1",
        port=int(sys.argv[1]),
        log_level="warning",
        loop="uvloop",
        http="httptools",
    )
