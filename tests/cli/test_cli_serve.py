"""`prm-api serve` end to end: the real process with its own embedded PostgreSQL.

One fresh data directory goes through the operator's story: the first start prints working
admin credentials, a second `prm-api` command attaches to the running database (and leaves it
running), SIGTERM stops the API and the database. Restarts (no second secret, data kept,
Ctrl-C) are exercised by bench/startup.py; the bootstrap-once rule by test_cli_bootstrap.py.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import sys
import time
from pathlib import Path

import httpx
import psutil

START_TIMEOUT_S = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postmasters(pgdata: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        if proc.info["name"] == "postgres" and str(pgdata) in (proc.info["cmdline"] or []):
            found.append(proc)
    return found


class Serve:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log, self.port = env, log, _free_port()
        self.proc: asyncio.subprocess.Process | None = None
        self.base_url = f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        with self.log.open("w") as out:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "prm_api", "serve", "--port", str(self.port),
                env=self.env, stdout=out, stderr=out,
            )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT_S
        async with httpx.AsyncClient(base_url=self.base_url, timeout=2) as http:
            while time.monotonic() < deadline:
                assert self.proc.returncode is None, f"serve exited:\n{self.output}"
                try:
                    if (await http.get("/readyz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.05)
        raise AssertionError(f"not ready after {START_TIMEOUT_S}s:\n{self.output}")

    async def stop(self, sig: signal.Signals) -> int:
        assert self.proc is not None
        self.proc.send_signal(sig)
        return await asyncio.wait_for(self.proc.wait(), timeout=30)

    def kill(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.kill()

    @property
    def output(self) -> str:
        return self.log.read_text()


async def _token(base_url: str, client_id: str, secret: str) -> httpx.Response:
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as http:
        return await http.post(
            "/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret)
        )


async def test_serve_lifecycle_with_the_embedded_database(tmp_path):
    data_dir = tmp_path / "data"
    pgdata = data_dir / "pgdata"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRM_")}
    env |= {
        "PRM_DATA_DIR": str(data_dir),
        "PRM_ARGON2_TIME_COST": "1",
        "PRM_ARGON2_MEMORY_COST_KIB": "1024",
    }
    first = Serve(env, tmp_path / "first.log")
    try:
        # First start: initdb, migrations, bootstrap credentials printed once.
        await first.start()
        printed = dict(re.findall(r"(client_id|client_secret):\s+(\S+)", first.output))
        assert set(printed) == {"client_id", "client_secret"}, first.output
        r = await _token(first.base_url, printed["client_id"], printed["client_secret"])
        assert r.status_code == 200, r.text

        # A second command attaches to the running server and leaves it running.
        cli = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "prm_api", "clients", "create", "--name", "ops", "--json",
            env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        stdout, stderr = await asyncio.wait_for(cli.communicate(), timeout=60)
        assert cli.returncode == 0, stderr.decode()
        ops = json.loads(stdout)
        assert len(_postmasters(pgdata)) == 1
        r = await _token(first.base_url, ops["client_id"], ops["client_secret"])
        assert r.status_code == 200, r.text

        # SIGTERM stops uvicorn and the embedded PostgreSQL.
        assert await first.stop(signal.SIGTERM) == 0, first.output
        assert _postmasters(pgdata) == []
        assert "embedded PostgreSQL in" in first.output
        assert json.loads((pgdata / ".handle_pids.json").read_text()) == []
        # PRM_LOG_JSON (the default): uvicorn's own lines are JSON like ours.
        uvicorn_lines = [
            json.loads(line)
            for line in first.output.splitlines()
            if line.startswith("{") and '"logger": "uvicorn' in line
        ]
        messages = {line["msg"] for line in uvicorn_lines}
        assert {"Application startup complete.", "Shutting down"} <= messages, first.output
        assert not re.search(r"^(INFO|WARNING|ERROR):", first.output, re.M), first.output
    finally:
        first.kill()
        for postmaster in _postmasters(pgdata):  # never leak a server from a failed run
            postmaster.send_signal(signal.SIGINT)  # fast shutdown
