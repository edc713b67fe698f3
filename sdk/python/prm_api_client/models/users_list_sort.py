from enum import StrEnum


class UsersListSort(StrEnum):
    CREATED_AT = "created_at"
    EMAIL = "email"
    NAME = "name"
    VALUE_1 = "-created_at"
    VALUE_3 = "-email"
    VALUE_5 = "-name"

    def __str__(self) -> str:
        return str(self.value)
