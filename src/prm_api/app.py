"""The FastAPI application: routers, middleware, error handlers, lifespan."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi

from prm_api import __version__, domains
from prm_api.auth import passwords
from prm_api.auth.keys import ensure_signing_key, load_key_ring
from prm_api.config import Settings, get_settings
from prm_api.db import (
    create_engine,
    create_sessionmaker,
    dispose_engine,
    resolve_database_url,
)
from prm_api.error_handlers import install_error_handlers
from prm_api.kit import fastapi_params
from prm_api.kit.idempotency import IdempotencyMiddleware
from prm_api.kit.middleware import (
    BodyGuardMiddleware,
    RequestContextMiddleware,
    relative_slash_redirects,
)
from prm_api.kit.openapi import complete_operation, forbid_nul_in_free_text, problem_schemas
from prm_api.kit.ratelimit import MemoryStore, RateLimitMiddleware
from prm_api.kit.routing import index_routes, mount_routes
from prm_api.logging import configure_logging
from prm_api.metrics.summary import SummaryCache
from prm_api.ops.docs import install_docs
from prm_api.ops.metrics import HttpMetrics
from prm_api.webhooks.worker import DeliveryWorker
from prm_api.worker.jobs import start_scheduler

log = logging.getLogger("prm_api")

DESCRIPTION = """
Headless Partner Relationship Management API.

**Authentication**: OAuth2 bearer JWTs from `POST /oauth/token`. Scopes are `resource:action`;
partner tokens see only their own partner's data (other partners' objects are 404).

**Errors** are RFC 9457 `application/problem+json` with a stable `code` and a `request_id`.

**Lists** use cursor pagination: `limit` (1–100), `cursor`, `sort`; responses are
`{"data", "has_more", "next_cursor"}` with a `Link: rel="next"` header.

**Writes**: single resources carry an `ETag`; send `If-Match` to avoid lost updates (412).
Every `POST` accepts `Idempotency-Key` (replayed for 24 h).
"""

# Resumable uploads (tus, assets/tus_endpoints.py) from browsers (Uppy, tus-js-client): the
# protocol's request headers, and the response headers its clients must be able to read.
TUS_REQUEST_HEADERS = (
    "Tus-Resumable",
    "Upload-Length",
    "Upload-Offset",
    "Upload-Metadata",
    "Upload-Checksum",
    "Upload-Defer-Length",
    "Upload-Concat",
    "X-HTTP-Method-Override",
)
TUS_EXPOSED_HEADERS = (
    "Tus-Resumable",
    "Tus-Version",
    "Tus-Extension",
    "Tus-Max-Size",
    "Tus-Checksum-Algorithm",
    "Upload-Offset",
    "Upload-Length",
    "Upload-Expires",
    "Upload-Metadata",
)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    owns_engine = getattr(app.state, "engine", None) is None
    if owns_engine:
        url = app.state.database_url or resolve_database_url(settings)
        app.state.engine = create_engine(url, settings)
        app.state.sessionmaker = create_sessionmaker(app.state.engine)
    async with app.state.sessionmaker() as session, session.begin():
        await ensure_signing_key(session, settings.signing_alg)
    async with app.state.sessionmaker() as session:
        app.state.key_ring = await load_key_ring(session)
    stop = asyncio.Event()
    background = []
    if settings.jobs_enabled:
        background.extend(start_scheduler(app.state.sessionmaker, settings, stop))
    if settings.webhook_worker_enabled:
        worker = DeliveryWorker(app.state.engine, app.state.sessionmaker, settings)
        background.append(asyncio.create_task(worker.run(stop)))
    try:
        yield
    finally:
        stop.set()
        for task in background:
            await task
        if owns_engine:
            await dispose_engine(app.state.engine)
            app.state.engine = None


def create_app(settings: Settings | None = None, *, database_url: str | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings)
    passwords.configure(settings)
    app = FastAPI(
        title="PRM API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_url="/openapi.json",
        # Served from the package by ops/docs.py (FastAPI's own pages load from a CDN).
        docs_url=None,
        redoc_url=None,
        separate_input_output_schemas=False,
    )
    app.state.settings = settings
    app.state.summary_cache = SummaryCache(settings.metrics_summary_max_age_s)
    app.state.database_url = database_url
    app.state.engine = None
    app.state.metrics = HttpMetrics()
    app.state.rate_limit_store = MemoryStore()

    install_error_handlers(app)
    # Parameter inspection FastAPI would repeat on every request, answered once (kit/).
    fastapi_params.install()
    for router in domains.routers():
        mount_routes(app, router)
    install_docs(app)
    relative_slash_redirects(app.router)
    index_routes(app)

    # Outermost last: request id, access log and metrics → (CORS) → body guard → rate limit →
    # idempotency → app. Every layer costs every request: the body guard and idempotency pass
    # a read (no body, no Idempotency-Key) straight through.
    app.add_middleware(IdempotencyMiddleware, ttl_s=settings.idempotency_ttl_s)
    app.add_middleware(
        RateLimitMiddleware,
        store=app.state.rate_limit_store,
        per_minute=settings.rate_limit_per_minute,
        public_per_minute=settings.rate_limit_public_per_minute,
    )
    app.add_middleware(
        BodyGuardMiddleware,
        max_body_bytes=settings.max_body_bytes,
        streamed=domains.streamed_uploads(),
    )
    if settings.cors_origins:
        # Browser frontends on other origins (vendor console, partner portal).
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "If-Match",
                "Idempotency-Key",
                "X-Request-ID",
                *TUS_REQUEST_HEADERS,
            ],
            expose_headers=[
                "ETag",
                "Link",
                "Location",
                "RateLimit",
                "RateLimit-Policy",
                "Retry-After",
                "X-Request-ID",
                "Idempotent-Replayed",
                *TUS_EXPOSED_HEADERS,
            ],
        )
    app.add_middleware(
        RequestContextMiddleware,
        metrics=app.state.metrics,
        # A write answered by this process shows in its next summary at once (another
        # process's within the cache's few seconds).
        after_write=app.state.summary_cache.invalidate,
    )

    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
    return app


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """OpenAPI 3.1 with problem+json error responses and the shared headers documented."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(problem_schemas())
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            complete_operation(operation, components)
    forbid_nul_in_free_text(schema["paths"])
    # Problem documents echo what the client sent (e.g. an unknown field's name): not these.
    for name, component in components.items():
        if name not in ("Problem", "FieldError"):
            forbid_nul_in_free_text(component)
    app.openapi_schema = schema
    return schema
