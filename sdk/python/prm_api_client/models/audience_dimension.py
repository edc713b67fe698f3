from enum import StrEnum


class AudienceDimension(StrEnum):
    COUNTRY = "country"
    PARTNER_TYPE = "partner_type"
    REGION = "region"
    TIER = "tier"

    def __str__(self) -> str:
        return str(self.value)
