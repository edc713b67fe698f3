"""The ``prm-api`` command: serve, migrate, clients, users, openapi."""

from __future__ import annotations

import asyncio
import getpass
import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from prm_api.config import get_settings

app = typer.Typer(help="PRM API: partner relationship management service.", no_args_is_help=True)
clients_app = typer.Typer(help="Manage API clients.", no_args_is_help=True)
users_app = typer.Typer(help="Manage users.", no_args_is_help=True)
app.add_typer(clients_app, name="clients")
app.add_typer(users_app, name="users")


def _database_url() -> str:
    from prm_api.db import resolve_database_url

    return resolve_database_url(get_settings())


def _run_with_session(fn, url: str):
    """Run ``await fn(session)`` in one committed transaction."""
    from prm_api.db import create_engine, create_sessionmaker

    async def runner():
        engine = create_engine(url, get_settings())
        try:
            async with create_sessionmaker(engine)() as session, session.begin():
                return await fn(session)
        finally:
            await engine.dispose()

    return asyncio.run(runner())


@app.command()
def migrate(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Apply database migrations (to `head` by default)."""
    from prm_api import migrate as m

    m.upgrade(_database_url(), revision)
    typer.echo(f"database migrated to {revision}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[bool, typer.Option(help="Load the demo program on start.")] = False,
    no_migrate: Annotated[bool, typer.Option("--no-migrate", help="Skip migrations.")] = False,
) -> None:
    """Run the API. Without PRM_DATABASE_URL an embedded PostgreSQL starts in PRM_DATA_DIR."""
    import uvicorn

    from prm_api import migrate as m
    from prm_api.app import create_app
    from prm_api.bootstrap import bootstrap_admin_client

    started = time.perf_counter()
    settings = get_settings()
    url = _database_url()
    if not settings.database_url:
        typer.echo(f"embedded PostgreSQL ready in {Path(settings.data_dir).resolve()}", err=True)
    if not no_migrate:
        m.upgrade(url)
    created = _run_with_session(bootstrap_admin_client, url)
    if created:
        client, secret = created
        typer.echo(
            "\n  First start: an admin API client was created. Its secret is shown only now.\n"
            f"    client_id:     {client.client_id}\n"
            f"    client_secret: {secret}\n"
            "  Get a token:\n"
            f"    curl -s -u '{client.client_id}:{secret}' -d grant_type=client_credentials "
            f"http://{host}:{port}/oauth/token\n",
            err=True,
        )
    if demo:
        try:
            from prm_api.demo import load_demo
        except ImportError:
            typer.echo("demo data is not available in this build", err=True)
        else:
            _run_with_session(load_demo, url)
            typer.echo("demo program loaded", err=True)
    typer.echo(f"ready in {time.perf_counter() - started:.2f}s", err=True)
    uvicorn.run(
        create_app(settings, database_url=url),
        host=host,
        port=port,
        log_level=settings.log_level.lower(),
        access_log=False,
        proxy_headers=settings.trust_forwarded_for,
        timeout_graceful_shutdown=10,
    )


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

    async def create(session):
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

    async def create(session):
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


def main() -> None:  # pragma: no cover
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")
    app()
