from enum import StrEnum


class EvaluationStatus(StrEnum):
    APPLIED = "applied"
    COMPLETED = "completed"
    PROPOSED = "proposed"

    def __str__(self) -> str:
        return str(self.value)
