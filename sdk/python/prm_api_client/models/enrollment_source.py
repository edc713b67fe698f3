from enum import StrEnum


class EnrollmentSource(StrEnum):
    ASSIGNED = "assigned"
    SELF = "self"

    def __str__(self) -> str:
        return str(self.value)
