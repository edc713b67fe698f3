from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.certification_program_status import CertificationProgramStatus

if TYPE_CHECKING:
    from ..models.certification_program_external_ids import CertificationProgramExternalIds


T = TypeVar("T", bound="CertificationProgram")


@_attrs_define
class CertificationProgram:
    """
    Attributes:
        id (UUID):
        name (str):
        description (str):
        course_ids (list[UUID]): Every one of these courses must be completed (in any order).
        validity_months (int): How long a certification is valid.
        renewal_window_days (int): Days before expiry when the holder is re-enrolled in the courses; completing them
            again issues a new certification (the old one stays valid until it expires).
        expiring_notice_days (int): Days before expiry when the certification becomes `expiring`
            (`certification.expiring`).
        status (CertificationProgramStatus):
        external_ids (CertificationProgramExternalIds):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    name: str
    description: str
    course_ids: list[UUID]
    validity_months: int
    renewal_window_days: int
    expiring_notice_days: int
    status: CertificationProgramStatus
    external_ids: CertificationProgramExternalIds
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        description = self.description

        course_ids = []
        for course_ids_item_data in self.course_ids:
            course_ids_item = str(course_ids_item_data)
            course_ids.append(course_ids_item)

        validity_months = self.validity_months

        renewal_window_days = self.renewal_window_days

        expiring_notice_days = self.expiring_notice_days

        status = self.status.value

        external_ids = self.external_ids.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "course_ids": course_ids,
                "validity_months": validity_months,
                "renewal_window_days": renewal_window_days,
                "expiring_notice_days": expiring_notice_days,
                "status": status,
                "external_ids": external_ids,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.certification_program_external_ids import CertificationProgramExternalIds  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        description = d.pop("description")

        course_ids = []
        _course_ids = d.pop("course_ids")
        for course_ids_item_data in _course_ids:
            course_ids_item = UUID(course_ids_item_data)

            course_ids.append(course_ids_item)

        validity_months = d.pop("validity_months")

        renewal_window_days = d.pop("renewal_window_days")

        expiring_notice_days = d.pop("expiring_notice_days")

        status = CertificationProgramStatus(d.pop("status"))

        external_ids = CertificationProgramExternalIds.from_dict(d.pop("external_ids"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        certification_program = cls(
            id=id,
            name=name,
            description=description,
            course_ids=course_ids,
            validity_months=validity_months,
            renewal_window_days=renewal_window_days,
            expiring_notice_days=expiring_notice_days,
            status=status,
            external_ids=external_ids,
            created_at=created_at,
            updated_at=updated_at,
        )

        certification_program.additional_properties = d
        return certification_program

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
