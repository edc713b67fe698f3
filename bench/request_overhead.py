"""The fixed cost of a request, layer by layer (issue 11), measured in-process.

Starts a throw-away embedded PostgreSQL (or uses PRM_DATABASE_URL on an empty database),
migrates it, creates an admin API client, one active partner with a partner_admin user and a
few deals, then drives the real ASGI app directly (no HTTP parsing, no sockets: what is left is
the product's own cost) with the product's default configuration: JSON access logs (written to
/dev/null), the rate limiter active with a limit above the load.

Figures are CPU µs per request of this process (``time.process_time``; the database's own CPU
is not in them) and wall µs per request (which adds the database round trips), medians of
``--rounds`` rounds of ``--requests`` sequential requests (CPU: the best round).

- **end to end**: ``/healthz``, ``/v1/me`` (API client and partner user tokens),
  ``/v1/deals?limit=1`` (partner user token);
- **middleware**: each layer alone around an app that answers at once, then the whole stack
  (its cost is the figure minus the bare app's);
- **parts**: the pieces measured alone (JWT verification of a known token, the caller key, the
  token-liveness query in a session, a checked-out connection, one JSON log line).

    python bench/request_overhead.py [--requests 2000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import Request, Response
from sqlalchemy import text

from prm_api import migrate
from prm_api.app import create_app
from prm_api.auth.identity import caller_key
from prm_api.auth.policy import Authenticated, DealsRead
from prm_api.auth.roles import ceiling
from prm_api.auth.tokens import issue_access_token, verify_access_token
from prm_api.config import Settings
from prm_api.db import Session, embedded_database_url
from prm_api.kit.ids import new_id
from prm_api.kit.routing import index_routes
from prm_api.kit.time import utcnow
from prm_api.models import Partner, User

Scope = dict[str, Any]


def http_scope(app: Any, method: str, path: str, headers: dict[str, str]) -> Scope:
    route, _, query = path.partition("?")
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": route,
        "raw_path": route.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1:8000")]
        + [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
        "app": app,
    }


async def call(
    app: Any, method: str, path: str, headers: dict[str, str], body: bytes = b""
) -> tuple[int, bytes]:
    scope = http_scope(app, method, path, headers)
    if body:
        scope["headers"] += [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
    sent = False
    status = 0
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


async def timed(fn: Callable[[], Awaitable[Any]], n: int, rounds: int) -> tuple[float, float]:
    """(CPU µs, wall µs) per call: the CPU figure is the best round (least disturbed by the
    other processes of a shared machine), the wall figure the median round."""
    cpus, walls = [], []
    for _ in range(3):
        await fn()
    for _ in range(rounds):
        c, w = time.process_time(), time.perf_counter()
        for _ in range(n):
            await fn()
        cpus.append((time.process_time() - c) / n * 1e6)
        walls.append((time.perf_counter() - w) / n * 1e6)
    return min(cpus), statistics.median(walls)


def line(label: str, figures: tuple[float, float], base: tuple[float, float] | None = None) -> None:
    cpu, wall = figures
    extra = ""
    if base is not None:
        extra = f"   Δcpu {cpu - base[0]:+7.1f}  Δwall {wall - base[1]:+7.1f}"
    print(f"  {label:<46} cpu {cpu:7.1f} µs   wall {wall:7.1f} µs{extra}", flush=True)


async def seed(app: Any) -> dict[str, dict[str, str]]:
    ring, settings = app.state.key_ring, app.state.settings
    from prm_api.bootstrap import bootstrap_admin_client

    async with app.state.sessionmaker() as session, session.begin():
        created = await bootstrap_admin_client(session)
        assert created, "use an empty database"
        admin, _ = created
        now = utcnow()
        partner = Partner(
            id=new_id(), name="Bench Partner", domain=f"bench-{uuid.uuid4().hex[:6]}.example",
            type="reseller", status="active", tags=[], external_ids={}, source="vendor",
            created_at=now, updated_at=now, version=1, applied_at=now, approved_at=now,
            activated_at=now,
        )  # fmt: skip
        session.add(partner)
        await session.flush()
        user = User(
            id=new_id(), email="bench-pa@prm.example", name="PA", role="partner_admin",
            partner_id=partner.id,
        )  # fmt: skip
        session.add(user)
    client_token, _ = issue_access_token(
        ring, settings, sub=admin.client_id, client_id=admin.client_id,
        scopes=ceiling("admin"), role="admin", subject_type="client",
    )  # fmt: skip
    user_token, _ = issue_access_token(
        ring, settings, sub=str(user.id), client_id="prm-first-party",
        scopes=ceiling("partner_admin"), role="partner_admin", subject_type="user",
        partner_id=partner.id,
    )  # fmt: skip
    tokens = {
        "client": {"Authorization": f"Bearer {client_token}"},
        "user": {"Authorization": f"Bearer {user_token}"},
    }
    for i in range(5):
        body = json.dumps(
            {
                "customer": {
                    "name": f"Customer {i}",
                    "domain": f"c{i}-{uuid.uuid4().hex[:6]}.example",
                },
                "title": "Deal",
                "amount": {"amount": "1000.00", "currency": "USD"},
            }
        ).encode()
        status, out = await call(app, "POST", "/v1/deals", tokens["user"], body)
        assert status == 201, out
    return tokens


REQUESTS = [
    ("GET /healthz", "/healthz", None),
    ("GET /v1/me (API client token)", "/v1/me", "client"),
    ("GET /v1/me (partner user token)", "/v1/me", "user"),
    ("GET /v1/deals?limit=1 (partner user)", "/v1/deals?limit=1", "user"),
]


async def end_to_end(
    app: Any, tokens: dict[str, dict[str, str]], n: int, rounds: int
) -> dict[str, tuple[float, float]]:
    results = {}
    for label, path, who in REQUESTS:
        headers = tokens[who] if who else {}

        async def one(path: str = path, headers: dict[str, str] = headers) -> None:
            status, out = await call(app, "GET", path, headers)
            assert status == 200, out

        results[label] = await timed(one, n, rounds)
        line(label, results[label])
    return results


def add_probes(app: Any) -> None:
    """Probe routes, mounted last (so routing scans every product route first, as it does for
    the product's late routes), each adding one piece of what an endpoint does."""

    def empty() -> Response:
        return Response(b"{}", media_type="application/json")

    @app.get("/probe/none", include_in_schema=False)
    async def probe_none() -> Response:
        return empty()

    @app.get("/probe/auth", include_in_schema=False)
    async def probe_auth(principal: Authenticated) -> Response:
        return empty()

    @app.get("/probe/auth-session", include_in_schema=False)
    async def probe_auth_session(session: Session, principal: Authenticated) -> Response:
        return empty()

    @app.get("/probe/deals-page", include_in_schema=False)
    async def probe_deals_page(
        request: Request, session: Session, principal: DealsRead
    ) -> Response:
        # The deals list without its 17 query parameters: the default page, rendered.
        from prm_api.deals import service
        from prm_api.deals.schemas import DEAL, DealFilters
        from prm_api.kit.pagination import PageParams
        from prm_api.kit.render import page_body

        page = await service.list_deals(
            session,
            principal,
            DealFilters(),
            sort=None,
            page=PageParams(limit=50, cursor=None),
            search_threshold=0.3,
        )
        return page_body(request, page, DEAL)


FLOOR = [
    ("/healthz (the first route, no dependency)", "/healthz", None),
    ("a late route, no dependency", "/probe/none", None),
    ("+ authentication (token, liveness)", "/probe/auth", "user"),
    ("+ the request's session (unused)", "/probe/auth-session", "user"),
    ("+ the deals page (50 rows, no query params)", "/probe/deals-page", "user"),
    ("GET /v1/deals?limit=50 (17 query params)", "/v1/deals?limit=50", "user"),
]


async def floor(app: Any, tokens: dict[str, dict[str, str]], n: int, rounds: int) -> None:
    """Where a list request's CPU goes: each row adds one piece to the one above."""
    for i in range(60):  # a full first page
        body = json.dumps(
            {
                "customer": {
                    "name": f"Floor {i}",
                    "domain": f"f{i}-{uuid.uuid4().hex[:6]}.example",
                },
                "title": "Deal",
                "amount": {"amount": "1000.00", "currency": "USD"},
            }
        ).encode()
        status, out = await call(app, "POST", "/v1/deals", tokens["user"], body)
        assert status == 201, out
    previous = None
    for label, path, who in FLOOR:
        headers = tokens[who] if who else {}

        async def one(path: str = path, headers: dict[str, str] = headers) -> None:
            status, out = await call(app, "GET", path, headers)
            assert status == 200, out

        figures = await timed(one, n, rounds)
        line(label, figures, previous)
        previous = figures


async def layers(app: Any, tokens: dict[str, dict[str, str]], n: int, rounds: int) -> None:
    """Each middleware alone around an app that answers at once, and the whole stack."""
    route = type("Route", (), {"path": "/v1/me"})()

    async def answer(scope: Scope, receive: Any, send: Any) -> None:
        scope["route"] = route
        await send(
            {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]}
        )
        await send({"type": "http.response.body", "body": b"{}"})

    async def nothing(message: Any) -> None:
        return None

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    def runner(asgi: Any) -> Callable[[], Awaitable[None]]:
        async def one() -> None:
            await asgi(http_scope(app, "GET", "/v1/me", tokens["user"]), receive, nothing)

        return one

    base = await timed(runner(answer), n * 10, rounds)
    line("no middleware (the answering app)", base)
    stack: Any = answer
    for mw in reversed(app.user_middleware):  # innermost first
        alone = mw.cls(answer, *mw.args, **mw.kwargs)
        cpu, wall = await timed(runner(alone), n * 10, rounds)
        line(f"{mw.cls.__name__} alone (minus the app)", (cpu - base[0], wall - base[1]))
        stack = mw.cls(stack, *mw.args, **mw.kwargs)
    cpu, wall = await timed(runner(stack), n * 10, rounds)
    line(f"the whole stack ({len(app.user_middleware)} layers)", (cpu - base[0], wall - base[1]))


async def parts(app: Any, tokens: dict[str, dict[str, str]], n: int, rounds: int) -> None:
    from prm_api.auth import dependencies

    ring, settings = app.state.key_ring, app.state.settings
    token = tokens["user"]["Authorization"][7:]
    claims = verify_access_token(ring, settings, token)
    scope = http_scope(app, "GET", "/v1/me", tokens["user"])

    async def verify() -> None:
        verify_access_token(ring, settings, token)

    async def key() -> None:
        scope["state"] = {}
        caller_key(scope)

    sessionmaker = app.state.sessionmaker
    engine = app.state.engine

    async def live_in_transaction() -> None:
        async with sessionmaker() as session:
            assert await dependencies._token_is_live(session, claims)
            await session.commit()

    autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")

    async def live_autocommit() -> None:
        async with sessionmaker(bind=autocommit) as session:
            assert await dependencies._token_is_live(session, claims)
            await session.commit()

    async def live_raw() -> None:
        assert await dependencies.token_is_live(engine, claims)

    async def connect_only() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    log = logging.getLogger("prm_api.access")

    async def log_line() -> None:
        log.info(
            "request",
            extra={
                "request_id": "0" * 32,
                "method": "GET",
                "path": "/v1/me",
                "route": "/v1/me",
                "status": 200,
                "duration_ms": 1.23,
            },
        )

    for label, fn in [
        ("verify_access_token (known token)", verify),
        ("caller_key (rate limit / idempotency)", key),
        ("session + BEGIN + liveness query + COMMIT", live_in_transaction),
        ("session (autocommit) + liveness query", live_autocommit),
        ("raw pool + liveness query (what requests run)", live_raw),
        ("engine.connect + SELECT 1 (checkout ping)", connect_only),
        ("one JSON access-log line", log_line),
    ]:
        line(label, await timed(fn, n, rounds))


async def run(url: str, n: int, rounds: int, sections: set[str]) -> None:
    settings = Settings(
        _env_file=None,
        database_url=url,
        jobs_enabled=False,
        webhook_worker_enabled=False,
        rate_limit_per_minute=10_000_000,
        rate_limit_public_per_minute=10_000_000,
    )  # type: ignore[call-arg]
    app = create_app(settings, database_url=url)
    add_probes(app)
    index_routes(app)  # the probes too, as every product route is
    # Default JSON logs, written where they cost the same but do not flood the terminal.
    for handler in logging.getLogger("prm_api").handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(open(os.devnull, "w"))  # noqa: SIM115, ASYNC230
    async with app.router.lifespan_context(app):
        tokens = await seed(app)
        if "e2e" in sections:
            print("end to end (µs per request):")
            await end_to_end(app, tokens, n, rounds)
        if "layers" in sections:
            print("middleware, GET with a partner token, µs per request (access log included):")
            await layers(app, tokens, n, rounds)
        if "floor" in sections:
            print("floor: a deals list request piece by piece (Δ = this row minus the one above):")
            await floor(app, tokens, n, rounds)
        if "parts" in sections:
            print("parts alone:")
            await parts(app, tokens, n, rounds)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--sections", default="e2e,floor,layers,parts", help="comma-separated")
    args = ap.parse_args()
    tmp = None
    url = os.environ.get("PRM_DATABASE_URL")
    if not url:
        tmp = Path(tempfile.mkdtemp(prefix="prm-overhead-"))
        url = embedded_database_url(tmp)
    try:
        migrate.upgrade(url)
        import uvloop

        uvloop.run(run(url, args.requests, args.rounds, set(args.sections.split(","))))
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
