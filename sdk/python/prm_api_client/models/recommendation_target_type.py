from enum import StrEnum


class RecommendationTargetType(StrEnum):
    ASSET = "asset"
    CERTIFICATION = "certification"
    CERTIFICATION_PROGRAM = "certification_program"
    COURSE = "course"
    DEAL = "deal"

    def __str__(self) -> str:
        return str(self.value)
