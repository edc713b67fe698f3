from enum import StrEnum


class HealthComponent(StrEnum):
    CERTIFICATION_COVERAGE = "certification_coverage"
    DEAL_RECENCY = "deal_recency"
    ENGAGEMENT = "engagement"
    PIPELINE_TREND = "pipeline_trend"
    WIN_RATE = "win_rate"

    def __str__(self) -> str:
        return str(self.value)
