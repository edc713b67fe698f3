"""Walk every page of a list operation (``GET /v1/deals``, ``GET /v1/partners``, …).

Each list answers ``{"data": [...], "has_more": bool, "next_cursor": str | null}``; these helpers ask
for the next page with ``cursor=next_cursor`` until ``has_more`` is false. They are generic over the
operations: pass the generated module (``deals_list``) or one of its functions.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any, cast

from .problems import ProblemError, unwrap


def pages(list_operation: Any, /, *, client: Any, **params: Any) -> Iterator[Any]:
    """Yield each page of ``list_operation`` called with ``client`` and ``params``.

    ``list_operation`` is a generated module (its ``sync_detailed`` is used) or a function returning a
    page or a ``Response``. A ``cursor`` in ``params`` resumes from there. A problem response raises
    ``ProblemError`` (e.g. 400 ``invalid_cursor``, 401, 403).
    """
    call = _function(list_operation, "sync_detailed")
    cursor = params.pop("cursor", None)
    while True:
        page = _page(call(client=client, **_with_cursor(params, cursor)))
        yield page
        cursor = _next_cursor(page, cursor)
        if cursor is None:
            return


async def apages(list_operation: Any, /, *, client: Any, **params: Any) -> AsyncIterator[Any]:
    """Async ``pages``: ``list_operation`` is a module (its ``asyncio_detailed``) or an async function."""
    call = _function(list_operation, "asyncio_detailed")
    cursor = params.pop("cursor", None)
    while True:
        result = call(client=client, **_with_cursor(params, cursor))
        if not inspect.isawaitable(result):
            raise TypeError(
                f"{_name(list_operation)} is not async: pass the module or its asyncio/asyncio_detailed function"
            )
        page = _page(await result)
        yield page
        cursor = _next_cursor(page, cursor)
        if cursor is None:
            return


def iterate(list_operation: Any, /, *, client: Any, **params: Any) -> Iterator[Any]:
    """Yield every item of every page, in the API's order: ``for deal in iterate(deals_list, client=c):``."""
    for page in pages(list_operation, client=client, **params):
        yield from _field(page, "data") or []


async def aiterate(list_operation: Any, /, *, client: Any, **params: Any) -> AsyncIterator[Any]:
    """Async ``iterate``: ``async for deal in aiterate(deals_list, client=c):``."""
    async for page in apages(list_operation, client=client, **params):
        for item in _field(page, "data") or []:
            yield item


def _function(list_operation: Any, name: str) -> Callable[..., Any]:
    if callable(list_operation):
        return cast("Callable[..., Any]", list_operation)
    function = getattr(list_operation, name, None)
    if function is None:
        raise TypeError(f"{_name(list_operation)} is neither a function nor a generated operation module")
    return cast("Callable[..., Any]", function)


def _with_cursor(params: dict[str, Any], cursor: str | None) -> dict[str, Any]:
    return params if cursor is None else {**params, "cursor": cursor}


def _page(result: Any) -> Any:
    """The page in what a list function returned: a ``Response`` is unwrapped, a problem raised."""
    page = unwrap(result) if hasattr(result, "status_code") and hasattr(result, "content") else result
    if _has(page, "data") and _has(page, "has_more"):
        return page
    # ``sync``/``asyncio`` return the parsed problem instead of raising, or None for an undocumented status.
    if page is not None and _has(page, "status") and _has(page, "code") and hasattr(page, "to_dict"):
        raise ProblemError(int(page.status), page.to_dict())
    raise TypeError(
        f"expected a list page (data, has_more, next_cursor), got {page!r}; "
        "a *_detailed function tells the status of an unexpected answer"
    )


def _next_cursor(page: Any, cursor: str | None) -> str | None:
    """The cursor of the next page, or None after the last one."""
    if not _field(page, "has_more"):
        return None
    next_cursor = _field(page, "next_cursor")
    if not next_cursor or next_cursor == cursor:
        # Asking again would return the same page forever.
        raise RuntimeError(f"the page says has_more but gives no new next_cursor ({next_cursor!r})")
    return str(next_cursor)


def _field(page: Any, name: str) -> Any:
    return page.get(name) if isinstance(page, Mapping) else getattr(page, name, None)


def _has(page: Any, name: str) -> bool:
    return name in page if isinstance(page, Mapping) else hasattr(page, name)


def _name(obj: Any) -> str:
    return getattr(obj, "__name__", None) or repr(obj)
