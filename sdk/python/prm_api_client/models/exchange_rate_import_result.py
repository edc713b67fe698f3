from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.exchange_rate import ExchangeRate


T = TypeVar("T", bound="ExchangeRateImportResult")


@_attrs_define
class ExchangeRateImportResult:
    """
    Attributes:
        id (UUID): The import's id: the `resource_id` of its `exchange_rates.imported` event.
        created (int): Rates that did not exist for their currency and day.
        updated (int): Existing rates whose rate or source changed.
        unchanged (int): Rates already stored exactly as sent.
        rates (list[ExchangeRate]): The rates created or updated, in the order sent (unchanged ones are not repeated).
    """

    id: UUID
    created: int
    updated: int
    unchanged: int
    rates: list[ExchangeRate]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        created = self.created

        updated = self.updated

        unchanged = self.unchanged

        rates = []
        for rates_item_data in self.rates:
            rates_item = rates_item_data.to_dict()
            rates.append(rates_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
                "rates": rates,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exchange_rate import ExchangeRate  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        created = d.pop("created")

        updated = d.pop("updated")

        unchanged = d.pop("unchanged")

        rates = []
        _rates = d.pop("rates")
        for rates_item_data in _rates:
            rates_item = ExchangeRate.from_dict(rates_item_data)

            rates.append(rates_item)

        exchange_rate_import_result = cls(
            id=id,
            created=created,
            updated=updated,
            unchanged=unchanged,
            rates=rates,
        )

        exchange_rate_import_result.additional_properties = d
        return exchange_rate_import_result

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
