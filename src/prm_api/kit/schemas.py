"""Base Pydantic models for the API contract."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
)

T = TypeVar("T")


# re.ASCII: Python's ``\d`` would take any script's digits, the documented formats only 0-9.
_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", re.ASCII
)


def _rfc3339_input(value: object) -> object:
    # Pydantic would also take Unix numbers and date-only strings; the contract is RFC 3339.
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _RFC3339.match(value):
        raise ValueError("must be an RFC 3339 timestamp with a timezone, e.g. 2026-01-31T09:00:00Z")
    return value


def _ensure_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("timestamps must carry a timezone (RFC 3339)")
    try:
        return value.astimezone(UTC)
    except OverflowError:
        # 9999-12-31T23:59:59-14:00 or 0001-01-01T00:00:00+14:00: valid text, no UTC instant.
        raise ValueError(
            "timestamp out of range: in UTC it is not between years 1 and 9999"
        ) from None


def _rfc3339(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


#: An RFC 3339 UTC timestamp (always serialized with ``Z``). Declared ``format: date-time`` in
#: both directions: the serializer's ``return_type=str`` alone would make the response schema a
#: plain string, and generated clients would hand out text instead of datetimes.
Timestamp = Annotated[
    datetime,
    BeforeValidator(_rfc3339_input),
    AfterValidator(_ensure_utc),
    PlainSerializer(_rfc3339, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


def contains_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(contains_nul(v) for v in value)
    if isinstance(value, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    return False


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _iso_date_input(value: object) -> object:
    # Pydantic would also take Unix numbers; the contract is an ISO 8601 calendar date.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("must be a date as YYYY-MM-DD")
    return value


#: A calendar date, ``YYYY-MM-DD`` only (``format: date``).
IsoDate = Annotated[
    date, BeforeValidator(_iso_date_input), WithJsonSchema({"type": "string", "format": "date"})
]


def _drop_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def patch_field(**kwargs: Any) -> Any:
    """A PATCH field that may be omitted but not sent as ``null``: annotate it without
    ``None`` and use this as its default. Omitted stays unset (``exclude_unset``); an explicit
    ``null`` is a 422, and the OpenAPI schema says so (no null, no default)."""
    return Field(default=None, json_schema_extra=_drop_default, **kwargs)


class RequestModel(BaseModel):
    """Request bodies: unknown fields are rejected (422), never silently ignored.

    Text may not contain NUL characters (PostgreSQL cannot store them); the OpenAPI document
    says so with a pattern on every free-text string.
    """

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _reject_nul(cls, value: object) -> object:
        if contains_nul(value):
            raise ValueError("text must not contain NUL (\\u0000) characters")
        return value


def _json_integer(value: object) -> object:
    # JSON Schema's "integer" is a number without a fraction (so 3.0 counts); booleans and
    # numeric strings are not numbers.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("must be a JSON integer")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("must be a whole number")
        return int(value)
    return value


#: Accepts JSON numbers only (no booleans, no numeric strings): ``Annotated[int, JSON_INTEGER]``.
JSON_INTEGER = BeforeValidator(_json_integer)
#: Integers in bodies. A bounded one is ``Annotated[int, Field(ge=…, le=…), JSON_INTEGER]``:
#: the bounds must sit on the int itself to reach the schema.
StrictInt = Annotated[int, JSON_INTEGER]


#: Booleans in bodies: JSON true/false only.
StrictBool = Annotated[bool, Field(strict=True)]


class ResponseModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    """One page of a cursor-paginated list."""

    data: list[T]
    has_more: bool = Field(description="True when another page follows.")
    next_cursor: str | None = Field(
        description="Pass as `cursor` to fetch the next page; null on the last page."
    )


def _countries() -> list[str]:
    import pycountry

    return sorted(c.alpha_2 for c in pycountry.countries)


def _currencies() -> list[str]:
    import pycountry

    # Funds, precious metals and testing codes (X.., plus a few funds) are not money we bill in.
    excluded = {"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW"}
    return sorted(
        c.alpha_3
        for c in pycountry.currencies
        if not c.alpha_3.startswith("X") or c.alpha_3 in {"XAF", "XCD", "XOF", "XPF"}
        if c.alpha_3 not in excluded
    )


COUNTRY_CODES: tuple[str, ...] = tuple(_countries())
CURRENCY_CODES: tuple[str, ...] = tuple(_currencies())
_COUNTRY_SET = frozenset(COUNTRY_CODES)
_CURRENCY_SET = frozenset(CURRENCY_CODES)


def _country(value: str) -> str:
    if value not in _COUNTRY_SET:
        raise ValueError("must be an ISO 3166-1 alpha-2 country code in upper case, e.g. DE")
    return value


def _currency(value: str) -> str:
    if value not in _CURRENCY_SET:
        raise ValueError("must be an ISO 4217 currency code in upper case, e.g. EUR")
    return value


#: ISO 3166-1 alpha-2 country code (upper case).
# Named enums, so the OpenAPI document (and generated SDKs) hold each code list once.
CountryCodeEnum = StrEnum("CountryCode", {c: c for c in COUNTRY_CODES})  # type: ignore[misc]
CountryCodeEnum.__doc__ = "ISO 3166-1 alpha-2 country code (upper case)."
CurrencyCodeEnum = StrEnum("CurrencyCode", {c: c for c in CURRENCY_CODES})  # type: ignore[misc]
CurrencyCodeEnum.__doc__ = "ISO 4217 currency code (upper case)."


#: Validated into the enum (a ``str`` subclass, so it stores and compares as text).
CountryCode = CountryCodeEnum
CurrencyCode = CurrencyCodeEnum

# [0-9], not \d: Python's and ECMA-262's \d differ (Decimal would even read Arabic digits).
_AMOUNT_PATTERN = re.compile(r"^[0-9]{1,16}(\.[0-9]{1,2})?$")


def _decimal_string(value: object) -> object:
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str) or not _AMOUNT_PATTERN.match(value):
        raise ValueError('amounts are decimal strings such as "1250.00" (up to 2 decimals)')
    return value


#: Money amounts travel as decimal strings ("1250.00"), never floats.
Amount = Annotated[
    Decimal,
    BeforeValidator(_decimal_string),
    Field(ge=0, le=Decimal("9999999999999999.99"), decimal_places=2, max_digits=18),
    PlainSerializer(lambda v: f"{v:.2f}", return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "pattern": _AMOUNT_PATTERN.pattern, "examples": ["1250.00"]}),
]


class Money(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Amount
    currency: CurrencyCode
