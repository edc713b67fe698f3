"""Exchange rates as the API reads and writes them, and the answer of a conversion."""

from __future__ import annotations

import re
import uuid
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema

from prm_api.kit.render import Shape
from prm_api.kit.schemas import (
    CurrencyCode,
    IsoDate,
    Money,
    Page,
    RequestModel,
    ResponseModel,
    Timestamp,
    patch_field,
)

#: The conversion rule, in the words the endpoints and schemas repeat.
RULE = (
    "A deal closed on day D converts at the newest rate of its currency dated on or before D "
    "in the same calendar month; a month without such a rate converts nothing (the amount is "
    "reported in its own currency and flagged). The base currency converts at 1."
)

# A decimal string greater than zero: up to 14 integer digits (no leading zeros) and up to
# 10 decimals, what the column (numeric(24, 10)) holds. Zero is spelled out of the pattern
# (no look-ahead: fuzzers and generated clients must be able to read it): either the integer
# part is at least 1, or it is 0 and some decimal is not.
_FRACTIONS = "|".join(
    ("0" * k if k < 2 else f"0{{{k}}}") + "[1-9]" + (f"[0-9]{{0,{9 - k}}}" if k < 9 else "")
    for k in range(10)
)
RATE_PATTERN = rf"^([1-9][0-9]{{0,13}}(\.[0-9]{{1,10}})?|0\.({_FRACTIONS}))$"
_RATE = re.compile(RATE_PATTERN)
RATE_EXAMPLE = "1.0825"


def _rate_input(value: object) -> object:
    # Like money amounts: decimal strings only, never floats (0.1 has no exact binary form).
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str) or not _RATE.match(value):
        raise ValueError(
            'rates are decimal strings greater than 0 with up to 10 decimals, e.g. "1.0825"'
        )
    return value


def rate_text(value: Decimal) -> str:
    """A rate as the API writes it: no exponent, no trailing zeros (``1.0850000000`` →
    ``1.085``, ``100.0000000000`` → ``100``)."""
    return format(value.normalize(), "f")


#: Units of the base currency per one unit of a currency, as a decimal string.
Rate = Annotated[
    Decimal,
    BeforeValidator(_rate_input),
    Field(gt=0, max_digits=24, decimal_places=10),
    PlainSerializer(rate_text, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "pattern": RATE_PATTERN, "examples": [RATE_EXAMPLE]}),
]
Source = Annotated[str, Field(min_length=1, max_length=100, examples=["ECB reference rate"])]

_RATE_DESCRIPTION = (
    "How many units of the program's base currency (`GET /v1/program/settings`) one unit of "
    "`currency` was worth on `rate_date`: a decimal string greater than 0 with up to 10 "
    'decimals, e.g. `"1.0825"` for EUR when the base currency is USD.'
)


class ExchangeRate(ResponseModel):
    id: uuid.UUID
    currency: CurrencyCode = Field(
        description="ISO 4217 code of the currency the rate converts (never the base currency)."
    )
    rate_date: date = Field(description="The day the rate is for. " + RULE)
    rate: Rate = Field(description=_RATE_DESCRIPTION)
    source: str | None = Field(description="Where the rate comes from (free text); null: unsaid.")
    created_at: Timestamp
    updated_at: Timestamp


class ExchangeRateCreate(RequestModel):
    currency: CurrencyCode = Field(
        description="ISO 4217 code, not the program's base currency (that converts at 1: 422)."
    )
    rate_date: IsoDate = Field(description="The day the rate is for (`YYYY-MM-DD`).")
    rate: Rate = Field(description=_RATE_DESCRIPTION)
    source: Source | None = Field(default=None, description="Where the rate comes from.")


class ExchangeRateReplace(ExchangeRateCreate):
    """Every field of the rate; `source` left out is cleared."""


class ExchangeRateUpdate(RequestModel):
    currency: CurrencyCode = patch_field(description="ISO 4217 code, not the base currency.")
    rate_date: IsoDate = patch_field(description="The day the rate is for.")
    rate: Rate = patch_field(description=_RATE_DESCRIPTION)
    source: Source | None = Field(default=None, description="null clears it.")


class ExchangeRateImport(RequestModel):
    """Rates to create or update in one all-or-nothing request."""

    rates: list[ExchangeRateCreate] = Field(
        min_length=1,
        max_length=1000,
        description="1 to 1,000 rates; each (currency, rate_date) at most once.",
        json_schema_extra={"uniqueItems": True},
    )


class ExchangeRateImportResult(ResponseModel):
    id: uuid.UUID = Field(
        description="The import's id: the `resource_id` of its `exchange_rates.imported` event."
    )
    created: int = Field(description="Rates that did not exist for their currency and day.")
    updated: int = Field(description="Existing rates whose rate or source changed.")
    unchanged: int = Field(description="Rates already stored exactly as sent.")
    rates: list[ExchangeRate] = Field(
        description="The rates created or updated, in the order sent (unchanged ones are not "
        "repeated)."
    )


class ConversionReason(StrEnum):
    """Why an amount was not converted."""

    no_rate_in_month = "no_rate_in_month"
    out_of_range = "out_of_range"


class ExchangeRateConversion(ResponseModel):
    amount: Money = Field(description="The amount asked about, in its own currency.")
    on: date = Field(description="The day of the conversion (a deal's close date).")
    base_currency: CurrencyCode = Field(description="The program's base currency.")
    converted: Money | None = Field(
        description="The amount in the base currency (amount × rate, rounded half up to the "
        "cent); null when it cannot be converted (see `reason`). " + RULE
    )
    rate: Rate | None = Field(
        description="The rate used (`1` for the base currency); null when there is none."
    )
    rate_date: date | None = Field(
        description="The day of the rate used (for the base currency, `on` itself); null when "
        "there is none."
    )
    reason: ConversionReason | None = Field(
        description="Null when converted. `no_rate_in_month`: the currency has no rate dated "
        "from the first of `on`'s month to `on`, so the metrics report the amount in its own "
        "currency and flag it. `out_of_range`: the converted amount would exceed the largest "
        "amount the API represents (9999999999999999.99)."
    )


class ExchangeRateList(Page[ExchangeRate]):
    """A page of exchange rates."""


#: An exchange rate row as the API shows it (every field is the same-named column).
EXCHANGE_RATE = Shape(ExchangeRate)
