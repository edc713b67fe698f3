from enum import StrEnum


class DealStatus(StrEnum):
    APPROVED = "approved"
    DRAFT = "draft"
    EXPIRED = "expired"
    LOST = "lost"
    REJECTED = "rejected"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    WON = "won"

    def __str__(self) -> str:
        return str(self.value)
