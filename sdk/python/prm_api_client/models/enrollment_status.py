from enum import StrEnum


class EnrollmentStatus(StrEnum):
    COMPLETED = "completed"
    ENROLLED = "enrolled"
    EXPIRED = "expired"
    FAILED = "failed"
    IN_PROGRESS = "in_progress"

    def __str__(self) -> str:
        return str(self.value)
