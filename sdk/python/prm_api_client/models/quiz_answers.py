from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.quiz_answers_answers import QuizAnswersAnswers


T = TypeVar("T", bound="QuizAnswers")


@_attrs_define
class QuizAnswers:
    """The answers so far (replaces the saved ones). Saved answers count when the attempt is
    submitted, or at its deadline.

        Attributes:
            answers (QuizAnswersAnswers): Question id → the chosen option ids (one for single choice and true/false).
    """

    answers: QuizAnswersAnswers

    def to_dict(self) -> dict[str, Any]:
        answers = self.answers.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answers": answers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quiz_answers_answers import QuizAnswersAnswers  # noqa: PLC0415

        d = dict(src_dict)
        answers = QuizAnswersAnswers.from_dict(d.pop("answers"))

        quiz_answers = cls(
            answers=answers,
        )

        return quiz_answers
