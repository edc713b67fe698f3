from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.country_code import CountryCode
from ..models.currency_code import CurrencyCode
from ..models.partner_type import PartnerType
from ..types import UNSET, Unset

T = TypeVar("T", bound="MetricsFilters")


@_attrs_define
class MetricsFilters:
    """Only the records of partners (and, for deal metrics, currencies) listed; each list
    empty or omitted means no restriction. A partner token is always restricted to its own
    partner, whatever is asked here.

        Attributes:
            partner_id (list[UUID] | Unset):
            tier (list[str] | Unset):
            partner_type (list[PartnerType] | Unset):
            country (list[CountryCode] | Unset):
            currency (list[CurrencyCode] | Unset): Deal metrics only.
    """

    partner_id: list[UUID] | Unset = UNSET
    tier: list[str] | Unset = UNSET
    partner_type: list[PartnerType] | Unset = UNSET
    country: list[CountryCode] | Unset = UNSET
    currency: list[CurrencyCode] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        partner_id: list[str] | Unset = UNSET
        if not isinstance(self.partner_id, Unset):
            partner_id = []
            for partner_id_item_data in self.partner_id:
                partner_id_item = str(partner_id_item_data)
                partner_id.append(partner_id_item)

        tier: list[str] | Unset = UNSET
        if not isinstance(self.tier, Unset):
            tier = self.tier

        partner_type: list[str] | Unset = UNSET
        if not isinstance(self.partner_type, Unset):
            partner_type = []
            for partner_type_item_data in self.partner_type:
                partner_type_item = partner_type_item_data.value
                partner_type.append(partner_type_item)

        country: list[str] | Unset = UNSET
        if not isinstance(self.country, Unset):
            country = []
            for country_item_data in self.country:
                country_item = country_item_data.value
                country.append(country_item)

        currency: list[str] | Unset = UNSET
        if not isinstance(self.currency, Unset):
            currency = []
            for currency_item_data in self.currency:
                currency_item = currency_item_data.value
                currency.append(currency_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if partner_id is not UNSET:
            field_dict["partner_id"] = partner_id
        if tier is not UNSET:
            field_dict["tier"] = tier
        if partner_type is not UNSET:
            field_dict["partner_type"] = partner_type
        if country is not UNSET:
            field_dict["country"] = country
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _partner_id = d.pop("partner_id", UNSET)
        partner_id: list[UUID] | Unset = UNSET
        if _partner_id is not UNSET:
            partner_id = []
            for partner_id_item_data in _partner_id:
                partner_id_item = UUID(partner_id_item_data)

                partner_id.append(partner_id_item)

        tier = cast(list[str], d.pop("tier", UNSET))

        _partner_type = d.pop("partner_type", UNSET)
        partner_type: list[PartnerType] | Unset = UNSET
        if _partner_type is not UNSET:
            partner_type = []
            for partner_type_item_data in _partner_type:
                partner_type_item = PartnerType(partner_type_item_data)

                partner_type.append(partner_type_item)

        _country = d.pop("country", UNSET)
        country: list[CountryCode] | Unset = UNSET
        if _country is not UNSET:
            country = []
            for country_item_data in _country:
                country_item = CountryCode(country_item_data)

                country.append(country_item)

        _currency = d.pop("currency", UNSET)
        currency: list[CurrencyCode] | Unset = UNSET
        if _currency is not UNSET:
            currency = []
            for currency_item_data in _currency:
                currency_item = CurrencyCode(currency_item_data)

                currency.append(currency_item)

        metrics_filters = cls(
            partner_id=partner_id,
            tier=tier,
            partner_type=partner_type,
            country=country,
            currency=currency,
        )

        return metrics_filters
