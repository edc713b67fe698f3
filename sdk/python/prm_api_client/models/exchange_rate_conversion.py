from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.conversion_reason import ConversionReason
from ..models.currency_code import CurrencyCode

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="ExchangeRateConversion")


@_attrs_define
class ExchangeRateConversion:
    """
    Attributes:
        amount (Money):
        on (datetime.date): The day of the conversion (a deal's close date).
        base_currency (CurrencyCode): ISO 4217 currency code (upper case).
        converted (Money | None): The amount in the base currency (amount × rate, rounded half up to the cent); null
            when it cannot be converted (see `reason`). A deal closed on day D converts at the newest rate of its currency
            dated on or before D in the same calendar month; a month without such a rate converts nothing (the amount is
            reported in its own currency and flagged). The base currency converts at 1.
        rate (None | str): The rate used (`1` for the base currency); null when there is none.
        rate_date (datetime.date | None): The day of the rate used (for the base currency, `on` itself); null when there
            is none.
        reason (ConversionReason | None): Null when converted. `no_rate_in_month`: the currency has no rate dated from
            the first of `on`'s month to `on`, so the metrics report the amount in its own currency and flag it.
            `out_of_range`: the converted amount would exceed the largest amount the API represents (9999999999999999.99).
    """

    amount: Money
    on: datetime.date
    base_currency: CurrencyCode
    converted: Money | None
    rate: None | str
    rate_date: datetime.date | None
    reason: ConversionReason | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        amount = self.amount.to_dict()

        on = self.on.isoformat()

        base_currency = self.base_currency.value

        converted: dict[str, Any] | None
        if isinstance(self.converted, Money):
            converted = self.converted.to_dict()
        else:
            converted = self.converted

        rate: None | str
        rate = self.rate

        rate_date: None | str
        if isinstance(self.rate_date, datetime.date):
            rate_date = self.rate_date.isoformat()
        else:
            rate_date = self.rate_date

        reason: None | str
        if isinstance(self.reason, ConversionReason):
            reason = self.reason.value
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "on": on,
                "base_currency": base_currency,
                "converted": converted,
                "rate": rate,
                "rate_date": rate_date,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        amount = Money.from_dict(d.pop("amount"))

        on = datetime.date.fromisoformat(d.pop("on"))

        base_currency = CurrencyCode(d.pop("base_currency"))

        def _parse_converted(data: object) -> Money | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                converted_type_0 = Money.from_dict(data)

                return converted_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None, data)

        converted = _parse_converted(d.pop("converted"))

        def _parse_rate(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rate = _parse_rate(d.pop("rate"))

        def _parse_rate_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rate_date_type_0 = datetime.date.fromisoformat(data)

                return rate_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        rate_date = _parse_rate_date(d.pop("rate_date"))

        def _parse_reason(data: object) -> ConversionReason | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_0 = ConversionReason(data)

                return reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConversionReason | None, data)

        reason = _parse_reason(d.pop("reason"))

        exchange_rate_conversion = cls(
            amount=amount,
            on=on,
            base_currency=base_currency,
            converted=converted,
            rate=rate,
            rate_date=rate_date,
            reason=reason,
        )

        exchange_rate_conversion.additional_properties = d
        return exchange_rate_conversion

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
