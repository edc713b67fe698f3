from enum import StrEnum


class DealsListSort(StrEnum):
    AMOUNT = "amount"
    CREATED_AT = "created_at"
    EXPECTED_CLOSE_DATE = "expected_close_date"
    UPDATED_AT = "updated_at"
    VALUE_1 = "-created_at"
    VALUE_3 = "-updated_at"
    VALUE_5 = "-amount"
    VALUE_7 = "-expected_close_date"

    def __str__(self) -> str:
        return str(self.value)
