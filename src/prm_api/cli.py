"""The ``prm-api`` command: serve, migrate, clients, users, jobs, worker, openapi."""

from __future__ import annotations

import asyncio
import getpass
import json
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from prm_api import __version__
from prm_api.cli_metrics import metrics_app
from prm_api.cli_support import database_url, fail, run_with_session
from prm_api.config import get_settings
from prm_api.preflight import StartupError, database_errors

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from prm_api.models import ApiClient, User

# No locals in tracebacks: they would print secrets and database URLs.
app = typer.Typer(
    help="PRM API: partner relationship management service.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
clients_app = typer.Typer(help="Manage API clients.", no_args_is_help=True)
users_app = typer.Typer(help="Manage users.", no_args_is_help=True)
app.add_typer(clients_app, name="clients")
app.add_typer(users_app, name="users")
jobs_app = typer.Typer(help="Run scheduled jobs on demand.", no_args_is_help=True)
app.add_typer(jobs_app, name="jobs")
app.add_typer(metrics_app, name="metrics")


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"prm-api {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """PRM API: partner relationship management service."""


@app.command()
def migrate(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Apply database migrations (to `head` by default)."""
    from alembic.util import CommandError

    from prm_api import migrate as m

    url = database_url()
    try:
        with database_errors(url):
            m.upgrade(url, revision)
    except StartupError as exc:
        fail(exc)
    except CommandError as exc:  # e.g. an unknown revision
        fail(StartupError(str(exc), 2))
    typer.echo(f"database migrated to {revision}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind (0.0.0.0 in containers).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[bool, typer.Option(help="Load the demo program on start.")] = False,
    no_migrate: Annotated[bool, typer.Option("--no-migrate", help="Skip migrations.")] = False,
) -> None:
    """Run the API. Without PRM_DATABASE_URL an embedded PostgreSQL starts in PRM_DATA_DIR."""
    from prm_api.cli_serve import run_server
    from prm_api.db import EmbeddedServerError, stop_embedded_servers

    # uvicorn handles SIGINT/SIGTERM while it runs, shuts down gracefully, then re-raises the
    # signal. With the default SIGTERM disposition that kills the process on the spot, before
    # the embedded PostgreSQL is stopped (atexit hooks do not run). Turn SIGTERM and SIGHUP
    # into KeyboardInterrupt, like Ctrl-C, so every way out goes through the `finally`.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.default_int_handler)
    try:
        run_server(host=host, port=port, demo=demo, migrate=not no_migrate)
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)
    except EmbeddedServerError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    finally:
        # A second signal must not interrupt the database shutdown half-way.
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        for pgdata, stopped in stop_embedded_servers():
            state = "stopped" if stopped else "left running for another prm-api process"
            typer.echo(f"embedded PostgreSQL in {pgdata} {state}", err=True)


@clients_app.command("create")
def clients_create(
    name: Annotated[str, typer.Option(help="Display name.")],
    role: Annotated[str, typer.Option(help="admin or channel_manager.")] = "admin",
    scopes: Annotated[
        str | None, typer.Option(help="Space-separated scopes (default: the role's).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Create an API client and print its secret (shown once)."""
    from prm_api.auth.principal import Actor
    from prm_api.clients.service import create_client
    from prm_api.errors import AppError

    if role not in ("admin", "channel_manager"):
        raise typer.BadParameter("role must be admin or channel_manager", param_hint="--role")
    actor = Actor(type="system", id="cli")

    async def create(session: AsyncSession) -> tuple[ApiClient, str]:
        return await create_client(
            session, actor, name=name, role=role, scopes=scopes.split() if scopes else None
        )

    try:
        client, secret = run_with_session(create, database_url())
    except AppError as exc:
        typer.echo(f"error: {exc.detail} {json.dumps(exc.extra.get('errors', ''))}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "client_id": client.client_id,
                    "client_secret": secret,
                    "role": client.role,
                    "scopes": client.scopes,
                    "id": str(client.id),
                }
            )
        )
    else:
        typer.echo(
            f"client_id:     {client.client_id}\n"
            f"client_secret: {secret}\n"
            f"scopes:        {' '.join(client.scopes)}"
        )


@clients_app.command("list")
def clients_list(
    all_: Annotated[bool, typer.Option("--all", help="Include revoked clients.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """List API clients (active ones unless --all), oldest first. Secrets are never shown."""
    from prm_api.auth.principal import Actor
    from prm_api.clients.service import list_query
    from prm_api.models import ApiClient

    actor = Actor(type="system", id="cli")

    async def fetch(session: AsyncSession) -> list[Any]:
        stmt = list_query(actor, active=None if all_ else True, role=None)
        ordered = stmt.order_by(ApiClient.created_at, ApiClient.id)
        return list((await session.execute(ordered)).all())

    clients = run_with_session(fetch, database_url())
    for c in clients:
        state = "active" if c.active else "revoked"
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "id": str(c.id),
                        "client_id": c.client_id,
                        "name": c.name,
                        "role": c.role,
                        "partner_id": str(c.partner_id) if c.partner_id else None,
                        "active": c.active,
                        "created_at": c.created_at.isoformat(),
                        "last_used_at": c.last_used_at.isoformat() if c.last_used_at else None,
                    }
                )
            )
        else:
            typer.echo(
                f"{c.client_id}  {state:<7}  {c.role:<15}  {c.created_at:%Y-%m-%d}  {c.name}"
            )
    if not clients and not as_json:
        typer.echo("no API clients" if all_ else "no active API clients", err=True)


@clients_app.command("revoke")
def clients_revoke(
    client: Annotated[str, typer.Argument(help="The client_id (prm_ci_…) or id to revoke.")],
) -> None:
    """Revoke an API client now: its secret and live tokens stop working (audited)."""
    from prm_api.auth.principal import Actor
    from prm_api.clients.service import find_client, revoke_client
    from prm_api.errors import AppError

    actor = Actor(type="system", id="cli")

    async def revoke(session: AsyncSession) -> tuple[ApiClient, bool]:
        found = await find_client(session, actor, client)
        was_active = found.active
        return await revoke_client(session, actor, found, if_match=None), was_active

    try:
        revoked, was_active = run_with_session(revoke, database_url())
    except AppError as exc:
        typer.echo(f"error: {exc.detail}", err=True)
        raise typer.Exit(2) from None
    state = "revoked" if was_active else "was already revoked"
    typer.echo(f"client {revoked.client_id} ({revoked.name}) {state}")


@users_app.command("create")
def users_create(
    email: Annotated[str, typer.Option(help="Sign-in email.")],
    role: Annotated[str, typer.Option(help="admin or channel_manager.")] = "admin",
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
) -> None:
    """Create a vendor user. The password is read from stdin (piped) or prompted for."""
    from pydantic import ValidationError

    from prm_api.auth.principal import Actor
    from prm_api.errors import AppError
    from prm_api.users.schemas import UserCreate
    from prm_api.users.service import create_user

    if sys.stdin.isatty():
        password = getpass.getpass("Password (12+ characters): ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        body = UserCreate(
            email=email, name=name or email.split("@")[0], role=role, password=password
        )
    except ValidationError as exc:
        for err in exc.errors():
            typer.echo(f"error: {'.'.join(map(str, err['loc']))}: {err['msg']}", err=True)
        raise typer.Exit(2) from None
    actor = Actor(type="system", id="cli")

    async def create(session: AsyncSession) -> User:
        return await create_user(
            session,
            actor,
            email=str(body.email),
            name=body.name,
            role=body.role,
            password=body.password,
        )

    try:
        user = run_with_session(create, database_url())
    except AppError as exc:
        typer.echo(f"error: {exc.detail}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"user {user.id} <{user.email}> created with role {user.role}")


@jobs_app.command("run")
def jobs_run(
    name: Annotated[
        str,
        typer.Argument(
            help="Job name: expire-deals, publish-assets, make-thumbnails, purge-uploads, "
            "audit-checkpoint, expire-certifications, expire-enrollments, evaluate-tiers, "
            "snapshot-health."
        ),
    ],
) -> None:
    """Run one scheduled job now (idempotent; safe while `serve` runs its own schedule)."""
    from prm_api.db import create_engine, create_sessionmaker
    from prm_api.worker.jobs import JOBS, run_job

    if name not in JOBS:
        typer.echo(f"error: unknown job {name!r}; known: {', '.join(sorted(JOBS))}", err=True)
        raise typer.Exit(2)
    url = database_url()

    async def runner() -> int:
        engine = create_engine(url, get_settings())
        try:
            return await run_job(name, create_sessionmaker(engine))
        finally:
            await engine.dispose()

    try:
        with database_errors(url):
            count = asyncio.run(runner())
    except StartupError as exc:
        fail(exc)
    typer.echo(f"{name}: {count} item(s) processed")


@app.command()
def worker(
    concurrency: Annotated[
        int | None, typer.Option(help="Concurrent sends (default PRM_WEBHOOK_CONCURRENCY).")
    ] = None,
) -> None:
    """Deliver webhooks and run the scheduled jobs (deal expiry, asset publishing, thumbnails,
    upload purges, audit checkpoints; unless PRM_JOBS_ENABLED=false) until SIGINT/SIGTERM.
    `serve` runs both too. Run as many as you like: they share the work."""
    import signal

    from prm_api.db import create_engine, create_sessionmaker
    from prm_api.webhooks.worker import DeliveryWorker
    from prm_api.worker.jobs import start_scheduler

    settings = get_settings()
    if concurrency is not None:
        settings = settings.model_copy(update={"webhook_concurrency": concurrency})
    url = database_url()

    async def runner() -> None:
        engine = create_engine(url, settings)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        sessionmaker = create_sessionmaker(engine)
        worker = DeliveryWorker(engine, sessionmaker, settings)
        typer.echo(f"webhook worker {worker.name} running (Ctrl+C to stop)", err=True)
        # The same scheduler as serve's: every job is safe with several processes.
        jobs = start_scheduler(sessionmaker, settings, stop) if settings.jobs_enabled else []
        try:
            await worker.run(stop)
        finally:
            stop.set()
            for task in jobs:
                await task
            await engine.dispose()

    try:
        import uvloop
    except ImportError:  # e.g. Windows: the standard event loop works, a little slower
        run = asyncio.run
    else:
        run = uvloop.run
    try:
        with database_errors(url):
            run(runner())
    except StartupError as exc:
        fail(exc)


@app.command()
def openapi(
    check: Annotated[
        bool, typer.Option("--check", help="Fail if the committed spec is stale.")
    ] = False,
    output: Annotated[Path, typer.Option(help="Where the spec lives.")] = Path(
        "openapi/openapi.json"
    ),
) -> None:
    """Write the OpenAPI spec to openapi/openapi.json (or check it is up to date)."""
    from prm_api.openapi_export import render_spec

    text = render_spec()
    if check:
        current = output.read_text() if output.exists() else ""
        if current != text:
            typer.echo(f"{output} is out of date: run `prm-api openapi`", err=True)
            raise typer.Exit(1)
        typer.echo(f"{output} is up to date")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    typer.echo(f"wrote {output}")
