"""The ``prm-api`` command: serve, migrate, clients, users, openapi."""

from __future__ import annotations

import asyncio
import getpass
import json
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from prm_api.config import get_settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from prm_api.models import ApiClient, User

T = TypeVar("T")

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


def _database_url() -> str:
    from prm_api.db import EmbeddedServerError, resolve_database_url

    try:
        return resolve_database_url(get_settings())
    except EmbeddedServerError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def _run_with_session(fn: Callable[[AsyncSession], Awaitable[T]], url: str) -> T:
    """Run ``await fn(session)`` in one committed transaction.

    Database failures (unreachable, not migrated) end the command with one line on stderr and
    exit status 1 rather than a traceback.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError

    from prm_api.db import create_engine, create_sessionmaker

    async def runner() -> T:
        engine = create_engine(url, get_settings())
        try:
            async with create_sessionmaker(engine)() as session, session.begin():
                return await fn(session)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(runner())
    except (OSError, DBAPIError) as exc:
        cause = getattr(exc, "orig", None) or exc
        message = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
        hint = " (run `prm-api migrate`)" if "does not exist" in message else ""
        where = make_url(url).render_as_string(hide_password=True)
        typer.echo(f"error: database {where}: {message}{hint}", err=True)
        raise typer.Exit(1) from None


@app.command()
def migrate(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Apply database migrations (to `head` by default)."""
    from prm_api import migrate as m

    m.upgrade(_database_url(), revision)
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
    from prm_api.db import EmbeddedServerError, stop_embedded_servers

    # uvicorn handles SIGINT/SIGTERM while it runs, shuts down gracefully, then re-raises the
    # signal. With the default SIGTERM disposition that kills the process on the spot, before
    # the embedded PostgreSQL is stopped (atexit hooks do not run). Turn SIGTERM and SIGHUP
    # into KeyboardInterrupt, like Ctrl-C, so every way out goes through the `finally`.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.default_int_handler)
    try:
        _serve(host=host, port=port, demo=demo, migrate=not no_migrate)
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


def _serve(*, host: str, port: int, demo: bool, migrate: bool) -> None:
    import uvicorn

    from prm_api import migrate as m
    from prm_api.app import create_app
    from prm_api.bootstrap import bootstrap_admin_client
    from prm_api.db import start_embedded_server, to_asyncpg_url

    started = time.perf_counter()
    settings = get_settings()
    if settings.database_url:
        url = settings.database_url
    else:
        server = start_embedded_server(settings.data_dir)
        url = to_asyncpg_url(server.get_uri())
        typer.echo(
            f"embedded PostgreSQL running: data {server.pgdata}, psql {server.get_uri()!r}",
            err=True,
        )
    if migrate:
        m.upgrade(url)
    created = _run_with_session(bootstrap_admin_client, url)
    base_url = _base_url(host, port)
    if created:
        client, secret = created
        typer.echo(
            "\n  First start: an admin API client was created. Its secret is shown only now.\n"
            f"    client_id:     {client.client_id}\n"
            f"    client_secret: {secret}\n"
            "  Get a token:\n"
            f"    curl -s -u '{client.client_id}:{secret}' -d grant_type=client_credentials "
            f"{base_url}/oauth/token\n",
            err=True,
        )
    if demo:
        try:
            from prm_api import demo as demo_data
        except ImportError:
            typer.echo("demo data is not available in this build", err=True)
        else:
            loaded = _run_with_session(demo_data.load_demo, url)
            typer.echo("demo program loaded" if loaded else "demo program already there", err=True)
            email = getattr(demo_data, "DEMO_ADMIN_EMAIL", "demo-admin@prm.example")
            password = getattr(demo_data, "DEMO_PASSWORD", None)
            if password:
                typer.echo(f"  demo sign-in (password grant): {email} / {password}", err=True)
    typer.echo(
        f"started in {time.perf_counter() - started:.2f}s; docs at {base_url}/docs", err=True
    )
    uvicorn.run(
        create_app(settings, database_url=url),
        host=host,
        port=port,
        log_level=settings.log_level.lower(),
        access_log=False,
        proxy_headers=settings.trust_forwarded_for,
        # In-flight requests get 5 s; with the database stop that stays inside the 10 s
        # `docker stop` grants before SIGKILL.
        timeout_graceful_shutdown=5,
    )


def _base_url(host: str, port: int) -> str:
    """Where a local client reaches the server (a wildcard bind is reachable on localhost)."""
    shown = "localhost" if host in ("", "0.0.0.0", "::") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


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
        client, secret = _run_with_session(create, _database_url())
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
        user = _run_with_session(create, _database_url())
    except AppError as exc:
        typer.echo(f"error: {exc.detail}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"user {user.id} <{user.email}> created with role {user.role}")


@jobs_app.command("run")
def jobs_run(
    name: Annotated[str, typer.Argument(help="Job name: expire-deals.")],
) -> None:
    """Run one scheduled job now (idempotent; safe while `serve` runs its own schedule)."""
    from prm_api.db import create_engine, create_sessionmaker
    from prm_api.worker.jobs import JOBS, run_job

    if name not in JOBS:
        typer.echo(f"error: unknown job {name!r}; known: {', '.join(sorted(JOBS))}", err=True)
        raise typer.Exit(2)
    url = _database_url()

    async def runner() -> int:
        engine = create_engine(url, get_settings())
        try:
            return await run_job(name, create_sessionmaker(engine))
        finally:
            await engine.dispose()

    count = asyncio.run(runner())
    typer.echo(f"{name}: {count} item(s) processed")


@app.command()
def worker(
    concurrency: Annotated[
        int | None, typer.Option(help="Concurrent sends (default PRM_WEBHOOK_CONCURRENCY).")
    ] = None,
) -> None:
    """Deliver webhooks until SIGINT/SIGTERM (`serve` also runs one unless
    PRM_WEBHOOK_WORKER_ENABLED=false). Run as many as you like: they share the work."""
    import signal

    from prm_api.db import create_engine, create_sessionmaker
    from prm_api.webhooks.worker import DeliveryWorker

    settings = get_settings()
    if concurrency is not None:
        settings = settings.model_copy(update={"webhook_concurrency": concurrency})
    url = _database_url()

    async def runner() -> None:
        engine = create_engine(url, settings)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        worker = DeliveryWorker(engine, create_sessionmaker(engine), settings)
        typer.echo(f"webhook worker {worker.name} running (Ctrl+C to stop)", err=True)
        try:
            await worker.run(stop)
        finally:
            await engine.dispose()

    try:
        import uvloop
    except ImportError:  # e.g. Windows: the standard event loop works, a little slower
        asyncio.run(runner())
    else:
        uvloop.run(runner())


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
