from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.enrollment_source import EnrollmentSource
from ..models.enrollment_status import EnrollmentStatus

if TYPE_CHECKING:
    from ..models.module_progress import ModuleProgress
    from ..models.progress_summary import ProgressSummary


T = TypeVar("T", bound="Enrollment")


@_attrs_define
class Enrollment:
    """
    Attributes:
        id (UUID):
        course_id (UUID):
        user_id (UUID):
        partner_id (UUID):
        status (EnrollmentStatus):
        source (EnrollmentSource):
        assigned_by (None | str): The user or client that assigned it.
        due_at (datetime.datetime | None):
        course_version (int): The course's `content_version` it follows.
        started_at (datetime.datetime | None):
        completed_at (datetime.datetime | None):
        failed_at (datetime.datetime | None):
        score (int | None): The average of its quizzes' scores, once completed.
        progress (ProgressSummary):
        modules (list[ModuleProgress]): Each module of the course, in order.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    course_id: UUID
    user_id: UUID
    partner_id: UUID
    status: EnrollmentStatus
    source: EnrollmentSource
    assigned_by: None | str
    due_at: datetime.datetime | None
    course_version: int
    started_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    failed_at: datetime.datetime | None
    score: int | None
    progress: ProgressSummary
    modules: list[ModuleProgress]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        course_id = str(self.course_id)

        user_id = str(self.user_id)

        partner_id = str(self.partner_id)

        status = self.status.value

        source = self.source.value

        assigned_by: None | str
        assigned_by = self.assigned_by

        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        course_version = self.course_version

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        failed_at: None | str
        if isinstance(self.failed_at, datetime.datetime):
            failed_at = self.failed_at.isoformat()
        else:
            failed_at = self.failed_at

        score: int | None
        score = self.score

        progress = self.progress.to_dict()

        modules = []
        for modules_item_data in self.modules:
            modules_item = modules_item_data.to_dict()
            modules.append(modules_item)

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "course_id": course_id,
                "user_id": user_id,
                "partner_id": partner_id,
                "status": status,
                "source": source,
                "assigned_by": assigned_by,
                "due_at": due_at,
                "course_version": course_version,
                "started_at": started_at,
                "completed_at": completed_at,
                "failed_at": failed_at,
                "score": score,
                "progress": progress,
                "modules": modules,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.module_progress import ModuleProgress  # noqa: PLC0415
        from ..models.progress_summary import ProgressSummary  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        course_id = UUID(d.pop("course_id"))

        user_id = UUID(d.pop("user_id"))

        partner_id = UUID(d.pop("partner_id"))

        status = EnrollmentStatus(d.pop("status"))

        source = EnrollmentSource(d.pop("source"))

        def _parse_assigned_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assigned_by = _parse_assigned_by(d.pop("assigned_by"))

        def _parse_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)

                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due_at = _parse_due_at(d.pop("due_at"))

        course_version = d.pop("course_version")

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        def _parse_failed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                failed_at_type_0 = datetime.datetime.fromisoformat(data)

                return failed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        failed_at = _parse_failed_at(d.pop("failed_at"))

        def _parse_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        score = _parse_score(d.pop("score"))

        progress = ProgressSummary.from_dict(d.pop("progress"))

        modules = []
        _modules = d.pop("modules")
        for modules_item_data in _modules:
            modules_item = ModuleProgress.from_dict(modules_item_data)

            modules.append(modules_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        enrollment = cls(
            id=id,
            course_id=course_id,
            user_id=user_id,
            partner_id=partner_id,
            status=status,
            source=source,
            assigned_by=assigned_by,
            due_at=due_at,
            course_version=course_version,
            started_at=started_at,
            completed_at=completed_at,
            failed_at=failed_at,
            score=score,
            progress=progress,
            modules=modules,
            created_at=created_at,
            updated_at=updated_at,
        )

        enrollment.additional_properties = d
        return enrollment

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
