from enum import StrEnum


class PartnerType(StrEnum):
    AFFILIATE = "affiliate"
    DISTRIBUTOR = "distributor"
    MSP = "msp"
    REFERRAL = "referral"
    RESELLER = "reseller"
    TECHNOLOGY = "technology"

    def __str__(self) -> str:
        return str(self.value)
