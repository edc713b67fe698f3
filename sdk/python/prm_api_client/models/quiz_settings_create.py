from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.quiz_question_create import QuizQuestionCreate


T = TypeVar("T", bound="QuizSettingsCreate")


@_attrs_define
class QuizSettingsCreate:
    """
    Attributes:
        passing_score (int): Percent of the points needed to pass.
        questions (list[QuizQuestionCreate]):
        time_limit_seconds (int | None | Unset): An attempt is graded at `started_at` + this (null: no limit).
        max_attempts (int | None | Unset): Null: unlimited.
        cooldown_seconds (int | Unset): Wait after a submitted attempt before the next may start. Default: 0.
    """

    passing_score: int
    questions: list[QuizQuestionCreate]
    time_limit_seconds: int | None | Unset = UNSET
    max_attempts: int | None | Unset = UNSET
    cooldown_seconds: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        passing_score = self.passing_score

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        time_limit_seconds: int | None | Unset
        if isinstance(self.time_limit_seconds, Unset):
            time_limit_seconds = UNSET
        else:
            time_limit_seconds = self.time_limit_seconds

        max_attempts: int | None | Unset
        if isinstance(self.max_attempts, Unset):
            max_attempts = UNSET
        else:
            max_attempts = self.max_attempts

        cooldown_seconds = self.cooldown_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "passing_score": passing_score,
                "questions": questions,
            }
        )
        if time_limit_seconds is not UNSET:
            field_dict["time_limit_seconds"] = time_limit_seconds
        if max_attempts is not UNSET:
            field_dict["max_attempts"] = max_attempts
        if cooldown_seconds is not UNSET:
            field_dict["cooldown_seconds"] = cooldown_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quiz_question_create import QuizQuestionCreate  # noqa: PLC0415

        d = dict(src_dict)
        passing_score = d.pop("passing_score")

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = QuizQuestionCreate.from_dict(questions_item_data)

            questions.append(questions_item)

        def _parse_time_limit_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        time_limit_seconds = _parse_time_limit_seconds(d.pop("time_limit_seconds", UNSET))

        def _parse_max_attempts(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_attempts = _parse_max_attempts(d.pop("max_attempts", UNSET))

        cooldown_seconds = d.pop("cooldown_seconds", UNSET)

        quiz_settings_create = cls(
            passing_score=passing_score,
            questions=questions,
            time_limit_seconds=time_limit_seconds,
            max_attempts=max_attempts,
            cooldown_seconds=cooldown_seconds,
        )

        return quiz_settings_create
