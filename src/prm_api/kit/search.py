"""Fuzzy text search (``q`` on list endpoints): pg_trgm word similarity, plus a substring match.

A list that filters on ``q`` calls :func:`set_search_threshold` on its session (before the
query runs) and adds :func:`fuzzy_match` for the searched columns. The trigram operator
uses the columns' GIN indexes; the ``ILIKE`` catches short queries that word similarity
scores too low (one or two characters).

Results are ranked by relevance unless a ``sort`` is asked for (DESIGN §5): the list query adds
the score with :func:`ranked`, and the endpoint pages with this module's :func:`paginate`.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

from sqlalchemy import ColumnElement, Float, Select, and_, case, cast, func, or_, text
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.kit import pagination
from prm_api.kit.filters import escape_like
from prm_api.kit.pagination import (
    MALFORMED_CURSOR,
    InvalidCursor,
    PageParams,
    PageResult,
    Sort,
    SortKeys,
    decode_cursor,
    encode_cursor,
)
from prm_api.reads import CONNECTION_SETTINGS, fetch_plain

# For the session, not the transaction: reads run without one (autocommit, db.py), where a
# transaction-local setting would be gone before the query. Every search sets it first, so
# what a pooled connection keeps from an earlier request is never relied on.
_SET_THRESHOLD = text("SELECT set_config('pg_trgm.word_similarity_threshold', :t, false)")


async def set_search_threshold(session: AsyncSession, threshold: float) -> None:
    """Word-similarity cut-off for ``q`` (pg_trgm's default 0.6 misses one-letter typos),
    for the searches this connection runs next."""
    await session.execute(_SET_THRESHOLD, {"t": str(threshold)})
    # The setting lives on this session's connection: the search must run there too.
    session.info[CONNECTION_SETTINGS] = True


def fuzzy_match(q: str, *columns: Any) -> ColumnElement[bool]:
    """``q`` is word-similar to (``%>``), or a substring of, any of ``columns``."""
    like = f"%{escape_like(q)}%"
    return or_(
        *(column.op("%>")(q) for column in columns),
        *(column.ilike(like, escape="\\") for column in columns),
    )


# --- relevance ---------------------------------------------------------------------------

#: The label of the relevance column a list query adds (:func:`ranked`) when it searches.
RANK = "search_rank"


def ranked(stmt: Select[Any], q: str, name: Any, *others: Any) -> Select[Any]:
    """``stmt`` with its relevance to ``q`` as a ``search_rank`` column, for :func:`paginate`.

    The score orders matches of the ``name`` column first by kind — the whole name (or any of
    ``others``, e.g. the domain) equal to ``q``, then names starting with it, then names with a
    word starting with it, then the rest — and within a kind by pg_trgm word similarity to the
    best of the columns. Case does not matter. Kind steps by 2 and similarity is in [0, 1], so
    a better kind always wins. One double precision expression: the cursor holds its value,
    and the same row computes the same value on the next page.
    """
    needle = q.strip().lower()
    escaped = escape_like(needle)
    lowered = func.lower(name)
    kind = case(
        (or_(lowered == needle, *(func.lower(c) == needle for c in others)), 3),
        (lowered.like(f"{escaped}%", escape="\\"), 2),
        (lowered.like(f"% {escaped}%", escape="\\"), 1),
        else_=0,
    )
    similarity = func.coalesce(
        func.greatest(*(func.word_similarity(q, c) for c in (name, *others))), 0
    )
    score = cast(kind * 2, Float(53)) + cast(similarity, Float(53))
    return stmt.add_columns(score.label(RANK))


async def paginate(
    session: AsyncSession,
    stmt: Select[Any],
    keys: SortKeys,
    sort: str | None,
    params: PageParams,
    *,
    q: str | None,
    values: dict[str, Any] | None = None,
) -> PageResult[Any]:
    """A list page: by relevance when ``q`` is searched (``stmt`` went through
    :func:`ranked`) and no ``sort`` is asked for, else :func:`kit.pagination.paginate`.

    Relevance pages are keyset pages on (score descending, id descending); the cursor holds
    the last row's score and id, and is bound to ``q``: used with another search (or another
    ``sort``) it is a 400 ``invalid_cursor``. ``values``: see :func:`kit.pagination.paginate`
    (a search's statement is made for the request and has none).
    """
    # (Without a search, not even a look at the columns: building that collection for a
    # page of 30 columns cost more than the rest of this function.)
    if not q or sort is not None or (column := stmt.selected_columns.get(RANK)) is None:
        return await pagination.paginate(session, stmt, keys, sort, params, values=values)
    score = column.element if hasattr(column, "element") else column
    id_column = keys.id_column
    digest = hashlib.sha256(q.encode()).hexdigest()[:16]
    order = Sort(f"relevance:{digest}", descending=True)
    if params.cursor:
        value, last_id = decode_cursor(params.cursor, order)
        if not isinstance(value, float) or not math.isfinite(value):
            raise InvalidCursor(MALFORMED_CURSOR)
        stmt = stmt.where(or_(score < value, and_(score == value, id_column < last_id)))
    stmt = stmt.order_by(column.desc(), id_column.desc()).limit(pagination.fetch_limit(params))
    columns, plain = await fetch_plain(session, stmt)
    rows = list(plain)
    has_more = len(rows) > params.limit
    rows = rows[: params.limit]
    next_cursor = None
    if has_more and rows:
        last = rows[-1]
        score_at, id_at = columns.index(RANK), columns.index(id_column.key)
        next_cursor = encode_cursor(order, float(last[score_at]), last[id_at])
    return PageResult(rows, has_more, next_cursor, columns)
