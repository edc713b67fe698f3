"""Statements built once per shape, for queries whose parts depend on the request.

A list's SQL depends on which filters a request uses, not on their values. Built with the
values written in, the statement is new on every request, and so are SQLAlchemy's walk of it
for its cache key and the building itself (~35 µs of CPU for the deals list, as much as
decoding its 50 rows). Built with every value a bound parameter (``bindparam("status")``), one
statement serves every request that uses the same filters: its cache key and compiled SQL are
made once, and the request supplies only the values::

    _LIST = FilteredList(
        select(Deal.__table__),
        {"status": any_of("status", Deal.status), **window("created", Deal.created_at)},
        Deal.partner_id,
    )
    stmt, params = _LIST.bind(principal, {"status": ["won"], "created_after": None})
    page = await paginate(session, stmt, SORTS, sort, page_params, values=params)

The filters are written once, as expressions of bound parameters; a shape is the set of
names a request fills. :class:`prm_api.auth.policy.PartnerScoped` gives each shape its
partner-restricted form the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from sqlalchemy import ARRAY, Select, String, any_, bindparam

from prm_api.auth.policy import PartnerScoped
from prm_api.auth.principal import Principal

T = TypeVar("T")
_TEXT_ARRAY = ARRAY(String)


class ShapeCache(Generic[T]):
    """``build(names)`` once per set of ``names``; the same object on every later call.

    Bounded: a list has a few dozen shapes in use; ``max_shapes`` only stops a client that
    tries every combination of filters from growing the cache without end.
    """

    def __init__(self, build: Callable[[frozenset[str]], T], max_shapes: int = 1024) -> None:
        self.build, self.max_shapes = build, max_shapes
        self.built: dict[frozenset[str], T] = {}

    def __call__(self, names: frozenset[str]) -> T:
        found = self.built.get(names)
        if found is None:
            if len(self.built) >= self.max_shapes:
                self.built.clear()
            found = self.built[names] = self.build(names)
        return found


def any_of(name: str, column: Any) -> Any:
    """A multi-value filter: ``column = ANY(:name)``, the value a list of strings. Not ``IN``:
    an ``IN`` list is rendered into the SQL per execution, so no statement is reused."""
    return column == any_(bindparam(name, type_=_TEXT_ARRAY))


def window(name: str, column: Any) -> dict[str, Any]:
    """The ``{name}_after`` (inclusive) and ``{name}_before`` (exclusive) filters on
    ``column``: :func:`kit.filters.in_window`'s rule."""
    return {
        f"{name}_after": column >= bindparam(f"{name}_after"),
        f"{name}_before": column < bindparam(f"{name}_before"),
    }


class FilteredList:
    """A list's statement for each combination of its filters, restricted to the caller's
    partner by :class:`~prm_api.auth.policy.PartnerScoped`.

    ``filters`` maps a filter's name to its condition on bound parameters named after it, in
    the order the conditions join ``base``; ``owner`` is the rows' partner column."""

    def __init__(self, base: Select[Any], filters: dict[str, Any], owner: Any) -> None:
        self.filters = filters

        def build(names: frozenset[str]) -> PartnerScoped[Select[Any]]:
            conditions = [condition for name, condition in filters.items() if name in names]
            return PartnerScoped(base.where(*conditions), owner)

        self._shapes = ShapeCache(build)

    def bind(
        self, principal: Principal, values: dict[str, Any]
    ) -> tuple[Select[Any], dict[str, Any]]:
        """The statement for the filters ``values`` fills (a ``None`` or empty value is no
        filter), and the parameters to run it with."""
        used = {name: v for name, v in values.items() if v is not None and v != []}
        unknown = used.keys() - self.filters.keys()
        if unknown:
            raise KeyError(f"no filter {sorted(unknown)}")
        return self._shapes(frozenset(used)).bind(principal, **used)
