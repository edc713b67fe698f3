"""A 1 GiB resumable upload (tus) to local storage over HTTP: MB/s and the API's RSS growth.

The API runs as its own process (uvicorn, like ``prm-api serve``) on the embedded PostgreSQL
and local storage in a temporary directory; the real ``tuspy`` client uploads a generated file
(distinct 16 MiB blocks, nothing a disk could deduplicate) in chunks of ``--chunk-mib``. The
API process's RSS is sampled every 20 ms; the growth is its peak during the upload over its
level after a small warm-up upload. The time includes the completion the last PATCH waits
for (on local storage the staging file, hashed as it was written, linked into its
content-addressed place). The issue's figure is for 5 MiB PATCHes: ``--chunk-mib 5``.

    python bench/asset_tus.py [--gib 1] [--chunk-mib 32]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil
from tusclient import client as tus_client

from prm_api import migrate
from prm_api.bootstrap import bootstrap_admin_client
from prm_api.config import Settings
from prm_api.db import create_engine, create_sessionmaker, embedded_database_url

BLOCK = 16 * 1024 * 1024


class Generated(io.RawIOBase):
    """A seekable read-only file of ``size`` bytes made of a few random blocks."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pos = 0
        self.blocks = [os.urandom(BLOCK) for _ in range(3)]

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.pos, 2: self.size}[whence]
        self.pos = max(0, min(self.size, base + offset))
        return self.pos

    def read(self, n: int = -1) -> bytes:
        end = self.size if n is None or n < 0 else min(self.size, self.pos + n)
        out = bytearray()
        while self.pos < end:
            block, within = divmod(self.pos, BLOCK)
            take = min(BLOCK - within, end - self.pos)
            out += self.blocks[block % 3][within : within + take]
            self.pos += take
        return bytes(out)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def admin_credentials(url: str) -> tuple[str, str]:
    engine = create_engine(url, Settings(_env_file=None))  # type: ignore[call-arg]
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            made = await bootstrap_admin_client(session)
        assert made is not None, "the database already had its admin client"
        client, secret = made
        return client.client_id, secret
    finally:
        await engine.dispose()


class RssSampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, self.proc.memory_info().rss)
            time.sleep(0.02)


def upload(base: str, asset_id: str, headers: dict[str, str], size: int, chunk: int) -> None:
    client = tus_client.TusClient(f"{base}/v1/assets/{asset_id}/uploads", headers)
    client.uploader(
        file_stream=Generated(size), chunk_size=chunk, metadata={"filename": "bench.bin"}
    ).upload()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gib", type=float, default=1.0)
    ap.add_argument("--chunk-mib", type=int, default=32)
    args = ap.parse_args()
    size, chunk = int(args.gib * 1024**3), args.chunk_mib * 1024 * 1024
    tmp = Path(tempfile.mkdtemp(prefix="prm-bench-tus-"))
    url = embedded_database_url(tmp / "pg")
    migrate.upgrade(url)
    client_id, secret = asyncio.run(admin_credentials(url))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PRM_DATABASE_URL": url,
        "PRM_DATA_DIR": str(tmp),
        "PRM_STORAGE_URL": f"file://{tmp}/blobs",
        "PRM_JOBS_ENABLED": "false",
        "PRM_WEBHOOK_WORKER_ENABLED": "false",
        "PRM_LOG_LEVEL": "WARNING",
        "PRM_ISSUER": base,
    }
    server = subprocess.Popen(
        [
            sys.executable,
            *("-m", "uvicorn", "prm_api.app:create_app", "--factory"),
            *("--host", "127.0.0.1", "--port", str(port), "--no-access-log"),
        ],
        env=env,
    )
    try:
        with httpx.Client(base_url=base, timeout=60) as http:
            for _ in range(300):
                try:
                    if http.get("/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
            token = http.post(
                "/oauth/token",
                data={"grant_type": "client_credentials", "scope": "assets:read assets:write"},
                auth=(client_id, secret),
            ).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            asset = http.post(
                "/v1/assets", json={"title": "Bench video", "kind": "video"}, headers=headers
            ).json()
            upload(base, asset["id"], headers, 4 * 1024 * 1024, chunk)  # warm-up
            time.sleep(0.5)
            sampler = RssSampler(server.pid)
            baseline = sampler.proc.memory_info().rss
            sampler.start()
            started, cpu = time.perf_counter(), sampler.proc.cpu_times()
            upload(base, asset["id"], headers, size, chunk)
            elapsed = time.perf_counter() - started
            cpu_after = sampler.proc.cpu_times()
            sampler.stop.set()
            sampler.join()
            current = http.get(f"/v1/assets/{asset['id']}", headers=headers).json()
            assert current["current_version"]["size_bytes"] == size, current
        print(
            f"tus upload {size / 1e6:.0f} MB in {args.chunk_mib} MiB chunks: "
            f"{elapsed:.1f} s, {size / 1e6 / elapsed:.0f} MB/s; "
            f"API RSS {baseline / 2**20:.0f} MiB -> peak {sampler.peak / 2**20:.0f} MiB "
            f"(+{(sampler.peak - baseline) / 2**20:.0f} MiB); API CPU user "
            f"{cpu_after.user - cpu.user:.1f} s, sys {cpu_after.system - cpu.system:.1f} s"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
