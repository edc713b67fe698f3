from enum import StrEnum


class PartnerStatus(StrEnum):
    ACTIVE = "active"
    APPLIED = "applied"
    DECLINED = "declined"
    ONBOARDING = "onboarding"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"

    def __str__(self) -> str:
        return str(self.value)
