"""What the ``prm-api`` commands share: the database they use and how they fail (one line)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

from prm_api.config import get_settings
from prm_api.preflight import StartupError, check_data_dir, check_database_url, database_errors

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")


def fail(exc: StartupError) -> NoReturn:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(exc.exit_code)


def database_url() -> str:
    """``PRM_DATABASE_URL`` once checked, else the embedded server's (started if need be)."""
    from prm_api.db import EmbeddedServerError, embedded_database_url

    settings = get_settings()
    try:
        if settings.database_url:
            check_database_url(settings.database_url)
            return settings.database_url
        return embedded_database_url(check_data_dir(settings.data_dir))
    except StartupError as exc:
        fail(exc)
    except EmbeddedServerError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def run_with_session(fn: Callable[[AsyncSession], Awaitable[T]], url: str) -> T:
    """Run ``await fn(session)`` in one committed transaction.

    Database failures (unreachable, not migrated) end the command with one line on stderr and
    exit status 1 rather than a traceback.
    """
    from prm_api.db import create_engine, create_sessionmaker

    async def runner() -> T:
        engine = create_engine(url, get_settings())
        try:
            async with create_sessionmaker(engine)() as session, session.begin():
                return await fn(session)
        finally:
            await engine.dispose()

    try:
        with database_errors(url):
            return asyncio.run(runner())
    except StartupError as exc:
        fail(exc)
