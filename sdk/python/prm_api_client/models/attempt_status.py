from enum import StrEnum


class AttemptStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
