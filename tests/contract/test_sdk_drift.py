"""The committed Python SDK (sdk/python) is what openapi-python-client makes of the committed
spec (its README from sdk/templates), regeneration keeps the hand-written helpers beside it
(``prm_api_client_extras``), and it works against a real server.

Regenerate both with ``scripts/generate_sdk.sh``.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip(
    "openapi_python_client",
    reason="openapi-python-client is not installed (it comes with the `test` extra)",
)

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi" / "openapi.json"
SDK = ROOT / "sdk" / "python"
CONFIG = ROOT / "sdk" / "openapi-python-client.yaml"
TEMPLATES = ROOT / "sdk" / "templates"
# Hand-written packages in sdk/python: not generated, and kept by a regeneration.
HAND_WRITTEN = {"prm_api_client_extras"}
IGNORED = {".ruff_cache", ".mypy_cache", "__pycache__", "build", "dist", ".pytest_cache"}
# The post hooks of the config (ruff) run from PATH: use the tools installed next to pytest.
BIN = str(Path(sys.executable).parent)


def _env() -> dict[str, str]:
    return {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}


def _generator() -> str:
    found = shutil.which("openapi-python-client", path=_env()["PATH"])
    if found is None:
        pytest.skip("the openapi-python-client command is not installed")
    return found


def _files(root: Path, *, hand_written: bool = False) -> set[Path]:
    """The generated files under ``root`` (with ``hand_written``: the hand-written ones)."""
    return {
        p.relative_to(root)
        for p in root.rglob("*")
        if p.is_file()
        and not IGNORED.intersection(p.relative_to(root).parts)
        and not any(part.endswith(".egg-info") for part in p.parts)
        and (p.relative_to(root).parts[0] in HAND_WRITTEN) == hand_written
    }


def _generate(output: Path, *options: str) -> None:
    """Run the generator as scripts/generate_sdk.sh does (``options``: e.g. ``--overwrite``)."""
    result = subprocess.run(
        [
            _generator(),
            "generate",
            "--path",
            str(SPEC),
            "--config",
            str(CONFIG),
            "--meta",
            "setup",
            "--custom-template-path",
            str(TEMPLATES),
            "--output-path",
            str(output),
            "--fail-on-warning",
            *options,
        ],
        cwd=output.parent,
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"generation failed:\n{result.stdout}\n{result.stderr}"


def _run_post_hooks(directory: Path) -> None:
    """Format a tree like the generator's post hooks do (same ruff, same settings)."""
    for command in (["ruff", "check", "--fix-only", "-q", "."], ["ruff", "format", "-q", "."]):
        subprocess.run(command, cwd=directory, env=_env(), check=True, capture_output=True)


def test_committed_sdk_is_up_to_date(tmp_path: Path) -> None:
    assert SDK.is_dir(), "sdk/python is missing: run scripts/generate_sdk.sh"
    fresh = tmp_path / "fresh"
    _generate(fresh)

    # Normalize the committed copy with the same formatter, so a ruff upgrade alone is no drift.
    committed = tmp_path / "committed"
    shutil.copytree(SDK, committed, ignore=shutil.ignore_patterns(*IGNORED, "*.egg-info"))
    _run_post_hooks(committed)

    expected, actual = _files(fresh), _files(committed)
    changed = sorted(
        str(p)
        for p in expected & actual
        if not filecmp.cmp(fresh / p, committed / p, shallow=False)
    )
    problems = {
        "missing from sdk/python": sorted(map(str, expected - actual)),
        "no longer generated": sorted(map(str, actual - expected)),
        "different": changed,
    }
    assert not any(problems.values()), (
        "sdk/python is out of date with openapi/openapi.json: run scripts/generate_sdk.sh\n"
        + "\n".join(f"{k}: {v[:20]}" for k, v in problems.items() if v)
    )


FIND_PACKAGES = "import json, setuptools; print(json.dumps(setuptools.find_packages()))"


def test_regeneration_keeps_the_hand_written_helpers(tmp_path: Path) -> None:
    """``--overwrite`` over the committed tree (what the script does) leaves the helpers as they
    are, byte for byte (so they are formatted as the post hooks format them), and they ship:
    setup.py's ``find_packages()`` finds them."""
    script = (ROOT / "scripts" / "generate_sdk.sh").read_text()
    assert "--custom-template-path sdk/templates" in script and "--overwrite" in script
    hand_written = _files(SDK, hand_written=True)
    assert Path("prm_api_client_extras/__init__.py") in hand_written
    regenerated = tmp_path / "python"
    shutil.copytree(SDK, regenerated, ignore=shutil.ignore_patterns(*IGNORED, "*.egg-info"))
    _generate(regenerated, "--overwrite")

    assert _files(regenerated, hand_written=True) == hand_written
    changed = [
        str(p) for p in hand_written if (regenerated / p).read_bytes() != (SDK / p).read_bytes()
    ]
    assert not changed, f"regeneration changes hand-written files: {changed}"
    found = subprocess.run(
        [sys.executable, "-c", FIND_PACKAGES],
        cwd=regenerated,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert set(json.loads(found)) >= HAND_WRITTEN, found


@pytest.fixture
def sdk(monkeypatch: pytest.MonkeyPatch):
    """The committed SDK package, imported from sdk/python."""
    monkeypatch.syspath_prepend(str(SDK))
    for name in [
        m for m in sys.modules if m == "prm_api_client" or m.startswith("prm_api_client.")
    ]:
        monkeypatch.delitem(sys.modules, name)
    import prm_api_client

    assert Path(prm_api_client.__file__).is_relative_to(SDK)
    return prm_api_client


@pytest.fixture
async def admin_token(auth) -> str:
    return await auth.token("admin")


def test_sdk_calls_the_live_api(sdk, live_server, admin_token: str, app) -> None:
    from prm_api_client.api.users import me_get, users_list
    from prm_api_client.models import Me, Problem, Role, UserList

    with sdk.AuthenticatedClient(base_url=live_server.url, token=admin_token) as client:
        me = me_get.sync(client=client)
        assert isinstance(me, Me), me
        assert me.role == Role.ADMIN
        assert me.subject_type == "user"
        assert "users:write" in me.scopes

        page = users_list.sync(client=client, limit=1)
        assert isinstance(page, UserList), page
        assert len(page.data) == 1
        assert str(page.data[0].id) == me.id

    with sdk.AuthenticatedClient(base_url=live_server.url, token="not-a-token") as client:
        response = me_get.sync_detailed(client=client)
        assert response.status_code == 401
        assert isinstance(response.parsed, Problem)
        assert response.parsed.code == "unauthorized"
