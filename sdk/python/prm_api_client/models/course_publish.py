from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CoursePublish")


@_attrs_define
class CoursePublish:
    """
    Attributes:
        reset_progress (bool | Unset): When publishing a new content version: also restart the active enrollments on it
            (their module progress and quiz attempts are cleared). By default enrolled people keep their progress. Default:
            False.
    """

    reset_progress: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        reset_progress = self.reset_progress

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if reset_progress is not UNSET:
            field_dict["reset_progress"] = reset_progress

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reset_progress = d.pop("reset_progress", UNSET)

        course_publish = cls(
            reset_progress=reset_progress,
        )

        return course_publish
