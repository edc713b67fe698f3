from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.module_kind import ModuleKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.quiz_settings_create import QuizSettingsCreate


T = TypeVar("T", bound="CourseModuleCreate")


@_attrs_define
class CourseModuleCreate:
    """A module; the fields of its `kind` only (`asset_id` for content, `url` for link,
    `text` for acknowledgement, `quiz` for quiz): another kind's field is a 422 `mismatch`.

        Attributes:
            kind (ModuleKind):
            title (str):
            required (bool | Unset):  Default: True.
            position (int | None | Unset): Where to insert it (default: last); later ones move down.
            asset_id (None | Unset | UUID):
            url (None | str | Unset):
            text (None | str | Unset):
            quiz (None | QuizSettingsCreate | Unset):
    """

    kind: ModuleKind
    title: str
    required: bool | Unset = True
    position: int | None | Unset = UNSET
    asset_id: None | Unset | UUID = UNSET
    url: None | str | Unset = UNSET
    text: None | str | Unset = UNSET
    quiz: None | QuizSettingsCreate | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.quiz_settings_create import QuizSettingsCreate  # noqa: PLC0415

        kind = self.kind.value

        title = self.title

        required = self.required

        position: int | None | Unset
        if isinstance(self.position, Unset):
            position = UNSET
        else:
            position = self.position

        asset_id: None | str | Unset
        if isinstance(self.asset_id, Unset):
            asset_id = UNSET
        elif isinstance(self.asset_id, UUID):
            asset_id = str(self.asset_id)
        else:
            asset_id = self.asset_id

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        quiz: dict[str, Any] | None | Unset
        if isinstance(self.quiz, Unset):
            quiz = UNSET
        elif isinstance(self.quiz, QuizSettingsCreate):
            quiz = self.quiz.to_dict()
        else:
            quiz = self.quiz

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "title": title,
            }
        )
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
        kind = ModuleKind(d.pop("kind"))

        title = d.pop("title")

        required = d.pop("required", UNSET)

        def _parse_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        position = _parse_position(d.pop("position", UNSET))

        def _parse_asset_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                asset_id_type_0 = UUID(data)

                return asset_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        asset_id = _parse_asset_id(d.pop("asset_id", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        def _parse_quiz(data: object) -> None | QuizSettingsCreate | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quiz_type_0 = QuizSettingsCreate.from_dict(data)

                return quiz_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuizSettingsCreate | Unset, data)

        quiz = _parse_quiz(d.pop("quiz", UNSET))

        course_module_create = cls(
            kind=kind,
            title=title,
            required=required,
            position=position,
            asset_id=asset_id,
            url=url,
            text=text,
            quiz=quiz,
        )

        return course_module_create
