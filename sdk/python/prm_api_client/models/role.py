from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CHANNEL_MANAGER = "channel_manager"
    PARTNER_ADMIN = "partner_admin"
    PARTNER_USER = "partner_user"

    def __str__(self) -> str:
        return str(self.value)
