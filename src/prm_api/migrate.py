"""Run Alembic migrations programmatically (used by ``prm-api migrate``/``serve`` and tests)."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory


@lru_cache
def migrations_dir() -> Path:
    """Where ``prm_api.migrations`` lives: ``migrations/`` at the repository root in a checkout
    (editable install), ``site-packages/prm_api/migrations`` in an installed wheel."""
    spec = importlib.util.find_spec("prm_api.migrations")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("prm_api.migrations is not installed with the package")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def alembic_config(database_url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if database_url:
        cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return cfg


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


@lru_cache
def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
