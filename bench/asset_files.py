"""Asset files over HTTP, through the running product (``prm-api serve`` on an embedded
PostgreSQL, local storage in a temporary directory):

- upload ``--size`` bytes (default 1 GiB) as ``multipart/form-data`` to
  ``POST /v1/assets/{id}/versions`` (the body generated while it is sent);
- download it whole (``GET /v1/assets/{id}/content``);
- ``--concurrency`` (default 32) concurrent ``Range`` requests of ``--range-mib`` each.

Prints MB/s for each and the API process's RSS (before, peak during the upload, after).

    python bench/asset_files.py [--size-mib 1024] [--concurrency 32] [--range-mib 8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
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

from prm_api import migrate
from prm_api.db import embedded_database_url, stop_embedded_servers

MIB = 1024 * 1024
BOUNDARY = "benchboundary0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RssWatch:
    """Peak RSS of a process, sampled every 20 ms in a thread."""

    def __init__(self, pid: int) -> None:
        self.proc = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def rss(self) -> int:
        return int(self.proc.memory_info().rss)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            time.sleep(0.02)

    def __enter__(self) -> RssWatch:
        self.peak = self.rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def body(size: int):
    """The multipart body: a PDF's first bytes, then pseudo-random 1 MiB blocks (one block
    of random bytes reused, so generating it costs the client nothing)."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    block = os.urandom(MIB)

    def chunks():
        yield head
        sent = 0
        first = b"%PDF-1.7\n"
        yield first
        sent += len(first)
        while sent < size:
            n = min(MIB, size - sent)
            yield block[:n]
            sent += n
        yield tail

    return chunks(), len(head) + size + len(tail)


def start_api(url: str, work: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PRM_")},
        "PRM_DATABASE_URL": url,
        "PRM_DATA_DIR": str(work / "data"),
        "PRM_RATE_LIMIT_PER_MINUTE": "1000000",
        "PRM_LOG_LEVEL": "WARNING",
    }
    log = (work / "api.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "prm_api", "serve", "--port", str(port), "--no-migrate"],
        env=env,
        stdout=log,
        stderr=log,
        cwd=str(work),
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if proc.poll() is not None:
            raise RuntimeError((work / "api.log").read_text()[-3000:])
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the API did not start")


def admin_token(url: str, work: Path, base: str) -> str:
    env = {**os.environ, "PRM_DATABASE_URL": url, "PRM_DATA_DIR": str(work / "data")}
    out = subprocess.run(
        [sys.executable, "-m", "prm_api", "clients", "create", "--name", "bench", "--json"],
        env=env,
        capture_output=True,
        check=True,
        cwd=str(work),
    ).stdout
    creds = json.loads(out)
    r = httpx.post(
        base + "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(creds["client_id"], creds["client_secret"]),
    )
    r.raise_for_status()
    return str(r.json()["access_token"])


async def ranges(base: str, headers: dict[str, str], path: str, size: int, n: int, length: int):
    errors = 0
    total = 0

    async def one(client: httpx.AsyncClient, start: int) -> None:
        nonlocal errors, total
        end = min(start + length, size) - 1
        r = await client.get(path, headers={**headers, "Range": f"bytes={start}-{end}"})
        if r.status_code != 206 or len(r.content) != end - start + 1:
            errors += 1
        total += len(r.content)

    limits = httpx.Limits(max_connections=n)
    async with httpx.AsyncClient(base_url=base, timeout=300, limits=limits) as client:
        starts = [random.randrange(0, max(size - length, 1)) for _ in range(n)]
        t = time.perf_counter()
        await asyncio.gather(*(one(client, s) for s in starts))
        return time.perf_counter() - t, total, errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--range-mib", type=int, default=8)
    args = parser.parse_args()
    size = args.size_mib * MIB
    work = Path(tempfile.mkdtemp(prefix="prm-bench-files-"))
    proc = None
    try:
        url = embedded_database_url(work / "pg")
        migrate.upgrade(url)
        proc, base = start_api(url, work)
        headers = {"Authorization": f"Bearer {admin_token(url, work, base)}"}
        asset = httpx.post(
            base + "/v1/assets", headers=headers, json={"title": "Big", "kind": "video"}
        ).json()
        watch = RssWatch(proc.pid)
        rss_before = watch.rss()

        chunks, length = body(size)
        with watch:
            t = time.perf_counter()
            r = httpx.post(
                f"{base}/v1/assets/{asset['id']}/versions",
                headers={
                    **headers,
                    "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
                    "Content-Length": str(length),
                },
                content=chunks,
                timeout=600,
            )
            upload_s = time.perf_counter() - t
        assert r.status_code == 201, r.text
        rss_after_upload = watch.rss()
        print(
            f"upload   {size / MIB:.0f} MiB in {upload_s:.2f} s: {size / MIB / upload_s:.0f} MiB/s"
        )
        print(
            f"API RSS  before {rss_before / MIB:.0f} MiB, peak during upload "
            f"{watch.peak / MIB:.0f} MiB (+{(watch.peak - rss_before) / MIB:.0f} MiB), "
            f"after {rss_after_upload / MIB:.0f} MiB"
        )

        content = f"/v1/assets/{asset['id']}/content"
        received = 0
        t = time.perf_counter()
        with httpx.stream("GET", base + content, headers=headers, timeout=600) as resp:
            assert resp.status_code == 200, resp.status_code
            for chunk in resp.iter_raw(MIB):
                received += len(chunk)
        download_s = time.perf_counter() - t
        assert received == size, received
        print(
            f"download {size / MIB:.0f} MiB in {download_s:.2f} s: "
            f"{size / MIB / download_s:.0f} MiB/s"
        )

        elapsed, total, errors = asyncio.run(
            ranges(base, headers, content, size, args.concurrency, args.range_mib * MIB)
        )
        print(
            f"ranges   {args.concurrency} concurrent x {args.range_mib} MiB in {elapsed:.2f} s: "
            f"{total / MIB / elapsed:.0f} MiB/s, {errors} errors"
        )
        print(f"API RSS  at the end {watch.rss() / MIB:.0f} MiB")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
        stop_embedded_servers()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
