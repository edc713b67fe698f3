"""Commands that cannot run say so in one line and an exit status, before they change anything.

Real processes (``python -m prm_api``): the exit status and stderr are the operator's view.
``serve`` on a busy port must fail before the bootstrap admin client exists (its one-time
secret would be printed and lost); a bad ``PRM_DATABASE_URL`` or ``PRM_DATA_DIR`` is one
line on every command that uses them, never a traceback (exit 2: the operator must change
the setting; exit 1: the environment failed).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from prm_api.models import ApiClient

TIMEOUT_S = 120
COMMANDS = {
    "serve": ["serve", "--port", "0"],
    "migrate": ["migrate"],
    "jobs run": ["jobs", "run", "expire-deals"],
}


def _env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRM_")}
    env |= {"PRM_ARGON2_TIME_COST": "1", "PRM_ARGON2_MEMORY_COST_KIB": "1024"}
    return env | values


def _prm(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "prm_api", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        stdin=subprocess.DEVNULL,
    )


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines
    return lines[0]


@pytest.fixture
def busy_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


def test_serve_on_a_busy_port_fails_before_creating_anything(busy_port: int, tmp_path: Path):
    data_dir = tmp_path / "data"
    result = _prm(["serve", "--port", str(busy_port)], _env(PRM_DATA_DIR=str(data_dir)), tmp_path)
    assert result.returncode == 1, result.stderr
    line = _one_line(result)
    assert f"port {busy_port}" in line and "in use" in line
    assert "client_secret" not in result.stderr + result.stdout
    assert not (data_dir / "pgdata").exists()  # not even the embedded database was started


async def test_serve_on_a_busy_port_leaves_an_external_database_untouched(
    busy_port: int, tmp_path: Path, database_url: str, sessionmaker
):
    env = _env(PRM_DATABASE_URL=database_url, PRM_DATA_DIR=str(tmp_path / "data"))
    result = _prm(["serve", "--port", str(busy_port), "--no-migrate"], env, tmp_path)
    assert result.returncode == 1, result.stderr
    _one_line(result)
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(ApiClient)) == 0


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("url", "status", "expected"),
    [
        (
            "postgres://prm:hunter2@db.example:5432/prm",
            2,
            "postgresql+asyncpg://prm:***@db.example:5432/prm",
        ),
        ("postgresql://prm:hunter2@db.example/prm", 2, "postgresql+asyncpg://"),
        ("not a url", 2, "is not a database URL"),
        ("postgresql+asyncpg://prm:hunter2@127.0.0.1:1/prm", 1, "error: database"),
    ],
    ids=["postgres-scheme", "no-driver", "not-a-url", "refused"],
)
def test_a_bad_database_url_is_one_line(
    command: str, url: str, status: int, expected: str, tmp_path: Path
):
    env = _env(PRM_DATABASE_URL=url, PRM_DATA_DIR=str(tmp_path / "data"))
    result = _prm(COMMANDS[command], env, tmp_path)
    assert result.returncode == status, result.stderr
    line = _one_line(result)
    assert expected in line
    assert "hunter2" not in result.stderr + result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_a_data_dir_that_is_a_file_is_one_line(command: str, tmp_path: Path):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("")
    result = _prm(COMMANDS[command], _env(PRM_DATA_DIR=str(not_a_dir)), tmp_path)
    assert result.returncode == 2, result.stderr
    assert "is not a directory" in _one_line(result)


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unwritable_data_dir_is_one_line(command: str, tmp_path: Path):
    if os.geteuid() == 0:
        # root writes through permission bits: use a directory no one can create files in.
        unwritable = Path("/proc/1")
        if not unwritable.is_dir():
            pytest.skip("needs /proc to find a directory root cannot write to")
    else:
        unwritable = tmp_path / "read-only"
        unwritable.mkdir(mode=0o500)
    result = _prm(COMMANDS[command], _env(PRM_DATA_DIR=str(unwritable)), tmp_path)
    assert result.returncode == 1, result.stderr
    assert "is not writable" in _one_line(result)


def test_version(tmp_path: Path):
    from prm_api import __version__

    result = _prm(["--version"], _env(), tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"prm-api {__version__}"
