"""Checks for a ``kit.render.Shape`` that do not take the Shape's word for its values.

``tests/kit/test_render.py`` validates each model straight from the row (its oracle is
independent of the Shape). Models with context-derived parts cannot be built that way, so
:func:`assert_shape_writes` checks two things: the JSON is byte for byte what pydantic writes
for the same model, and every field read from a same-named column holds that column's value,
checked without the Shape (parity alone would pass a Shape that read the wrong column).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError


def _columns(source: Any) -> set[str]:
    if hasattr(source, "_fields"):  # a plain row
        return set(source._fields)
    return {c.key for c in source.__table__.columns}


def assert_shape_writes(
    shape: Any, source: Any, model: type[BaseModel], context: Any = None, *, least: int = 5
) -> None:
    args = (source,) if context is None else (source, context)
    written = shape.json(*args)
    expected = model.model_validate(shape.one(*args))
    assert written == expected.model_dump_json(by_alias=True).encode()
    body = json.loads(written)
    checked = 0
    for name, field in model.model_fields.items():
        if name not in _columns(source):
            continue
        adapter = TypeAdapter(field.annotation)
        try:
            value = adapter.validate_python(getattr(source, name))
            column = adapter.dump_python(value, mode="json")
        except ValidationError:
            continue  # a field derived from the column (e.g. quiz results dict → list)
        assert body[field.serialization_alias or name] == column, name
        checked += 1
    assert checked >= least, f"{model.__name__}: only {checked} fields compared with columns"
