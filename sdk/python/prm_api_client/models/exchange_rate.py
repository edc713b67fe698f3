from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.currency_code import CurrencyCode

T = TypeVar("T", bound="ExchangeRate")


@_attrs_define
class ExchangeRate:
    """
    Attributes:
        id (UUID):
        currency (CurrencyCode): ISO 4217 currency code (upper case).
        rate_date (datetime.date): The day the rate is for. A deal closed on day D converts at the newest rate of its
            currency dated on or before D in the same calendar month; a month without such a rate converts nothing (the
            amount is reported in its own currency and flagged). The base currency converts at 1.
        rate (str): How many units of the program's base currency (`GET /v1/program/settings`) one unit of `currency`
            was worth on `rate_date`: a decimal string greater than 0 with up to 10 decimals, e.g. `"1.0825"` for EUR when
            the base currency is USD.
        source (None | str): Where the rate comes from (free text); null: unsaid.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    currency: CurrencyCode
    rate_date: datetime.date
    rate: str
    source: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        currency = self.currency.value

        rate_date = self.rate_date.isoformat()

        rate = self.rate

        source: None | str
        source = self.source

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "currency": currency,
                "rate_date": rate_date,
                "rate": rate,
                "source": source,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        currency = CurrencyCode(d.pop("currency"))

        rate_date = datetime.date.fromisoformat(d.pop("rate_date"))

        rate = d.pop("rate")

        def _parse_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source = _parse_source(d.pop("source"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        exchange_rate = cls(
            id=id,
            currency=currency,
            rate_date=rate_date,
            rate=rate,
            source=source,
            created_at=created_at,
            updated_at=updated_at,
        )

        exchange_rate.additional_properties = d
        return exchange_rate

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
