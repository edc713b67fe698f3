"""Statements built once per shape, for queries whose parts depend on the request.

A list's SQL depends on which filters a request uses, not on their values. Built with the
values written in, the statement is new on every request, and so are SQLAlchemy's walk of it
for its cache key and the building itself (~35 µs of CPU for the deals list, as much as
decoding its 50 rows). Built with every value a bound parameter (``bindparam("status")``), one
statement serves every request that uses the same filters: its cache key and compiled SQL are
made once, and the request supplies only the values::

    _LIST = ShapeCache(lambda names: select(Deal.__table__).where(
        *(_FILTERS[name] for name in _FILTER_ORDER if name in names)))
    stmt = _LIST(frozenset(values))           # values: {"status": [...], ...}
    page = await paginate(session, stmt, SORTS, sort, page_params, values=values)

The filters are written once, as expressions of bound parameters; a shape is the set of
names a request fills. :class:`prm_api.auth.policy.PartnerScoped` gives each shape its
partner-restricted form the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


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
