"""Operational endpoints: liveness, readiness, Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from prm_api.kit.openapi import errors

router = APIRouter(tags=["operations"])


@router.get("/healthz", operation_id="ops_healthz", summary="Liveness")
async def healthz() -> dict:
    """The process is up. Does not touch the database."""
    return {"status": "ok"}


@router.get("/readyz", operation_id="ops_readyz", summary="Readiness", responses=errors(503))
async def readyz(request: Request) -> JSONResponse:
    """Ready to serve: the database answers and its schema is at the latest migration."""
    from prm_api.migrate import head_revision

    checks: dict[str, str] = {}
    ok = True
    try:
        async with request.app.state.engine.connect() as conn:
            current = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
        checks["database"] = "ok"
        head = head_revision()
        checks["migrations"] = "ok" if current == head else f"at {current}, head is {head}"
        ok = current == head
    except Exception as exc:  # any failure means "not ready"
        checks["database"] = f"unavailable: {type(exc).__name__}"
        ok = False
    if ok:
        return JSONResponse({"status": "ok", "checks": checks})
    return JSONResponse(
        {
            "type": "https://prm-api.dev/problems/service_unavailable",
            "title": "Not ready",
            "status": 503,
            "detail": "; ".join(f"{k}: {v}" for k, v in checks.items()),
            "instance": "/readyz",
            "code": "not_ready",
            "request_id": getattr(request.state, "request_id", None),
            "checks": checks,
        },
        status_code=503,
        media_type="application/problem+json",
    )


@router.get(
    "/metrics", operation_id="ops_metrics", summary="Prometheus metrics", response_class=Response
)
async def metrics(request: Request) -> Response:
    """Request counts and latency histograms by route template and status."""
    return Response(
        generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST
    )
