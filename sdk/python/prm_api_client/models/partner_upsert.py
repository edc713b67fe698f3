from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.country_code import CountryCode
from ..models.partner_type import PartnerType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.contact_in import ContactIn
    from ..models.partner_upsert_external_ids import PartnerUpsertExternalIds


T = TypeVar("T", bound="PartnerUpsert")


@_attrs_define
class PartnerUpsert:
    """CRM sync body of `PUT /v1/partners/external/{system}/{external_id}`.

    Attributes:
        name (str):
        type_ (PartnerType):
        legal_name (None | str | Unset):
        website (None | str | Unset):
        domain (None | str | Unset): Primary domain; derived from `website` when omitted.
        country (CountryCode | None | Unset):
        region (None | str | Unset):
        description (None | str | Unset):
        contact (ContactIn | None | Unset):
        address (Address | None | Unset):
        manager_id (None | Unset | UUID):
        tags (list[str] | Unset):
        external_ids (PartnerUpsertExternalIds | Unset): The resource's ids in other systems. The path's `{system}` is
            set from the path: leave it out, or give it the path's `{external_id}` (any other value is a 422 `mismatch`).
    """

    name: str
    type_: PartnerType
    legal_name: None | str | Unset = UNSET
    website: None | str | Unset = UNSET
    domain: None | str | Unset = UNSET
    country: CountryCode | None | Unset = UNSET
    region: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    contact: ContactIn | None | Unset = UNSET
    address: Address | None | Unset = UNSET
    manager_id: None | Unset | UUID = UNSET
    tags: list[str] | Unset = UNSET
    external_ids: PartnerUpsertExternalIds | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.contact_in import ContactIn  # noqa: PLC0415

        name = self.name

        type_ = self.type_.value

        legal_name: None | str | Unset
        if isinstance(self.legal_name, Unset):
            legal_name = UNSET
        else:
            legal_name = self.legal_name

        website: None | str | Unset
        if isinstance(self.website, Unset):
            website = UNSET
        else:
            website = self.website

        domain: None | str | Unset
        if isinstance(self.domain, Unset):
            domain = UNSET
        else:
            domain = self.domain

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        elif isinstance(self.country, CountryCode):
            country = self.country.value
        else:
            country = self.country

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        contact: dict[str, Any] | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, ContactIn):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        address: dict[str, Any] | None | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        elif isinstance(self.address, Address):
            address = self.address.to_dict()
        else:
            address = self.address

        manager_id: None | str | Unset
        if isinstance(self.manager_id, Unset):
            manager_id = UNSET
        elif isinstance(self.manager_id, UUID):
            manager_id = str(self.manager_id)
        else:
            manager_id = self.manager_id

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        external_ids: dict[str, Any] | Unset = UNSET
        if not isinstance(self.external_ids, Unset):
            external_ids = self.external_ids.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "type": type_,
            }
        )
        if legal_name is not UNSET:
            field_dict["legal_name"] = legal_name
        if website is not UNSET:
            field_dict["website"] = website
        if domain is not UNSET:
            field_dict["domain"] = domain
        if country is not UNSET:
            field_dict["country"] = country
        if region is not UNSET:
            field_dict["region"] = region
        if description is not UNSET:
            field_dict["description"] = description
        if contact is not UNSET:
            field_dict["contact"] = contact
        if address is not UNSET:
            field_dict["address"] = address
        if manager_id is not UNSET:
            field_dict["manager_id"] = manager_id
        if tags is not UNSET:
            field_dict["tags"] = tags
        if external_ids is not UNSET:
            field_dict["external_ids"] = external_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.contact_in import ContactIn  # noqa: PLC0415
        from ..models.partner_upsert_external_ids import PartnerUpsertExternalIds  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        type_ = PartnerType(d.pop("type"))

        def _parse_legal_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        legal_name = _parse_legal_name(d.pop("legal_name", UNSET))

        def _parse_website(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        website = _parse_website(d.pop("website", UNSET))

        def _parse_domain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain = _parse_domain(d.pop("domain", UNSET))

        def _parse_country(data: object) -> CountryCode | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                country_type_0 = CountryCode(data)

                return country_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CountryCode | None | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_contact(data: object) -> ContactIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = ContactIn.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactIn | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        def _parse_address(data: object) -> Address | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                address_type_0 = Address.from_dict(data)

                return address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Address | None | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        def _parse_manager_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                manager_id_type_0 = UUID(data)

                return manager_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        manager_id = _parse_manager_id(d.pop("manager_id", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        _external_ids = d.pop("external_ids", UNSET)
        external_ids: PartnerUpsertExternalIds | Unset
        if isinstance(_external_ids, Unset):
            external_ids = UNSET
        else:
            external_ids = PartnerUpsertExternalIds.from_dict(_external_ids)

        partner_upsert = cls(
            name=name,
            type_=type_,
            legal_name=legal_name,
            website=website,
            domain=domain,
            country=country,
            region=region,
            description=description,
            contact=contact,
            address=address,
            manager_id=manager_id,
            tags=tags,
            external_ids=external_ids,
        )

        return partner_upsert
