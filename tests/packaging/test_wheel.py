"""Packaging: the Alembic scripts at the repository root ship inside the installed package.

``migrations/`` is mapped to ``prm_api.migrations`` by pyproject's ``package-dir``. That
mapping needs an explicit package list, so these tests check the list against the tree, that
``alembic`` run from the repository root sees the same scripts, and, end to end, that a wheel
built from what the Docker image copies installs into a fresh virtualenv whose ``prm-api
migrate`` brings a fresh embedded database to head.
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import shutil
import signal
import site
import subprocess
import sys
import sysconfig
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import psutil
import pytest
from packaging.requirements import Requirement

from prm_api import migrate

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
COMMAND_TIMEOUT_S = 180


def _package_dirs(base: Path, name: str) -> set[str]:
    """Dotted names of ``base`` and every directory below it that holds a module."""
    found = set()
    for directory in [base, *base.rglob("*")]:
        holds_modules = directory.is_dir() and any(directory.glob("*.py"))
        if holds_modules and "__pycache__" not in directory.parts:
            found.add(".".join((name, *directory.relative_to(base).parts)))
    return found


def test_every_package_directory_is_in_the_package_list() -> None:
    """A directory missing from ``packages`` still imports in a checkout (editable install)
    but is left out of the wheel and the Docker image."""
    assert SETUPTOOLS["package-dir"] == {"": "src", "prm_api.migrations": "migrations"}
    on_disk = _package_dirs(ROOT / "src" / "prm_api", "prm_api") | _package_dirs(
        ROOT / "migrations", "prm_api.migrations"
    )
    listed = set(SETUPTOOLS["packages"])
    assert not on_disk - listed, (
        f"add to [tool.setuptools] packages in pyproject.toml: {sorted(on_disk - listed)}"
    )
    assert not listed - on_disk, f"listed but not in the tree: {sorted(listed - on_disk)}"


def test_alembic_from_the_repository_root_uses_the_packaged_scripts() -> None:
    ini = configparser.ConfigParser()
    ini.read(ROOT / "alembic.ini")
    location = ini.get("alembic", "script_location", vars={"here": str(ROOT)})
    assert Path(location).resolve() == migrate.migrations_dir() == ROOT / "migrations"

    result = subprocess.run(
        [sys.executable, "-m", "alembic", "heads"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_S,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [migrate.head_revision(), "(head)"]


def _docker_copy_sources() -> list[str]:
    sources = []
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        words = line.split()
        if words[:1] == ["COPY"]:
            sources += [w for w in words[1:-1] if not w.startswith("--")]
    return sources


def test_the_docker_build_context_holds_the_package() -> None:
    """The image installs from what it copies; ``.dockerignore`` ignores everything else."""
    sources = _docker_copy_sources()
    assert {"pyproject.toml", "README.md", "src", "migrations"} <= set(sources)
    kept = {
        line[1:].rstrip("/")
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.startswith("!")
    }
    assert not set(sources) - kept, f"ignored by .dockerignore: {sorted(set(sources) - kept)}"


def _build_requirements_met() -> bool:
    """True when this environment can build the wheel itself (no isolated build env)."""
    for requirement in map(Requirement, PYPROJECT["build-system"]["requires"]):
        try:
            installed = version(requirement.name)
        except PackageNotFoundError:
            return False
        if not requirement.specifier.contains(installed, prereleases=True):
            return False
    return True


def _run(args: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, **kwargs
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, args))} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    )
    return result


# Run by the fresh virtualenv's interpreter once `prm-api migrate` has exited (and stopped
# its embedded server): attaches to the same data directory and reads the version back.
CHECK = """
import asyncio, json, sys
from pathlib import Path
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
import prm_api
from prm_api import migrate
from prm_api.db import embedded_database_url

async def current(url):
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.scalar(text("SELECT version_num FROM alembic_version"))
    finally:
        await engine.dispose()

url = embedded_database_url(Path(sys.argv[1]))
print(json.dumps({
    "package": prm_api.__file__,
    "migrations": str(migrate.migrations_dir()),
    "head": migrate.head_revision(),
    "current": asyncio.run(current(url)),
}))
"""


def _postmasters(pgdata: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        if proc.info["name"] == "postgres" and str(pgdata) in (proc.info["cmdline"] or []):
            found.append(proc)
    return found


def test_an_installed_wheel_migrates_a_fresh_embedded_database(tmp_path: Path) -> None:
    if importlib.util.find_spec("pip") is None or importlib.util.find_spec("venv") is None:
        pytest.skip("needs pip and venv in the test interpreter to build and install a wheel")
    if tuple(int(p) for p in version("pip").split(".")[:2]) < (22, 3):
        pytest.skip("needs pip >= 22.3 (pip --python) to install into a fresh virtualenv")

    # Build from exactly what the Docker image copies, away from the checkout (no build/ or
    # egg-info left behind, nothing else of the repository within reach).
    source = tmp_path / "source"
    for name in _docker_copy_sources():
        origin = ROOT / name
        if origin.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
            shutil.copytree(origin, source / name, ignore=ignore)
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(origin, source / name)
    # Without network an isolated build cannot fetch setuptools, so reuse this environment's
    # when it is recent enough (pip otherwise uses its configured index, as CI does).
    isolation = [] if not _build_requirements_met() else ["--no-build-isolation"]
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", source, "--no-deps", *isolation, "-w", dist])
    (wheel,) = dist.glob("prm_api-*.whl")

    # A fresh virtualenv holding only the wheel; its dependencies come from this environment
    # through a .pth file (plain path entries: this environment's own .pth files, such as an
    # editable install of prm_api, are not processed).
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    purelib = _run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    ours |= set(site.getsitepackages())
    (Path(purelib) / "prm_test_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", wheel])

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRM_", "PYTHON"))}
    data_dir = tmp_path / "data"
    env["PRM_DATA_DIR"] = str(data_dir)
    workdir = tmp_path / "elsewhere"  # not the checkout: nothing importable from the cwd
    workdir.mkdir()
    try:
        result = _run([venv / "bin" / "prm-api", "migrate"], cwd=workdir, env=env)
        assert "database migrated to head" in result.stdout

        check = json.loads(_run([python, "-c", CHECK, data_dir], cwd=workdir, env=env).stdout)
    finally:
        for postmaster in _postmasters(data_dir / "pgdata"):  # never leak a server
            postmaster.send_signal(signal.SIGINT)

    installed = Path(purelib).resolve()
    assert Path(check["package"]).resolve().is_relative_to(installed), check
    assert Path(check["migrations"]) == installed / "prm_api" / "migrations", check
    assert check["head"] == migrate.head_revision() is not None
    assert check["current"] == check["head"]
    assert (installed / "prm_api" / "migrations" / "script.py.mako").is_file()
    # The docs pages' bundles (/docs, /redoc work offline) and their licenses.
    static = installed / "prm_api" / "static"
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png"):
        assert (static / name).is_file(), name
    assert (static / "swagger-ui.LICENSE").is_file() and (static / "redoc.LICENSE").is_file()
