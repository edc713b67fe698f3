from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.quiz_settings_create import QuizSettingsCreate


T = TypeVar("T", bound="CourseModuleUpdate")


@_attrs_define
class CourseModuleUpdate:
    """Only the fields sent change; `kind` does not. `position` moves the module (the others
    shift). Changing an acknowledgement's `text` raises its `text_version`.

        Attributes:
            title (str | Unset):
            required (bool | Unset):
            position (int | Unset):
            asset_id (UUID | Unset):
            url (str | Unset):
            text (str | Unset):
            quiz (QuizSettingsCreate | Unset):
    """

    title: str | Unset = UNSET
    required: bool | Unset = UNSET
    position: int | Unset = UNSET
    asset_id: UUID | Unset = UNSET
    url: str | Unset = UNSET
    text: str | Unset = UNSET
    quiz: QuizSettingsCreate | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        required = self.required

        position = self.position

        asset_id: str | Unset = UNSET
        if not isinstance(self.asset_id, Unset):
            asset_id = str(self.asset_id)

        url = self.url

        text = self.text

        quiz: dict[str, Any] | Unset = UNSET
        if not isinstance(self.quiz, Unset):
            quiz = self.quiz.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if required is not UNSET:
            field_dict["required"] = required
        if position is not UNSET:
            field_dict["position"] = position
        if asset_id is not UNSET:
            field_dict["asset_id"] = asset_id
        if url is not UNSET:
            field_dict["url"] = url
        if text is not UNSET:
            field_dict["text"] = text
        if quiz is not UNSET:
            field_dict["quiz"] = quiz

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quiz_settings_create import QuizSettingsCreate  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title", UNSET)

        required = d.pop("required", UNSET)

        position = d.pop("position", UNSET)

        _asset_id = d.pop("asset_id", UNSET)
        asset_id: UUID | Unset
        if isinstance(_asset_id, Unset):
            asset_id = UNSET
        else:
            asset_id = UUID(_asset_id)

        url = d.pop("url", UNSET)

        text = d.pop("text", UNSET)

        _quiz = d.pop("quiz", UNSET)
        quiz: QuizSettingsCreate | Unset
        if isinstance(_quiz, Unset):
            quiz = UNSET
        else:
            quiz = QuizSettingsCreate.from_dict(_quiz)

        course_module_update = cls(
            title=title,
            required=required,
            position=position,
            asset_id=asset_id,
            url=url,
            text=text,
            quiz=quiz,
        )

        return course_module_update
