"""Operational endpoints: liveness, readiness, Prometheus metrics."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel

from prm_api.errors import PROBLEM_JSON
from prm_api.kit.openapi import errors
from prm_api.ops.readiness import check_readiness

router = APIRouter(tags=["operations"])


class Liveness(BaseModel):
    status: Literal["ok"]


@router.get(
    "/healthz",
    operation_id="ops_healthz",
    summary="Liveness",
    response_model=None,
    responses={200: {"model": Liveness, "description": "The process is up."}},
)
async def healthz() -> dict[str, Any]:
    """The process is up. Does not touch the database."""
    return {"status": "ok"}


@router.get("/readyz", operation_id="ops_readyz", summary="Readiness", responses=errors(503))
async def readyz(request: Request) -> JSONResponse:
    """Ready to serve: the database answers and its schema is at the latest migration."""
    ready = await check_readiness(request.app.state.engine)
    checks = ready.checks
    if ready.ok:
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
        media_type=PROBLEM_JSON,
    )


@router.get(
    "/metrics", operation_id="ops_metrics", summary="Prometheus metrics", response_class=Response
)
async def metrics(request: Request) -> Response:
    """Request counts and latency histograms by route template and status."""
    return Response(
        generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST
    )
