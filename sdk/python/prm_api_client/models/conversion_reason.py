from enum import StrEnum


class ConversionReason(StrEnum):
    NO_RATE_IN_MONTH = "no_rate_in_month"
    OUT_OF_RANGE = "out_of_range"

    def __str__(self) -> str:
        return str(self.value)
