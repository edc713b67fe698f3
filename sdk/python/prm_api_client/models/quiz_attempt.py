from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attempt_status import AttemptStatus

if TYPE_CHECKING:
    from ..models.question_result import QuestionResult
    from ..models.quiz_attempt_answers import QuizAttemptAnswers
    from ..models.quiz_question import QuizQuestion


T = TypeVar("T", bound="QuizAttempt")


@_attrs_define
class QuizAttempt:
    """
    Attributes:
        id (UUID):
        enrollment_id (UUID):
        module_id (UUID):
        number (int): 1 for the first attempt at this quiz, and so on.
        status (AttemptStatus):
        started_at (datetime.datetime):
        deadline_at (datetime.datetime | None): Answers count until then; an attempt submitted later is graded as it
            stood at the deadline. Null: no time limit.
        submitted_at (datetime.datetime | None):
        answers (QuizAttemptAnswers): Question id → the chosen option ids.
        score (int | None): Percent of the points earned (once submitted).
        passed (bool | None):
        questions (list[QuizQuestion]): The quiz's questions (`correct_option_ids` null for partner tokens).
        results (list[QuestionResult] | None): Per question, whether the answer was right: after submission, and only
            when the course allows review (`allow_review`).
    """

    id: UUID
    enrollment_id: UUID
    module_id: UUID
    number: int
    status: AttemptStatus
    started_at: datetime.datetime
    deadline_at: datetime.datetime | None
    submitted_at: datetime.datetime | None
    answers: QuizAttemptAnswers
    score: int | None
    passed: bool | None
    questions: list[QuizQuestion]
    results: list[QuestionResult] | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        enrollment_id = str(self.enrollment_id)

        module_id = str(self.module_id)

        number = self.number

        status = self.status.value

        started_at = self.started_at.isoformat()

        deadline_at: None | str
        if isinstance(self.deadline_at, datetime.datetime):
            deadline_at = self.deadline_at.isoformat()
        else:
            deadline_at = self.deadline_at

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        answers = self.answers.to_dict()

        score: int | None
        score = self.score

        passed: bool | None
        passed = self.passed

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        results: list[dict[str, Any]] | None
        if isinstance(self.results, list):
            results = []
            for results_type_0_item_data in self.results:
                results_type_0_item = results_type_0_item_data.to_dict()
                results.append(results_type_0_item)

        else:
            results = self.results

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "enrollment_id": enrollment_id,
                "module_id": module_id,
                "number": number,
                "status": status,
                "started_at": started_at,
                "deadline_at": deadline_at,
                "submitted_at": submitted_at,
                "answers": answers,
                "score": score,
                "passed": passed,
                "questions": questions,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question_result import QuestionResult  # noqa: PLC0415
        from ..models.quiz_attempt_answers import QuizAttemptAnswers  # noqa: PLC0415
        from ..models.quiz_question import QuizQuestion  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        enrollment_id = UUID(d.pop("enrollment_id"))

        module_id = UUID(d.pop("module_id"))

        number = d.pop("number")

        status = AttemptStatus(d.pop("status"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        def _parse_deadline_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_at_type_0 = datetime.datetime.fromisoformat(data)

                return deadline_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deadline_at = _parse_deadline_at(d.pop("deadline_at"))

        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)

                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))

        answers = QuizAttemptAnswers.from_dict(d.pop("answers"))

        def _parse_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        score = _parse_score(d.pop("score"))

        def _parse_passed(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        passed = _parse_passed(d.pop("passed"))

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = QuizQuestion.from_dict(questions_item_data)

            questions.append(questions_item)

        def _parse_results(data: object) -> list[QuestionResult] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                results_type_0 = []
                _results_type_0 = data
                for results_type_0_item_data in _results_type_0:
                    results_type_0_item = QuestionResult.from_dict(results_type_0_item_data)

                    results_type_0.append(results_type_0_item)

                return results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[QuestionResult] | None, data)

        results = _parse_results(d.pop("results"))

        quiz_attempt = cls(
            id=id,
            enrollment_id=enrollment_id,
            module_id=module_id,
            number=number,
            status=status,
            started_at=started_at,
            deadline_at=deadline_at,
            submitted_at=submitted_at,
            answers=answers,
            score=score,
            passed=passed,
            questions=questions,
            results=results,
        )

        quiz_attempt.additional_properties = d
        return quiz_attempt

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
