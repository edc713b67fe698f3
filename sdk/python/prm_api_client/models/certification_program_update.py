from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.certification_program_status import CertificationProgramStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.certification_program_update_external_ids_type_0 import CertificationProgramUpdateExternalIdsType0


T = TypeVar("T", bound="CertificationProgramUpdate")


@_attrs_define
class CertificationProgramUpdate:
    """Only the fields sent change; new rules apply to what is issued from now on.

    Attributes:
        name (str | Unset):
        description (str | Unset):
        course_ids (list[UUID] | Unset):
        validity_months (int | Unset):
        renewal_window_days (int | Unset):
        expiring_notice_days (int | Unset):
        status (CertificationProgramStatus | Unset):
        external_ids (CertificationProgramUpdateExternalIdsType0 | None | Unset):
    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    course_ids: list[UUID] | Unset = UNSET
    validity_months: int | Unset = UNSET
    renewal_window_days: int | Unset = UNSET
    expiring_notice_days: int | Unset = UNSET
    status: CertificationProgramStatus | Unset = UNSET
    external_ids: CertificationProgramUpdateExternalIdsType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.certification_program_update_external_ids_type_0 import CertificationProgramUpdateExternalIdsType0  # noqa: PLC0415

        name = self.name

        description = self.description

        course_ids: list[str] | Unset = UNSET
        if not isinstance(self.course_ids, Unset):
            course_ids = []
            for course_ids_item_data in self.course_ids:
                course_ids_item = str(course_ids_item_data)
                course_ids.append(course_ids_item)

        validity_months = self.validity_months

        renewal_window_days = self.renewal_window_days

        expiring_notice_days = self.expiring_notice_days

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        external_ids: dict[str, Any] | None | Unset
        if isinstance(self.external_ids, Unset):
            external_ids = UNSET
        elif isinstance(self.external_ids, CertificationProgramUpdateExternalIdsType0):
            external_ids = self.external_ids.to_dict()
        else:
            external_ids = self.external_ids

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if course_ids is not UNSET:
            field_dict["course_ids"] = course_ids
        if validity_months is not UNSET:
            field_dict["validity_months"] = validity_months
        if renewal_window_days is not UNSET:
            field_dict["renewal_window_days"] = renewal_window_days
        if expiring_notice_days is not UNSET:
            field_dict["expiring_notice_days"] = expiring_notice_days
        if status is not UNSET:
            field_dict["status"] = status
        if external_ids is not UNSET:
            field_dict["external_ids"] = external_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.certification_program_update_external_ids_type_0 import CertificationProgramUpdateExternalIdsType0  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        _course_ids = d.pop("course_ids", UNSET)
        course_ids: list[UUID] | Unset = UNSET
        if _course_ids is not UNSET:
            course_ids = []
            for course_ids_item_data in _course_ids:
                course_ids_item = UUID(course_ids_item_data)

                course_ids.append(course_ids_item)

        validity_months = d.pop("validity_months", UNSET)

        renewal_window_days = d.pop("renewal_window_days", UNSET)

        expiring_notice_days = d.pop("expiring_notice_days", UNSET)

        _status = d.pop("status", UNSET)
        status: CertificationProgramStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = CertificationProgramStatus(_status)

        def _parse_external_ids(data: object) -> CertificationProgramUpdateExternalIdsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                external_ids_type_0 = CertificationProgramUpdateExternalIdsType0.from_dict(data)

                return external_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CertificationProgramUpdateExternalIdsType0 | None | Unset, data)

        external_ids = _parse_external_ids(d.pop("external_ids", UNSET))

        certification_program_update = cls(
            name=name,
            description=description,
            course_ids=course_ids,
            validity_months=validity_months,
            renewal_window_days=renewal_window_days,
            expiring_notice_days=expiring_notice_days,
            status=status,
            external_ids=external_ids,
        )

        return certification_program_update
