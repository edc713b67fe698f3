from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.partner_status import PartnerStatus
from ..models.partner_type import PartnerType

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.contact import Contact
    from ..models.partner_external_ids import PartnerExternalIds
    from ..models.tier_ref import TierRef


T = TypeVar("T", bound="Partner")


@_attrs_define
class Partner:
    """
    Attributes:
        id (UUID):
        name (str):
        legal_name (None | str):
        website (None | str):
        domain (None | str): Normalized primary domain (lowercase, punycode).
        type_ (PartnerType):
        status (PartnerStatus):
        status_reason (None | str): Reason given with the last lifecycle action.
        tier (None | TierRef):
        country (None | str): ISO 3166-1 alpha-2.
        region (None | str):
        description (None | str):
        contact (Contact): The partner's primary contact.
        address (Address | None):
        manager_id (None | UUID): Assigned channel manager (a vendor user).
        tags (list[str]):
        external_ids (PartnerExternalIds):
        source (str): `application`, `vendor` or `crm`: how the partner arrived.
        applied_at (datetime.datetime | None):
        approved_at (datetime.datetime | None):
        activated_at (datetime.datetime | None):
        suspended_at (datetime.datetime | None):
        declined_at (datetime.datetime | None):
        terminated_at (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    name: str
    legal_name: None | str
    website: None | str
    domain: None | str
    type_: PartnerType
    status: PartnerStatus
    status_reason: None | str
    tier: None | TierRef
    country: None | str
    region: None | str
    description: None | str
    contact: Contact
    address: Address | None
    manager_id: None | UUID
    tags: list[str]
    external_ids: PartnerExternalIds
    source: str
    applied_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    activated_at: datetime.datetime | None
    suspended_at: datetime.datetime | None
    declined_at: datetime.datetime | None
    terminated_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.tier_ref import TierRef  # noqa: PLC0415

        id = str(self.id)

        name = self.name

        legal_name: None | str
        legal_name = self.legal_name

        website: None | str
        website = self.website

        domain: None | str
        domain = self.domain

        type_ = self.type_.value

        status = self.status.value

        status_reason: None | str
        status_reason = self.status_reason

        tier: dict[str, Any] | None
        if isinstance(self.tier, TierRef):
            tier = self.tier.to_dict()
        else:
            tier = self.tier

        country: None | str
        country = self.country

        region: None | str
        region = self.region

        description: None | str
        description = self.description

        contact = self.contact.to_dict()

        address: dict[str, Any] | None
        if isinstance(self.address, Address):
            address = self.address.to_dict()
        else:
            address = self.address

        manager_id: None | str
        if isinstance(self.manager_id, UUID):
            manager_id = str(self.manager_id)
        else:
            manager_id = self.manager_id

        tags = self.tags

        external_ids = self.external_ids.to_dict()

        source = self.source

        applied_at: None | str
        if isinstance(self.applied_at, datetime.datetime):
            applied_at = self.applied_at.isoformat()
        else:
            applied_at = self.applied_at

        approved_at: None | str
        if isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        activated_at: None | str
        if isinstance(self.activated_at, datetime.datetime):
            activated_at = self.activated_at.isoformat()
        else:
            activated_at = self.activated_at

        suspended_at: None | str
        if isinstance(self.suspended_at, datetime.datetime):
            suspended_at = self.suspended_at.isoformat()
        else:
            suspended_at = self.suspended_at

        declined_at: None | str
        if isinstance(self.declined_at, datetime.datetime):
            declined_at = self.declined_at.isoformat()
        else:
            declined_at = self.declined_at

        terminated_at: None | str
        if isinstance(self.terminated_at, datetime.datetime):
            terminated_at = self.terminated_at.isoformat()
        else:
            terminated_at = self.terminated_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "legal_name": legal_name,
                "website": website,
                "domain": domain,
                "type": type_,
                "status": status,
                "status_reason": status_reason,
                "tier": tier,
                "country": country,
                "region": region,
                "description": description,
                "contact": contact,
                "address": address,
                "manager_id": manager_id,
                "tags": tags,
                "external_ids": external_ids,
                "source": source,
                "applied_at": applied_at,
                "approved_at": approved_at,
                "activated_at": activated_at,
                "suspended_at": suspended_at,
                "declined_at": declined_at,
                "terminated_at": terminated_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.partner_external_ids import PartnerExternalIds  # noqa: PLC0415
        from ..models.tier_ref import TierRef  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        def _parse_legal_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_name = _parse_legal_name(d.pop("legal_name"))

        def _parse_website(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        website = _parse_website(d.pop("website"))

        def _parse_domain(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        domain = _parse_domain(d.pop("domain"))

        type_ = PartnerType(d.pop("type"))

        status = PartnerStatus(d.pop("status"))

        def _parse_status_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status_reason = _parse_status_reason(d.pop("status_reason"))

        def _parse_tier(data: object) -> None | TierRef:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tier_type_0 = TierRef.from_dict(data)

                return tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierRef, data)

        tier = _parse_tier(d.pop("tier"))

        def _parse_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country = _parse_country(d.pop("country"))

        def _parse_region(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        region = _parse_region(d.pop("region"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        contact = Contact.from_dict(d.pop("contact"))

        def _parse_address(data: object) -> Address | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                address_type_0 = Address.from_dict(data)

                return address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Address | None, data)

        address = _parse_address(d.pop("address"))

        def _parse_manager_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                manager_id_type_0 = UUID(data)

                return manager_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        manager_id = _parse_manager_id(d.pop("manager_id"))

        tags = cast(list[str], d.pop("tags"))

        external_ids = PartnerExternalIds.from_dict(d.pop("external_ids"))

        source = d.pop("source")

        def _parse_applied_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                applied_at_type_0 = datetime.datetime.fromisoformat(data)

                return applied_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        applied_at = _parse_applied_at(d.pop("applied_at"))

        def _parse_approved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_at_type_0 = datetime.datetime.fromisoformat(data)

                return approved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        approved_at = _parse_approved_at(d.pop("approved_at"))

        def _parse_activated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                activated_at_type_0 = datetime.datetime.fromisoformat(data)

                return activated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        activated_at = _parse_activated_at(d.pop("activated_at"))

        def _parse_suspended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                suspended_at_type_0 = datetime.datetime.fromisoformat(data)

                return suspended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        suspended_at = _parse_suspended_at(d.pop("suspended_at"))

        def _parse_declined_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                declined_at_type_0 = datetime.datetime.fromisoformat(data)

                return declined_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        declined_at = _parse_declined_at(d.pop("declined_at"))

        def _parse_terminated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                terminated_at_type_0 = datetime.datetime.fromisoformat(data)

                return terminated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        terminated_at = _parse_terminated_at(d.pop("terminated_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        partner = cls(
            id=id,
            name=name,
            legal_name=legal_name,
            website=website,
            domain=domain,
            type_=type_,
            status=status,
            status_reason=status_reason,
            tier=tier,
            country=country,
            region=region,
            description=description,
            contact=contact,
            address=address,
            manager_id=manager_id,
            tags=tags,
            external_ids=external_ids,
            source=source,
            applied_at=applied_at,
            approved_at=approved_at,
            activated_at=activated_at,
            suspended_at=suspended_at,
            declined_at=declined_at,
            terminated_at=terminated_at,
            created_at=created_at,
            updated_at=updated_at,
        )

        partner.additional_properties = d
        return partner

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
