from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.certification_status import CertificationStatus

T = TypeVar("T", bound="Certification")


@_attrs_define
class Certification:
    """
    Attributes:
        id (UUID):
        number (str): Human-readable, unique.
        program_id (UUID):
        user_id (UUID):
        partner_id (UUID):
        status (CertificationStatus):
        issued_at (datetime.datetime):
        expires_at (datetime.datetime):
        revoked_at (datetime.datetime | None):
        revoked_reason (None | str):
        verification_code (str): Shared by the holder: anyone checks it at `verify_path`, without a token.
        verify_path (str):
        renews_id (None | UUID): The certification this one renews.
        renewed_by_id (None | UUID): The certification that renewed it.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    number: str
    program_id: UUID
    user_id: UUID
    partner_id: UUID
    status: CertificationStatus
    issued_at: datetime.datetime
    expires_at: datetime.datetime
    revoked_at: datetime.datetime | None
    revoked_reason: None | str
    verification_code: str
    verify_path: str
    renews_id: None | UUID
    renewed_by_id: None | UUID
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        number = self.number

        program_id = str(self.program_id)

        user_id = str(self.user_id)

        partner_id = str(self.partner_id)

        status = self.status.value

        issued_at = self.issued_at.isoformat()

        expires_at = self.expires_at.isoformat()

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        revoked_reason: None | str
        revoked_reason = self.revoked_reason

        verification_code = self.verification_code

        verify_path = self.verify_path

        renews_id: None | str
        if isinstance(self.renews_id, UUID):
            renews_id = str(self.renews_id)
        else:
            renews_id = self.renews_id

        renewed_by_id: None | str
        if isinstance(self.renewed_by_id, UUID):
            renewed_by_id = str(self.renewed_by_id)
        else:
            renewed_by_id = self.renewed_by_id

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "number": number,
                "program_id": program_id,
                "user_id": user_id,
                "partner_id": partner_id,
                "status": status,
                "issued_at": issued_at,
                "expires_at": expires_at,
                "revoked_at": revoked_at,
                "revoked_reason": revoked_reason,
                "verification_code": verification_code,
                "verify_path": verify_path,
                "renews_id": renews_id,
                "renewed_by_id": renewed_by_id,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        number = d.pop("number")

        program_id = UUID(d.pop("program_id"))

        user_id = UUID(d.pop("user_id"))

        partner_id = UUID(d.pop("partner_id"))

        status = CertificationStatus(d.pop("status"))

        issued_at = datetime.datetime.fromisoformat(d.pop("issued_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        def _parse_revoked_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        revoked_reason = _parse_revoked_reason(d.pop("revoked_reason"))

        verification_code = d.pop("verification_code")

        verify_path = d.pop("verify_path")

        def _parse_renews_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                renews_id_type_0 = UUID(data)

                return renews_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        renews_id = _parse_renews_id(d.pop("renews_id"))

        def _parse_renewed_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                renewed_by_id_type_0 = UUID(data)

                return renewed_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        renewed_by_id = _parse_renewed_by_id(d.pop("renewed_by_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        certification = cls(
            id=id,
            number=number,
            program_id=program_id,
            user_id=user_id,
            partner_id=partner_id,
            status=status,
            issued_at=issued_at,
            expires_at=expires_at,
            revoked_at=revoked_at,
            revoked_reason=revoked_reason,
            verification_code=verification_code,
            verify_path=verify_path,
            renews_id=renews_id,
            renewed_by_id=renewed_by_id,
            created_at=created_at,
            updated_at=updated_at,
        )

        certification.additional_properties = d
        return certification

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
