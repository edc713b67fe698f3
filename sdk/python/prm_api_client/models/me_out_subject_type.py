from enum import StrEnum


class MeOutSubjectType(StrEnum):
    CLIENT = "client"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
