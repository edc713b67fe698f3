from enum import StrEnum


class EnrollmentSource(StrEnum):
    ASSIGNED = "assigned"
    EXTERNAL = "external"
    SELF = "self"

    def __str__(self) -> str:
        return str(self.value)
