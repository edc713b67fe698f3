"""Helpers for typed list filters and query parameters."""

from __future__ import annotations

import types
import typing
from datetime import datetime
from typing import Any, TypeVar

from fastapi import Request
from fastapi.routing import APIRoute
from sqlalchemy import Select

from prm_api.errors import ValidationFailed, field_error

_MULTI_VALUED = (list, tuple, set, frozenset)


S = TypeVar("S", bound=Select[Any])


def in_window(stmt: S, column: Any, after: datetime | None, before: datetime | None) -> S:
    """``stmt`` restricted to rows whose ``column`` lies in ``[after, before)``: the list
    filters' ``…_after`` bound is inclusive, ``…_before`` exclusive; ``None`` is no bound."""
    if after is not None:
        stmt = stmt.where(column >= after)
    if before is not None:
        stmt = stmt.where(column < before)
    return stmt


def escape_like(value: str) -> str:
    """Escape LIKE wildcards so user input matches literally (use with ``escape="\\\\"``)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


#: Per route: the query parameters that take one value (filled on first use).
_SINGLE_VALUED: dict[int, frozenset[str]] = {}


def _takes_many(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return any(_takes_many(arg) for arg in typing.get_args(annotation))
    return origin in _MULTI_VALUED or annotation in _MULTI_VALUED


def _query_params(dependant: Any) -> list[Any]:
    params = list(dependant.query_params)
    for sub in dependant.dependencies:
        params.extend(_query_params(sub))
    return params


def _single_valued(route: APIRoute) -> frozenset[str]:
    names = _SINGLE_VALUED.get(id(route))
    if names is None:
        names = frozenset(
            field.alias
            for field in _query_params(route.dependant)
            if not _takes_many(field.field_info.annotation)
        )
        _SINGLE_VALUED[id(route)] = names
    return names


def check_repeated_query_params(request: Request) -> None:
    """422 when a query parameter that takes one value is given several times.

    Without this the framework would silently use one of them (``?partner_id=A&partner_id=B``
    lists A's or B's deals, whichever it picks). Parameters declared as lists (``status``,
    ``tag``…) are meant to repeat. Called by the authentication dependency once the caller
    is authenticated, so a missing or bad token stays a 401. (Every route with query
    parameters is authenticated; a public one would have to call this itself.)
    """
    query = request.query_params
    if len(query) == len(query.multi_items()):
        return  # nothing repeated (the usual case: no per-route work at all)
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    repeated = sorted(name for name in _single_valued(route) if len(query.getlist(name)) > 1)
    if repeated:
        raise ValidationFailed(
            "A query parameter that takes one value was given several times.",
            errors=[
                field_error(name, "repeated", "Give this parameter once.", location="query")
                for name in repeated
            ],
        )
