from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EnrollmentCreate")


@_attrs_define
class EnrollmentCreate:
    """`{course_id}` alone: the caller (a partner user) enrolls themself. With `user_id`: an
    assignment — a partner admin assigns users of its own partner, vendor staff any partner
    user.

        Attributes:
            course_id (UUID):
            user_id (None | Unset | UUID): Assignments only.
            due_at (datetime.datetime | None | Unset): Assignments only.
    """

    course_id: UUID
    user_id: None | Unset | UUID = UNSET
    due_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        course_id = str(self.course_id)

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        elif isinstance(self.user_id, UUID):
            user_id = str(self.user_id)
        else:
            user_id = self.user_id

        due_at: None | str | Unset
        if isinstance(self.due_at, Unset):
            due_at = UNSET
        elif isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "course_id": course_id,
            }
        )
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if due_at is not UNSET:
            field_dict["due_at"] = due_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        course_id = UUID(d.pop("course_id"))

        def _parse_user_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                user_id_type_0 = UUID(data)

                return user_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        def _parse_due_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)

                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        due_at = _parse_due_at(d.pop("due_at", UNSET))

        enrollment_create = cls(
            course_id=course_id,
            user_id=user_id,
            due_at=due_at,
        )

        return enrollment_create
