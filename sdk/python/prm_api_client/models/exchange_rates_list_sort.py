from enum import StrEnum


class ExchangeRatesListSort(StrEnum):
    RATE_DATE = "rate_date"
    VALUE_1 = "-rate_date"

    def __str__(self) -> str:
        return str(self.value)
