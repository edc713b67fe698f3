from enum import StrEnum


class TiersListSort(StrEnum):
    CREATED_AT = "created_at"
    NAME = "name"
    RANK = "rank"
    VALUE_1 = "-rank"
    VALUE_3 = "-name"
    VALUE_5 = "-created_at"

    def __str__(self) -> str:
        return str(self.value)
