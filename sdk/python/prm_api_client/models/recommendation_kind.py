from enum import StrEnum


class RecommendationKind(StrEnum):
    EARN_CERTIFICATION = "earn_certification"
    EXTEND_DEAL_PROTECTION = "extend_deal_protection"
    RENEW_CERTIFICATION = "renew_certification"
    TAKE_COURSE = "take_course"
    USE_ASSET = "use_asset"

    def __str__(self) -> str:
        return str(self.value)
