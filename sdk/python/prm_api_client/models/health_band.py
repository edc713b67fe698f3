from enum import StrEnum


class HealthBand(StrEnum):
    AT_RISK = "at_risk"
    CRITICAL = "critical"
    HEALTHY = "healthy"

    def __str__(self) -> str:
        return str(self.value)
