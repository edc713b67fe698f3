"""Searching a whole document (title, description, tags, file name…), accents ignored.

The companion of :mod:`kit.search` (which matches a few name columns) for resources searched
over a document kept in two generated columns: its text without accents, lowercase (a trigram
index: typos, substrings, run-together words — "pricelist" for "Price list"), and that text's
words (a ``tsvector`` in the 'simple' configuration: no stemming, content comes in many
languages). ``f_unaccent`` is the immutable ``unaccent`` wrapper the assets migration
created (an index expression needs an immutable function). Lists search with
:func:`document_match`, rank with :func:`document_ranked` and page with
:func:`kit.search.paginate`, after :func:`kit.search.set_search_threshold`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Float, Select, Text, case, cast, func, literal, or_
from sqlalchemy.dialects.postgresql import REGCONFIG

from prm_api.kit.filters import escape_like
from prm_api.kit.search import RANK


def unaccented(value: Any) -> Any:
    """SQL: ``value`` lowercase and without accents (``Prézentácja`` → ``prezentacja``)."""
    return func.f_unaccent(func.lower(value))


def _needle(q: str) -> Any:
    return unaccented(literal(q.strip(), Text))


def _escaped(q: str) -> Any:
    return unaccented(literal(escape_like(q.strip()), Text))


def _tsquery(q: str) -> Any:
    return func.websearch_to_tsquery(literal("simple", REGCONFIG), _needle(q))


def document_match(q: str, text_column: Any, vector_column: Any) -> ColumnElement[bool]:
    """``q`` matches the document: its words (full text), or it is word-similar to a part of
    it (``%>``, the session's trigram threshold), or a substring of it."""
    return or_(
        vector_column.op("@@")(_tsquery(q)),
        text_column.op("%>")(_needle(q)),
        text_column.like(func.concat("%", _escaped(q), "%"), escape="\\"),
    )


def document_ranked(
    stmt: Select[Any], q: str, title: Any, text_column: Any, vector_column: Any
) -> Select[Any]:
    """``stmt`` with its relevance to ``q`` as the ``search_rank`` column (for
    :func:`kit.search.paginate`), accents and case ignored: a title equal to ``q`` first,
    then titles starting with it, then titles with a word starting with it, then the rest;
    within each, word similarity to the document plus its full-text rank (each in [0, 1];
    kinds step by 4, so a better kind always wins). One double precision expression: the
    cursor holds its value."""
    needle, prefix, title_key = _needle(q), _escaped(q), unaccented(title)
    kind = case(
        (title_key == needle, 3),
        (title_key.like(func.concat(prefix, "%"), escape="\\"), 2),
        (title_key.like(func.concat("% ", prefix, "%"), escape="\\"), 1),
        else_=0,
    )
    score = (
        cast(kind * 4, Float(53))
        + cast(func.coalesce(func.word_similarity(needle, text_column), 0), Float(53))
        + cast(func.least(func.ts_rank(vector_column, _tsquery(q)), 1), Float(53))
    )
    return stmt.add_columns(score.label(RANK))
