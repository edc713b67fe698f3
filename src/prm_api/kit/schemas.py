"""Base Pydantic models for the API contract."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer

T = TypeVar("T")


def _ensure_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("timestamps must carry a timezone (RFC 3339)")
    return value.astimezone(UTC)


def _rfc3339(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


#: An RFC 3339 UTC timestamp (always serialized with ``Z``).
Timestamp = Annotated[
    datetime,
    AfterValidator(_ensure_utc),
    PlainSerializer(_rfc3339, return_type=str, when_used="json"),
]


class RequestModel(BaseModel):
    """Request bodies: unknown fields are rejected (422), never silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ResponseModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    """One page of a cursor-paginated list."""

    data: list[T]
    has_more: bool = Field(description="True when another page follows.")
    next_cursor: str | None = Field(
        description="Pass as `cursor` to fetch the next page; null on the last page."
    )
