from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.question_kind import QuestionKind

if TYPE_CHECKING:
    from ..models.quiz_option import QuizOption


T = TypeVar("T", bound="QuizQuestion")


@_attrs_define
class QuizQuestion:
    """
    Attributes:
        id (str):
        kind (QuestionKind):
        prompt (str):
        options (list[QuizOption]):
        correct_option_ids (list[str] | None): The options that make the answer right: vendor roles only. Partner tokens
            always read null, during and after an attempt.
        points (int):
    """

    id: str
    kind: QuestionKind
    prompt: str
    options: list[QuizOption]
    correct_option_ids: list[str] | None
    points: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        prompt = self.prompt

        options = []
        for options_item_data in self.options:
            options_item = options_item_data.to_dict()
            options.append(options_item)

        correct_option_ids: list[str] | None
        if isinstance(self.correct_option_ids, list):
            correct_option_ids = self.correct_option_ids

        else:
            correct_option_ids = self.correct_option_ids

        points = self.points

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "prompt": prompt,
                "options": options,
                "correct_option_ids": correct_option_ids,
                "points": points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quiz_option import QuizOption  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        kind = QuestionKind(d.pop("kind"))

        prompt = d.pop("prompt")

        options = []
        _options = d.pop("options")
        for options_item_data in _options:
            options_item = QuizOption.from_dict(options_item_data)

            options.append(options_item)

        def _parse_correct_option_ids(data: object) -> list[str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                correct_option_ids_type_0 = cast(list[str], data)

                return correct_option_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None, data)

        correct_option_ids = _parse_correct_option_ids(d.pop("correct_option_ids"))

        points = d.pop("points")

        quiz_question = cls(
            id=id,
            kind=kind,
            prompt=prompt,
            options=options,
            correct_option_ids=correct_option_ids,
            points=points,
        )

        quiz_question.additional_properties = d
        return quiz_question

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
