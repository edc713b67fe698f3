from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.currency_code import CurrencyCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExchangeRateReplace")


@_attrs_define
class ExchangeRateReplace:
    """Every field of the rate; `source` left out is cleared.

    Attributes:
        currency (CurrencyCode): ISO 4217 currency code (upper case).
        rate_date (datetime.date): The day the rate is for (`YYYY-MM-DD`).
        rate (str): How many units of the program's base currency (`GET /v1/program/settings`) one unit of `currency`
            was worth on `rate_date`: a decimal string greater than 0 with up to 10 decimals, e.g. `"1.0825"` for EUR when
            the base currency is USD.
        source (None | str | Unset): Where the rate comes from.
    """

    currency: CurrencyCode
    rate_date: datetime.date
    rate: str
    source: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency.value

        rate_date = self.rate_date.isoformat()

        rate = self.rate

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "currency": currency,
                "rate_date": rate_date,
                "rate": rate,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        currency = CurrencyCode(d.pop("currency"))

        rate_date = datetime.date.fromisoformat(d.pop("rate_date"))

        rate = d.pop("rate")

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        exchange_rate_replace = cls(
            currency=currency,
            rate_date=rate_date,
            rate=rate,
            source=source,
        )

        return exchange_rate_replace
