from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.quiz_question import QuizQuestion


T = TypeVar("T", bound="QuizSettings")


@_attrs_define
class QuizSettings:
    """
    Attributes:
        passing_score (int):
        time_limit_seconds (int | None):
        max_attempts (int | None):
        cooldown_seconds (int):
        questions (list[QuizQuestion]):
    """

    passing_score: int
    time_limit_seconds: int | None
    max_attempts: int | None
    cooldown_seconds: int
    questions: list[QuizQuestion]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        passing_score = self.passing_score

        time_limit_seconds: int | None
        time_limit_seconds = self.time_limit_seconds

        max_attempts: int | None
        max_attempts = self.max_attempts

        cooldown_seconds = self.cooldown_seconds

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "passing_score": passing_score,
                "time_limit_seconds": time_limit_seconds,
                "max_attempts": max_attempts,
                "cooldown_seconds": cooldown_seconds,
                "questions": questions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quiz_question import QuizQuestion  # noqa: PLC0415

        d = dict(src_dict)
        passing_score = d.pop("passing_score")

        def _parse_time_limit_seconds(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        time_limit_seconds = _parse_time_limit_seconds(d.pop("time_limit_seconds"))

        def _parse_max_attempts(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_attempts = _parse_max_attempts(d.pop("max_attempts"))

        cooldown_seconds = d.pop("cooldown_seconds")

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = QuizQuestion.from_dict(questions_item_data)

            questions.append(questions_item)

        quiz_settings = cls(
            passing_score=passing_score,
            time_limit_seconds=time_limit_seconds,
            max_attempts=max_attempts,
            cooldown_seconds=cooldown_seconds,
            questions=questions,
        )

        quiz_settings.additional_properties = d
        return quiz_settings

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
