from enum import StrEnum


class VerificationStatus(StrEnum):
    EXPIRED = "expired"
    REVOKED = "revoked"
    VALID = "valid"

    def __str__(self) -> str:
        return str(self.value)
