from enum import StrEnum


class DealStage(StrEnum):
    COMMIT = "commit"
    NEGOTIATION = "negotiation"
    PROPOSAL = "proposal"
    QUALIFICATION = "qualification"

    def __str__(self) -> str:
        return str(self.value)
