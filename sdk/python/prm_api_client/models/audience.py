from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.country_code import CountryCode
from ..models.partner_type import PartnerType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Audience")


@_attrs_define
class Audience:
    """Who among the partners sees the item. Rules, in order:

    1. a partner in `excluded_partner_ids` never sees it;
    2. a partner in `partner_ids` always sees it (named partners);
    3. with `everyone`, every partner sees it;
    4. otherwise a partner sees it when it satisfies **every dimension that is given**
       (`tier_ids`, `partner_types`, `countries`, `regions`): any value within a dimension,
       all dimensions together — e.g. tiers Gold or Platinum, type reseller, countries DE, AT
       or CH is "Gold or Platinum resellers in the DACH countries";
    5. an audience with no rule at all (and not `everyone`) is seen by vendor staff only.

    A partner's current tier, type, country and region decide: a tier change changes what
    it sees at once.

        Attributes:
            everyone (bool | Unset): Every partner of the program. Default: False.
            tier_ids (list[UUID] | Unset): Partners in any of these tiers.
            partner_types (list[PartnerType] | Unset): Partners of any of these types.
            countries (list[CountryCode] | Unset): Partners whose `country` (ISO 3166-1 alpha-2) is one of these.
            regions (list[str] | Unset): Partners whose `region` is one of these, exactly as the partner's `region` is
                written.
            partner_ids (list[UUID] | Unset): Named partners: they see the item whatever else says.
            excluded_partner_ids (list[UUID] | Unset): Partners who never see the item (an exclusion beats every other
                rule).
    """

    everyone: bool | Unset = False
    tier_ids: list[UUID] | Unset = UNSET
    partner_types: list[PartnerType] | Unset = UNSET
    countries: list[CountryCode] | Unset = UNSET
    regions: list[str] | Unset = UNSET
    partner_ids: list[UUID] | Unset = UNSET
    excluded_partner_ids: list[UUID] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        everyone = self.everyone

        tier_ids: list[str] | Unset = UNSET
        if not isinstance(self.tier_ids, Unset):
            tier_ids = []
            for tier_ids_item_data in self.tier_ids:
                tier_ids_item = str(tier_ids_item_data)
                tier_ids.append(tier_ids_item)

        partner_types: list[str] | Unset = UNSET
        if not isinstance(self.partner_types, Unset):
            partner_types = []
            for partner_types_item_data in self.partner_types:
                partner_types_item = partner_types_item_data.value
                partner_types.append(partner_types_item)

        countries: list[str] | Unset = UNSET
        if not isinstance(self.countries, Unset):
            countries = []
            for countries_item_data in self.countries:
                countries_item = countries_item_data.value
                countries.append(countries_item)

        regions: list[str] | Unset = UNSET
        if not isinstance(self.regions, Unset):
            regions = self.regions

        partner_ids: list[str] | Unset = UNSET
        if not isinstance(self.partner_ids, Unset):
            partner_ids = []
            for partner_ids_item_data in self.partner_ids:
                partner_ids_item = str(partner_ids_item_data)
                partner_ids.append(partner_ids_item)

        excluded_partner_ids: list[str] | Unset = UNSET
        if not isinstance(self.excluded_partner_ids, Unset):
            excluded_partner_ids = []
            for excluded_partner_ids_item_data in self.excluded_partner_ids:
                excluded_partner_ids_item = str(excluded_partner_ids_item_data)
                excluded_partner_ids.append(excluded_partner_ids_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if everyone is not UNSET:
            field_dict["everyone"] = everyone
        if tier_ids is not UNSET:
            field_dict["tier_ids"] = tier_ids
        if partner_types is not UNSET:
            field_dict["partner_types"] = partner_types
        if countries is not UNSET:
            field_dict["countries"] = countries
        if regions is not UNSET:
            field_dict["regions"] = regions
        if partner_ids is not UNSET:
            field_dict["partner_ids"] = partner_ids
        if excluded_partner_ids is not UNSET:
            field_dict["excluded_partner_ids"] = excluded_partner_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        everyone = d.pop("everyone", UNSET)

        _tier_ids = d.pop("tier_ids", UNSET)
        tier_ids: list[UUID] | Unset = UNSET
        if _tier_ids is not UNSET:
            tier_ids = []
            for tier_ids_item_data in _tier_ids:
                tier_ids_item = UUID(tier_ids_item_data)

                tier_ids.append(tier_ids_item)

        _partner_types = d.pop("partner_types", UNSET)
        partner_types: list[PartnerType] | Unset = UNSET
        if _partner_types is not UNSET:
            partner_types = []
            for partner_types_item_data in _partner_types:
                partner_types_item = PartnerType(partner_types_item_data)

                partner_types.append(partner_types_item)

        _countries = d.pop("countries", UNSET)
        countries: list[CountryCode] | Unset = UNSET
        if _countries is not UNSET:
            countries = []
            for countries_item_data in _countries:
                countries_item = CountryCode(countries_item_data)

                countries.append(countries_item)

        regions = cast(list[str], d.pop("regions", UNSET))

        _partner_ids = d.pop("partner_ids", UNSET)
        partner_ids: list[UUID] | Unset = UNSET
        if _partner_ids is not UNSET:
            partner_ids = []
            for partner_ids_item_data in _partner_ids:
                partner_ids_item = UUID(partner_ids_item_data)

                partner_ids.append(partner_ids_item)

        _excluded_partner_ids = d.pop("excluded_partner_ids", UNSET)
        excluded_partner_ids: list[UUID] | Unset = UNSET
        if _excluded_partner_ids is not UNSET:
            excluded_partner_ids = []
            for excluded_partner_ids_item_data in _excluded_partner_ids:
                excluded_partner_ids_item = UUID(excluded_partner_ids_item_data)

                excluded_partner_ids.append(excluded_partner_ids_item)

        audience = cls(
            everyone=everyone,
            tier_ids=tier_ids,
            partner_types=partner_types,
            countries=countries,
            regions=regions,
            partner_ids=partner_ids,
            excluded_partner_ids=excluded_partner_ids,
        )

        return audience
