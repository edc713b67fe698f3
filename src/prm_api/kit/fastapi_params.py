"""Request-parameter inspection FastAPI repeats on every request, answered once per parameter.

FastAPI (0.16x) reads query, header and cookie parameters by asking, for each declared
parameter on every request, questions whose answers never change once the route exists: is
its annotation a sequence (``list[DealStatus] | None`` → read every value), is it a parameter
model, is it a ``Json`` field, which aliases does it accept. Each answer walks the annotation
with ``typing.get_origin``/``issubclass``; for the deals list (17 query parameters) that was
~270 µs of CPU per request — more than the database query — measured with
``bench/request_overhead.py`` and a profile of ``GET /v1/deals`` (``solve_dependencies`` was
half of the request's CPU).

:func:`install` wraps those four module-level functions of ``fastapi.dependencies.utils`` in
caches: by annotation for the sequence test (annotations are hashable; one that is not is
answered uncached), by the parameter's ``ModelField`` object for the others (routes keep
their fields for the life of the process; the cache holds the field itself, so an id is never
reused for another object). Parsing, validation and the 422 error locations are FastAPI's own,
unchanged. If a FastAPI release renames these functions the wrappers are simply not
installed: requests stay correct, only slower (``tests/kit/test_fastapi_params.py`` notices).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.dependencies import utils

#: The functions wrapped, by name in ``fastapi.dependencies.utils``.
_BY_ANNOTATION = ("field_annotation_is_sequence",)
_BY_FIELD = ("_get_param_model", "_is_json_field", "_get_param_aliases")
_INSTALLED = "__prm_cached__"


def _cached_by_annotation(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    answers: dict[Any, Any] = {}

    def cached(annotation: Any) -> Any:
        try:
            return answers[annotation]
        except KeyError:
            answer = answers[annotation] = fn(annotation)
            return answer
        except TypeError:  # an unhashable annotation: ask FastAPI every time
            return fn(annotation)

    return cached


def _cached_by_field(fn: Callable[..., Any]) -> Callable[..., Any]:
    answers: dict[Any, tuple[Any, Any]] = {}

    def cached(field: Any, **options: Any) -> Any:
        # Keyed by the field's id alone in the common call (no options): this runs for every
        # parameter of every request, so it must cost less than what it saves.
        key = (id(field), *sorted(options.items())) if options else id(field)
        entry = answers.get(key)
        if entry is None or entry[0] is not field:
            entry = answers[key] = (field, fn(field, **options))
        return entry[1]

    return cached


def install() -> bool:
    """Wrap FastAPI's per-request parameter inspection in caches (once per process); whether
    the wrappers are in place."""
    names = (*_BY_ANNOTATION, *_BY_FIELD)
    if not all(callable(getattr(utils, name, None)) for name in names):
        return False
    for name in names:
        fn = getattr(utils, name)
        if getattr(fn, _INSTALLED, False):
            continue
        wrapped = _cached_by_annotation(fn) if name in _BY_ANNOTATION else _cached_by_field(fn)
        setattr(wrapped, _INSTALLED, True)
        setattr(utils, name, wrapped)
    return True


def installed() -> bool:
    return all(
        getattr(getattr(utils, name, None), _INSTALLED, False)
        for name in (*_BY_ANNOTATION, *_BY_FIELD)
    )
