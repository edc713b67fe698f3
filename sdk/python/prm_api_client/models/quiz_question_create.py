from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.question_kind import QuestionKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.quiz_option import QuizOption


T = TypeVar("T", bound="QuizQuestionCreate")


@_attrs_define
class QuizQuestionCreate:
    """One question. `single_choice` and `true_false` have exactly one correct option
    (`true_false`: exactly two options), `multiple_choice` at least one; a multiple-choice
    answer is right only when it picks exactly the correct options.

        Attributes:
            id (str): Unique within the quiz.
            kind (QuestionKind):
            prompt (str):
            options (list[QuizOption]):
            correct_option_ids (list[str]): Ids among `options`; stored server-side.
            points (int | Unset):  Default: 1.
    """

    id: str
    kind: QuestionKind
    prompt: str
    options: list[QuizOption]
    correct_option_ids: list[str]
    points: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        prompt = self.prompt

        options = []
        for options_item_data in self.options:
            options_item = options_item_data.to_dict()
            options.append(options_item)

        correct_option_ids = self.correct_option_ids

        points = self.points

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "prompt": prompt,
                "options": options,
                "correct_option_ids": correct_option_ids,
            }
        )
        if points is not UNSET:
            field_dict["points"] = points

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

        correct_option_ids = cast(list[str], d.pop("correct_option_ids"))

        points = d.pop("points", UNSET)

        quiz_question_create = cls(
            id=id,
            kind=kind,
            prompt=prompt,
            options=options,
            correct_option_ids=correct_option_ids,
            points=points,
        )

        return quiz_question_create
