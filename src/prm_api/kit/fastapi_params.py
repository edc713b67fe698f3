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

It also puts a short cut in front of ``request_params_to_args``: a list declares many filters
(17 for ``GET /v1/deals``) and a request names few, yet FastAPI deep-copies and validates
the default of every absent one (~110 µs for the deals list). A parameter that is optional,
absent under every alias, whose default is immutable and not validated (what FastAPI would
return unchanged) gets its default directly; the parameters the request does name, and any
other kind, go to FastAPI's own function, so values, errors and their locations are its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from typing import Any

from fastapi.dependencies import utils

#: The functions wrapped, by name in ``fastapi.dependencies.utils``.
_BY_ANNOTATION = ("field_annotation_is_sequence",)
_BY_FIELD = ("_get_param_model", "_is_json_field", "_get_param_aliases")
#: Per dependency, per request: its cache key (walks its sub-dependencies for OAuth scopes)
#: and whether its callable is a generator or a coroutine function. FastAPI answers the
#: latter through ``lru_cache`` behind a fresh wrapper object each time; for ``/v1/me`` the
#: four were ~30 µs of a ~450 µs request.
_BY_DEPENDANT = ("_get_cache_key",)
_BY_CALL = ("_is_gen_callable", "_is_async_gen_callable", "_is_coroutine_callable")
_SHORT_CUT = ("request_params_to_args",)
_INSTALLED = "__prm_cached__"
#: Defaults FastAPI's ``deepcopy`` returns as they are (so sharing them is what it does).
_IMMUTABLE = (type(None), bool, int, float, str, bytes)
#: Entries a cache keeps before it starts over: routes' dependencies are a few hundred, but a
#: dependency override makes fresh ``Dependant`` objects on every request (tests use them).
_MAX_ENTRIES = 4096


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


def _cached_by_identity(fn: Callable[..., Any], keyword: str | None) -> Callable[..., Any]:
    """``fn`` answered once per object (its argument, or keyword argument ``keyword``): keyed
    by id, holding the object so the id is not reused while the entry lives."""
    answers: dict[int, tuple[Any, Any]] = {}

    def remember(obj: Any, answer: Any) -> Any:
        if len(answers) >= _MAX_ENTRIES:
            answers.clear()
        answers[id(obj)] = (obj, answer)
        return answer

    if keyword is None:

        def cached_call(obj: Any) -> Any:
            entry = answers.get(id(obj))
            if entry is not None and entry[0] is obj:
                return entry[1]
            return remember(obj, fn(obj))

        return cached_call

    def cached_keyword(**kwargs: Any) -> Any:
        obj = kwargs[keyword]
        entry = answers.get(id(obj))
        if entry is not None and entry[0] is obj:
            return entry[1]
        return remember(obj, fn(**kwargs))

    return cached_keyword


def _default_when_absent(field: Any) -> tuple[bool, tuple[str, ...]]:
    """Whether FastAPI answers ``field``, when the request lacks it, with its default unchanged
    (optional, not validated, immutable, not a parameter model), and its request names."""
    info = field.field_info
    default = field.default
    answered = (
        utils._get_param_model(field) is None
        and not info.is_required()
        and not info.validate_default
        and (type(default) in _IMMUTABLE or isinstance(default, Enum))
    )
    names = tuple(name for _, name in utils._get_param_aliases(field)) if answered else ()
    return answered, names


def _absent_answered_first(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``request_params_to_args`` with absent optional parameters answered by their default
    (see the module's docstring); the plan is made once per route's list of fields."""
    plans: dict[int, tuple[Any, tuple[tuple[Any, bool, tuple[str, ...]], ...]]] = {}

    def plan_of(fields: Sequence[Any]) -> tuple[tuple[Any, bool, tuple[str, ...]], ...]:
        entry = plans.get(id(fields))
        if entry is not None and entry[0] is fields:
            return entry[1]
        if len(plans) >= _MAX_ENTRIES:
            plans.clear()
        plan = tuple((field, *_default_when_absent(field)) for field in fields)
        plans[id(fields)] = (fields, plan)
        return plan

    def request_params_to_args(
        fields: Sequence[Any], received_params: Mapping[str, Any]
    ) -> tuple[dict[str, Any], list[Any]]:
        if not fields:
            return fn(fields, received_params)
        values: dict[str, Any] = {}
        named = []
        for field, answered, names in plan_of(fields):
            if answered:
                for name in names:
                    if name in received_params:
                        break
                else:
                    values[field.name] = field.default
                    continue
            named.append(field)
        if not named:
            return values, []
        found, errors = fn(named, received_params)
        values.update(found)
        return values, errors

    return request_params_to_args


def _wrapper(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    if name in _SHORT_CUT:
        return _absent_answered_first(fn)
    if name in _BY_ANNOTATION:
        return _cached_by_annotation(fn)
    if name in _BY_FIELD:
        return _cached_by_field(fn)
    return _cached_by_identity(fn, "dependant" if name in _BY_DEPENDANT else None)


_ALL = (*_BY_ANNOTATION, *_BY_FIELD, *_BY_DEPENDANT, *_BY_CALL, *_SHORT_CUT)


def install() -> bool:
    """Wrap FastAPI's per-request parameter inspection in caches (once per process); whether
    the wrappers are in place."""
    if not all(callable(getattr(utils, name, None)) for name in _ALL):
        return False
    for name in _ALL:
        fn = getattr(utils, name)
        if getattr(fn, _INSTALLED, False):
            continue
        wrapped = _wrapper(name, fn)
        setattr(wrapped, _INSTALLED, True)
        setattr(utils, name, wrapped)
    return True


def installed() -> bool:
    return all(getattr(getattr(utils, name, None), _INSTALLED, False) for name in _ALL)
