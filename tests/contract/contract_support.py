"""The generated OpenAPI document, read at import time to parametrize the contract suites.

Everything the suites walk is derived from here, so operations added later are covered
without touching the tests.
"""

from __future__ import annotations

import copy
import os
import random
from dataclasses import dataclass
from functools import cache
from typing import Any

from prm_api.app import create_app
from prm_api.config import Settings

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@cache
def _generated_spec() -> dict[str, Any]:
    # Same document as ``prm_api.openapi_export.render_spec()`` (the drift test checks that one),
    # built from settings that keep the process's logging at WARNING: the first app created
    # in a process configures logging, and these modules create theirs at import time.
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url="postgresql+asyncpg://unused/unused", log_level="WARNING"
    )
    return create_app(settings).openapi()


def generated_spec() -> dict[str, Any]:
    """A private copy of the document the app generates."""
    return copy.deepcopy(_generated_spec())


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    spec: dict[str, Any]

    @property
    def operation_id(self) -> str:
        return self.spec.get("operationId", f"{self.method} {self.path}")

    @property
    def security(self) -> list[dict[str, list[str]]]:
        return self.spec.get("security") or []

    @property
    def is_secured(self) -> bool:
        return bool(self.security)

    @property
    def required_scopes(self) -> frozenset[str]:
        """Scopes any of the security requirements asks for."""
        return frozenset(s for req in self.security for scopes in req.values() for s in scopes)

    def __str__(self) -> str:
        return self.operation_id


def operations(spec: dict[str, Any] | None = None) -> list[Operation]:
    spec = spec if spec is not None else _generated_spec()
    return [
        Operation(method, path, operation)
        for path, item in spec.get("paths", {}).items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


@cache
def schemathesis_seed() -> int:
    """The schemathesis seed of this run: ``PRM_SCHEMATHESIS_SEED``, or a random one."""
    return int(os.environ.get("PRM_SCHEMATHESIS_SEED") or random.randrange(2**32))


def schemathesis_seed_if_used() -> int | None:
    return schemathesis_seed() if schemathesis_seed.cache_info().currsize else None
