"""Start-up time of `prm-api serve` with the embedded PostgreSQL.

Runs the real command as a subprocess on a fresh temporary data directory and a free port:

- cold start: initdb + server start + migrations + bootstrap + uvicorn, until /readyz is 200;
- warm restarts: the same data directory again (server start + no-op migrations).

Runs are stopped with SIGTERM (cold) and alternately SIGINT/SIGTERM (warm); the script then
checks the exit status, that no ``postgres`` process for the data directory survived, and
that the admin credentials were printed on the cold start only.

    python bench/startup.py [--warm-runs 3] [--data-dir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_processes(pgdata: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        cmdline = proc.info["cmdline"] or []
        if proc.info["name"] == "postgres" and str(pgdata) in cmdline:
            found.append(proc)
    return found


def wait_ready(url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"prm-api serve exited early with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.02)
    raise TimeoutError(f"{url} not ready after {timeout}s")


def run_once(
    data_dir: Path, log_path: Path, timeout: float, sig: signal.Signals = signal.SIGTERM
) -> tuple[float, float, str]:
    """Start, wait for readiness, send ``sig``. Returns (ready_s, stop_s, output)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PRM_DATABASE_URL"}
    env["PRM_DATA_DIR"] = str(data_dir)
    cmd = [sys.executable, "-m", "prm_api", "serve", "--port", str(port)]
    with log_path.open("w") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_ready(f"http://127.0.0.1:{port}/readyz", proc, timeout)
            ready = time.perf_counter() - started
        except BaseException:
            proc.kill()
            proc.wait()
            print(log_path.read_text(), file=sys.stderr)
            raise
        stop_started = time.perf_counter()
        proc.send_signal(sig)
        code = proc.wait(timeout=30)
        stopped = time.perf_counter() - stop_started
    output = log_path.read_text()
    if code != 0:
        raise RuntimeError(f"serve exited with {code} after {sig.name}:\n{output}")
    leftovers = postgres_processes(data_dir.resolve() / "pgdata")
    if leftovers:
        raise RuntimeError(f"postgres still running after {sig.name}: {[p.pid for p in leftovers]}")
    return ready, stopped, output


def report(label: str, seconds: float) -> None:
    print(f"{label:<60} {seconds:6.2f} s", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm-runs", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, help="default: a fresh temporary directory")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--keep", action="store_true", help="keep the data directory")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="prm-bench-"))
    data_dir = args.data_dir or base / "data"
    if data_dir.exists() and any(data_dir.iterdir()):
        parser.error(f"{data_dir} is not empty; the cold start needs a fresh directory")
    try:
        cold, cold_stop, out = run_once(data_dir, base / "cold.log", args.timeout)
        assert "client_secret:" in out, "first start did not print the admin credentials"
        report("cold start (initdb, migrations, bootstrap) to /readyz 200", cold)
        report("  SIGTERM to exit, PostgreSQL stopped", cold_stop)
        warm = []
        for i in range(args.warm_runs):
            # Alternate Ctrl-C and SIGTERM: both must stop uvicorn and PostgreSQL.
            sig = signal.SIGINT if i % 2 == 0 else signal.SIGTERM
            ready, stop, out = run_once(data_dir, base / f"warm{i}.log", args.timeout, sig)
            assert "client_secret:" not in out, "a restart printed the admin credentials again"
            warm.append(ready)
            report(f"warm restart #{i + 1} to /readyz 200", ready)
            report(f"  {sig.name} to exit, PostgreSQL stopped", stop)
        if warm:
            report("warm restart median", sorted(warm)[len(warm) // 2])
        print("ok: credentials printed once, no postgres process left behind")
    finally:
        if args.keep:
            print(f"data kept in {data_dir}")
        else:
            shutil.rmtree(base, ignore_errors=True)
            if args.data_dir:
                shutil.rmtree(args.data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
