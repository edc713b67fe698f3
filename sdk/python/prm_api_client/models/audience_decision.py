from enum import StrEnum


class AudienceDecision(StrEnum):
    CRITERIA = "criteria"
    EVERYONE = "everyone"
    EXCLUDED = "excluded"
    NAMED_PARTNER = "named_partner"
    NO_MATCHING_RULE = "no_matching_rule"
    VENDOR_ONLY = "vendor_only"

    def __str__(self) -> str:
        return str(self.value)
