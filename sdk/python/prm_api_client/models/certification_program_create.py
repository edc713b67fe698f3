from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.certification_program_create_external_ids import CertificationProgramCreateExternalIds


T = TypeVar("T", bound="CertificationProgramCreate")


@_attrs_define
class CertificationProgramCreate:
    """
    Attributes:
        name (str):
        course_ids (list[UUID]):
        description (str | Unset):  Default: ''.
        validity_months (int | Unset):  Default: 12.
        renewal_window_days (int | Unset):  Default: 60.
        expiring_notice_days (int | Unset):  Default: 30.
        external_ids (CertificationProgramCreateExternalIds | Unset):
    """

    name: str
    course_ids: list[UUID]
    description: str | Unset = ""
    validity_months: int | Unset = 12
    renewal_window_days: int | Unset = 60
    expiring_notice_days: int | Unset = 30
    external_ids: CertificationProgramCreateExternalIds | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        course_ids = []
        for course_ids_item_data in self.course_ids:
            course_ids_item = str(course_ids_item_data)
            course_ids.append(course_ids_item)

        description = self.description

        validity_months = self.validity_months

        renewal_window_days = self.renewal_window_days

        expiring_notice_days = self.expiring_notice_days

        external_ids: dict[str, Any] | Unset = UNSET
        if not isinstance(self.external_ids, Unset):
            external_ids = self.external_ids.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "course_ids": course_ids,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if validity_months is not UNSET:
            field_dict["validity_months"] = validity_months
        if renewal_window_days is not UNSET:
            field_dict["renewal_window_days"] = renewal_window_days
        if expiring_notice_days is not UNSET:
            field_dict["expiring_notice_days"] = expiring_notice_days
        if external_ids is not UNSET:
            field_dict["external_ids"] = external_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.certification_program_create_external_ids import CertificationProgramCreateExternalIds  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        course_ids = []
        _course_ids = d.pop("course_ids")
        for course_ids_item_data in _course_ids:
            course_ids_item = UUID(course_ids_item_data)

            course_ids.append(course_ids_item)

        description = d.pop("description", UNSET)

        validity_months = d.pop("validity_months", UNSET)

        renewal_window_days = d.pop("renewal_window_days", UNSET)

        expiring_notice_days = d.pop("expiring_notice_days", UNSET)

        _external_ids = d.pop("external_ids", UNSET)
        external_ids: CertificationProgramCreateExternalIds | Unset
        if isinstance(_external_ids, Unset):
            external_ids = UNSET
        else:
            external_ids = CertificationProgramCreateExternalIds.from_dict(_external_ids)

        certification_program_create = cls(
            name=name,
            course_ids=course_ids,
            description=description,
            validity_months=validity_months,
            renewal_window_days=renewal_window_days,
            expiring_notice_days=expiring_notice_days,
            external_ids=external_ids,
        )

        return certification_program_create
