from enum import StrEnum


class Unit(StrEnum):
    COUNT = "count"
    DAYS = "days"
    HOURS = "hours"
    MONEY = "money"
    RATIO = "ratio"

    def __str__(self) -> str:
        return str(self.value)
