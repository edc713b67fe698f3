from enum import StrEnum


class ModuleState(StrEnum):
    COMPLETED = "completed"
    FAILED = "failed"
    NOT_STARTED = "not_started"

    def __str__(self) -> str:
        return str(self.value)
