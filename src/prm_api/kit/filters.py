"""Helpers for typed list filters and query parameters."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute
from fastapi.security.base import SecurityBase

from prm_api.errors import ValidationFailed, field_error

_MULTI_VALUED = (list, tuple, set, frozenset)


def escape_like(value: str) -> str:
    """Escape LIKE wildcards so user input matches literally (use with ``escape="\\\\"``)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class _RouteQuery:
    single_valued: frozenset[str]  # query parameters that take one value
    authenticated: bool  # the route has a security scheme among its dependencies


#: Per route, filled on first use.
_ROUTES: dict[int, _RouteQuery] = {}


def _takes_many(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return any(_takes_many(arg) for arg in typing.get_args(annotation))
    return origin in _MULTI_VALUED or annotation in _MULTI_VALUED


def _walk(dependant: Any) -> list[Any]:
    found = [dependant]
    for sub in dependant.dependencies:
        found.extend(_walk(sub))
    return found


def _route_query(route: APIRoute) -> _RouteQuery:
    info = _ROUTES.get(id(route))
    if info is None:
        dependants = _walk(route.dependant)
        info = _RouteQuery(
            single_valued=frozenset(
                field.alias
                for d in dependants
                for field in d.query_params
                if not _takes_many(field.field_info.annotation)
            ),
            authenticated=any(isinstance(d.call, SecurityBase) for d in dependants),
        )
        _ROUTES[id(route)] = info
    return info


def check_repeated_query_params(request: Request) -> None:
    """422 when a query parameter that takes one value is given several times.

    Without this the framework would silently use one of them (``?partner_id=A&partner_id=B``
    lists A's or B's deals, whichever it picks). Parameters declared as lists (``status``,
    ``tag``…) are meant to repeat. Authenticated routes call this once the caller is
    authenticated (a missing or bad token stays a 401); :func:`reject_repeated_query_params`
    covers the public ones.
    """
    query = request.query_params
    if len(query) == len(query.multi_items()):
        return  # nothing repeated (the usual case: no per-route work at all)
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    repeated = sorted(
        name for name in _route_query(route).single_valued if len(query.getlist(name)) > 1
    )
    if repeated:
        raise ValidationFailed(
            "A query parameter that takes one value was given several times.",
            errors=[
                field_error(name, "repeated", "Give this parameter once.", location="query")
                for name in repeated
            ],
        )


async def reject_repeated_query_params(request: Request) -> None:
    """App-wide dependency (it adds no parameter to the OpenAPI document): the check above
    for public routes; authenticated ones run it after authentication."""
    route = request.scope.get("route")
    if isinstance(route, APIRoute) and not _route_query(route).authenticated:
        check_repeated_query_params(request)
