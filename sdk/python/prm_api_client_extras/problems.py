"""Problem documents (RFC 9457, ``application/problem+json``) as an exception."""

from __future__ import annotations

import json
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any


class ProblemError(Exception):
    """A non-2xx answer of the PRM API, carrying its problem document.

    ``problem`` is the document as the server sent it (a plain dict, so fields added to the API later
    are there too); the properties read its standard members. ``request_id`` is the one to quote when
    asking the API's operators about this request (it is in their logs and audit rows).
    """

    def __init__(
        self,
        status: int,
        problem: Mapping[str, Any],
        *,
        request_id: str | None = None,
        response: Any = None,
    ) -> None:
        self.status = int(status)
        self.problem: dict[str, Any] = dict(problem)
        self.request_id: str | None = request_id or self.problem.get("request_id")
        self.response = response
        super().__init__(self._message())

    @classmethod
    def from_response(cls, response: Any) -> ProblemError:
        """Build the error from a generated ``Response`` (or an ``httpx.Response``)."""
        status = int(response.status_code)
        problem = _problem_document(status, response.content)
        return cls(status, problem, request_id=_request_id(problem, response.headers), response=response)

    @property
    def type(self) -> str:
        """URI naming the kind of problem (``about:blank`` when the body was not a problem document)."""
        return str(self.problem.get("type") or "about:blank")

    @property
    def code(self) -> str | None:
        """Stable machine code, e.g. ``not_found``, ``invalid_cursor``, ``deal_conflict``: branch on this."""
        code = self.problem.get("code") or self.problem.get("error")  # ``error``: RFC 6749 token errors
        return str(code) if code else None

    @property
    def title(self) -> str | None:
        return self.problem.get("title")

    @property
    def detail(self) -> str | None:
        """Human-readable explanation of this occurrence."""
        return self.problem.get("detail")

    @property
    def instance(self) -> str | None:
        return self.problem.get("instance")

    @property
    def errors(self) -> list[dict[str, Any]]:
        """Field errors of a validation problem (``field``, ``in``, ``code``, ``message``); empty otherwise."""
        return list(self.problem.get("errors") or [])

    def _message(self) -> str:
        text = f"{self.status} {self.code or self.title or 'error'}"
        if self.detail:
            text += f": {self.detail}"
        for error in self.errors:
            text += f"\n  {error.get('field', '?')}: {error.get('message', error.get('code', ''))}"
        if self.request_id:
            text += f" (request_id {self.request_id})"
        return text


def unwrap(response: Any) -> Any:
    """The parsed body of a 2xx response; ``ProblemError`` for anything else.

    Takes what a generated ``*_detailed`` function returns (its ``parsed`` attribute is returned) or a
    plain ``httpx.Response`` (its JSON body is returned, ``None`` when empty).
    """
    if 200 <= int(response.status_code) < 300:
        if hasattr(response, "parsed"):
            return response.parsed
        return json.loads(response.content) if response.content else None
    raise ProblemError.from_response(response)


def _problem_document(status: int, content: bytes) -> dict[str, Any]:
    try:
        document = json.loads(content) if content else None
    except ValueError:
        document = None
    if isinstance(document, dict):
        return document
    # Not a problem document (e.g. an HTML error page of a proxy in front of the API): describe it.
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    text = content.decode("utf-8", errors="replace").strip()
    return {"type": "about:blank", "title": title, "status": status, "detail": text[:500] or None}


def _request_id(problem: Mapping[str, Any], headers: Any) -> str | None:
    if problem.get("request_id"):
        return str(problem["request_id"])
    if headers is None:
        return None
    for name, value in headers.items():
        if name.lower() == "x-request-id":
            return str(value)
    return None
