from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.country_code import CountryCode
from ..models.partner_type import PartnerType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.application_contact import ApplicationContact


T = TypeVar("T", bound="PartnerApplicationCreate")


@_attrs_define
class PartnerApplicationCreate:
    """A company applying to join the partner program.

    Attributes:
        name (str):
        website (str): An http(s) address or a bare host name, at most 2,048 characters (422 `string_too_long` beyond).
        type_ (PartnerType):
        country (CountryCode): ISO 3166-1 alpha-2 country code (upper case).
        contact (ApplicationContact):
        legal_name (None | str | Unset):
        region (None | str | Unset):
        description (None | str | Unset):
        address (Address | None | Unset):
    """

    name: str
    website: str
    type_: PartnerType
    country: CountryCode
    contact: ApplicationContact
    legal_name: None | str | Unset = UNSET
    region: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    address: Address | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address  # noqa: PLC0415

        name = self.name

        website = self.website

        type_ = self.type_.value

        country = self.country.value

        contact = self.contact.to_dict()

        legal_name: None | str | Unset
        if isinstance(self.legal_name, Unset):
            legal_name = UNSET
        else:
            legal_name = self.legal_name

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

        address: dict[str, Any] | None | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        elif isinstance(self.address, Address):
            address = self.address.to_dict()
        else:
            address = self.address

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "website": website,
                "type": type_,
                "country": country,
                "contact": contact,
            }
        )
        if legal_name is not UNSET:
            field_dict["legal_name"] = legal_name
        if region is not UNSET:
            field_dict["region"] = region
        if description is not UNSET:
            field_dict["description"] = description
        if address is not UNSET:
            field_dict["address"] = address

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.application_contact import ApplicationContact  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        website = d.pop("website")

        type_ = PartnerType(d.pop("type"))

        country = CountryCode(d.pop("country"))

        contact = ApplicationContact.from_dict(d.pop("contact"))

        def _parse_legal_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        legal_name = _parse_legal_name(d.pop("legal_name", UNSET))

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

        partner_application_create = cls(
            name=name,
            website=website,
            type_=type_,
            country=country,
            contact=contact,
            legal_name=legal_name,
            region=region,
            description=description,
            address=address,
        )

        return partner_application_create
