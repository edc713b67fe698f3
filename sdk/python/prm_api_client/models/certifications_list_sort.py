from enum import StrEnum


class CertificationsListSort(StrEnum):
    CREATED_AT = "created_at"
    EXPIRES_AT = "expires_at"
    ISSUED_AT = "issued_at"
    VALUE_1 = "-created_at"
    VALUE_3 = "-issued_at"
    VALUE_5 = "-expires_at"

    def __str__(self) -> str:
        return str(self.value)
