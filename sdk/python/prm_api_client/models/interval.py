from enum import StrEnum


class Interval(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    WEEK = "week"

    def __str__(self) -> str:
        return str(self.value)
