from enum import StrEnum


class EvaluationTrigger(StrEnum):
    REQUEST = "request"
    SCHEDULE = "schedule"

    def __str__(self) -> str:
        return str(self.value)
