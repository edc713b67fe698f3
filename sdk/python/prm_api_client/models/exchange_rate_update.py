from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.currency_code import CurrencyCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExchangeRateUpdate")


@_attrs_define
class ExchangeRateUpdate:
    """
    Attributes:
        currency (CurrencyCode | Unset): ISO 4217 currency code (upper case).
        rate_date (datetime.date | Unset): The day the rate is for.
        rate (str | Unset): How many units of the program's base currency (`GET /v1/program/settings`) one unit of
            `currency` was worth on `rate_date`: a decimal string greater than 0 with up to 10 decimals, e.g. `"1.0825"` for
            EUR when the base currency is USD.
        source (None | str | Unset): null clears it.
    """

    currency: CurrencyCode | Unset = UNSET
    rate_date: datetime.date | Unset = UNSET
    rate: str | Unset = UNSET
    source: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        currency: str | Unset = UNSET
        if not isinstance(self.currency, Unset):
            currency = self.currency.value

        rate_date: str | Unset = UNSET
        if not isinstance(self.rate_date, Unset):
            rate_date = self.rate_date.isoformat()

        rate = self.rate

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if currency is not UNSET:
            field_dict["currency"] = currency
        if rate_date is not UNSET:
            field_dict["rate_date"] = rate_date
        if rate is not UNSET:
            field_dict["rate"] = rate
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _currency = d.pop("currency", UNSET)
        currency: CurrencyCode | Unset
        if isinstance(_currency, Unset):
            currency = UNSET
        else:
            currency = CurrencyCode(_currency)

        _rate_date = d.pop("rate_date", UNSET)
        rate_date: datetime.date | Unset
        if isinstance(_rate_date, Unset):
            rate_date = UNSET
        else:
            rate_date = datetime.date.fromisoformat(_rate_date)

        rate = d.pop("rate", UNSET)

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        exchange_rate_update = cls(
            currency=currency,
            rate_date=rate_date,
            rate=rate,
            source=source,
        )

        return exchange_rate_update
