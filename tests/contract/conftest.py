"""Fixtures of the contract suites: a real HTTP server, and the schemathesis seed in the summary.

The in-process ``app`` of ``tests/conftest.py`` has its asyncpg engine bound to the test event
loop, so tools that drive the API synchronously over HTTP (schemathesis, the generated SDK)
talk to :func:`live_server` instead: uvicorn in a background thread, with its own app, engine
and event loop, on the same database and signing key as the in-process app. Tokens minted by
the ``auth`` fixture therefore verify on both, and the truncation after each test (which
the in-process app performs) cleans up what the live server wrote.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import uvicorn

from prm_api.app import create_app
from prm_api.config import Settings


@dataclass(frozen=True)
class LiveServer:
    url: str
    app: Any


@pytest.fixture(scope="session")
def live_server(app, database_url: str, settings: Settings) -> Iterator[LiveServer]:
    """uvicorn on 127.0.0.1 (a free port) serving its own app on the test database.

    Depends on ``app`` so the signing key exists before this server loads its key ring.
    """
    live_app = create_app(settings, database_url=database_url)
    config = uvicorn.Config(
        live_app,
        host="127.0.0.1",
        port=0,
        lifespan="on",
        log_config=None,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive():
            pytest.fail("the live server exited during startup")
        if time.monotonic() > deadline:
            server.should_exit = True
            pytest.fail("the live server did not start within 30 s")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield LiveServer(url=f"http://127.0.0.1:{port}", app=live_app)
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from contract_support import schemathesis_seed_if_used

    seed = schemathesis_seed_if_used()
    if seed is not None and terminalreporter.stats.get("failed"):
        terminalreporter.write_line(
            f"schemathesis seed {seed}: PRM_SCHEMATHESIS_SEED={seed} replays this run"
        )
