from enum import StrEnum


class Dimension(StrEnum):
    COUNTRY = "country"
    CURRENCY = "currency"
    PARTNER = "partner"
    PARTNER_TYPE = "partner_type"
    TIER = "tier"

    def __str__(self) -> str:
        return str(self.value)
