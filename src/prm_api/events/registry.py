"""The registry of event types: each domain defines its own in ``<domain>/events.py``.

This module imports no domain. A domain module calls :func:`define` at import time, so the
registry holds exactly the types of the domains :mod:`prm_api.domains` lists; the catalog
(``GET /v1/event-types``) is the registry's contents in definition order. Services record
changes with the :class:`EventType` object, never a bare string, so a typo fails at import
rather than storing an event nobody subscribes to.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from prm_api.errors import ValidationFailed, field_error


@dataclass(frozen=True)
class EventType:
    """One kind of event: ``<resource>.<verb>`` and the schema of its ``data.object``.

    ``audit_action`` names the audit row written with it (by default the event's own name:
    the two differ where the audit trail speaks of the record, e.g. ``invitation.created``
    for the event ``user.invited``).
    """

    name: str
    description: str
    schema: type[BaseModel]
    audit_action: str | None = None
    #: The module that defined it (the catalog lists types in the order of the domains).
    module: str = ""

    @property
    def resource(self) -> str:
        """The resource the event is about, as ``resource_type`` in the event log."""
        return self.name.split(".", 1)[0]

    @property
    def action(self) -> str:
        """The audit action recorded with the event."""
        return self.audit_action or self.name


_TYPES: dict[str, EventType] = {}


class DuplicateEventType(RuntimeError):
    """Two modules defined the same event type name."""


def _defining_module() -> str:
    frame = sys._getframe(1)
    while frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back  # type: ignore[assignment]
    return str(frame.f_globals.get("__name__", ""))


def define(
    name: str, description: str, schema: type[BaseModel], *, audit_action: str | None = None
) -> EventType:
    """Register an event type; defining the same name twice is a programming error."""
    if name in _TYPES:
        raise DuplicateEventType(f"The event type {name!r} is defined twice.")
    event_type = EventType(name, description, schema, audit_action, _defining_module())
    _TYPES[name] = event_type
    return event_type


def define_verbs(
    resource: str, schema: type[BaseModel], verbs: dict[str, str]
) -> dict[str, EventType]:
    """``{verb: EventType}`` for ``<resource>.<verb>`` with one description each."""
    return {verb: define(f"{resource}.{verb}", text, schema) for verb, text in verbs.items()}


def get(name: str) -> EventType:
    """The registered type called ``name`` (``KeyError`` if none is)."""
    return _TYPES[name]


def all_types(module_order: Sequence[str] = ()) -> list[EventType]:
    """Every registered type: grouped by module in ``module_order`` (others last), each
    module's in definition order."""
    rank = {name: i for i, name in enumerate(module_order)}
    return sorted(_TYPES.values(), key=lambda t: rank.get(t.module, len(rank)))


def names() -> frozenset[str]:
    return frozenset(_TYPES)


def is_known_pattern(pattern: str) -> bool:
    """``pattern`` names a registered type, or ``<resource>.*`` covers at least one."""
    if pattern.endswith(".*"):
        return any(name.startswith(pattern[:-1]) for name in _TYPES)
    return pattern in _TYPES


def require_known(patterns: list[str], *, field: str, location: str) -> list[str]:
    """The patterns, deduplicated; 422 ``unknown_type`` if one names no catalog type (a
    mistyped filter must not silently match nothing)."""
    unknown = [p for p in patterns if not is_known_pattern(p)]
    if unknown:
        raise ValidationFailed(
            "Unknown event types; see GET /v1/event-types.",
            errors=[
                field_error(field, "unknown_type", f"Unknown event type {p!r}.", location)
                for p in unknown
            ],
        )
    return list(dict.fromkeys(patterns))


def type_condition(column: Any, pattern: str) -> Any:
    """SQL: ``column`` matches ``pattern`` — exact, or ``deal.*`` for every deal event."""
    if pattern.endswith(".*"):
        return column.startswith(pattern[:-1], autoescape=True)
    return column == pattern
