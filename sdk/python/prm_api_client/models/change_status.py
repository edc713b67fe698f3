from enum import StrEnum


class ChangeStatus(StrEnum):
    ACCEPTED = "accepted"
    APPLIED = "applied"
    CANCELLED = "cancelled"
    PENDING_GRACE = "pending_grace"
    PROPOSED = "proposed"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
