from enum import StrEnum


class MeSubjectType(StrEnum):
    CLIENT = "client"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
