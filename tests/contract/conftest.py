"""Fixtures of the contract suites: a real HTTP server.

The in-process ``app`` of ``tests/conftest.py`` has its asyncpg engine bound to the test event
loop, so tools that drive the API synchronously over HTTP (schemathesis, the generated SDK)
talk to :func:`live_server` instead: uvicorn in a background thread, with its own app, engine
and event loop, on the same database and signing key as the in-process app. Tokens minted by
the ``auth`` fixture therefore verify on both, and the truncation after each test (which
the in-process app performs) cleans up what the live server wrote.

The schemathesis summary (operations and cases run, the seed of a failed run) is printed by
``tests/conftest.py``: under xdist only the controller prints, and it loads only that conftest.
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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """One node id per schemathesis operation: ``…::test_api[GET /v1/tiers]``.

    schemathesis 4.32 names its items that way, but pytest 9.2 builds a node id from the
    function's original name and parametrization only, so all of them would be
    ``…::test_api`` — ambiguous in reports, ``--durations`` and xdist's output. The operation
    becomes the id's parameter (pytest's private ``Node._id``; older pytests keep the name).
    """
    for item in items:
        label = getattr(item, "operation_label", None)
        node_id = getattr(item, "_id", None)
        if label and node_id is not None and getattr(node_id, "params", "") is None:
            item._id = node_id.with_params(label)
