"""Render the OpenAPI document deterministically (for the committed spec and its drift test)."""

from __future__ import annotations

import json

from prm_api.config import Settings


def render_spec() -> str:
    from prm_api.app import create_app

    app = create_app(Settings(database_url="postgresql+asyncpg://unused/unused"))
    return json.dumps(app.openapi(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"
