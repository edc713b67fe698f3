from enum import StrEnum


class PartnerRole(StrEnum):
    PARTNER_ADMIN = "partner_admin"
    PARTNER_USER = "partner_user"

    def __str__(self) -> str:
        return str(self.value)
