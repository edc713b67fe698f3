"""Streaming throughput of the storage component, run by hand (not collected by pytest):

    python tests/storage/throughput.py [GiB] [chunk KiB]

Writes GiB (default 1) from a generator to local storage in a temporary directory through
``put_stream`` (sha256, sniffing, staging and promotion included), reads it back through
``iter_range``, and prints MB/s and the growth of the process's peak RSS over its size before
the run: the upload must stream, not buffer. CPU is split into user and system time.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

from prm_api.storage import LocalStorage


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _cpu_since(before: os.times_result) -> str:
    # System time separately: on a busy machine, the kernel's page-cache writeback is most
    # of a slow run, and none of it is this code's.
    now = os.times()
    return f"user {now.user - before.user:.2f} s, sys {now.system - before.system:.2f} s"


async def source(total: int, chunk_size: int) -> AsyncIterator[bytes]:
    # Distinct bytes per chunk, so nothing deduplicates or compresses by accident; made once.
    block = os.urandom(chunk_size)
    sent = 0
    while sent < total:
        n = min(chunk_size, total - sent)
        yield block[:n]
        sent += n


async def main(gib: float, chunk_kib: int) -> None:
    total = int(gib * 1024**3)
    with tempfile.TemporaryDirectory(prefix="prm-throughput-") as root:
        storage = LocalStorage(Path(root))
        # Warm up (imports, the runtime's threads) before taking the baseline.
        await storage.put_stream(source(1 << 20, 1 << 16), max_bytes=1 << 21)
        rss_before = _status_kib("VmRSS")
        started, cpu = time.perf_counter(), os.times()
        blob = await storage.put_stream(source(total, chunk_kib * 1024), max_bytes=total)
        elapsed, cpu = time.perf_counter() - started, _cpu_since(cpu)
        peak = _status_kib("VmHWM")
        print(
            f"put_stream {blob.size / 1e6:.0f} MB in {chunk_kib} KiB chunks: "
            f"{blob.size / 1e6 / elapsed:.0f} MB/s (CPU {cpu}); "
            f"peak RSS +{(peak - rss_before) / 1024:.1f} MiB"
        )
        started, cpu = time.perf_counter(), os.times()
        read = 0
        async for chunk in storage.iter_range(blob.sha256):
            read += len(chunk)
        elapsed, cpu = time.perf_counter() - started, _cpu_since(cpu)
        peak = _status_kib("VmHWM")
        print(
            f"iter_range {read / 1e6:.0f} MB: {read / 1e6 / elapsed:.0f} MB/s (CPU {cpu}); "
            f"peak RSS +{(peak - rss_before) / 1024:.1f} MiB"
        )


if __name__ == "__main__":
    asyncio.run(
        main(
            float(sys.argv[1]) if len(sys.argv) > 1 else 1.0,
            int(sys.argv[2]) if len(sys.argv) > 2 else 64,
        )
    )
