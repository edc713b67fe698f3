from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.course_external_id import CourseExternalId


T = TypeVar("T", bound="ExternalCompletionCreate")


@_attrs_define
class ExternalCompletionCreate:
    """One result from another LMS. Name the user by `user_id` or `user_email` and the course
    by `course_id` or `course_external_id` (exactly one of each, else 422 `mismatch`).

        Attributes:
            external_id (str): The result's id in the sending LMS: a retry with the same id records nothing new and answers
                the first result (200); the same id with other facts is a 409 `external_completion_conflict`.
            completed_at (datetime.datetime): When the user finished, in the LMS.
            user_id (None | Unset | UUID):
            user_email (None | str | Unset):
            course_id (None | Unset | UUID):
            course_external_id (CourseExternalId | None | Unset):
            score (int | None | Unset): Percent, 0-100.
            passed (bool | None | Unset): `false` records a failure (the enrollment becomes `failed`); `true` or absent a
                completion.
    """

    external_id: str
    completed_at: datetime.datetime
    user_id: None | Unset | UUID = UNSET
    user_email: None | str | Unset = UNSET
    course_id: None | Unset | UUID = UNSET
    course_external_id: CourseExternalId | None | Unset = UNSET
    score: int | None | Unset = UNSET
    passed: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.course_external_id import CourseExternalId  # noqa: PLC0415

        external_id = self.external_id

        completed_at = self.completed_at.isoformat()

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        elif isinstance(self.user_id, UUID):
            user_id = str(self.user_id)
        else:
            user_id = self.user_id

        user_email: None | str | Unset
        if isinstance(self.user_email, Unset):
            user_email = UNSET
        else:
            user_email = self.user_email

        course_id: None | str | Unset
        if isinstance(self.course_id, Unset):
            course_id = UNSET
        elif isinstance(self.course_id, UUID):
            course_id = str(self.course_id)
        else:
            course_id = self.course_id

        course_external_id: dict[str, Any] | None | Unset
        if isinstance(self.course_external_id, Unset):
            course_external_id = UNSET
        elif isinstance(self.course_external_id, CourseExternalId):
            course_external_id = self.course_external_id.to_dict()
        else:
            course_external_id = self.course_external_id

        score: int | None | Unset
        if isinstance(self.score, Unset):
            score = UNSET
        else:
            score = self.score

        passed: bool | None | Unset
        if isinstance(self.passed, Unset):
            passed = UNSET
        else:
            passed = self.passed

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "external_id": external_id,
                "completed_at": completed_at,
            }
        )
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if user_email is not UNSET:
            field_dict["user_email"] = user_email
        if course_id is not UNSET:
            field_dict["course_id"] = course_id
        if course_external_id is not UNSET:
            field_dict["course_external_id"] = course_external_id
        if score is not UNSET:
            field_dict["score"] = score
        if passed is not UNSET:
            field_dict["passed"] = passed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.course_external_id import CourseExternalId  # noqa: PLC0415

        d = dict(src_dict)
        external_id = d.pop("external_id")

        completed_at = datetime.datetime.fromisoformat(d.pop("completed_at"))

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

        def _parse_user_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_email = _parse_user_email(d.pop("user_email", UNSET))

        def _parse_course_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                course_id_type_0 = UUID(data)

                return course_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        course_id = _parse_course_id(d.pop("course_id", UNSET))

        def _parse_course_external_id(data: object) -> CourseExternalId | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                course_external_id_type_0 = CourseExternalId.from_dict(data)

                return course_external_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CourseExternalId | None | Unset, data)

        course_external_id = _parse_course_external_id(d.pop("course_external_id", UNSET))

        def _parse_score(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        score = _parse_score(d.pop("score", UNSET))

        def _parse_passed(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        passed = _parse_passed(d.pop("passed", UNSET))

        external_completion_create = cls(
            external_id=external_id,
            completed_at=completed_at,
            user_id=user_id,
            user_email=user_email,
            course_id=course_id,
            course_external_id=course_external_id,
            score=score,
            passed=passed,
        )

        return external_completion_create
