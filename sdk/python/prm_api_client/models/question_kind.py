from enum import StrEnum


class QuestionKind(StrEnum):
    MULTIPLE_CHOICE = "multiple_choice"
    SINGLE_CHOICE = "single_choice"
    TRUE_FALSE = "true_false"

    def __str__(self) -> str:
        return str(self.value)
