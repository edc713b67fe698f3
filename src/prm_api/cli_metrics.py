"""``prm-api metrics …``: maintenance of the metrics rollups."""

from __future__ import annotations

import time

import typer

from prm_api.cli_support import database_url, run_with_session

metrics_app = typer.Typer(help="Metrics maintenance.", no_args_is_help=True)


@metrics_app.command("rebuild")
def rebuild() -> None:
    """Recompute every metrics rollup from the raw records (deals, downloads, completions,
    sign-ins), in one transaction: readers see the old figures until it commits. Needed only
    after loading records with the rollup triggers disabled; safe at any time."""
    from prm_api.metrics.rebuild import RebuildResult, rebuild_all

    started = time.monotonic()
    result: RebuildResult = run_with_session(rebuild_all, database_url())
    rows = ", ".join(f"{table} {count}" for table, count in result.rows.items())
    typer.echo(f"metrics rebuilt in {time.monotonic() - started:.1f} s: {rows}")
