"""The committed Python SDK (sdk/python) is what openapi-python-client makes of the committed
spec, and it works against a real server.

Regenerate both with ``scripts/generate_sdk.sh``.
"""

from __future__ import annotations

import filecmp
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
IGNORED = {".ruff_cache", "__pycache__", "build", "dist", ".pytest_cache"}
# The post hooks of the config (ruff) run from PATH: use the tools installed next to pytest.
BIN = str(Path(sys.executable).parent)


def _env() -> dict[str, str]:
    return {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}


def _generator() -> str:
    found = shutil.which("openapi-python-client", path=_env()["PATH"])
    if found is None:
        pytest.skip("the openapi-python-client command is not installed")
    return found


def _files(root: Path) -> set[Path]:
    return {
        p.relative_to(root)
        for p in root.rglob("*")
        if p.is_file()
        and not IGNORED.intersection(p.relative_to(root).parts)
        and not any(part.endswith(".egg-info") for part in p.parts)
    }


def _run_post_hooks(directory: Path) -> None:
    """Format a tree like the generator's post hooks do (same ruff, same settings)."""
    for command in (["ruff", "check", "--fix-only", "-q", "."], ["ruff", "format", "-q", "."]):
        subprocess.run(command, cwd=directory, env=_env(), check=True, capture_output=True)


def test_committed_sdk_is_up_to_date(tmp_path: Path) -> None:
    assert SDK.is_dir(), "sdk/python is missing: run scripts/generate_sdk.sh"
    fresh = tmp_path / "fresh"
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
            "--output-path",
            str(fresh),
            "--fail-on-warning",
        ],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"generation failed:\n{result.stdout}\n{result.stderr}"

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
    from prm_api_client.models import MeOut, PageUserOut, Problem

    with sdk.AuthenticatedClient(base_url=live_server.url, token=admin_token) as client:
        me = me_get.sync(client=client)
        assert isinstance(me, MeOut), me
        assert me.role == "admin"
        assert me.subject_type == "user"
        assert "users:write" in me.scopes

        page = users_list.sync(client=client, limit=1)
        assert isinstance(page, PageUserOut), page
        assert len(page.data) == 1
        assert str(page.data[0].id) == me.id

    with sdk.AuthenticatedClient(base_url=live_server.url, token="not-a-token") as client:
        response = me_get.sync_detailed(client=client)
        assert response.status_code == 401
        assert isinstance(response.parsed, Problem)
        assert response.parsed.code == "unauthorized"
