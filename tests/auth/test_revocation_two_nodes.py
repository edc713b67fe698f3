"""Instant revocation across API processes: two real API nodes (uvicorn subprocesses) on the
test database; what is revoked through node 1 is refused by node 2 on its very next request.

Whatever a node caches to make authentication cheaper (verified signatures, connections) must
not let a revoked token through on another node, so each case first warms node 2 with the
token (it has verified and cached it), revokes through node 1, then asks node 2 at once.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from factories import Factory, basic, bearer

START_TIMEOUT_S = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Node:
    """``uvicorn prm_api.app:create_app --factory`` on 127.0.0.1 with the given database."""

    def __init__(self, database_url: str, log: Path) -> None:
        self.database_url, self.log, self.port = database_url, log, _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        env = {
            **os.environ,
            "PRM_DATABASE_URL": self.database_url,
            "PRM_JOBS_ENABLED": "false",
            "PRM_WEBHOOK_WORKER_ENABLED": "false",
            "PRM_LOG_LEVEL": "WARNING",
        }
        with self.log.open("w") as out:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "uvicorn", "prm_api.app:create_app", "--factory",
                "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning",
                env=env, stdout=out, stderr=out,
            )  # fmt: skip

    async def ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        async with httpx.AsyncClient(base_url=self.base_url, timeout=2) as http:
            while time.monotonic() < deadline:
                assert self.proc is not None and self.proc.returncode is None, self.output
                try:
                    if (await http.get("/readyz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.05)
        raise AssertionError(f"node not ready after {START_TIMEOUT_S}s:\n{self.output}")

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.terminate()
            try:
                await asyncio.wait_for(self.proc.wait(), timeout=20)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()

    @property
    def output(self) -> str:
        return self.log.read_text() if self.log.exists() else ""


@pytest.fixture
async def nodes(app: object, database_url: str, tmp_path: Path) -> AsyncIterator[list[Node]]:
    """Two API processes on the test database (``app`` first: it created the signing key)."""
    pair = [Node(database_url, tmp_path / f"node{i}.log") for i in (1, 2)]
    try:
        for node in pair:
            await node.start()
        for node in pair:
            await node.ready()
        yield pair
    finally:
        for node in pair:
            await node.stop()


async def _client_token(node: Node, client_id: str, secret: str) -> str:
    async with httpx.AsyncClient(base_url=node.base_url, timeout=10) as http:
        r = await http.post(
            "/oauth/token",
            data={"grant_type": "client_credentials"},
            headers=basic(client_id, secret),
        )
    assert r.status_code == 200, r.text
    return str(r.json()["access_token"])


async def _warm(node: Node, token: str) -> None:
    """Node 2 has seen, verified and cached the token, and its connections are in use."""
    async with httpx.AsyncClient(base_url=node.base_url, timeout=10) as http:
        for _ in range(3):
            r = await http.get("/v1/me", headers=bearer(token))
            assert r.status_code == 200, r.text


async def test_a_client_revoked_on_one_node_is_refused_by_the_other(
    nodes: list[Node], factory: Factory
) -> None:
    node1, node2 = nodes
    admin, admin_secret = await factory.api_client(role="admin")
    victim, victim_secret = await factory.api_client(role="channel_manager")
    admin_token = await _client_token(node1, admin.client_id, admin_secret)
    victim_token = await _client_token(node1, victim.client_id, victim_secret)
    await _warm(node2, victim_token)

    async with (
        httpx.AsyncClient(base_url=node1.base_url, timeout=10) as one,
        httpx.AsyncClient(base_url=node2.base_url, timeout=10) as two,
    ):
        current = await one.get(f"/v1/api-clients/{victim.id}", headers=bearer(admin_token))
        assert current.status_code == 200, current.text
        revoked = await one.post(
            f"/v1/api-clients/{victim.id}/revoke",
            headers={**bearer(admin_token), "If-Match": current.headers["etag"]},
        )
        assert revoked.status_code == 200, revoked.text
        refused = await two.get("/v1/me", headers=bearer(victim_token))
        assert refused.status_code == 401, refused.text
        # A list (another route, other dependencies) is refused too, on both nodes.
        for http in (two, one):
            r = await http.get("/v1/partners?limit=1", headers=bearer(victim_token))
            assert r.status_code == 401, r.text
        # The admin's own token still works on node 2: only the victim was cut off.
        assert (await two.get("/v1/me", headers=bearer(admin_token))).status_code == 200


async def test_an_access_token_revoked_on_one_node_is_refused_by_the_other(
    nodes: list[Node], factory: Factory
) -> None:
    node1, node2 = nodes
    client, secret = await factory.api_client(role="channel_manager")
    token = await _client_token(node1, client.client_id, secret)
    other = await _client_token(node1, client.client_id, secret)
    await _warm(node2, token)
    await _warm(node2, other)

    async with (
        httpx.AsyncClient(base_url=node1.base_url, timeout=10) as one,
        httpx.AsyncClient(base_url=node2.base_url, timeout=10) as two,
    ):
        r = await one.post(
            "/oauth/revoke",
            data={"token": token, "token_type_hint": "access_token"},
            headers=basic(client.client_id, secret),
        )
        assert r.status_code == 200, r.text
        refused = await two.get("/v1/me", headers=bearer(token))
        assert refused.status_code == 401, refused.text
        assert (await two.get("/v1/partners?limit=1", headers=bearer(token))).status_code == 401
        # Only that token: the client's other token is still good on both nodes.
        for http in (two, one):
            assert (await http.get("/v1/me", headers=bearer(other))).status_code == 200
