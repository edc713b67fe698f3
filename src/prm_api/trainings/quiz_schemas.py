"""Quiz questions and attempts as the API reads and writes them.

The correct options exist in one schema only, :class:`QuizQuestion`'s
``correct_option_ids``, and the server fills it for vendor staff alone: partner tokens read
``null`` there, in every response and every event (``trainings/schemas.py`` builds the two
views). An attempt shows the questions without answers, and per-question right/wrong only
when the course allows review — never which option was right.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StringConstraints, WithJsonSchema

from prm_api.kit.render import Computed, Shape
from prm_api.kit.schemas import JSON_INTEGER, RequestModel, ResponseModel, Timestamp

#: A question's or option's id, chosen by the author (answers and correct options name them).
QuizKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,40}$")]
Prompt = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
OptionText = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Points = Annotated[int, Field(ge=1, le=100), JSON_INTEGER]
MAX_QUESTIONS = 100


class QuestionKind(StrEnum):
    single_choice = "single_choice"
    multiple_choice = "multiple_choice"
    true_false = "true_false"


class QuizOption(RequestModel):
    id: QuizKey
    text: OptionText


class QuizQuestionCreate(RequestModel):
    """One question. `single_choice` and `true_false` have exactly one correct option
    (`true_false`: exactly two options), `multiple_choice` at least one; a multiple-choice
    answer is right only when it picks exactly the correct options."""

    id: QuizKey = Field(description="Unique within the quiz.", examples=["q1"])
    kind: QuestionKind
    prompt: Prompt
    options: list[QuizOption] = Field(min_length=2, max_length=10)
    correct_option_ids: list[QuizKey] = Field(
        min_length=1, max_length=10, description="Ids among `options`; stored server-side."
    )
    points: Points = 1


class QuizQuestion(ResponseModel):
    id: str
    kind: QuestionKind
    prompt: str
    options: list[QuizOption]
    correct_option_ids: list[str] | None = Field(
        description="The options that make the answer right: vendor roles only. Partner "
        "tokens always read null, during and after an attempt."
    )
    points: int


class QuizSettingsCreate(RequestModel):
    passing_score: Annotated[int, Field(ge=1, le=100), JSON_INTEGER] = Field(
        description="Percent of the points needed to pass.", examples=[80]
    )
    time_limit_seconds: Annotated[int, Field(ge=10, le=86_400), JSON_INTEGER] | None = Field(
        default=None, description="An attempt is graded at `started_at` + this (null: no limit)."
    )
    max_attempts: Annotated[int, Field(ge=1, le=100), JSON_INTEGER] | None = Field(
        default=None, description="Null: unlimited."
    )
    cooldown_seconds: Annotated[int, Field(ge=0, le=31_536_000), JSON_INTEGER] = Field(
        default=0, description="Wait after a submitted attempt before the next may start."
    )
    questions: list[QuizQuestionCreate] = Field(min_length=1, max_length=MAX_QUESTIONS)


class QuizSettings(ResponseModel):
    passing_score: int
    time_limit_seconds: int | None
    max_attempts: int | None
    cooldown_seconds: int
    questions: list[QuizQuestion]


def questions_view(questions: list[dict[str, Any]] | None, *, vendor: bool) -> list[dict[str, Any]]:
    """The stored questions as :class:`QuizQuestion` dicts; without the correct options
    unless ``vendor``."""
    return [
        {
            "id": q["id"],
            "kind": q["kind"],
            "prompt": q["prompt"],
            "options": [{"id": o["id"], "text": o["text"]} for o in q["options"]],
            "correct_option_ids": list(q["correct_option_ids"]) if vendor else None,
            "points": q.get("points", 1),
        }
        for q in questions or []
    ]


def _vendor_questions(questions: Any) -> list[dict[str, Any]]:
    return questions_view(questions, vendor=True)


def _partner_questions(questions: Any) -> list[dict[str, Any]]:
    return questions_view(questions, vendor=False)


def quiz_shape(*, vendor: bool) -> Shape:
    return Shape(
        QuizSettings,
        when="passing_score",
        questions=Computed(_vendor_questions if vendor else _partner_questions, "questions"),
    )


# --- attempts --------------------------------------------------------------------------------


class AttemptStatus(StrEnum):
    in_progress = "in_progress"
    submitted = "submitted"


class QuestionResult(ResponseModel):
    question_id: str
    correct: bool


class QuizAttempt(ResponseModel):
    id: uuid.UUID
    enrollment_id: uuid.UUID
    module_id: uuid.UUID
    number: int = Field(description="1 for the first attempt at this quiz, and so on.")
    status: AttemptStatus
    started_at: Timestamp
    deadline_at: Timestamp | None = Field(
        description="Answers count until then; an attempt submitted later is graded as it "
        "stood at the deadline. Null: no time limit."
    )
    submitted_at: Timestamp | None
    answers: dict[str, list[str]] = Field(description="Question id → the chosen option ids.")
    score: int | None = Field(description="Percent of the points earned (once submitted).")
    passed: bool | None
    questions: list[QuizQuestion] = Field(
        description="The quiz's questions (`correct_option_ids` null for partner tokens)."
    )
    results: list[QuestionResult] | None = Field(
        description="Per question, whether the answer was right: after submission, and only "
        "when the course allows review (`allow_review`)."
    )


_KEY_PATTERN = r"^[A-Za-z0-9_-]{1,40}$"
#: Question id → chosen option ids, written out: pydantic's ``patternProperties`` would leave
#: keys off the pattern unconstrained in the document.
Answers = Annotated[
    dict[QuizKey, Annotated[list[QuizKey], Field(max_length=10)]],
    Field(max_length=MAX_QUESTIONS),
    WithJsonSchema(
        {
            "type": "object",
            "maxProperties": MAX_QUESTIONS,
            "propertyNames": {"pattern": _KEY_PATTERN},
            "additionalProperties": {
                "type": "array",
                "maxItems": 10,
                "items": {"type": "string", "pattern": _KEY_PATTERN},
            },
        }
    ),
]


class QuizAnswers(RequestModel):
    """The answers so far (replaces the saved ones). Saved answers count when the attempt is
    submitted, or at its deadline."""

    answers: Answers = Field(
        description="Question id → the chosen option ids (one for single choice and true/false).",
    )


def _results(context: Any, results: Any) -> list[dict[str, Any]] | None:
    if results is None or not context.get("allow_review"):
        return None
    return [{"question_id": k, "correct": bool(v)} for k, v in results.items()]


def _attempt_questions(context: Any) -> list[dict[str, Any]]:
    return questions_view(context["questions"], vendor=context.get("vendor", False))


#: An attempt row; ``context``: ``{"questions": the module's, "allow_review", "vendor"}``.
QUIZ_ATTEMPT = Shape(
    QuizAttempt,
    questions=Computed(_attempt_questions, context=True),
    results=Computed(_results, "results", context=True),
)
