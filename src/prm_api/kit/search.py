"""Fuzzy text search (``q`` on list endpoints): pg_trgm word similarity, plus a substring match.

A list that filters on ``q`` calls :func:`set_search_threshold` on its session (before the
query runs) and adds :func:`fuzzy_match` for the searched columns. The trigram operator
uses the columns' GIN indexes; the ``ILIKE`` catches short queries that word similarity
scores too low (one or two characters).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, or_, text
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.kit.filters import escape_like

# For the session, not the transaction: reads run without one (autocommit, db.py), where a
# transaction-local setting would be gone before the query. Every search sets it first, so
# what a pooled connection keeps from an earlier request is never relied on.
_SET_THRESHOLD = text("SELECT set_config('pg_trgm.word_similarity_threshold', :t, false)")


async def set_search_threshold(session: AsyncSession, threshold: float) -> None:
    """Word-similarity cut-off for ``q`` (pg_trgm's default 0.6 misses one-letter typos),
    for the searches this connection runs next."""
    await session.execute(_SET_THRESHOLD, {"t": str(threshold)})


def fuzzy_match(q: str, *columns: Any) -> ColumnElement[bool]:
    """``q`` is word-similar to (``%>``), or a substring of, any of ``columns``."""
    like = f"%{escape_like(q)}%"
    return or_(
        *(column.op("%>")(q) for column in columns),
        *(column.ilike(like, escape="\\") for column in columns),
    )
