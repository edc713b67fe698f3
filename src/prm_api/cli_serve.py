"""``prm-api serve``: check, start the database, migrate, bootstrap, (demo), then serve."""

from __future__ import annotations

import asyncio
import gc
import ipaddress
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from prm_api.cli_support import fail, run_with_session
from prm_api.config import Settings, get_settings
from prm_api.preflight import StartupError, check_data_dir, check_database_url, database_errors

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession
    from starlette.types import ASGIApp


def trusted_proxies(settings: Settings) -> list[str]:
    """``PRM_TRUSTED_PROXIES`` as a list, each entry checked (exit 2 for a bad one): uvicorn
    would take a typo for a literal host name that never matches, and silently trust nobody."""
    entries = [e.strip() for e in settings.trusted_proxies.split(",") if e.strip()]
    for entry in entries:
        try:
            if "/" in entry:
                ipaddress.ip_network(entry)  # strict, as uvicorn parses it: no host bits
            else:
                ipaddress.ip_address(entry)
        except ValueError:
            raise StartupError(
                f"PRM_TRUSTED_PROXIES: {entry!r} is not an IP address or a CIDR network "
                "(e.g. 10.0.0.0/8, with no host bits set)",
                2,
            ) from None
    return entries


def behind_proxies(app: ASGIApp, settings: Settings) -> tuple[ASGIApp, dict[str, Any]]:
    """The app to serve and uvicorn's proxy options: the one place that decides whose
    ``X-Forwarded-For`` is believed (the app itself only reads ``scope["client"]``).

    - ``PRM_TRUSTED_PROXIES``: uvicorn's ``proxy_headers`` with those addresses as
      ``forwarded_allow_ips``; it walks ``X-Forwarded-For`` from the right and stops at the
      first address that is not a trusted proxy.
    - else the deprecated ``PRM_TRUST_FORWARDED_FOR=true``: the connected peer is one trusted
      proxy (the right-most entry), see ``PeerAsProxyMiddleware``.
    - else no proxy headers at all (uvicorn would otherwise trust ``127.0.0.1`` by default).
    """
    from prm_api.kit.middleware import PeerAsProxyMiddleware

    allowed = trusted_proxies(settings)
    if allowed:
        return app, {"proxy_headers": True, "forwarded_allow_ips": allowed}
    if settings.trust_forwarded_for:
        return PeerAsProxyMiddleware(app), {"proxy_headers": False}
    return app, {"proxy_headers": False}


def run_server(*, host: str, port: int, demo: bool, migrate: bool) -> None:
    import uvicorn

    from prm_api import migrate as m
    from prm_api.app import create_app
    from prm_api.bootstrap import bootstrap_admin_client
    from prm_api.db import start_embedded_server, to_asyncpg_url
    from prm_api.logging import uvicorn_log_config
    from prm_api.preflight import bind_port, ping_database

    started = time.perf_counter()
    settings = get_settings()
    # Everything that can fail is checked before the bootstrap client (and its one-time
    # secret) is created: the port, the data directory, the database.
    try:
        if settings.database_url:
            check_database_url(settings.database_url)
        data_dir = check_data_dir(settings.data_dir) if demo or not settings.database_url else None
        trusted_proxies(settings)
        listener = bind_port(host, port)
    except StartupError as exc:
        fail(exc)
    try:
        if settings.database_url:
            url = settings.database_url
        else:
            assert data_dir is not None
            server = start_embedded_server(data_dir)
            url = to_asyncpg_url(server.get_uri())
            typer.echo(
                f"embedded PostgreSQL running: data {server.pgdata}, psql {server.get_uri()!r}",
                err=True,
            )
        try:
            with database_errors(url):
                asyncio.run(ping_database(url, settings.db_connect_timeout_s))
                if migrate:
                    m.upgrade(url)
        except StartupError as exc:
            fail(exc)
        created = run_with_session(bootstrap_admin_client, url)
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
            assert data_dir is not None
            _load_demo(url, data_dir)
        typer.echo(
            f"started in {time.perf_counter() - started:.2f}s; docs at {base_url}/docs "
            f"and {base_url}/redoc",
            err=True,
        )
        if settings.trust_forwarded_for and not settings.trusted_proxies:
            typer.echo(
                "warning: PRM_TRUST_FORWARDED_FOR is deprecated; it trusts whatever peer "
                "connects as a proxy. Set PRM_TRUSTED_PROXIES to your load balancers' "
                "addresses instead.",
                err=True,
            )
        served, proxy_options = behind_proxies(create_app(settings, database_url=url), settings)
        server_ = uvicorn.Server(
            uvicorn.Config(
                served,
                host=host,
                port=port,
                log_level=settings.log_level.lower(),
                log_config=uvicorn_log_config(settings),
                access_log=False,
                **proxy_options,
                # In-flight requests get 5 s; with the database stop that stays inside the
                # 10 s `docker stop` grants before SIGKILL.
                timeout_graceful_shutdown=5,
            )
        )
        # Everything loaded so far (modules, the app, its routes and schemas) lives as long as
        # the process: out of the cyclic collector's reach, a full collection no longer walks
        # it, which is what showed up as p99 pauses under load.
        gc.collect()
        gc.freeze()
        # A request allocates thousands of short-lived objects; the default threshold (700)
        # ran a young collection several times per request. Fewer, larger ones cost less.
        gc.set_threshold(50_000, 20, 100)
        # The socket bound above: nothing can take the port between the checks and now.
        server_.run(sockets=[listener])
        if not server_.started:  # the application's startup failed (logged by uvicorn)
            raise typer.Exit(3)
    finally:
        listener.close()


def _load_demo(url: str, data_dir: Path) -> None:
    from prm_api import demo as demo_data

    password = demo_data.demo_password(data_dir)

    async def load(session: AsyncSession) -> tuple[bool, list[demo_data.Login], bool]:
        loaded = await demo_data.load_demo(session, password=password)
        return loaded, *await demo_data.demo_logins(session, password)

    loaded, logins, known = run_with_session(load, url)
    typer.echo("demo program loaded" if loaded else "demo program already there", err=True)
    shown = password if known else "(not this data directory's: another one loaded the demo)"
    typer.echo(f"  demo sign-in (password grant), password for every login: {shown}", err=True)
    for login in logins:
        typer.echo(f"    {login.email:<36} {login.description}", err=True)


def _base_url(host: str, port: int) -> str:
    """Where a local client reaches the server (a wildcard bind is reachable on localhost)."""
    shown = "localhost" if host in ("", "0.0.0.0", "::") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"
