from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.module_kind import ModuleKind

if TYPE_CHECKING:
    from ..models.quiz_settings import QuizSettings


T = TypeVar("T", bound="CourseModule")


@_attrs_define
class CourseModule:
    """
    Attributes:
        id (UUID):
        course_id (UUID):
        position (int): Order within the course (0 first).
        kind (ModuleKind):
        title (str):
        required (bool): Counts towards completing the course.
        asset_id (None | UUID): `content`: the asset; done when the user downloads it through the API.
        url (None | str): `link`: the address; done when the user says so.
        text (None | str): `acknowledgement`: the text the user accepts.
        text_version (int | None): `acknowledgement`: +1 whenever the text changes; acceptances record it.
        quiz (None | QuizSettings): `quiz`: its settings and questions.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    course_id: UUID
    position: int
    kind: ModuleKind
    title: str
    required: bool
    asset_id: None | UUID
    url: None | str
    text: None | str
    text_version: int | None
    quiz: None | QuizSettings
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.quiz_settings import QuizSettings  # noqa: PLC0415

        id = str(self.id)

        course_id = str(self.course_id)

        position = self.position

        kind = self.kind.value

        title = self.title

        required = self.required

        asset_id: None | str
        if isinstance(self.asset_id, UUID):
            asset_id = str(self.asset_id)
        else:
            asset_id = self.asset_id

        url: None | str
        url = self.url

        text: None | str
        text = self.text

        text_version: int | None
        text_version = self.text_version

        quiz: dict[str, Any] | None
        if isinstance(self.quiz, QuizSettings):
            quiz = self.quiz.to_dict()
        else:
            quiz = self.quiz

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "course_id": course_id,
                "position": position,
                "kind": kind,
                "title": title,
                "required": required,
                "asset_id": asset_id,
                "url": url,
                "text": text,
                "text_version": text_version,
                "quiz": quiz,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quiz_settings import QuizSettings  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        course_id = UUID(d.pop("course_id"))

        position = d.pop("position")

        kind = ModuleKind(d.pop("kind"))

        title = d.pop("title")

        required = d.pop("required")

        def _parse_asset_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                asset_id_type_0 = UUID(data)

                return asset_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        asset_id = _parse_asset_id(d.pop("asset_id"))

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        def _parse_text(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        text = _parse_text(d.pop("text"))

        def _parse_text_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        text_version = _parse_text_version(d.pop("text_version"))

        def _parse_quiz(data: object) -> None | QuizSettings:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quiz_type_0 = QuizSettings.from_dict(data)

                return quiz_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuizSettings, data)

        quiz = _parse_quiz(d.pop("quiz"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        course_module = cls(
            id=id,
            course_id=course_id,
            position=position,
            kind=kind,
            title=title,
            required=required,
            asset_id=asset_id,
            url=url,
            text=text,
            text_version=text_version,
            quiz=quiz,
            created_at=created_at,
            updated_at=updated_at,
        )

        course_module.additional_properties = d
        return course_module

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
