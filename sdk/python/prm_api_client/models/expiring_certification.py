from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ExpiringCertification")


@_attrs_define
class ExpiringCertification:
    """
    Attributes:
        certification_id (UUID):
        user_id (UUID):
        user_name (str):
        program_id (UUID):
        program_name (str):
        expires_at (datetime.datetime):
    """

    certification_id: UUID
    user_id: UUID
    user_name: str
    program_id: UUID
    program_name: str
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        certification_id = str(self.certification_id)

        user_id = str(self.user_id)

        user_name = self.user_name

        program_id = str(self.program_id)

        program_name = self.program_name

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "certification_id": certification_id,
                "user_id": user_id,
                "user_name": user_name,
                "program_id": program_id,
                "program_name": program_name,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        certification_id = UUID(d.pop("certification_id"))

        user_id = UUID(d.pop("user_id"))

        user_name = d.pop("user_name")

        program_id = UUID(d.pop("program_id"))

        program_name = d.pop("program_name")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        expiring_certification = cls(
            certification_id=certification_id,
            user_id=user_id,
            user_name=user_name,
            program_id=program_id,
            program_name=program_name,
            expires_at=expires_at,
        )

        expiring_certification.additional_properties = d
        return expiring_certification

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
