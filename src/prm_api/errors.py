"""Application errors: what a service raises when a request cannot be served.

Each carries its HTTP status, a stable machine ``code`` and a title; the HTTP layer
(:mod:`prm_api.error_handlers`) renders them as RFC 9457 ``application/problem+json``. This
module imports no web framework, so services, the CLI and the worker can raise them freely.
"""

from __future__ import annotations

from typing import Any

#: The media type of every error response.
PROBLEM_JSON = "application/problem+json"
#: Prefix of a problem's ``type`` URI (followed by its ``code``).
PROBLEM_BASE = "https://prm-api.dev/problems/"


class AppError(Exception):
    """Base of every error a service may raise; the HTTP layer renders it as a problem."""

    status: int = 400
    code: str = "bad_request"
    title: str = "Bad request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        self.detail = detail or self.title
        if code:
            self.code = code
        if status:
            self.status = status
        if title:
            self.title = title
        self.headers = headers or {}
        self.extra = extra
        super().__init__(self.detail)


class BadRequest(AppError):
    status, code, title = 400, "bad_request", "Bad request"


class Unauthorized(AppError):
    status, code, title = 401, "unauthorized", "Authentication required"

    def __init__(self, detail: str | None = None, *, error: str = "invalid_token", **kw: Any):
        headers = {"WWW-Authenticate": f'Bearer realm="prm-api", error="{error}"'}
        if detail is None or error == "":
            headers = {"WWW-Authenticate": 'Bearer realm="prm-api"'}
        super().__init__(detail, headers=headers, **kw)


class Forbidden(AppError):
    status, code, title = 403, "forbidden", "Forbidden"


class InsufficientScope(Forbidden):
    code, title = "insufficient_scope", "Insufficient scope"

    def __init__(self, required: list[str]):
        scope = " ".join(required)
        super().__init__(
            f"This operation requires the scope(s): {scope}.",
            headers={
                "WWW-Authenticate": f'Bearer realm="prm-api", error="insufficient_scope", '
                f'scope="{scope}"'
            },
            required_scopes=required,
        )


class NotFound(AppError):
    status, code, title = 404, "not_found", "Not found"


class Conflict(AppError):
    status, code, title = 409, "conflict", "Conflict"


class InvalidTransition(Conflict):
    code, title = "invalid_transition", "Invalid state transition"

    def __init__(self, detail: str, *, current: str, allowed: list[str]):
        super().__init__(detail, current_status=current, allowed_actions=allowed)


class PreconditionFailed(AppError):
    status, code, title = 412, "precondition_failed", "Precondition failed"


class ValidationFailed(AppError):
    status, code, title = 422, "validation_error", "Validation failed"

    def __init__(self, detail: str, *, errors: list[dict[str, Any]] | None = None, **kw: Any):
        super().__init__(detail, errors=errors or [], **kw)


def field_error(field: str, code: str, message: str, location: str = "body") -> dict[str, str]:
    """One entry of a 422's ``errors`` list, shaped like request-validation errors."""
    return {"field": field, "in": location, "code": code, "message": message}


class TooManyRequests(AppError):
    status, code, title = 429, "rate_limited", "Too many requests"
