"""Rendering errors as RFC 9457 ``application/problem+json``: the FastAPI handlers.

Every 4xx/5xx the service returns goes through :func:`problem_response`, so clients can
rely on ``type``, ``title``, ``status``, ``detail``, ``instance``, ``code`` and
``request_id`` being present, plus ``errors`` for validation failures. The exception
classes live in :mod:`prm_api.errors`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from prm_api.errors import PROBLEM_BASE, PROBLEM_JSON, AppError

log = logging.getLogger("prm_api.errors")


def _request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def problem_response(
    request: Request,
    *,
    status: int,
    code: str,
    title: str | None = None,
    detail: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + code,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or title or HTTPStatus(status).phrase,
        "instance": request.url.path,
        "code": code,
        "request_id": _request_id(request),
    }
    body.update({k: v for k, v in extra.items() if v is not None})
    headers = dict(headers or {})
    if body["request_id"]:
        # 500s are rendered outside the request-id middleware, so set the header here too.
        headers.setdefault("X-Request-ID", body["request_id"])
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
}


_LOCATIONS = ("body", "query", "path", "header", "cookie")


def _loc_to_field(loc: tuple[Any, ...] | list[Any]) -> str:
    """The field's dotted path without its location (``in`` carries that)."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    return ".".join(parts) if parts else "body"


def validation_errors(exc_errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Pydantic's request-validation errors as the problem's ``errors`` field list."""
    out = []
    for err in exc_errors:
        loc = err.get("loc", ())
        out.append(
            {
                "field": _loc_to_field(loc),
                "in": str(loc[0]) if loc else "body",
                "code": err.get("type", "invalid"),
                "message": err.get("msg", "Invalid value"),
            }
        )
    return out


async def app_error_handler(request: Request, exc: AppError) -> JSONResponse:
    return problem_response(
        request,
        status=exc.status,
        code=exc.code,
        title=exc.title,
        detail=exc.detail,
        headers=exc.headers,
        **exc.extra,
    )


_HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route of this path accepts (Starlette reports only the first route's).

    Each method is probed against the whole routing table on a copy of the scope, so routes
    from included routers count too.
    """
    allowed = []
    for method in _HTTP_METHODS:
        probe = {**request.scope, "method": method, "fastapi": {}}
        if any(route.matches(probe)[0] == Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return allowed


async def http_exception_handler(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = _STATUS_CODES.get(exc.status_code, "http_error")
    detail = exc.detail if isinstance(exc.detail, str) else None
    headers = dict(exc.headers or {})
    if exc.status_code == 404 and detail in (None, "Not Found"):
        detail = f"No resource at {request.url.path}."
    if exc.status_code == 405:
        detail = f"Method {request.method} is not allowed on {request.url.path}."
        allowed = _allowed_methods(request)
        if allowed:
            headers["Allow"] = ", ".join(allowed)
    return problem_response(
        request, status=exc.status_code, code=code, detail=detail, headers=headers or None
    )


async def request_validation_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return problem_response(
            request,
            status=400,
            code="malformed_json",
            title="Malformed JSON",
            detail="The request body is not valid JSON.",
        )
    if request.url.path.startswith("/oauth/"):
        # RFC 6749 §5.2: a missing or malformed parameter is `invalid_request`, status 400.
        fields = ", ".join(e["field"] for e in validation_errors(errors))
        return problem_response(
            request,
            status=400,
            code="invalid_request",
            title="OAuth2 error",
            detail=f"Missing or invalid parameter(s): {fields}.",
            headers={"Cache-Control": "no-store"},
            error="invalid_request",
            error_description=f"Missing or invalid parameter(s): {fields}.",
            errors=validation_errors(errors),
        )
    return problem_response(
        request,
        status=422,
        code="validation_error",
        title="Validation failed",
        detail="The request did not pass validation; see `errors`.",
        errors=validation_errors(errors),
    )


async def database_unavailable_handler(request: Request, exc: Exception) -> JSONResponse:
    log.error("database unavailable: %s", type(exc).__name__)
    return problem_response(
        request,
        status=503,
        code="service_unavailable",
        title="Service unavailable",
        detail="The database is not reachable right now; retry shortly.",
        headers={"Retry-After": "5"},
    )


async def pool_exhausted_handler(request: Request, exc: Exception) -> JSONResponse:
    # Every pooled connection stayed busy for PRM_DB_POOL_TIMEOUT_S: the process is at
    # capacity. Nothing was done; the client may retry.
    log.warning("database pool exhausted: %s", exc)
    return problem_response(
        request,
        status=503,
        code="service_unavailable",
        title="Service unavailable",
        detail="The service is at capacity right now; retry shortly.",
        headers={"Retry-After": "1"},
    )


async def unhandled_error_handler(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", extra={"request_id": _request_id(request)})
    return problem_response(
        request,
        status=500,
        code="internal_error",
        title="Internal server error",
        detail="Something went wrong on our side. Quote the request_id when reporting it.",
    )


def is_connection_error(exc: BaseException) -> bool:
    """True for errors meaning "the database cannot be reached" (rendered as 503)."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, (ConnectionError, OSError, TimeoutError))


async def stale_data_handler(request: Request, exc: Exception) -> JSONResponse:
    # Two writers raced on one row without a lock: the loser must retry, nothing was saved.
    return problem_response(
        request,
        status=409,
        code="concurrent_update",
        title="Concurrent update",
        detail="The resource was changed by another request at the same time; fetch it and retry.",
    )


async def dbapi_error_handler(request: Request, exc: DBAPIError) -> JSONResponse:
    if is_connection_error(exc):
        return await database_unavailable_handler(request, exc)
    return await _by_sqlstate(request, exc, getattr(exc.orig, "sqlstate", None) or "")


async def driver_error_handler(request: Request, exc: asyncpg.PostgresError) -> JSONResponse:
    """The raw read path's errors (asyncpg's own, not wrapped by SQLAlchemy): answered as
    the same errors through the engine are."""
    return await _by_sqlstate(request, exc, getattr(exc, "sqlstate", None) or "")


async def _by_sqlstate(request: Request, exc: Exception, sqlstate: str) -> JSONResponse:
    if sqlstate.startswith("22"):
        # Data exceptions (e.g. a NUL byte in text, a value out of range): the client's input.
        if request.url.path.startswith("/oauth/"):
            return problem_response(
                request,
                status=400,
                code="invalid_request",
                title="OAuth2 error",
                detail="A parameter holds a value that cannot be processed.",
                error="invalid_request",
            )
        return problem_response(
            request,
            status=422,
            code="invalid_value",
            title="Invalid value",
            detail="A value in the request cannot be stored or compared (e.g. a NUL character).",
        )
    return await unhandled_error_handler(request, exc)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, app_error_handler)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, http_exception_handler)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, request_validation_handler)  # type: ignore[arg-type]
    app.add_exception_handler(DBAPIError, dbapi_error_handler)  # type: ignore[arg-type]
    app.add_exception_handler(StaleDataError, stale_data_handler)
    app.add_exception_handler(PoolTimeoutError, pool_exhausted_handler)
    app.add_exception_handler(ConnectionError, database_unavailable_handler)
    # The raw read path (reads.py) raises the driver's own errors: a data exception (a NUL
    # in a query parameter) is the client's 422 as through the engine; a lost connection 503.
    app.add_exception_handler(asyncpg.PostgresError, driver_error_handler)
    for driver_error in (
        asyncpg.PostgresConnectionError,  # lost mid-query, refused by the server
        asyncpg.CannotConnectNowError,  # starting up or shutting down
        asyncpg.TooManyConnectionsError,
    ):
        app.add_exception_handler(driver_error, database_unavailable_handler)
    app.add_exception_handler(OSError, database_unavailable_handler)
    app.add_exception_handler(Exception, unhandled_error_handler)
