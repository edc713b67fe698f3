from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.exchange_rate_create import ExchangeRateCreate


T = TypeVar("T", bound="ExchangeRatesImportJsonExchangeRateImport")


@_attrs_define
class ExchangeRatesImportJsonExchangeRateImport:
    """Rates to create or update in one all-or-nothing request.

    Attributes:
        rates (list[ExchangeRateCreate]): 1 to 1,000 rates; each (currency, rate_date) at most once.
    """

    rates: list[ExchangeRateCreate]

    def to_dict(self) -> dict[str, Any]:
        rates = []
        for rates_item_data in self.rates:
            rates_item = rates_item_data.to_dict()
            rates.append(rates_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rates": rates,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exchange_rate_create import ExchangeRateCreate  # noqa: PLC0415

        d = dict(src_dict)
        rates = []
        _rates = d.pop("rates")
        for rates_item_data in _rates:
            rates_item = ExchangeRateCreate.from_dict(rates_item_data)

            rates.append(rates_item)

        exchange_rates_import_json_exchange_rate_import = cls(
            rates=rates,
        )

        return exchange_rates_import_json_exchange_rate_import
